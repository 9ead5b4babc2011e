CREATE TABLE "mail_outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text,
	"locale" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	CONSTRAINT "mail_outbox_locale" CHECK ("mail_outbox"."locale" in ('en', 'zh-CN'))
);
--> statement-breakpoint
CREATE INDEX "mail_outbox_pending_idx" ON "mail_outbox" USING btree ("created_at") WHERE "mail_outbox"."sent_at" is null;--> statement-breakpoint
-- Web requests only write mail (it may carry sign-in links for any tenant, so they may
-- not read it back); the worker delivers it, and blanks the body once sent.
REVOKE ALL ON mail_outbox FROM PUBLIC;
--> statement-breakpoint
GRANT INSERT ON mail_outbox TO weidesk_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE (sent_at, attempts, last_error, text_body, html_body) ON mail_outbox TO weidesk_worker;
