-- weidesk_app's open_scope (ADR 0026) compared with a sublink, (SELECT id FROM
-- weidesk_open_agency): an InitPlan per table a statement reads, each scanning agencies and
-- gating its scan. On the clients list's rare searches (a statement of 0.2–0.3 ms) those
-- three InitPlans were most of what row-level security added: 1.2–1.3× the statement as
-- weidesk_maint, over design.md §8's 1.2× (ADR 0031).
--
-- weidesk_enter_tenant now makes that same decision once per transaction and keeps it in
-- app.open_agency_id: the agency when no client company is set and the database finds the
-- user unrestricted, else ''. open_scope compares with the setting as tenant_isolation does
-- with app.agency_id: a value known before the scan, checked once per statement.
--
-- It fails closed as before: settings made by hand (no weidesk_enter_tenant) leave
-- app.open_agency_id empty, and weidesk_app sees and writes nothing where open_scope
-- applies. Whoever sets app.open_agency_id by hand could as well set app.user_id to an
-- unrestricted member's: the settings were already the app's word.
CREATE OR REPLACE FUNCTION weidesk_enter_tenant(agency_id text, user_id text, client_company_id text) RETURNS text
  LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM set_config('app.agency_id', coalesce(agency_id, ''), true),
          set_config('app.user_id', coalesce(user_id, ''), true),
          set_config('app.client_company_id', coalesce(client_company_id, ''), true),
          set_config('app.open_agency_id', '', true);
  IF nullif(client_company_id, '') IS NULL
     AND (nullif(user_id, '') IS NULL OR public.weidesk_restricted_user() IS NULL) THEN
    PERFORM set_config('app.open_agency_id', coalesce(agency_id, ''), true);
    RETURN current_user;
  END IF;
  PERFORM set_config('role', 'weidesk_scoped', true);
  RETURN 'weidesk_scoped';
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT tablename FROM pg_policies WHERE schemaname = 'public' AND policyname = 'open_scope' LOOP
    EXECUTE format(
      'ALTER POLICY open_scope ON public.%I USING (agency_id = nullif(current_setting(''app.open_agency_id'', true), '''')::uuid)',
      r.tablename);
  END LOOP;
  FOR r IN SELECT tablename FROM pg_policies WHERE schemaname = 'public' AND policyname = 'open_scope' AND with_check IS NOT NULL LOOP
    EXECUTE format(
      'ALTER POLICY open_scope ON public.%I WITH CHECK (agency_id = nullif(current_setting(''app.open_agency_id'', true), '''')::uuid)',
      r.tablename);
  END LOOP;
END
$$;
--> statement-breakpoint
-- Nothing reads the view any more.
DROP VIEW weidesk_open_agency;
