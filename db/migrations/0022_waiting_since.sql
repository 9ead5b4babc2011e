ALTER TABLE "agencies" ADD COLUMN "stale_after_days" smallint DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "waiting_since" timestamp with time zone;--> statement-breakpoint
-- Cards already waiting: the best known start is when they entered their stage (issue 7 §4).
UPDATE "registrations" SET "waiting_since" = "stage_entered_at" WHERE "waiting" <> 'none';--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_stale_after_days" CHECK ("agencies"."stale_after_days" between 1 and 180);--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_waiting_since" CHECK (("registrations"."waiting" = 'none') = ("registrations"."waiting_since" is null));
--> statement-breakpoint
-- Writers that set `waiting` without `waiting_since` (seeds, older scripts, hand-written SQL)
-- still satisfy the CHECK: a new waiting card starts waiting when it entered its stage, a
-- change of kind starts now, none clears it. lib/registration/waiting.ts sets it itself.
CREATE FUNCTION weidesk_registration_waiting_since() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.waiting = 'none' THEN
    NEW.waiting_since := NULL;
  ELSIF TG_OP = 'INSERT' THEN
    NEW.waiting_since := coalesce(NEW.waiting_since, NEW.stage_entered_at);
  ELSIF NEW.waiting IS DISTINCT FROM OLD.waiting AND NEW.waiting_since IS NOT DISTINCT FROM OLD.waiting_since THEN
    NEW.waiting_since := now();
  ELSIF NEW.waiting_since IS NULL THEN
    NEW.waiting_since := coalesce(OLD.waiting_since, now());
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER registrations_waiting_since
  BEFORE INSERT OR UPDATE OF waiting, waiting_since ON registrations
  FOR EACH ROW EXECUTE FUNCTION weidesk_registration_waiting_since();
