DROP INDEX "registration_events_registration_idx";--> statement-breakpoint
-- The dashboard (lib/dashboard/queries.ts, issue 9 §2) finds the window's events on
-- registration_events_at_idx and each one's neighbours on registration_events_registration_idx
-- (half a million lookups per read at the bench's size). Both carry what those reads
-- return and what the row-level security policies test (agency_id, client_company_id), so
-- they are index-only scans. drizzle-kit writes no INCLUDE: added to its statements here.
CREATE INDEX "registration_events_at_idx" ON "registration_events" USING btree ("agency_id","at") INCLUDE ("registration_id","to_stage","id","client_company_id");--> statement-breakpoint
CREATE INDEX "registration_events_registration_idx" ON "registration_events" USING btree ("agency_id","registration_id","at","id") INCLUDE ("to_stage","client_company_id");
