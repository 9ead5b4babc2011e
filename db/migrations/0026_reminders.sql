CREATE TABLE "notification_preferences" (
	"agency_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"in_app" boolean DEFAULT true NOT NULL,
	"email" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notification_preferences_agency_id_user_id_topic_pk" PRIMARY KEY("agency_id","user_id","topic"),
	CONSTRAINT "notification_preferences_topic" CHECK ("notification_preferences"."topic" in ('registration_deadlines', 'verification_expiry', 'document_requests', 'weekly_digest'))
);
--> statement-breakpoint
CREATE TABLE "reminders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"client_company_id" uuid,
	"registration_id" uuid,
	"document_request_id" uuid,
	"due_at" timestamp with time zone,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"robot_status" text,
	"robot_at" timestamp with time zone,
	"robot_error" text,
	CONSTRAINT "reminders_kind" CHECK ("reminders"."kind" in ('activation_link_due', 'activation_link_overdue', 'subject_check_due', 'subject_check_overdue', 'review_overdue', 'follow_up_due', 'wecom_verification_overdue', 'verification_expiring', 'verification_expired', 'document_request_due', 'document_request_overdue', 'weekly_digest')),
	CONSTRAINT "reminders_robot_status" CHECK ("reminders"."robot_status" is null or "reminders"."robot_status" in ('sent', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "wecom_robot_webhook_url" text;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "reminder_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "reminder_id" uuid;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reminders_key" ON "reminders" USING btree ("agency_id","key");--> statement-breakpoint
CREATE INDEX "reminders_sent_idx" ON "reminders" USING btree ("agency_id","sent_at");--> statement-breakpoint
CREATE INDEX "document_reviews_at_idx" ON "document_reviews" USING btree ("agency_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "mail_outbox_reminder_key" ON "mail_outbox" USING btree ("reminder_id","to_address") WHERE "mail_outbox"."reminder_id" is not null;--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("agency_id","user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_reminder_key" ON "notifications" USING btree ("reminder_id","user_id") WHERE "notifications"."reminder_id" is not null;--> statement-breakpoint
-- Issue 9 §3: reminders and what reaches each user. A reminder is written by the worker
-- (weidesk_worker) and read by staff (the bell links to what it is about); the robot's
-- outcome is the only thing ever updated. Preferences are each user's own: the app role
-- sees and changes only the signed-in user's rows, the worker reads them all.
ALTER TABLE reminders ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE reminders FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON reminders TO weidesk_app, weidesk_worker
  USING (agency_id = nullif(current_setting('app.agency_id', true), '')::uuid)
  WITH CHECK (agency_id = nullif(current_setting('app.agency_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY staff_only ON reminders AS RESTRICTIVE TO weidesk_app
  USING (nullif(current_setting('app.client_company_id', true), '') IS NULL)
  WITH CHECK (nullif(current_setting('app.client_company_id', true), '') IS NULL);
--> statement-breakpoint
CREATE POLICY purge ON reminders FOR ALL TO weidesk_owner
  USING (agency_id = nullif(current_setting('app.purge_agency_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT ON reminders TO weidesk_app, weidesk_maint;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE (robot_status, robot_at, robot_error) ON reminders TO weidesk_worker;
--> statement-breakpoint
ALTER TABLE notification_preferences ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE notification_preferences FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON notification_preferences TO weidesk_app, weidesk_worker
  USING (agency_id = nullif(current_setting('app.agency_id', true), '')::uuid)
  WITH CHECK (agency_id = nullif(current_setting('app.agency_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY own_preferences ON notification_preferences AS RESTRICTIVE TO weidesk_app
  USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
  WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY purge ON notification_preferences FOR ALL TO weidesk_owner
  USING (agency_id = nullif(current_setting('app.purge_agency_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON notification_preferences TO weidesk_app;
--> statement-breakpoint
GRANT SELECT ON notification_preferences TO weidesk_worker, weidesk_maint;
--> statement-breakpoint
-- Owners and admins set the agency's WeCom group robot.
GRANT UPDATE (wecom_robot_webhook_url) ON agencies TO weidesk_app;
--> statement-breakpoint
-- The reminder sweep's tick names no agency and the worker role sees only the agency it
-- works for: this lists the agencies not deleted, nothing else about them.
CREATE FUNCTION weidesk_live_agencies()
  RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT id FROM agencies WHERE deleted_at IS NULL ORDER BY id
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION weidesk_live_agencies() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION weidesk_live_agencies() TO weidesk_worker;
--> statement-breakpoint
-- The purge of a deleted agency now also removes its reminders and preferences.
CREATE OR REPLACE FUNCTION weidesk_purge_agency(p_agency_id uuid, p_now timestamptz)
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_tables text[] := ARRAY[
    'notifications', 'reminders', 'notification_preferences', 'notes', 'audit_events', 'storage_reconciliations', 'upload_intents', 'document_quarantines',
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
-- The reminder sweep (deadlines, expiries, document requests, the weekly digest).
SELECT pgboss.create_queue('reminders.sweep', '{"policy":"standard"}');
