ALTER TABLE "client_companies" ADD COLUMN "registration_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Each company's registrations, counted for the clients list (ADR 0030). The list showed the
-- count by a subquery per row into registrations; under row-level security each of those 50
-- lookups re-checked the registrations policies, and a rare search's statement took 1.2–1.3× its
-- time as weidesk_maint. Kept here by the triggers below, as weidesk_owner: on insert and delete
-- one UPDATE per statement (from the transition tables), on a card moved to another company one
-- row each. The counter changes neither version nor updated_at, and no client_companies trigger
-- fires for it (they are on other columns).
CREATE POLICY definer_counts ON client_companies FOR UPDATE TO weidesk_owner USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE FUNCTION weidesk_registration_counts_insert() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE client_companies c SET registration_count = c.registration_count + n.count
    FROM (SELECT client_company_id, count(*)::int AS count FROM new_registrations GROUP BY 1) n
   WHERE c.id = n.client_company_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION weidesk_registration_counts_delete() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE client_companies c SET registration_count = c.registration_count - o.count
    FROM (SELECT client_company_id, count(*)::int AS count FROM old_registrations GROUP BY 1) o
   WHERE c.id = o.client_company_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION weidesk_registration_counts_move() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE client_companies SET registration_count = registration_count - 1 WHERE id = OLD.client_company_id;
  UPDATE client_companies SET registration_count = registration_count + 1 WHERE id = NEW.client_company_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION weidesk_registration_counts_truncate() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE client_companies SET registration_count = 0 WHERE registration_count <> 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION weidesk_registration_counts_insert(), weidesk_registration_counts_delete(), weidesk_registration_counts_move(),
  weidesk_registration_counts_truncate() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER registrations_counts_insert AFTER INSERT ON registrations
  REFERENCING NEW TABLE AS new_registrations FOR EACH STATEMENT EXECUTE FUNCTION weidesk_registration_counts_insert();
--> statement-breakpoint
CREATE TRIGGER registrations_counts_delete AFTER DELETE ON registrations
  REFERENCING OLD TABLE AS old_registrations FOR EACH STATEMENT EXECUTE FUNCTION weidesk_registration_counts_delete();
--> statement-breakpoint
CREATE TRIGGER registrations_counts_move AFTER UPDATE OF client_company_id ON registrations
  FOR EACH ROW WHEN (OLD.client_company_id IS DISTINCT FROM NEW.client_company_id)
  EXECUTE FUNCTION weidesk_registration_counts_move();
--> statement-breakpoint
CREATE TRIGGER registrations_counts_truncate AFTER TRUNCATE ON registrations
  FOR EACH STATEMENT EXECUTE FUNCTION weidesk_registration_counts_truncate();
--> statement-breakpoint
-- Only the triggers above set the count: the app's roles may not (their UPDATE grant is on the
-- whole table). Checked only when a statement names the column.
CREATE FUNCTION weidesk_registration_count_guard() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF current_user IN ('weidesk_app', 'weidesk_scoped', 'weidesk_worker')
     AND NEW.registration_count IS DISTINCT FROM (CASE WHEN TG_OP = 'INSERT' THEN 0 ELSE OLD.registration_count END) THEN
    RAISE EXCEPTION 'client_companies.registration_count is kept by the registrations'' triggers' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER client_companies_registration_count_guard BEFORE INSERT OR UPDATE OF registration_count ON client_companies
  FOR EACH ROW EXECUTE FUNCTION weidesk_registration_count_guard();
--> statement-breakpoint
-- One agency's counts made again from its registrations: the first fill below, and the bulk
-- generator's, which loads with triggers off (db/seed-scale.ts), as it does the posting lists.
-- Only the companies whose count is wrong are written; it returns how many.
CREATE FUNCTION weidesk_rebuild_registration_counts(p_agency uuid) RETURNS integer
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH corrected AS (
    UPDATE client_companies c SET registration_count = n.count
      FROM (SELECT c2.id, (SELECT count(*)::int FROM registrations r WHERE r.agency_id = p_agency AND r.client_company_id = c2.id) AS count
              FROM client_companies c2 WHERE c2.agency_id = p_agency) n
     WHERE c.id = n.id AND c.registration_count <> n.count
    RETURNING 1)
  SELECT count(*)::int FROM corrected;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION weidesk_rebuild_registration_counts(uuid) FROM PUBLIC;
--> statement-breakpoint
SELECT weidesk_rebuild_registration_counts(a.id) FROM agencies a;
