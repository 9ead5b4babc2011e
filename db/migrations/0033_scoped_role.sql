-- Unrestricted access checked once per statement, restricted access per row (ADR 0026).
--
-- Until now every weidesk_app statement carried the staff restriction (assigned_scope,
-- 0017) and the client administrators' scope (client_company_scope, 0012/0032): two
-- RESTRICTIVE policies tested on every row each table reference reads, and five
-- InitPlans per reference, although for nearly every request (owners, admins, managers,
-- staff of agencies that do not restrict, API tokens) both come out "everything".
--
-- Now the per-row policies belong to weidesk_scoped, a role the app takes (SET LOCAL
-- ROLE, in weidesk_enter_tenant) when the database says the user is restricted or a
-- client administrator. weidesk_app itself gets instead open_scope:
--   agency_id = (SELECT id FROM weidesk_open_agency)
-- the current agency when the database finds the user unrestricted and no client
-- company set, else no agency at all. It is an equality with a value known before the
-- scan, so the planner merges it with tenant_isolation and the query's own agency
-- filter into one check per statement, and a restricted user or client administrator
-- who stayed weidesk_app sees nothing and can write nothing (it fails closed).
--
-- weidesk_scoped holds exactly weidesk_app's privileges and policies, plus the two
-- per-row ones (the security catalogue checks both: db/integrity-checks.ts).

-- 1. The agency whose rows weidesk_app may see: the current one when no client company is
--    set and the user is not restricted, else none. A view owned by weidesk_owner, so the
--    policies below read agencies without recursion; the restriction's own test
--    (weidesk_restricted_user, which reads memberships) runs only for an agency that
--    restricts staff. Scanning agencies by its key costs a few microseconds and plans in
--    a few more; a sublink over memberships here planned in 0.1 ms for each table of a
--    statement. security_barrier: a caller's function never sees another agency's row.
CREATE VIEW weidesk_open_agency WITH (security_barrier) AS
  SELECT a.id FROM agencies a
   WHERE a.id = nullif(current_setting('app.agency_id', true), '')::uuid
     AND nullif(current_setting('app.client_company_id', true), '') IS NULL
     AND (NOT a.restrict_staff_to_assigned OR weidesk_restricted_user() IS NULL);
--> statement-breakpoint
GRANT SELECT ON weidesk_open_agency TO weidesk_app;
--> statement-breakpoint
-- 2. How a transaction enters its tenant (db/tenant.ts): the settings, then narrowed to
--    weidesk_scoped when the database finds a client company set or the user restricted
--    (the very test the per-row scopes make: weidesk_restricted_user). SECURITY INVOKER:
--    it may only narrow what its caller may do. The worker (no user) is never narrowed.
CREATE FUNCTION weidesk_enter_tenant(agency_id text, user_id text, client_company_id text) RETURNS text
  LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM set_config('app.agency_id', coalesce(agency_id, ''), true),
          set_config('app.user_id', coalesce(user_id, ''), true),
          set_config('app.client_company_id', coalesce(client_company_id, ''), true);
  IF nullif(client_company_id, '') IS NULL THEN
    IF nullif(user_id, '') IS NULL THEN
      RETURN current_user;
    END IF;
    IF public.weidesk_restricted_user() IS NULL THEN
      RETURN current_user;
    END IF;
  END IF;
  PERFORM set_config('role', 'weidesk_scoped', true);
  RETURN 'weidesk_scoped';
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION weidesk_enter_tenant(text, text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION weidesk_enter_tenant(text, text, text) TO weidesk_app, weidesk_worker;
--> statement-breakpoint
-- 3. weidesk_scoped may do what weidesk_app may: tables, sequences, columns, functions, schema.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT c.oid::regclass AS rel, c.relkind, a.privilege_type AS priv
      FROM pg_class c, aclexplode(c.relacl) a
     WHERE c.relnamespace = 'public'::regnamespace AND a.grantee = 'weidesk_app'::regrole
  LOOP
    EXECUTE format('GRANT %s ON %s %s TO weidesk_scoped', r.priv, CASE WHEN r.relkind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, r.rel);
  END LOOP;
  FOR r IN
    SELECT c.oid::regclass AS rel, att.attname, a.privilege_type AS priv
      FROM pg_attribute att JOIN pg_class c ON c.oid = att.attrelid, aclexplode(att.attacl) a
     WHERE c.relnamespace = 'public'::regnamespace AND a.grantee = 'weidesk_app'::regrole
  LOOP
    EXECUTE format('GRANT %s (%I) ON TABLE %s TO weidesk_scoped', r.priv, r.attname, r.rel);
  END LOOP;
  FOR r IN
    SELECT p.oid::regprocedure AS fn
      FROM pg_proc p, aclexplode(p.proacl) a
     WHERE p.pronamespace = 'public'::regnamespace AND a.grantee = 'weidesk_app'::regrole AND a.privilege_type = 'EXECUTE'
  LOOP
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO weidesk_scoped', r.fn);
  END LOOP;
END $$;
--> statement-breakpoint
-- 4. Every policy of weidesk_app applies to weidesk_scoped too; the two per-row ones only to it.
DO $$
DECLARE
  r record;
  roles text;
BEGIN
  FOR r IN
    SELECT p.polname, p.polrelid::regclass AS rel, p.polroles
      FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
     WHERE c.relnamespace = 'public'::regnamespace AND 'weidesk_app'::regrole = ANY (p.polroles)
  LOOP
    IF r.polname IN ('assigned_scope', 'client_company_scope') THEN
      roles := 'weidesk_scoped';
    ELSE
      SELECT string_agg(quote_ident(x::regrole::text), ', ') INTO roles
        FROM unnest(r.polroles || 'weidesk_scoped'::regrole::oid) x;
    END IF;
    EXECUTE format('ALTER POLICY %I ON %s TO %s', r.polname, r.rel, roles);
  END LOOP;
END $$;
--> statement-breakpoint
DO $$
DECLARE
  t regclass;
BEGIN
  FOR t IN
    SELECT DISTINCT p.polrelid::regclass FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
     WHERE c.relnamespace = 'public'::regnamespace AND p.polname IN ('assigned_scope', 'client_company_scope')
  LOOP
    EXECUTE format(
      'CREATE POLICY open_scope ON %s AS RESTRICTIVE TO weidesk_app '
      'USING (agency_id = (SELECT o.id FROM weidesk_open_agency o)) '
      'WITH CHECK (agency_id = (SELECT o.id FROM weidesk_open_agency o))', t);
  END LOOP;
END $$;
