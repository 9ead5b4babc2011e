DROP INDEX "client_companies_sort_name_idx";--> statement-breakpoint
DROP INDEX "client_companies_created_idx";--> statement-breakpoint
DROP INDEX "client_companies_updated_idx";--> statement-breakpoint
DROP INDEX "client_companies_assignee_idx";--> statement-breakpoint
DROP INDEX "client_companies_kind_idx";--> statement-breakpoint
ALTER TABLE "client_companies" ADD COLUMN "search_name" text GENERATED ALWAYS AS (lower(replace(coalesce(legal_name_zh, ''), ' ', ''))) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "client_companies_sort_name_idx" ON "client_companies" USING btree ("agency_id","sort_name","id","archived_at","assignee_user_id","search_name");--> statement-breakpoint
CREATE INDEX "client_companies_created_idx" ON "client_companies" USING btree ("agency_id","created_at","id","archived_at","assignee_user_id","search_name");--> statement-breakpoint
CREATE INDEX "client_companies_updated_idx" ON "client_companies" USING btree ("agency_id","updated_at","id","archived_at","assignee_user_id","search_name");--> statement-breakpoint
CREATE INDEX "client_companies_assignee_idx" ON "client_companies" USING btree ("agency_id","assignee_user_id","sort_name","id","archived_at","search_name");--> statement-breakpoint
CREATE INDEX "client_companies_kind_idx" ON "client_companies" USING btree ("agency_id","kind_code","sort_name","id","archived_at","assignee_user_id","search_name");
--> statement-breakpoint
-- A Chinese search's two plans (ADR 0027). The lookup (weidesk_search_companies) finds a
-- rare query's matches through the grams' GIN index, then the list reads each by id and
-- sorts them: its cost grows with the matches (a query in most names, 「公司」, took 0.66 s
-- at 100 000 companies). The walk reads the name order index-only and tests search_name,
-- stopping at the page's last row and at the count's cap: its cost grows with the rows
-- walked. The list runs the lookup once, capped by p_limit (LIMIT NULL is no limit); when
-- the cap is reached, the query is common and the list walks instead. Its order check
-- reads the stored search_name, not lower() of every match. With a LIMIT the planner,
-- which cannot estimate @> here (row-level security), may pick a sequential scan that
-- stops early: a scan of the whole table for a rare query. The lookup is the index's.
DROP FUNCTION weidesk_search_companies(text[], text, text, text, text);
--> statement-breakpoint
CREATE FUNCTION weidesk_search_companies(p_grams text[], p_name_like text, p_text_like text, p_code_like text, p_exact text, p_limit integer)
  RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET enable_seqscan = off ROWS 200 AS $$
  (SELECT c.id FROM client_companies c
    WHERE p_grams IS NOT NULL
      AND c.agency_id = nullif(current_setting('app.agency_id', true), '')::uuid
      AND c.search_grams @> p_grams
      AND c.search_name LIKE p_name_like
      AND (nullif(current_setting('app.client_company_id', true), '') IS NULL
           OR c.id = nullif(current_setting('app.client_company_id', true), '')::uuid)
    LIMIT p_limit)
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
REVOKE ALL ON FUNCTION weidesk_search_companies(text[], text, text, text, text, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION weidesk_search_companies(text[], text, text, text, text, integer) TO weidesk_app, weidesk_scoped, weidesk_worker;
