CREATE TABLE "client_company_grams" (
	"agency_id" uuid NOT NULL,
	"gram" text NOT NULL,
	"sort_name" text NOT NULL,
	"client_company_id" uuid NOT NULL,
	"search_name" text NOT NULL,
	"archived_at" timestamp with time zone,
	"assignee_user_id" uuid,
	"kind_code" smallint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "client_company_grams_walk_idx" ON "client_company_grams" USING btree ("agency_id","gram","sort_name","client_company_id","search_name","archived_at","assignee_user_id","kind_code");--> statement-breakpoint
-- The Chinese search's posting lists (ADR 0028). The walk of 0034 reads the whole name
-- order up to its page's last match, and to the end of the table for a count below the
-- cap: a common pair whose names sit together in that order (「圳市」, every 深圳市 name,
-- 5 % of one agency) took 35 ms at 100 000 companies. Each gram's list here is in name
-- order: a search walks the rarest of its grams' lists, reading its matches and nothing
-- else when the gram is the query (one or two characters), index-only.
--
-- Written only by the triggers below, as weidesk_owner; read by weidesk_app and
-- weidesk_scoped under the very policies of client_companies, on the copies of what those
-- read (agency_id, assignee_user_id, the company's id). pg_dump creates triggers after
-- loading the data, so a restore copies the lists as they were, not twice.
ALTER TABLE client_company_grams ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE client_company_grams FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON client_company_grams FOR SELECT TO weidesk_app, weidesk_worker, weidesk_scoped
  USING (agency_id = nullif(current_setting('app.agency_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY open_scope ON client_company_grams AS RESTRICTIVE FOR SELECT TO weidesk_app
  USING (agency_id = (SELECT o.id FROM weidesk_open_agency o));
--> statement-breakpoint
CREATE POLICY client_company_scope ON client_company_grams AS RESTRICTIVE FOR SELECT TO weidesk_scoped
  USING (CASE WHEN (SELECT nullif(current_setting('app.client_company_id', true), '')) IS NULL THEN true
              ELSE client_company_id = (SELECT nullif(current_setting('app.client_company_id', true), '')::uuid) END);
--> statement-breakpoint
CREATE POLICY assigned_scope ON client_company_grams AS RESTRICTIVE FOR SELECT TO weidesk_scoped
  USING ((CASE WHEN (SELECT weidesk_restricted_user()) IS NULL THEN 1
               WHEN assignee_user_id = (SELECT weidesk_restricted_user())
                 OR client_company_id = ANY ((SELECT weidesk_restricted_companies())::uuid[]) THEN 1 END) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY definer_grams ON client_company_grams FOR ALL TO weidesk_owner USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT ON client_company_grams TO weidesk_app, weidesk_scoped, weidesk_maint;
--> statement-breakpoint
CREATE FUNCTION weidesk_company_grams_insert() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO client_company_grams (agency_id, gram, sort_name, client_company_id, search_name, archived_at, assignee_user_id, kind_code)
  SELECT n.agency_id, g.gram, n.sort_name, n.id, n.search_name, n.archived_at, n.assignee_user_id, n.kind_code
    FROM new_companies n CROSS JOIN LATERAL unnest(n.search_grams) AS g(gram);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A company's rows, found by its old name's grams through the walk's own index.
CREATE FUNCTION weidesk_company_grams_change() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM client_company_grams p
   WHERE p.agency_id = OLD.agency_id AND p.gram = ANY (OLD.search_grams)
     AND p.sort_name = OLD.sort_name AND p.client_company_id = OLD.id;
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO client_company_grams (agency_id, gram, sort_name, client_company_id, search_name, archived_at, assignee_user_id, kind_code)
    SELECT NEW.agency_id, g.gram, NEW.sort_name, NEW.id, NEW.search_name, NEW.archived_at, NEW.assignee_user_id, NEW.kind_code
      FROM unnest(NEW.search_grams) AS g(gram);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION weidesk_company_grams_truncate() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  TRUNCATE client_company_grams;
  RETURN NULL;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION weidesk_company_grams_insert(), weidesk_company_grams_change(), weidesk_company_grams_truncate() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER client_companies_grams_insert AFTER INSERT ON client_companies
  REFERENCING NEW TABLE AS new_companies FOR EACH STATEMENT EXECUTE FUNCTION weidesk_company_grams_insert();
--> statement-breakpoint
CREATE TRIGGER client_companies_grams_update AFTER UPDATE OF legal_name_zh, name_en, archived_at, assignee_user_id, kind ON client_companies
  FOR EACH ROW
  WHEN (OLD.sort_name IS DISTINCT FROM NEW.sort_name OR OLD.search_name IS DISTINCT FROM NEW.search_name
        OR OLD.archived_at IS DISTINCT FROM NEW.archived_at OR OLD.assignee_user_id IS DISTINCT FROM NEW.assignee_user_id
        OR OLD.kind_code IS DISTINCT FROM NEW.kind_code)
  EXECUTE FUNCTION weidesk_company_grams_change();
--> statement-breakpoint
CREATE TRIGGER client_companies_grams_delete AFTER DELETE ON client_companies
  FOR EACH ROW EXECUTE FUNCTION weidesk_company_grams_change();
--> statement-breakpoint
CREATE TRIGGER client_companies_grams_truncate AFTER TRUNCATE ON client_companies
  FOR EACH STATEMENT EXECUTE FUNCTION weidesk_company_grams_truncate();
--> statement-breakpoint
-- One agency's lists made again from its companies: the first fill below, and the bulk
-- generator's, which loads with triggers off (db/seed-scale.ts), as it does the summaries.
CREATE FUNCTION weidesk_rebuild_company_grams(p_agency uuid) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DELETE FROM client_company_grams WHERE agency_id = p_agency;
  INSERT INTO client_company_grams (agency_id, gram, sort_name, client_company_id, search_name, archived_at, assignee_user_id, kind_code)
  SELECT c.agency_id, g.gram, c.sort_name, c.id, c.search_name, c.archived_at, c.assignee_user_id, c.kind_code
    FROM client_companies c CROSS JOIN LATERAL unnest(c.search_grams) AS g(gram)
   WHERE c.agency_id = p_agency
   ORDER BY 1, 2, 3, 4;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION weidesk_rebuild_company_grams(uuid) FROM PUBLIC;
--> statement-breakpoint
SELECT weidesk_rebuild_company_grams(a.id) FROM agencies a;
