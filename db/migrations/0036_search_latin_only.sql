-- A Chinese search reads the posting lists (0035_company_grams, ADR 0028): nothing reads
-- the grams' GIN index or the lookup function's Chinese branch any more. Both go: the
-- index cost every write of a company's name, and an unused branch is a path nobody tests.
-- search_grams stays: the posting lists are made from it.
DROP INDEX "client_companies_grams_idx";
--> statement-breakpoint
DROP FUNCTION weidesk_search_companies(text[], text, text, text, text, integer);
--> statement-breakpoint
-- Ids of the current agency's companies matching a Latin or code search (ADR 0009): English
-- name and codes LIKE `p_text_like` or `p_code_like` (pg_trgm), or an exact WeChat ID,
-- original ID or corp ID `p_exact`; a NULL argument skips its branch. Only ids, only of
-- app.agency_id and, for a client administrator, of their company; the list reads the rows
-- under every policy. enable_seqscan stays off, as 0034 set it: each branch is its index's.
CREATE FUNCTION weidesk_search_companies(p_text_like text, p_code_like text, p_exact text)
  RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET enable_seqscan = off ROWS 200 AS $$
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
REVOKE ALL ON FUNCTION weidesk_search_companies(text, text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION weidesk_search_companies(text, text, text) TO weidesk_app, weidesk_scoped, weidesk_worker;
