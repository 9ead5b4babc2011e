-- Official Account rules of design.md §4.2-4.3 that hold whatever the code does.
-- Times come from the row (written by the app from lib/clock), never from now().

-- Account type and subject are fixed once chosen; the introduction changes at most once
-- per calendar month (in the agency's time zone) after registration; an operator is 18
-- or older on the day they are set.
CREATE FUNCTION weidesk_official_account_rules() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  zone text;
  born date;
BEGIN
  SELECT a.time_zone INTO zone FROM agencies a WHERE a.id = NEW.agency_id;
  zone := coalesce(zone, 'Asia/Shanghai');

  IF TG_OP = 'UPDATE' THEN
    IF OLD.account_type IS NOT NULL AND NEW.account_type IS DISTINCT FROM OLD.account_type THEN
      RAISE EXCEPTION 'the account type cannot change once chosen'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'official_accounts_type_fixed';
    END IF;
    IF NEW.client_company_id <> OLD.client_company_id OR NEW.subject_kind <> OLD.subject_kind THEN
      RAISE EXCEPTION 'the subject of an Official Account cannot change'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'official_accounts_subject_fixed';
    END IF;
    IF OLD.registered_at IS NOT NULL AND NEW.introduction IS DISTINCT FROM OLD.introduction THEN
      IF NEW.intro_changed_at IS NULL OR NEW.intro_changed_at IS NOT DISTINCT FROM OLD.intro_changed_at THEN
        RAISE EXCEPTION 'a changed introduction needs intro_changed_at'
          USING ERRCODE = 'check_violation', CONSTRAINT = 'official_accounts_intro_changed_at';
      END IF;
      IF OLD.intro_changed_at IS NOT NULL
         AND date_trunc('month', NEW.intro_changed_at AT TIME ZONE zone)
           = date_trunc('month', OLD.intro_changed_at AT TIME ZONE zone) THEN
        RAISE EXCEPTION 'the introduction was already changed this calendar month'
          USING ERRCODE = 'check_violation', CONSTRAINT = 'official_accounts_intro_once_a_month';
      END IF;
    END IF;
  END IF;

  IF NEW.operator_person_id IS NOT NULL
     AND (TG_OP = 'INSERT' OR NEW.operator_person_id IS DISTINCT FROM OLD.operator_person_id) THEN
    SELECT p.birth_date INTO born FROM people p WHERE p.id = NEW.operator_person_id;
    IF born IS NOT NULL AND born > ((NEW.updated_at AT TIME ZONE zone)::date - interval '18 years') THEN
      RAISE EXCEPTION 'an operator must be 18 or older'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'official_accounts_operator_adult';
    END IF;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER official_accounts_rules
  BEFORE INSERT OR UPDATE ON official_accounts
  FOR EACH ROW EXECUTE FUNCTION weidesk_official_account_rules();
