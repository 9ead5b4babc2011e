-- The client administrators' RESTRICTIVE policies (0002_security) written as CASE instead
-- of OR, with the same meaning (a NULL client_company_id still hides the row from a
-- client administrator, as `false OR NULL` did). Why: the planner cannot estimate
-- `nullif(current_setting(…)) IS NULL OR col = …` — it takes 0.5 % for the IS NULL of a
-- non-column and so believed every query of weidesk_app on these tables returns 200 times
-- fewer rows than it does; with that, a filtered list page or a capped count chose a
-- sequential scan (db/clients-explain.int.test.ts, design.md §8). A CASE it takes as 50 %.
DO $$
DECLARE
  t text;
  scope constant text :=
    'CASE WHEN nullif(current_setting(''app.client_company_id'', true), '''') IS NULL THEN true '
    'ELSE client_company_id = nullif(current_setting(''app.client_company_id'', true), '''')::uuid END';
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'memberships', 'person_companies', 'registrations', 'official_accounts', 'official_account_names',
    'wecom_corps', 'registration_events', 'document_requests', 'document_request_comments', 'documents',
    'document_registrations', 'document_versions', 'document_reviews'
  ] LOOP
    EXECUTE format('ALTER POLICY client_company_scope ON %I USING (%s) WITH CHECK (%s)', t, scope, scope);
  END LOOP;
END $$;
--> statement-breakpoint
ALTER POLICY client_company_scope ON client_companies
  USING (CASE WHEN nullif(current_setting('app.client_company_id', true), '') IS NULL THEN true
              ELSE id = nullif(current_setting('app.client_company_id', true), '')::uuid END)
  WITH CHECK (CASE WHEN nullif(current_setting('app.client_company_id', true), '') IS NULL THEN true
                   ELSE id = nullif(current_setting('app.client_company_id', true), '')::uuid END);
--> statement-breakpoint
ALTER POLICY client_company_scope ON people
  USING (CASE WHEN nullif(current_setting('app.client_company_id', true), '') IS NULL THEN true
              ELSE EXISTS (SELECT 1 FROM person_companies pc
                           WHERE pc.person_id = people.id
                             AND pc.client_company_id = nullif(current_setting('app.client_company_id', true), '')::uuid) END)
  WITH CHECK (CASE WHEN nullif(current_setting('app.client_company_id', true), '') IS NULL THEN true
                   ELSE EXISTS (SELECT 1 FROM person_companies pc
                                WHERE pc.person_id = people.id
                                  AND pc.client_company_id = nullif(current_setting('app.client_company_id', true), '')::uuid) END);
