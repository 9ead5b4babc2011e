-- Row-level security, grants, append-only triggers and the SECURITY DEFINER lookups
-- (design.md §4). Runs as weidesk_owner, which owns every object; the roles themselves
-- are created by db/bootstrap.sql because they are cluster-wide.
--
-- Policies read the tenant from transaction-local settings made by db/tenant.ts:
--   app.agency_id          every request and job
--   app.client_company_id  client administrators only (RESTRICTIVE policies)
--   app.user_id            the signed-in user (own notifications, own profile)

-- Tenant isolation on every table with agency_id: ENABLE + FORCE, so even the owner
-- sees nothing without a policy that names it.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'memberships', 'invitations', 'api_tokens', 'client_companies', 'people', 'person_companies',
    'registrations', 'official_accounts', 'official_account_names', 'wecom_corps', 'external_accounts',
    'id_slots', 'registration_events', 'document_requests', 'document_request_comments', 'documents',
    'document_registrations', 'document_versions', 'document_reviews', 'audit_events', 'notes',
    'notifications', 'holidays', 'erasures'
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I TO weidesk_app, weidesk_worker '
      'USING (agency_id = nullif(current_setting(''app.agency_id'', true), '''')::uuid) '
      'WITH CHECK (agency_id = nullif(current_setting(''app.agency_id'', true), '''')::uuid)', t);
  END LOOP;
END $$;
--> statement-breakpoint

-- A client administrator sees only their own company's rows (RESTRICTIVE: it narrows
-- tenant_isolation, never widens it).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'memberships', 'person_companies', 'registrations', 'official_accounts', 'official_account_names',
    'wecom_corps', 'registration_events', 'document_requests', 'document_request_comments', 'documents',
    'document_registrations', 'document_versions', 'document_reviews'
  ] LOOP
    EXECUTE format(
      'CREATE POLICY client_company_scope ON %I AS RESTRICTIVE TO weidesk_app '
      'USING (nullif(current_setting(''app.client_company_id'', true), '''') IS NULL '
      '  OR client_company_id = nullif(current_setting(''app.client_company_id'', true), '''')::uuid) '
      'WITH CHECK (nullif(current_setting(''app.client_company_id'', true), '''') IS NULL '
      '  OR client_company_id = nullif(current_setting(''app.client_company_id'', true), '''')::uuid)', t);
  END LOOP;
  -- Staff-only tables: nothing at all for a client administrator.
  FOREACH t IN ARRAY ARRAY[
    'invitations', 'api_tokens', 'external_accounts', 'id_slots', 'audit_events', 'notes', 'erasures'
  ] LOOP
    EXECUTE format(
      'CREATE POLICY staff_only ON %I AS RESTRICTIVE TO weidesk_app '
      'USING (nullif(current_setting(''app.client_company_id'', true), '''') IS NULL) '
      'WITH CHECK (nullif(current_setting(''app.client_company_id'', true), '''') IS NULL)', t);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE POLICY client_company_scope ON client_companies AS RESTRICTIVE TO weidesk_app
  USING (nullif(current_setting('app.client_company_id', true), '') IS NULL
    OR id = nullif(current_setting('app.client_company_id', true), '')::uuid)
  WITH CHECK (nullif(current_setting('app.client_company_id', true), '') IS NULL
    OR id = nullif(current_setting('app.client_company_id', true), '')::uuid);
--> statement-breakpoint
-- People belong to the agency; a client administrator sees those linked to their company.
CREATE POLICY client_company_scope ON people AS RESTRICTIVE TO weidesk_app
  USING (nullif(current_setting('app.client_company_id', true), '') IS NULL
    OR EXISTS (SELECT 1 FROM person_companies pc
               WHERE pc.person_id = people.id
                 AND pc.client_company_id = nullif(current_setting('app.client_company_id', true), '')::uuid))
  WITH CHECK (nullif(current_setting('app.client_company_id', true), '') IS NULL
    OR EXISTS (SELECT 1 FROM person_companies pc
               WHERE pc.person_id = people.id
                 AND pc.client_company_id = nullif(current_setting('app.client_company_id', true), '')::uuid));
--> statement-breakpoint
-- Each user reads and marks only their own notifications; anyone may notify anyone.
CREATE POLICY own_notifications_select ON notifications AS RESTRICTIVE FOR SELECT TO weidesk_app
  USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY own_notifications_update ON notifications AS RESTRICTIVE FOR UPDATE TO weidesk_app
  USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY own_notifications_delete ON notifications AS RESTRICTIVE FOR DELETE TO weidesk_app
  USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid);
--> statement-breakpoint

-- The SECURITY DEFINER lookups below run as the owner; FORCE makes the owner obey RLS,
-- so these read-only policies let exactly those functions find their rows.
CREATE POLICY definer_lookup ON memberships FOR SELECT TO weidesk_owner USING (true);
--> statement-breakpoint
CREATE POLICY definer_lookup ON invitations FOR SELECT TO weidesk_owner USING (true);
--> statement-breakpoint
CREATE POLICY definer_lookup ON api_tokens FOR SELECT TO weidesk_owner USING (true);
--> statement-breakpoint

-- Global tables: RLS for the app and worker roles (not FORCEd: the owner's definer
-- functions read them before a tenant is known).
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY same_agency_or_self ON users FOR SELECT TO weidesk_app, weidesk_worker
  USING (id = nullif(current_setting('app.user_id', true), '')::uuid
    OR EXISTS (SELECT 1 FROM memberships m
               WHERE m.user_id = users.id
                 AND m.agency_id = nullif(current_setting('app.agency_id', true), '')::uuid));
--> statement-breakpoint
CREATE POLICY self_update ON users FOR UPDATE TO weidesk_app
  USING (id = nullif(current_setting('app.user_id', true), '')::uuid)
  WITH CHECK (id = nullif(current_setting('app.user_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE agencies ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY current_agency ON agencies TO weidesk_app, weidesk_worker
  USING (id = nullif(current_setting('app.agency_id', true), '')::uuid)
  WITH CHECK (id = nullif(current_setting('app.agency_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE user_tokens ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint

-- Grants: nothing by default, then what each role needs.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO weidesk_app, weidesk_worker, weidesk_maint;
--> statement-breakpoint
GRANT SELECT ON pipeline_stages, pipeline_required_documents TO weidesk_app, weidesk_worker, weidesk_maint;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON
  memberships, invitations, api_tokens, client_companies, people, person_companies, registrations,
  official_accounts, wecom_corps, external_accounts, id_slots, document_requests,
  document_request_comments, documents, document_registrations, notes, notifications, holidays
  TO weidesk_app, weidesk_worker, weidesk_maint;
--> statement-breakpoint
-- Append-only history: insert and read, never change.
GRANT SELECT, INSERT ON
  audit_events, registration_events, official_account_names, document_versions, document_reviews, erasures
  TO weidesk_app, weidesk_worker, weidesk_maint;
--> statement-breakpoint
-- Users: never the password hash or the TOTP secret (the definer functions read those).
GRANT SELECT (id, email, name, email_verified_at, session_version, locale, created_at, last_sign_in_at)
  ON users TO weidesk_app, weidesk_worker;
--> statement-breakpoint
GRANT UPDATE (name, locale) ON users TO weidesk_app;
--> statement-breakpoint
GRANT SELECT ON agencies TO weidesk_app, weidesk_worker;
--> statement-breakpoint
GRANT UPDATE (name, default_locale, time_zone, overseas_follow_up_days, require_totp_for_admins, deleted_at)
  ON agencies TO weidesk_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON users, agencies TO weidesk_maint;
--> statement-breakpoint

-- audit_events is append-only for everyone, the owner included; only the purge of a
-- deleted agency (run as the owner, naming that agency in app.purge_agency_id) may
-- delete its rows. Row triggers check each row; the statement triggers also refuse
-- when row-level security hides every row (a statement touching 0 rows still fails).
CREATE FUNCTION weidesk_refuse_audit_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_user = 'weidesk_owner'
     AND nullif(current_setting('app.purge_agency_id', true), '') IS NOT NULL
     AND (TG_LEVEL = 'STATEMENT' OR OLD.agency_id::text = current_setting('app.purge_agency_id', true)) THEN
    RETURN CASE WHEN TG_LEVEL = 'ROW' THEN OLD END;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update_or_delete
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION weidesk_refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update_or_delete_statement
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION weidesk_refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION weidesk_refuse_audit_change();
--> statement-breakpoint

-- The few reads of global rows before a tenant is known (design.md §3).
CREATE FUNCTION weidesk_sign_in_lookup(p_email text)
  RETURNS TABLE (user_id uuid, password_hash text, session_version integer, email_verified boolean, totp_enabled boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.id, u.password_hash, u.session_version, u.email_verified_at IS NOT NULL, u.totp_secret_ciphertext IS NOT NULL
  FROM users u WHERE lower(u.email) = lower(p_email)
$$;
--> statement-breakpoint
CREATE FUNCTION weidesk_session_lookup(p_user_id uuid)
  RETURNS TABLE (user_id uuid, email text, name text, locale text, session_version integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.id, u.email, u.name, u.locale, u.session_version FROM users u WHERE u.id = p_user_id
$$;
--> statement-breakpoint
CREATE FUNCTION weidesk_agency_by_slug(p_slug text)
  RETURNS TABLE (id uuid, slug text, name text, default_locale text, time_zone text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.id, a.slug, a.name, a.default_locale, a.time_zone FROM agencies a
  WHERE a.slug = p_slug AND a.deleted_at IS NULL
$$;
--> statement-breakpoint
-- The agencies a user belongs to, for the agency picker after sign-in.
CREATE FUNCTION weidesk_user_agencies(p_user_id uuid)
  RETURNS TABLE (agency_id uuid, slug text, name text, role role, client_company_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.id, a.slug, a.name, m.role, m.client_company_id
  FROM memberships m JOIN agencies a ON a.id = m.agency_id
  WHERE m.user_id = p_user_id AND m.status = 'active' AND a.deleted_at IS NULL
  ORDER BY a.name
$$;
--> statement-breakpoint
CREATE FUNCTION weidesk_invitation_by_token_hash(p_hash bytea)
  RETURNS TABLE (id uuid, agency_id uuid, email text, role role, client_company_id uuid,
                 expires_at timestamptz, accepted_at timestamptz, revoked_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT i.id, i.agency_id, i.email, i.role, i.client_company_id, i.expires_at, i.accepted_at, i.revoked_at
  FROM invitations i WHERE i.token_hash = p_hash
$$;
--> statement-breakpoint
CREATE FUNCTION weidesk_api_token_by_hash(p_hash bytea)
  RETURNS TABLE (id uuid, agency_id uuid, user_id uuid, expires_at timestamptz, revoked_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t.id, t.agency_id, t.user_id, t.expires_at, t.revoked_at FROM api_tokens t WHERE t.token_hash = p_hash
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION weidesk_sign_in_lookup(text), weidesk_session_lookup(uuid), weidesk_agency_by_slug(text),
  weidesk_user_agencies(uuid), weidesk_invitation_by_token_hash(bytea), weidesk_api_token_by_hash(bytea) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION weidesk_sign_in_lookup(text), weidesk_session_lookup(uuid), weidesk_agency_by_slug(text),
  weidesk_user_agencies(uuid), weidesk_invitation_by_token_hash(bytea), weidesk_api_token_by_hash(bytea)
  TO weidesk_app;
