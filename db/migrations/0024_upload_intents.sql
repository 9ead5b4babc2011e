CREATE TABLE "upload_intents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"client_company_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"kind" "document_kind" NOT NULL,
	"person_id" uuid,
	"document_request_id" uuid,
	"registration_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" "bytea" NOT NULL,
	"staging_key" text NOT NULL,
	"declared_size" bigint NOT NULL,
	"declared_type" text NOT NULL,
	"original_name" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"refusal_reason" text,
	"result" jsonb,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "upload_intents_idempotency_key" UNIQUE("agency_id","created_by","idempotency_key"),
	CONSTRAINT "upload_intents_status" CHECK ("upload_intents"."status" in ('pending', 'completed', 'refused', 'expired')),
	CONSTRAINT "upload_intents_declared_size" CHECK ("upload_intents"."declared_size" > 0 and "upload_intents"."declared_size" <= 20971520),
	CONSTRAINT "upload_intents_idempotency_key_length" CHECK (char_length("upload_intents"."idempotency_key") between 1 and 255)
);
--> statement-breakpoint
ALTER TABLE "upload_intents" ADD CONSTRAINT "upload_intents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upload_intents" ADD CONSTRAINT "upload_intents_company_fk" FOREIGN KEY ("agency_id","client_company_id") REFERENCES "public"."client_companies"("agency_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "upload_intents_staging_key" ON "upload_intents" USING btree ("staging_key");--> statement-breakpoint
CREATE INDEX "upload_intents_pending_idx" ON "upload_intents" USING btree ("agency_id","expires_at") WHERE "upload_intents"."status" = 'pending';--> statement-breakpoint
-- Upload intents (issue 8, design.md §6): tenant rows like the documents they become.
-- A client administrator sees only their company's; a staff member restricted to their
-- assigned clients only those companies' (as 0017); and each intent is its creator's
-- alone (own_upload_intents): Idempotency-Keys are per user, and nobody completes, or
-- learns of, another's upload. Jobs (weidesk_worker, no user) sweep them all.
ALTER TABLE upload_intents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE upload_intents FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON upload_intents TO weidesk_app, weidesk_worker
  USING (agency_id = nullif(current_setting('app.agency_id', true), '')::uuid)
  WITH CHECK (agency_id = nullif(current_setting('app.agency_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY client_company_scope ON upload_intents AS RESTRICTIVE TO weidesk_app
  USING (nullif(current_setting('app.client_company_id', true), '') IS NULL
    OR client_company_id = nullif(current_setting('app.client_company_id', true), '')::uuid)
  WITH CHECK (nullif(current_setting('app.client_company_id', true), '') IS NULL
    OR client_company_id = nullif(current_setting('app.client_company_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY assigned_scope ON upload_intents AS RESTRICTIVE TO weidesk_app
  USING ((CASE WHEN (SELECT weidesk_restricted_user()) IS NULL THEN 1
               WHEN client_company_id = ANY ((SELECT weidesk_restricted_companies())::uuid[]) THEN 1 END) IS NOT NULL)
  WITH CHECK ((CASE WHEN (SELECT weidesk_restricted_user()) IS NULL THEN 1
                    WHEN client_company_id = ANY ((SELECT weidesk_restricted_companies())::uuid[]) THEN 1 END) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY own_upload_intents ON upload_intents AS RESTRICTIVE TO weidesk_app
  USING (created_by = nullif(current_setting('app.user_id', true), '')::uuid)
  WITH CHECK (created_by = nullif(current_setting('app.user_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY purge ON upload_intents FOR ALL TO weidesk_owner
  USING (agency_id = nullif(current_setting('app.purge_agency_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON upload_intents TO weidesk_app, weidesk_worker, weidesk_maint;
--> statement-breakpoint
-- The purge of a deleted agency (0006, 0016, 0017) now also removes its upload intents.
CREATE OR REPLACE FUNCTION weidesk_purge_agency(p_agency_id uuid, p_now timestamptz)
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_tables text[] := ARRAY[
    'notifications', 'notes', 'audit_events', 'upload_intents', 'document_reviews', 'document_versions',
    'document_registrations', 'document_request_comments', 'documents', 'document_requests', 'registration_events',
    'id_slots', 'official_account_names', 'official_accounts', 'wecom_corps', 'external_accounts', 'registrations',
    'person_companies', 'erasures', 'people', 'invitations', 'api_tokens', 'memberships', 'client_company_members',
    'client_companies', 'holidays', 'saved_views'];
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
--> statement-breakpoint
-- Client administrators upload documents, and every upload is audited inside its own
-- transaction (design.md §4.5). audit_events stays staff-only otherwise: a client
-- administrator reads, changes and deletes nothing there (0002's staff_only, now split
-- by command), and may insert only their own document.upload events.
DROP POLICY staff_only ON audit_events;
--> statement-breakpoint
CREATE POLICY staff_only ON audit_events AS RESTRICTIVE FOR SELECT TO weidesk_app
  USING (nullif(current_setting('app.client_company_id', true), '') IS NULL);
--> statement-breakpoint
CREATE POLICY staff_only_update ON audit_events AS RESTRICTIVE FOR UPDATE TO weidesk_app
  USING (nullif(current_setting('app.client_company_id', true), '') IS NULL)
  WITH CHECK (nullif(current_setting('app.client_company_id', true), '') IS NULL);
--> statement-breakpoint
CREATE POLICY staff_only_delete ON audit_events AS RESTRICTIVE FOR DELETE TO weidesk_app
  USING (nullif(current_setting('app.client_company_id', true), '') IS NULL);
--> statement-breakpoint
CREATE POLICY staff_only_insert ON audit_events AS RESTRICTIVE FOR INSERT TO weidesk_app
  WITH CHECK (nullif(current_setting('app.client_company_id', true), '') IS NULL
    OR (action = 'document.upload' AND target_type = 'document'
        AND actor_user_id = nullif(current_setting('app.user_id', true), '')::uuid));
