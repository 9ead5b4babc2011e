CREATE TABLE "saved_views" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"list" text NOT NULL,
	"name" text NOT NULL,
	"query" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "saved_views_list_check" CHECK ("saved_views"."list" in ('clients', 'people', 'accounts')),
	CONSTRAINT "saved_views_name_check" CHECK ("saved_views"."name" = btrim("saved_views"."name") and char_length("saved_views"."name") between 1 and 60),
	CONSTRAINT "saved_views_query_check" CHECK (char_length("saved_views"."query") <= 2000 and left("saved_views"."query", 1) not in ('?', '#', '&'))
);
--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_name_key" ON "saved_views" USING btree ("agency_id","user_id","list",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_default_key" ON "saved_views" USING btree ("agency_id","user_id","list") WHERE "saved_views"."is_default";--> statement-breakpoint
-- Saved views (issue 6 §4) are personal: the tenant policy keeps them in their agency,
-- and the RESTRICTIVE own_saved_views policy keeps each one to its user, for reads and
-- writes alike, whatever the user's role (design.md §1: every role changes its own
-- saved views). Client administrators have no staff lists, so no saved views either.
ALTER TABLE saved_views ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE saved_views FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON saved_views TO weidesk_app, weidesk_worker
  USING (agency_id = nullif(current_setting('app.agency_id', true), '')::uuid)
  WITH CHECK (agency_id = nullif(current_setting('app.agency_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY own_saved_views ON saved_views AS RESTRICTIVE TO weidesk_app, weidesk_worker
  USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
  WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY staff_only ON saved_views AS RESTRICTIVE TO weidesk_app
  USING (nullif(current_setting('app.client_company_id', true), '') IS NULL)
  WITH CHECK (nullif(current_setting('app.client_company_id', true), '') IS NULL);
--> statement-breakpoint
CREATE POLICY purge ON saved_views FOR ALL TO weidesk_owner
  USING (agency_id = nullif(current_setting('app.purge_agency_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON saved_views TO weidesk_app, weidesk_worker, weidesk_maint;
--> statement-breakpoint
-- The purge of a deleted agency (0006) now also removes its members' saved views.
CREATE OR REPLACE FUNCTION weidesk_purge_agency(p_agency_id uuid, p_now timestamptz)
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_tables text[] := ARRAY[
    'notifications', 'notes', 'audit_events', 'document_reviews', 'document_versions', 'document_registrations',
    'document_request_comments', 'documents', 'document_requests', 'registration_events', 'id_slots',
    'official_account_names', 'official_accounts', 'wecom_corps', 'external_accounts', 'registrations',
    'person_companies', 'erasures', 'people', 'invitations', 'api_tokens', 'memberships', 'client_companies',
    'holidays', 'saved_views'];
  t text;
  v_left text[];
  v_pass int := 0;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM agencies WHERE id = p_agency_id
                 AND deleted_at IS NOT NULL AND deleted_at <= p_now - interval '30 days') THEN
    RETURN false;
  END IF;
  PERFORM set_config('app.purge_agency_id', p_agency_id::text, true);
  -- In dependency order; a table still referenced is retried on the next pass.
  LOOP
    v_left := ARRAY[]::text[];
    FOREACH t IN ARRAY v_tables LOOP
      BEGIN
        EXECUTE format('DELETE FROM %I WHERE agency_id = $1', t) USING p_agency_id;
      EXCEPTION WHEN foreign_key_violation THEN
        v_left := v_left || t;
      END;
    END LOOP;
    EXIT WHEN cardinality(v_left) = 0;
    v_pass := v_pass + 1;
    IF v_pass > 5 THEN
      RAISE EXCEPTION 'purge of agency % is stuck on %', p_agency_id, v_left;
    END IF;
    v_tables := v_left;
  END LOOP;
  DELETE FROM agencies WHERE id = p_agency_id;
  PERFORM set_config('app.purge_agency_id', '', true);
  RETURN true;
END $$;

