ALTER TABLE "official_accounts" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Editing an Official Account after creation (issue 6 §3). The rules of 0004 stay as they
-- were; this adds domain.md B8 for Chinese individuals: after registration, at most 2
-- renames per calendar year (in the agency's time zone), counted from the name history
-- (official_account_names rows changed after registered_at). The app writes the history
-- row after the UPDATE, so the count is of the renames before this one. The rename's time
-- is the row's updated_at (written by the app from lib/clock), never now(). A registered_at,
-- once set, cannot be cleared: the introduction and rename rules hang on it.
CREATE OR REPLACE FUNCTION weidesk_official_account_rules() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  zone text;
  born date;
  renames integer;
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
    IF OLD.registered_at IS NOT NULL AND NEW.registered_at IS NULL THEN
      RAISE EXCEPTION 'the registration date cannot be cleared once set'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'official_accounts_registered_at_kept';
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
    IF OLD.registered_at IS NOT NULL AND NEW.subject_kind = 'cn_individual' AND NEW.name IS DISTINCT FROM OLD.name THEN
      SELECT count(*) INTO renames
        FROM official_account_names n
       WHERE n.agency_id = NEW.agency_id
         AND n.official_account_id = NEW.id
         AND n.changed_at > NEW.registered_at
         AND date_trunc('year', n.changed_at AT TIME ZONE zone) = date_trunc('year', NEW.updated_at AT TIME ZONE zone);
      IF renames >= 2 THEN
        RAISE EXCEPTION 'a Chinese individual''s account was already renamed twice this calendar year'
          USING ERRCODE = 'check_violation', CONSTRAINT = 'official_accounts_rename_limit';
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
