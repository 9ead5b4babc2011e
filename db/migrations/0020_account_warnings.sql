ALTER TABLE "official_accounts" ADD COLUMN "login_email_key" text GENERATED ALWAYS AS (lower(login_email)) STORED;--> statement-breakpoint
CREATE INDEX "official_accounts_login_email_idx" ON "official_accounts" USING btree ("agency_id","login_email_key");--> statement-breakpoint
CREATE INDEX "people_mobile_idx" ON "people" USING btree ("agency_id","mobile");