-- Members and roles (issue 4): sign-up, e-mail verification, invitations, the owner
-- invariant, offboarding, and the purge of a deleted agency. Runs as weidesk_owner.
--
-- The app role still cannot write users, agencies or user_tokens directly; it goes
-- through the few SECURITY DEFINER functions below, each doing one named thing.

-- Reserved slugs: they are (or may become) top-level paths of the app (lib/agencies/slug.ts).
ALTER TABLE agencies ADD CONSTRAINT agencies_slug_not_reserved CHECK (slug NOT IN (
  'admin', 'agencies', 'api', 'app', 'assets', 'auth', 'billing', 'dashboard', 'dev', 'docs', 'help',
  'invitations', 'login', 'logout', 'mail', 'new', 'portal', 'public', 'register', 'settings', 'sign-in',
  'sign-out', 'sign-up', 'static', 'status', 'support', 'verify-email', 'weidesk', 'www'
));
--> statement-breakpoint

-- The session check also says whether the e-mail is verified (an unverified owner's
-- agency is not usable yet).
DROP FUNCTION weidesk_session_lookup(uuid);
--> statement-breakpoint
CREATE FUNCTION weidesk_session_lookup(p_user_id uuid)
  RETURNS TABLE (user_id uuid, email text, name text, locale text, session_version integer, email_verified boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.id, u.email, u.name, u.locale, u.session_version, u.email_verified_at IS NOT NULL
  FROM users u WHERE u.id = p_user_id
$$;
--> statement-breakpoint

-- Sign-up: the user (unverified), the agency and the e-mail check token. The caller
-- (weidesk_app, with app.agency_id set to the new agency) adds the owner membership,
-- the audit event and the mail in the same transaction. A taken e-mail or slug fails
-- with the unique violation of users_email_key / agencies_slug_key.
CREATE FUNCTION weidesk_sign_up(
  p_user_id uuid, p_email text, p_name text, p_password_hash text, p_locale text,
  p_agency_id uuid, p_slug text, p_agency_name text, p_default_locale text, p_time_zone text,
  p_token_id uuid, p_token_hash bytea, p_token_expires_at timestamptz, p_now timestamptz)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF nullif(current_setting('app.agency_id', true), '')::uuid IS DISTINCT FROM p_agency_id THEN
    RAISE EXCEPTION 'weidesk_sign_up: app.agency_id must name the new agency' USING ERRCODE = 'insufficient_privilege';
  END IF;
  INSERT INTO users (id, email, name, password_hash, locale, created_at)
  VALUES (p_user_id, p_email, p_name, p_password_hash, p_locale, p_now);
  INSERT INTO agencies (id, slug, name, default_locale, time_zone, created_at)
  VALUES (p_agency_id, p_slug, p_agency_name, p_default_locale, p_time_zone, p_now);
  INSERT INTO user_tokens (id, user_id, purpose, token_hash, expires_at, created_at)
  VALUES (p_token_id, p_user_id, 'email_verification', p_token_hash, p_token_expires_at, p_now);
END $$;
--> statement-breakpoint

-- A new e-mail check link for the signed-in, unverified user (app.user_id); earlier
-- links stop working. False when the user is verified already.
CREATE FUNCTION weidesk_issue_email_verification(
  p_token_id uuid, p_token_hash bytea, p_expires_at timestamptz, p_now timestamptz)
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_user uuid := nullif(current_setting('app.user_id', true), '')::uuid;
BEGIN
  IF v_user IS NULL OR NOT EXISTS (SELECT 1 FROM users WHERE id = v_user AND email_verified_at IS NULL) THEN
    RETURN false;
  END IF;
  UPDATE user_tokens SET used_at = p_now
  WHERE user_id = v_user AND purpose = 'email_verification' AND used_at IS NULL;
  INSERT INTO user_tokens (id, user_id, purpose, token_hash, expires_at, created_at)
  VALUES (p_token_id, v_user, 'email_verification', p_token_hash, p_expires_at, p_now);
  RETURN true;
END $$;
--> statement-breakpoint

-- Follows an e-mail check link: single use, before its expiry. Returns the user, or no row.
CREATE FUNCTION weidesk_verify_email(p_token_hash bytea, p_now timestamptz)
  RETURNS TABLE (user_id uuid)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_user uuid;
BEGIN
  UPDATE user_tokens t SET used_at = p_now
  WHERE t.token_hash = p_token_hash AND t.purpose = 'email_verification'
    AND t.used_at IS NULL AND t.expires_at > p_now
  RETURNING t.user_id INTO v_user;
  IF v_user IS NULL THEN
    RETURN;
  END IF;
  UPDATE users SET email_verified_at = coalesce(email_verified_at, p_now) WHERE id = v_user;
  user_id := v_user;
  RETURN NEXT;
END $$;
--> statement-breakpoint

-- The account of someone accepting an invitation who has none yet: only for a pending,
-- unexpired invitation, under the invited address, verified by the link itself. The
-- caller adds the membership and marks the invitation accepted in the same transaction.
CREATE FUNCTION weidesk_create_invited_user(
  p_invitation_hash bytea, p_user_id uuid, p_name text, p_password_hash text, p_locale text, p_now timestamptz)
  RETURNS TABLE (user_id uuid, email text)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_email text;
BEGIN
  SELECT i.email INTO v_email FROM invitations i
  WHERE i.token_hash = p_invitation_hash AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > p_now
    AND i.agency_id = nullif(current_setting('app.agency_id', true), '')::uuid;
  IF v_email IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO users (id, email, name, password_hash, locale, email_verified_at, created_at)
  VALUES (p_user_id, v_email, p_name, p_password_hash, p_locale, p_now, p_now);
  user_id := p_user_id;
  email := v_email;
  RETURN NEXT;
END $$;
--> statement-breakpoint

-- Accepting an invitation proves the address: an existing, unverified account that
-- accepts one is verified by it (only for the invited address, which the caller checked).
CREATE FUNCTION weidesk_mark_email_verified_by_invitation(p_invitation_hash bytea, p_now timestamptz)
  RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE users u SET email_verified_at = p_now
  FROM invitations i
  WHERE i.token_hash = p_invitation_hash AND lower(i.email) = lower(u.email)
    AND u.id = nullif(current_setting('app.user_id', true), '')::uuid
    AND u.email_verified_at IS NULL
$$;
--> statement-breakpoint

-- Last sign-in, shown on the members page.
CREATE FUNCTION weidesk_record_sign_in(p_user_id uuid, p_now timestamptz)
  RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE users SET last_sign_in_at = p_now WHERE id = p_user_id
$$;
--> statement-breakpoint

REVOKE ALL ON FUNCTION weidesk_session_lookup(uuid), weidesk_sign_up(uuid, text, text, text, text, uuid, text, text, text, text, uuid, bytea, timestamptz, timestamptz),
  weidesk_issue_email_verification(uuid, bytea, timestamptz, timestamptz), weidesk_verify_email(bytea, timestamptz),
  weidesk_create_invited_user(bytea, uuid, text, text, text, timestamptz),
  weidesk_mark_email_verified_by_invitation(bytea, timestamptz), weidesk_record_sign_in(uuid, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION weidesk_session_lookup(uuid), weidesk_sign_up(uuid, text, text, text, text, uuid, text, text, text, text, uuid, bytea, timestamptz, timestamptz),
  weidesk_issue_email_verification(uuid, bytea, timestamptz, timestamptz), weidesk_verify_email(bytea, timestamptz),
  weidesk_create_invited_user(bytea, uuid, text, text, text, timestamptz),
  weidesk_mark_email_verified_by_invitation(bytea, timestamptz), weidesk_record_sign_in(uuid, timestamptz) TO weidesk_app;
--> statement-breakpoint

-- An agency always keeps an active owner (until it is deleted). Deferred to commit, so
-- a transfer may demote the old owner before or after promoting the new one.
CREATE FUNCTION weidesk_keep_an_owner() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM agencies a WHERE a.id = OLD.agency_id AND a.deleted_at IS NULL)
     AND NOT EXISTS (SELECT 1 FROM memberships m
                     WHERE m.agency_id = OLD.agency_id AND m.role = 'owner' AND m.status = 'active') THEN
    RAISE EXCEPTION 'agency % would have no active owner', OLD.agency_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'memberships_agency_keeps_owner';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER memberships_agency_keeps_owner
  AFTER UPDATE OR DELETE ON memberships DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.role = 'owner' AND OLD.status = 'active')
  EXECUTE FUNCTION weidesk_keep_an_owner();
--> statement-breakpoint

-- Nothing stays assigned to a member who is disabled or removed: reassign first, in
-- the same transaction (lib/members). Runs as the caller, inside its tenant.
CREATE FUNCTION weidesk_refuse_offboarding_with_work() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NOT (OLD.status = 'active' AND NEW.status = 'disabled') THEN
    RETURN NEW;
  END IF;
  IF EXISTS (SELECT 1 FROM agencies a WHERE a.id = OLD.agency_id AND a.deleted_at IS NULL)
     AND (EXISTS (SELECT 1 FROM client_companies c WHERE c.agency_id = OLD.agency_id AND c.assignee_user_id = OLD.user_id)
          OR EXISTS (SELECT 1 FROM registrations r WHERE r.agency_id = OLD.agency_id AND r.assignee_user_id = OLD.user_id)) THEN
    RAISE EXCEPTION 'member % still has clients or registrations assigned', OLD.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'memberships_nothing_assigned_when_offboarded';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
--> statement-breakpoint
CREATE TRIGGER memberships_nothing_assigned_when_offboarded
  BEFORE UPDATE OF status OR DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION weidesk_refuse_offboarding_with_work();
--> statement-breakpoint

-- And nothing is assigned to anyone but an active owner, admin or staff member of the agency.
CREATE FUNCTION weidesk_check_assignee() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NEW.assignee_user_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM memberships m
    WHERE m.agency_id = NEW.agency_id AND m.user_id = NEW.assignee_user_id
      AND m.status = 'active' AND m.role IN ('owner', 'admin', 'staff')) THEN
    RAISE EXCEPTION 'assignee % is not an active owner, admin or staff member of the agency', NEW.assignee_user_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'assignee_is_active_member';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Checked at commit, so a transaction may add the member and assign them in either order.
CREATE CONSTRAINT TRIGGER client_companies_assignee_is_active_member
  AFTER INSERT OR UPDATE OF assignee_user_id ON client_companies DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION weidesk_check_assignee();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER registrations_assignee_is_active_member
  AFTER INSERT OR UPDATE OF assignee_user_id ON registrations DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION weidesk_check_assignee();
--> statement-breakpoint

-- The purge of a deleted agency (design.md §4.5), 30 days after its deletion: every
-- row of the agency, audit log included, then the agency itself. Run by the worker's
-- job (lib/jobs/purge-agency.ts) after it has deleted the agency's objects from S3.
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
    EXECUTE format(
      'CREATE POLICY purge ON %I FOR ALL TO weidesk_owner '
      'USING (agency_id = nullif(current_setting(''app.purge_agency_id'', true), '''')::uuid)', t);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE FUNCTION weidesk_purge_agency(p_agency_id uuid, p_now timestamptz)
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_tables text[] := ARRAY[
    'notifications', 'notes', 'audit_events', 'document_reviews', 'document_versions', 'document_registrations',
    'document_request_comments', 'documents', 'document_requests', 'registration_events', 'id_slots',
    'official_account_names', 'official_accounts', 'wecom_corps', 'external_accounts', 'registrations',
    'person_companies', 'erasures', 'people', 'invitations', 'api_tokens', 'memberships', 'client_companies',
    'holidays'];
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
REVOKE ALL ON FUNCTION weidesk_purge_agency(uuid, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION weidesk_purge_agency(uuid, timestamptz) TO weidesk_worker;
--> statement-breakpoint

-- The purge job's queue (lib/jobs/registry.ts).
SELECT pgboss.create_queue('agency.purge', '{"policy":"standard"}');
