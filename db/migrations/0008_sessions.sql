-- Sessions, second factor, one-time links and sign-in throttling (issue 5). Runs as
-- weidesk_owner. As before, the app role writes global rows only through the named
-- SECURITY DEFINER functions below, each doing one thing for one user.

-- More top-level paths of the app: never agency slugs (lib/agencies/slug.ts).
ALTER TABLE agencies DROP CONSTRAINT agencies_slug_not_reserved;
--> statement-breakpoint
ALTER TABLE agencies ADD CONSTRAINT agencies_slug_not_reserved CHECK (slug NOT IN (
  'account', 'admin', 'agencies', 'api', 'app', 'assets', 'auth', 'billing', 'dashboard', 'dev', 'docs',
  'forgot-password', 'help', 'invitations', 'login', 'logout', 'mail', 'new', 'portal', 'public', 'register',
  'reset-password', 'settings', 'sign-in', 'sign-in-link', 'sign-out', 'sign-up', 'static', 'status', 'support',
  'verify-email', 'weidesk', 'www'
));
--> statement-breakpoint

ALTER TABLE user_recovery_codes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
REVOKE ALL ON user_recovery_codes FROM PUBLIC;
--> statement-breakpoint
GRANT SELECT (id, email, name, email_verified_at, session_version, locale, created_at, last_sign_in_at, totp_enabled_at)
  ON users TO weidesk_app, weidesk_worker;
--> statement-breakpoint

-- Recovery codes (0007_sessions_tables): only the functions below touch them.
-- Sign-in throttling: hashed keys, not personal data, not tenant data; the app role
-- reads and writes it directly (lib/auth/throttle.ts).
GRANT SELECT, INSERT, UPDATE, DELETE ON auth_throttle TO weidesk_app;
--> statement-breakpoint

-- Ending sessions: every session of a user carries the session version it was issued
-- under (lib/auth/policy.ts); bumping it ends them all on their next request.
-- The signed-in user ends their own (sign-out).
CREATE FUNCTION weidesk_end_my_sessions() RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE users SET session_version = session_version + 1
  WHERE id = nullif(current_setting('app.user_id', true), '')::uuid
$$;
--> statement-breakpoint
-- A member of the current agency (app.agency_id) is disabled, removed or changes role:
-- their sessions end. The caller checked member:manage.
CREATE FUNCTION weidesk_end_member_sessions(p_user_id uuid) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE users SET session_version = session_version + 1
  WHERE id = p_user_id
    AND EXISTS (SELECT 1 FROM memberships m
                WHERE m.user_id = p_user_id
                  AND m.agency_id = nullif(current_setting('app.agency_id', true), '')::uuid)
$$;
--> statement-breakpoint
-- The signed-in user sets a new password (the caller verified the current one): every
-- other session ends; the caller signs this one in afresh.
CREATE FUNCTION weidesk_change_password(p_password_hash text) RETURNS integer
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE users SET password_hash = p_password_hash, session_version = session_version + 1
  WHERE id = nullif(current_setting('app.user_id', true), '')::uuid
  RETURNING session_version
$$;
--> statement-breakpoint
-- A one-time link for an e-mail address: a password reset (any account), or a sign-in
-- link (only for someone who is an active client administrator somewhere). Returns the
-- account to mail, or no row (unknown address, or not allowed): the caller answers the
-- same either way. Earlier unused links of that purpose stop working.
CREATE FUNCTION weidesk_issue_user_token(
  p_email text, p_purpose text, p_token_id uuid, p_token_hash bytea, p_expires_at timestamptz, p_now timestamptz)
  RETURNS TABLE (user_id uuid, name text, locale text)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_user users%ROWTYPE;
BEGIN
  IF p_purpose NOT IN ('password_reset', 'sign_in_link') THEN
    RAISE EXCEPTION 'weidesk_issue_user_token: purpose % is not issued by e-mail', p_purpose;
  END IF;
  SELECT * INTO v_user FROM users u WHERE lower(u.email) = lower(p_email);
  IF v_user.id IS NULL THEN
    RETURN;
  END IF;
  IF p_purpose = 'sign_in_link' AND NOT EXISTS (
    SELECT 1 FROM memberships m JOIN agencies a ON a.id = m.agency_id
    WHERE m.user_id = v_user.id AND m.role = 'client_admin' AND m.status = 'active' AND a.deleted_at IS NULL) THEN
    RETURN;
  END IF;
  UPDATE user_tokens t SET used_at = p_now WHERE t.user_id = v_user.id AND t.purpose = p_purpose AND t.used_at IS NULL;
  INSERT INTO user_tokens (id, user_id, purpose, token_hash, expires_at, created_at)
  VALUES (p_token_id, v_user.id, p_purpose, p_token_hash, p_expires_at, p_now);
  user_id := v_user.id;
  name := v_user.name;
  locale := v_user.locale;
  RETURN NEXT;
END $$;
--> statement-breakpoint
-- Follows a sign-in link: single use, before its expiry; the user and their session
-- version (to issue the session), or no row.
CREATE FUNCTION weidesk_use_sign_in_link(p_token_hash bytea, p_now timestamptz)
  RETURNS TABLE (user_id uuid, session_version integer)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_user uuid;
BEGIN
  UPDATE user_tokens t SET used_at = p_now
  WHERE t.token_hash = p_token_hash AND t.purpose = 'sign_in_link' AND t.used_at IS NULL AND t.expires_at > p_now
  RETURNING t.user_id INTO v_user;
  IF v_user IS NULL THEN
    RETURN;
  END IF;
  -- Following the link proves the address too.
  UPDATE users u SET email_verified_at = coalesce(u.email_verified_at, p_now), last_sign_in_at = p_now WHERE u.id = v_user;
  RETURN QUERY SELECT u.id, u.session_version FROM users u WHERE u.id = v_user;
END $$;
--> statement-breakpoint
-- Follows a password reset link: the new password, every session ended; the user, or no row.
CREATE FUNCTION weidesk_reset_password(p_token_hash bytea, p_password_hash text, p_now timestamptz)
  RETURNS TABLE (user_id uuid)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_user uuid;
BEGIN
  UPDATE user_tokens t SET used_at = p_now
  WHERE t.token_hash = p_token_hash AND t.purpose = 'password_reset' AND t.used_at IS NULL AND t.expires_at > p_now
  RETURNING t.user_id INTO v_user;
  IF v_user IS NULL THEN
    RETURN;
  END IF;
  UPDATE users u SET password_hash = p_password_hash, session_version = u.session_version + 1,
                     email_verified_at = coalesce(u.email_verified_at, p_now)
  WHERE u.id = v_user;
  user_id := v_user;
  RETURN NEXT;
END $$;
--> statement-breakpoint

-- TOTP. The secret is stored encrypted (lib/crypto/pii.ts); these functions move it and
-- the replay guard, never decrypting anything.
CREATE FUNCTION weidesk_totp_state(p_user_id uuid)
  RETURNS TABLE (secret_ciphertext bytea, key_id text, last_step bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.totp_secret_ciphertext, u.totp_key_id, u.totp_last_step FROM users u
  WHERE u.id = p_user_id AND u.totp_secret_ciphertext IS NOT NULL
$$;
--> statement-breakpoint
-- Records that `p_step` was used; false when it (or a later one) was used already: a code works once.
CREATE FUNCTION weidesk_totp_use_step(p_user_id uuid, p_step bigint) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE users SET totp_last_step = p_step
  WHERE id = p_user_id AND totp_secret_ciphertext IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < p_step);
  RETURN FOUND;
END $$;
--> statement-breakpoint
-- Spends a recovery code; false when it is unknown or spent.
CREATE FUNCTION weidesk_use_recovery_code(p_user_id uuid, p_code_hash bytea, p_now timestamptz) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE user_recovery_codes SET used_at = p_now
  WHERE user_id = p_user_id AND code_hash = p_code_hash AND used_at IS NULL;
  RETURN FOUND;
END $$;
--> statement-breakpoint
-- The signed-in user turns TOTP on (the caller checked a first code, step `p_step`) with
-- fresh recovery codes; every other session ends.
CREATE FUNCTION weidesk_enable_totp(
  p_secret_ciphertext bytea, p_key_id text, p_step bigint, p_recovery_hashes bytea[], p_now timestamptz)
  RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_user uuid := nullif(current_setting('app.user_id', true), '')::uuid;
  v_version integer;
BEGIN
  UPDATE users SET totp_secret_ciphertext = p_secret_ciphertext, totp_key_id = p_key_id, totp_last_step = p_step,
                   totp_enabled_at = p_now, session_version = session_version + 1
  WHERE id = v_user RETURNING session_version INTO v_version;
  DELETE FROM user_recovery_codes WHERE user_id = v_user;
  INSERT INTO user_recovery_codes (user_id, code_hash, created_at) SELECT v_user, h, p_now FROM unnest(p_recovery_hashes) AS h;
  RETURN v_version;
END $$;
--> statement-breakpoint
-- The signed-in user turns TOTP off (the caller checked their password).
CREATE FUNCTION weidesk_disable_totp() RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DELETE FROM user_recovery_codes WHERE user_id = nullif(current_setting('app.user_id', true), '')::uuid;
  UPDATE users SET totp_secret_ciphertext = NULL, totp_key_id = NULL, totp_last_step = NULL, totp_enabled_at = NULL
  WHERE id = nullif(current_setting('app.user_id', true), '')::uuid;
$$;
--> statement-breakpoint
-- How many unspent recovery codes the signed-in user has.
CREATE FUNCTION weidesk_recovery_codes_left() RETURNS integer
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT count(*)::int FROM user_recovery_codes
  WHERE user_id = nullif(current_setting('app.user_id', true), '')::uuid AND used_at IS NULL
$$;
--> statement-breakpoint

-- Account events (sign-out, password and second-factor changes) go to the audit log of
-- every agency the signed-in user actively belongs to.
CREATE FUNCTION weidesk_audit_account_event(p_action text, p_data jsonb, p_request_id text, p_now timestamptz)
  RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_user uuid := nullif(current_setting('app.user_id', true), '')::uuid;
  v_count integer;
BEGIN
  IF p_action NOT LIKE 'session.%' AND p_action NOT LIKE 'password.%' AND p_action NOT LIKE 'totp.%' THEN
    RAISE EXCEPTION 'weidesk_audit_account_event: % is not an account event', p_action;
  END IF;
  INSERT INTO audit_events (id, agency_id, actor_user_id, action, target_type, target_id, data, request_id, at)
  SELECT gen_random_uuid(), m.agency_id, v_user, p_action, 'user', v_user, p_data, p_request_id, p_now
  FROM memberships m JOIN agencies a ON a.id = m.agency_id
  WHERE m.user_id = v_user AND m.status = 'active' AND a.deleted_at IS NULL;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  RETURN v_count;
END $$;
--> statement-breakpoint
-- The owner obeys FORCE on audit_events: this policy lets the function above insert.
CREATE POLICY account_events ON audit_events FOR INSERT TO weidesk_owner
  WITH CHECK (actor_user_id = nullif(current_setting('app.user_id', true), '')::uuid AND target_type = 'user');
--> statement-breakpoint

REVOKE ALL ON FUNCTION weidesk_end_my_sessions(), weidesk_end_member_sessions(uuid), weidesk_change_password(text),
  weidesk_issue_user_token(text, text, uuid, bytea, timestamptz, timestamptz), weidesk_use_sign_in_link(bytea, timestamptz),
  weidesk_reset_password(bytea, text, timestamptz), weidesk_totp_state(uuid), weidesk_totp_use_step(uuid, bigint),
  weidesk_use_recovery_code(uuid, bytea, timestamptz), weidesk_enable_totp(bytea, text, bigint, bytea[], timestamptz),
  weidesk_disable_totp(), weidesk_recovery_codes_left(), weidesk_audit_account_event(text, jsonb, text, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION weidesk_end_my_sessions(), weidesk_end_member_sessions(uuid), weidesk_change_password(text),
  weidesk_issue_user_token(text, text, uuid, bytea, timestamptz, timestamptz), weidesk_use_sign_in_link(bytea, timestamptz),
  weidesk_reset_password(bytea, text, timestamptz), weidesk_totp_state(uuid), weidesk_totp_use_step(uuid, bigint),
  weidesk_use_recovery_code(uuid, bytea, timestamptz), weidesk_enable_totp(bytea, text, bigint, bytea[], timestamptz),
  weidesk_disable_totp(), weidesk_recovery_codes_left(), weidesk_audit_account_event(text, jsonb, text, timestamptz)
  TO weidesk_app;
--> statement-breakpoint

-- The session check also says whether the user has a second factor, and the slug
-- lookup whether the agency requires one of its owners and admins.
DROP FUNCTION weidesk_session_lookup(uuid);
--> statement-breakpoint
CREATE FUNCTION weidesk_session_lookup(p_user_id uuid)
  RETURNS TABLE (user_id uuid, email text, name text, locale text, session_version integer, email_verified boolean,
                 totp_enabled boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.id, u.email, u.name, u.locale, u.session_version, u.email_verified_at IS NOT NULL,
         u.totp_secret_ciphertext IS NOT NULL
  FROM users u WHERE u.id = p_user_id
$$;
--> statement-breakpoint
DROP FUNCTION weidesk_agency_by_slug(text);
--> statement-breakpoint
CREATE FUNCTION weidesk_agency_by_slug(p_slug text)
  RETURNS TABLE (id uuid, slug text, name text, default_locale text, time_zone text, require_totp_for_admins boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.id, a.slug, a.name, a.default_locale, a.time_zone, a.require_totp_for_admins FROM agencies a
  WHERE a.slug = p_slug AND a.deleted_at IS NULL
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION weidesk_session_lookup(uuid), weidesk_agency_by_slug(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION weidesk_session_lookup(uuid), weidesk_agency_by_slug(text) TO weidesk_app;
