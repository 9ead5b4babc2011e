-- Run before the migrations by a role that may create roles (a superuser or one with
-- CREATEROLE). Roles are cluster-wide and several Weidesk databases may share a
-- cluster, so everything here is idempotent and tolerates a concurrent twin.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT * FROM (VALUES
      ('weidesk_owner', 'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB'),
      ('weidesk_app', 'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB NOINHERIT'),
      ('weidesk_worker', 'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB NOINHERIT'),
      ('weidesk_scoped', 'NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB NOINHERIT'),
      ('weidesk_maint', 'NOLOGIN NOSUPERUSER BYPASSRLS NOCREATEROLE NOCREATEDB')
    ) AS v(name, options)
  LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r.name) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I %s', r.name, r.options);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL; -- created meanwhile by another migration on the same cluster
      END;
    END IF;
    -- Keep the attributes right even if the role existed with others.
    BEGIN
      EXECUTE format('ALTER ROLE %I %s', r.name, r.options);
    EXCEPTION WHEN insufficient_privilege THEN
      -- Only a superuser may grant BYPASSRLS: without it, weidesk_maint is left as it is.
      RAISE NOTICE 'could not set the attributes of %: %', r.name, SQLERRM;
    END;
  END LOOP;
END $$;

-- weidesk_app narrows a transaction to weidesk_scoped (SET LOCAL ROLE, in
-- weidesk_enter_tenant) for a restricted user or a client administrator (ADR 0026).
-- weidesk_app is NOINHERIT: the membership lets it switch, and gives it none of
-- weidesk_scoped's policies.
DO $$
BEGIN
  IF NOT pg_has_role('weidesk_app', 'weidesk_scoped', 'MEMBER') THEN
    GRANT weidesk_scoped TO weidesk_app;
  END IF;
EXCEPTION WHEN unique_violation THEN
  NULL; -- granted meanwhile by another migration on the same cluster
END $$;
