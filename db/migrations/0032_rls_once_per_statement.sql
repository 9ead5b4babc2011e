-- Row-level security at a per-statement cost, not a per-row one (design.md §8: the clients
-- list as weidesk_app within 1.2× of weidesk_maint with an explicit filter; ADR 0024).
-- Same meaning as before; only when the work is done changes.
--
-- 1. The client administrators' RESTRICTIVE policies (0012_rls_scope_estimates) read
--    app.client_company_id through current_setting() twice for every row they test: the
--    capped count of the clients list tests 10 001. In scalar subqueries the setting is read
--    once per statement (an InitPlan), as the assigned_scope policies already read their
--    functions (0017_client_teams). Still a CASE, so the planner's estimate is unchanged.
DO $$
DECLARE
  t text;
  scope constant text :=
    'CASE WHEN (SELECT nullif(current_setting(''app.client_company_id'', true), '''')) IS NULL THEN true '
    'ELSE client_company_id = (SELECT nullif(current_setting(''app.client_company_id'', true), '''')::uuid) END';
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'memberships', 'person_companies', 'registrations', 'official_accounts', 'official_account_names',
    'wecom_corps', 'registration_events', 'document_requests', 'document_request_comments', 'documents',
    'document_registrations', 'document_versions', 'document_reviews', 'client_company_members'
  ] LOOP
    EXECUTE format('ALTER POLICY client_company_scope ON %I USING (%s) WITH CHECK (%s)', t, scope, scope);
  END LOOP;
END $$;
--> statement-breakpoint
ALTER POLICY client_company_scope ON client_companies
  USING (CASE WHEN (SELECT nullif(current_setting('app.client_company_id', true), '')) IS NULL THEN true
              ELSE id = (SELECT nullif(current_setting('app.client_company_id', true), '')::uuid) END)
  WITH CHECK (CASE WHEN (SELECT nullif(current_setting('app.client_company_id', true), '')) IS NULL THEN true
                   ELSE id = (SELECT nullif(current_setting('app.client_company_id', true), '')::uuid) END);
--> statement-breakpoint
ALTER POLICY client_company_scope ON people
  USING (CASE WHEN (SELECT nullif(current_setting('app.client_company_id', true), '')) IS NULL THEN true
              ELSE EXISTS (SELECT 1 FROM person_companies pc
                           WHERE pc.person_id = people.id
                             AND pc.client_company_id = (SELECT nullif(current_setting('app.client_company_id', true), '')::uuid)) END)
  WITH CHECK (CASE WHEN (SELECT nullif(current_setting('app.client_company_id', true), '')) IS NULL THEN true
                   ELSE EXISTS (SELECT 1 FROM person_companies pc
                                WHERE pc.person_id = people.id
                                  AND pc.client_company_id = (SELECT nullif(current_setting('app.client_company_id', true), '')::uuid)) END);
--> statement-breakpoint
-- 2. The staff restriction's functions (0017_client_teams), same bodies in PL/pgSQL. A SQL
--    function that cannot be inlined (SECURITY DEFINER) is parsed and planned again in
--    every statement that calls it — 0.2 ms each time on PostgreSQL 15, and a list page
--    calls it from three policies (companies, registrations, memberships); PL/pgSQL keeps
--    its plans for the session. Owner, grants and SECURITY DEFINER stay as they are.
CREATE OR REPLACE FUNCTION weidesk_restricted_user() RETURNS uuid
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN (
    SELECT u.id
      FROM (SELECT nullif(current_setting('app.user_id', true), '')::uuid AS id,
                   nullif(current_setting('app.agency_id', true), '')::uuid AS agency_id) u
      JOIN agencies a ON a.id = u.agency_id AND a.restrict_staff_to_assigned
     WHERE u.id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM memberships m
                        WHERE m.agency_id = u.agency_id AND m.user_id = u.id AND m.status = 'active'
                          AND m.role IN ('owner', 'admin', 'manager', 'client_admin')));
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION weidesk_restricted_companies() RETURNS uuid[]
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN (
    SELECT CASE WHEN r.id IS NULL THEN NULL ELSE ARRAY(
      SELECT c.id FROM client_companies c WHERE c.agency_id = r.agency_id AND c.assignee_user_id = r.id
      UNION
      SELECT m.client_company_id FROM client_company_members m WHERE m.agency_id = r.agency_id AND m.user_id = r.id) END
      FROM (SELECT weidesk_restricted_user() AS id, nullif(current_setting('app.agency_id', true), '')::uuid AS agency_id) r);
END
$$;
