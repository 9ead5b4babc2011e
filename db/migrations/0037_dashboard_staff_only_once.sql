-- The dashboard's summary tables (0029, ADR 0020): their staff_only policy checked once per
-- statement instead of once per row. Same meaning as before; only when the work is done changes.
--
-- staff_only was `nullif(current_setting('app.client_company_id', true), '') IS NULL`: no
-- column, yet tested on every row a scan returns (a security qual stays at its relation),
-- and estimated at 0.5 % of them. At design.md §8's scale the dashboard's statement reads
-- about 45 000 summary rows (completions, daily stays, verifications): 37 → 25 ms of its
-- 37 ms went to that test, and the 200-fold underestimate turned aggregations that should
-- hash into sorts of 12 000 rows.
--
-- Now it is an equality on agency_id with a value known before the scan: the current agency
-- when no client company is set, else none (NULL: no row, as before). As with open_scope
-- (0033), the planner merges it with tenant_isolation and the query's own agency filter into
-- one check per statement, and the estimates stay the scan's. Under tenant_isolation, which
-- already requires agency_id = app.agency_id, a row passes exactly when it did before.
DO $$
DECLARE
  t text;
  once constant text :=
    'agency_id = (SELECT CASE WHEN nullif(current_setting(''app.client_company_id'', true), '''') IS NULL '
    'THEN nullif(current_setting(''app.agency_id'', true), '''')::uuid END)';
BEGIN
  FOREACH t IN ARRAY ARRAY['registration_completions', 'stage_time_daily', 'registration_counts', 'document_daily', 'id_slot_totals',
                           'verification_expiries', 'registration_due_days', 'completion_daily'] LOOP
    EXECUTE format('ALTER POLICY staff_only ON %I USING (%s) WITH CHECK (%s)', t, once, once);
  END LOOP;
END $$;
