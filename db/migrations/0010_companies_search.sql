DROP INDEX "client_companies_agency_name_idx";--> statement-breakpoint
DROP INDEX "client_companies_assignee_idx";--> statement-breakpoint
ALTER TABLE "client_companies" ADD COLUMN "sort_name" text GENERATED ALWAYS AS (coalesce(legal_name_zh, name_en)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "client_companies" ADD COLUMN "search_grams" text[] GENERATED ALWAYS AS (weidesk_cjk_grams(coalesce(legal_name_zh, ''))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "client_companies" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(coalesce(name_en, '') || ' ' || coalesce(uscc, '') || ' ' || coalesce(legacy_org_code, '') || ' ' || coalesce(registration_number, '') || ' ' || coalesce(foreign_registration_number, ''))) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "client_companies_sort_name_idx" ON "client_companies" USING btree ("agency_id","sort_name","id");--> statement-breakpoint
CREATE INDEX "client_companies_created_idx" ON "client_companies" USING btree ("agency_id","created_at","id");--> statement-breakpoint
CREATE INDEX "client_companies_updated_idx" ON "client_companies" USING btree ("agency_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "client_companies_grams_idx" ON "client_companies" USING gin ("search_grams");--> statement-breakpoint
CREATE INDEX "client_companies_search_trgm_idx" ON "client_companies" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "official_accounts_wechat_id_idx" ON "official_accounts" USING btree ("agency_id",lower("wechat_id"));--> statement-breakpoint
CREATE INDEX "official_accounts_original_id_idx" ON "official_accounts" USING btree ("agency_id","original_id");--> statement-breakpoint
CREATE INDEX "wecom_corps_corp_id_idx" ON "wecom_corps" USING btree ("agency_id",lower("corp_id"));--> statement-breakpoint
CREATE INDEX "client_companies_assignee_idx" ON "client_companies" USING btree ("agency_id","assignee_user_id","sort_name","id");