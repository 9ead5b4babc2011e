-- The clients list's "has overdue work" filter (issue 7 §6) under row-level security (ADR 0009).
--
-- As weidesk_companies_in_stage (0013): a SECURITY DEFINER function owned by weidesk_owner
-- (which reads registrations through the `USING (true)` definer_search policy), so the
-- enum `= ANY` on pipeline and stage can serve registrations_board_idx
-- (agency_id, pipeline, stage, due_at, id): one range `due_at < p_now` per open stage.
-- It returns only ids of the agency the transaction is set to (app.agency_id), of the
-- client administrator's company, and of a restricted staff member's companies
-- (weidesk_restricted_companies(), ADR 0010); the list then reads the rows themselves as
-- weidesk_app, under every policy. The time is a parameter (lib/clock), never now(); the
-- open stages too (every stage but the final and side states: lib/registration/my-work.ts).
CREATE FUNCTION weidesk_companies_overdue(p_now timestamptz, p_stages stage[])
  RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 200 AS $$
  SELECT DISTINCT r.client_company_id
    FROM (SELECT weidesk_restricted_companies() AS ids) v, registrations r
   WHERE r.agency_id = nullif(current_setting('app.agency_id', true), '')::uuid
     AND r.pipeline = ANY (enum_range(NULL::pipeline))
     AND r.stage = ANY (p_stages)
     AND r.due_at < p_now
     AND (nullif(current_setting('app.client_company_id', true), '') IS NULL
          OR r.client_company_id = nullif(current_setting('app.client_company_id', true), '')::uuid)
     AND (v.ids IS NULL OR r.client_company_id = ANY (v.ids))
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION weidesk_companies_overdue(timestamptz, stage[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION weidesk_companies_overdue(timestamptz, stage[]) TO weidesk_app, weidesk_worker;
