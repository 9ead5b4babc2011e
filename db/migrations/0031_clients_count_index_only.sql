DROP INDEX "client_companies_sort_name_idx";--> statement-breakpoint
DROP INDEX "client_companies_assignee_idx";--> statement-breakpoint
DROP INDEX "client_companies_kind_idx";--> statement-breakpoint
CREATE INDEX "client_companies_sort_name_idx" ON "client_companies" USING btree ("agency_id","sort_name","id","archived_at","assignee_user_id");--> statement-breakpoint
CREATE INDEX "client_companies_assignee_idx" ON "client_companies" USING btree ("agency_id","assignee_user_id","sort_name","id","archived_at");--> statement-breakpoint
CREATE INDEX "client_companies_kind_idx" ON "client_companies" USING btree ("agency_id","kind_code","sort_name","id","archived_at","assignee_user_id");