ALTER TYPE "public"."document_status" ADD VALUE 'quarantined';--> statement-breakpoint
CREATE TABLE "document_quarantines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"client_company_id" uuid NOT NULL,
	"document_version_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"observed" jsonb,
	"detected_by" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "document_quarantines_reason" CHECK ("document_quarantines"."reason" in ('size_mismatch', 'etag_mismatch', 'missing')),
	CONSTRAINT "document_quarantines_detected_by" CHECK ("document_quarantines"."detected_by" in ('download', 'reconciliation'))
);
--> statement-breakpoint
CREATE TABLE "storage_reconciliations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"objects_scanned" integer NOT NULL,
	"versions_checked" integer NOT NULL,
	"staging_deleted" integer DEFAULT 0 NOT NULL,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "advance_on_documents" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "document_quarantines" ADD CONSTRAINT "document_quarantines_version_fk" FOREIGN KEY ("agency_id","document_version_id") REFERENCES "public"."document_versions"("agency_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "document_quarantines_version_key" ON "document_quarantines" USING btree ("agency_id","document_version_id");--> statement-breakpoint
CREATE INDEX "storage_reconciliations_agency_idx" ON "storage_reconciliations" USING btree ("agency_id","started_at");--> statement-breakpoint
-- Issue 8 §3, §4, §6: quarantined versions and the storage reconciliation's reports, tenant
-- rows like the documents. Both are append-only (insert and read). A quarantine belongs to
-- a company's version, so a client administrator sees their company's (their document
-- then reads "quarantined") and a restricted staff member their clients'; the
-- reconciliation reports are staff-only (an admin page), written by the worker.
ALTER TABLE document_quarantines ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE document_quarantines FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON document_quarantines TO weidesk_app, weidesk_worker
  USING (agency_id = nullif(current_setting('app.agency_id', true), '')::uuid)
  WITH CHECK (agency_id = nullif(current_setting('app.agency_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY client_company_scope ON document_quarantines AS RESTRICTIVE TO weidesk_app
  USING (nullif(current_setting('app.client_company_id', true), '') IS NULL
    OR client_company_id = nullif(current_setting('app.client_company_id', true), '')::uuid)
  WITH CHECK (nullif(current_setting('app.client_company_id', true), '') IS NULL
    OR client_company_id = nullif(current_setting('app.client_company_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY assigned_scope ON document_quarantines AS RESTRICTIVE TO weidesk_app
  USING ((CASE WHEN (SELECT weidesk_restricted_user()) IS NULL THEN 1
               WHEN client_company_id = ANY ((SELECT weidesk_restricted_companies())::uuid[]) THEN 1 END) IS NOT NULL)
  WITH CHECK ((CASE WHEN (SELECT weidesk_restricted_user()) IS NULL THEN 1
                    WHEN client_company_id = ANY ((SELECT weidesk_restricted_companies())::uuid[]) THEN 1 END) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY purge ON document_quarantines FOR ALL TO weidesk_owner
  USING (agency_id = nullif(current_setting('app.purge_agency_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT ON document_quarantines TO weidesk_app, weidesk_worker, weidesk_maint;
--> statement-breakpoint
ALTER TABLE storage_reconciliations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE storage_reconciliations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON storage_reconciliations TO weidesk_app, weidesk_worker
  USING (agency_id = nullif(current_setting('app.agency_id', true), '')::uuid)
  WITH CHECK (agency_id = nullif(current_setting('app.agency_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY staff_only ON storage_reconciliations AS RESTRICTIVE TO weidesk_app
  USING (nullif(current_setting('app.client_company_id', true), '') IS NULL)
  WITH CHECK (nullif(current_setting('app.client_company_id', true), '') IS NULL);
--> statement-breakpoint
CREATE POLICY purge ON storage_reconciliations FOR ALL TO weidesk_owner
  USING (agency_id = nullif(current_setting('app.purge_agency_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT ON storage_reconciliations TO weidesk_app, weidesk_maint;
--> statement-breakpoint
GRANT SELECT, INSERT ON storage_reconciliations TO weidesk_worker;
--> statement-breakpoint
-- Owners and admins choose whether approving a stage's last required document moves the card.
GRANT UPDATE (advance_on_documents) ON agencies TO weidesk_app;
--> statement-breakpoint
-- The purge of a deleted agency now also removes its quarantines and reconciliation reports.
CREATE OR REPLACE FUNCTION weidesk_purge_agency(p_agency_id uuid, p_now timestamptz)
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_tables text[] := ARRAY[
    'notifications', 'notes', 'audit_events', 'storage_reconciliations', 'upload_intents', 'document_quarantines',
    'document_reviews', 'document_versions',
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
-- The worker's storage jobs (issue 8 §6): the staging sweep and the reconciliation.
SELECT pgboss.create_queue('documents.sweep_staging', '{"policy":"standard"}');
--> statement-breakpoint
SELECT pgboss.create_queue('storage.reconcile', '{"policy":"standard"}');
