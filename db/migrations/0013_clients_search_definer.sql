-- The clients list's search and pipeline filter under row-level security (ADR 0009).
--
-- Under FORCE RLS the planner may use a condition as an index condition only if every
-- function in it is LEAKPROOF (else it could leak rows the policy hides before the
-- policy runs). The operators of the search are not: array @> (the grams' GIN index),
-- LIKE (pg_trgm), lower() (the WeChat ID and corp ID indexes), enum = (the board index
-- on pipeline/stage). As weidesk_app, every search read client_companies sequentially.
--
-- So the searches run in two SECURITY DEFINER functions owned by weidesk_owner, which
-- reads these tables through a SELECT-only `USING (true)` policy (folded away by the
-- planner: no barrier, so the indexes serve). They return only ids, only of the
-- agency the transaction is set to (app.agency_id) and, for a client administrator, of
-- their company; the list then reads the rows themselves as weidesk_app, under every
-- policy. They reveal nothing the caller could not already read.
CREATE POLICY definer_search ON client_companies FOR SELECT TO weidesk_owner USING (true);
--> statement-breakpoint
CREATE POLICY definer_search ON official_accounts FOR SELECT TO weidesk_owner USING (true);
--> statement-breakpoint
CREATE POLICY definer_search ON wecom_corps FOR SELECT TO weidesk_owner USING (true);
--> statement-breakpoint
CREATE POLICY definer_search ON registrations FOR SELECT TO weidesk_owner USING (true);
--> statement-breakpoint
-- Ids of the current agency's companies matching a search, by any of: all the character
-- pairs `p_grams` of a Chinese query (GIN) rechecked in order by `p_name_like`; English
-- name and codes LIKE `p_text_like` or `p_code_like` (pg_trgm); an exact WeChat ID,
-- original ID or corp ID `p_exact`. A NULL argument skips its branch.
CREATE FUNCTION weidesk_search_companies(p_grams text[], p_name_like text, p_text_like text, p_code_like text, p_exact text)
  RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 200 AS $$
  SELECT c.id FROM client_companies c
   WHERE p_grams IS NOT NULL
     AND c.agency_id = nullif(current_setting('app.agency_id', true), '')::uuid
     AND c.search_grams @> p_grams
     AND lower(replace(coalesce(c.legal_name_zh, ''), ' ', '')) LIKE p_name_like
     AND (nullif(current_setting('app.client_company_id', true), '') IS NULL
          OR c.id = nullif(current_setting('app.client_company_id', true), '')::uuid)
  UNION
  SELECT c.id FROM client_companies c
   WHERE p_text_like IS NOT NULL
     AND c.agency_id = nullif(current_setting('app.agency_id', true), '')::uuid
     AND (c.search_text LIKE p_text_like OR c.search_text LIKE p_code_like)
     AND (nullif(current_setting('app.client_company_id', true), '') IS NULL
          OR c.id = nullif(current_setting('app.client_company_id', true), '')::uuid)
  UNION
  SELECT oa.client_company_id FROM official_accounts oa
   WHERE p_exact IS NOT NULL
     AND oa.agency_id = nullif(current_setting('app.agency_id', true), '')::uuid
     AND (lower(oa.wechat_id) = lower(p_exact) OR oa.original_id = p_exact)
     AND (nullif(current_setting('app.client_company_id', true), '') IS NULL
          OR oa.client_company_id = nullif(current_setting('app.client_company_id', true), '')::uuid)
  UNION
  SELECT w.client_company_id FROM wecom_corps w
   WHERE p_exact IS NOT NULL
     AND w.agency_id = nullif(current_setting('app.agency_id', true), '')::uuid
     AND lower(w.corp_id) = lower(p_exact)
     AND (nullif(current_setting('app.client_company_id', true), '') IS NULL
          OR w.client_company_id = nullif(current_setting('app.client_company_id', true), '')::uuid)
$$;
--> statement-breakpoint
-- Ids of the current agency's companies with a registration in `p_pipeline` (and
-- `p_stage` when given; a stage alone searches every pipeline), through the board index.
CREATE FUNCTION weidesk_companies_in_stage(p_pipeline pipeline, p_stage stage)
  RETURNS SETOF uuid
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 1000 AS $$
DECLARE
  v_agency uuid := nullif(current_setting('app.agency_id', true), '')::uuid;
  v_company uuid := nullif(current_setting('app.client_company_id', true), '')::uuid;
BEGIN
  IF p_pipeline IS NOT NULL AND p_stage IS NOT NULL THEN
    RETURN QUERY SELECT DISTINCT r.client_company_id FROM registrations r
      WHERE r.agency_id = v_agency AND r.pipeline = p_pipeline AND r.stage = p_stage
        AND (v_company IS NULL OR r.client_company_id = v_company);
  ELSIF p_pipeline IS NOT NULL THEN
    RETURN QUERY SELECT DISTINCT r.client_company_id FROM registrations r
      WHERE r.agency_id = v_agency AND r.pipeline = p_pipeline
        AND (v_company IS NULL OR r.client_company_id = v_company);
  ELSIF p_stage IS NOT NULL THEN
    RETURN QUERY SELECT DISTINCT r.client_company_id FROM registrations r
      WHERE r.agency_id = v_agency AND r.pipeline = ANY (enum_range(NULL::pipeline)) AND r.stage = p_stage
        AND (v_company IS NULL OR r.client_company_id = v_company);
  END IF;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION weidesk_search_companies(text[], text, text, text, text), weidesk_companies_in_stage(pipeline, stage) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION weidesk_search_companies(text[], text, text, text, text), weidesk_companies_in_stage(pipeline, stage)
  TO weidesk_app, weidesk_worker;
