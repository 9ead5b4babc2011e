CREATE TABLE "completion_daily" (
	"agency_id" uuid NOT NULL,
	"day" date NOT NULL,
	"pipeline" "pipeline" NOT NULL,
	"assignee_user_id" uuid,
	"completed" integer NOT NULL,
	CONSTRAINT "completion_daily_key" UNIQUE NULLS NOT DISTINCT("agency_id","day","pipeline","assignee_user_id")
);
--> statement-breakpoint
CREATE TABLE "document_daily" (
	"agency_id" uuid NOT NULL,
	"day" date NOT NULL,
	"reviewed" integer NOT NULL,
	"rejected" integer NOT NULL,
	"approved" integer NOT NULL,
	"turnaround_us" bigint NOT NULL,
	CONSTRAINT "document_daily_agency_id_day_pk" PRIMARY KEY("agency_id","day")
);
--> statement-breakpoint
CREATE TABLE "id_slot_totals" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"slots" integer NOT NULL,
	"people_with_one" integer NOT NULL,
	"people_at_cap" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registration_completions" (
	"registration_id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"client_company_id" uuid NOT NULL,
	"pipeline" "pipeline" NOT NULL,
	"assignee_user_id" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone NOT NULL,
	"total_us" bigint NOT NULL,
	"hold_us" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registration_counts" (
	"agency_id" uuid NOT NULL,
	"pipeline" "pipeline" NOT NULL,
	"stage" "stage" NOT NULL,
	"assignee_user_id" uuid,
	"cards" integer NOT NULL,
	CONSTRAINT "registration_counts_key" UNIQUE NULLS NOT DISTINCT("agency_id","pipeline","stage","assignee_user_id")
);
--> statement-breakpoint
CREATE TABLE "registration_due_days" (
	"agency_id" uuid NOT NULL,
	"due_day" date NOT NULL,
	"pipeline" "pipeline" NOT NULL,
	"assignee_user_id" uuid,
	"cards" integer NOT NULL,
	CONSTRAINT "registration_due_days_key" UNIQUE NULLS NOT DISTINCT("agency_id","due_day","pipeline","assignee_user_id")
);
--> statement-breakpoint
CREATE TABLE "stage_time_daily" (
	"agency_id" uuid NOT NULL,
	"day" date NOT NULL,
	"pipeline" "pipeline" NOT NULL,
	"stage" "stage" NOT NULL,
	"assignee_user_id" uuid,
	"stays" integer NOT NULL,
	"stay_us" bigint NOT NULL,
	CONSTRAINT "stage_time_daily_key" UNIQUE NULLS NOT DISTINCT("agency_id","day","pipeline","stage","assignee_user_id")
);
--> statement-breakpoint
CREATE TABLE "verification_expiries" (
	"registration_id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"client_company_id" uuid NOT NULL,
	"pipeline" "pipeline" NOT NULL,
	"assignee_user_id" uuid,
	"expired" boolean NOT NULL,
	"expires_at" timestamp with time zone,
	"sort_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "completion_daily" ADD CONSTRAINT "completion_daily_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_daily" ADD CONSTRAINT "document_daily_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "id_slot_totals" ADD CONSTRAINT "id_slot_totals_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_completions" ADD CONSTRAINT "registration_completions_registration_fk" FOREIGN KEY ("registration_id","client_company_id") REFERENCES "public"."registrations"("id","client_company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_counts" ADD CONSTRAINT "registration_counts_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_due_days" ADD CONSTRAINT "registration_due_days_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_time_daily" ADD CONSTRAINT "stage_time_daily_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_expiries" ADD CONSTRAINT "verification_expiries_registration_fk" FOREIGN KEY ("registration_id","client_company_id") REFERENCES "public"."registrations"("id","client_company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registration_completions_at_idx" ON "registration_completions" USING btree ("agency_id","completed_at");--> statement-breakpoint
CREATE INDEX "verification_expiries_sort_idx" ON "verification_expiries" USING btree ("agency_id","sort_at");--> statement-breakpoint
-- Issue 9 §2 (ADR 0020): the dashboard reads summary rows that triggers keep in the same
-- transaction as every change they summarise, so its figures are never stale and its DB
-- time does not grow with the agency's history. The app only reads them; the trigger
-- functions (SECURITY DEFINER, owned by weidesk_owner) write them. Durations are whole
-- microseconds: sums stay exact when a change takes a contribution away.
DROP INDEX "registration_completions_at_idx";
--> statement-breakpoint
CREATE INDEX "registration_completions_at_idx" ON "registration_completions" ("agency_id", "completed_at")
  INCLUDE ("pipeline", "assignee_user_id", "total_us", "hold_us");
--> statement-breakpoint
-- Deadlines and open work's overdue: the active cards (no final or closed stage) by due date.
-- Each index INCLUDEs what is read and what the policies test (client_company_id): index-only.
CREATE INDEX "registrations_active_due_idx" ON "registrations" ("agency_id", "due_at")
  INCLUDE ("pipeline", "assignee_user_id", "client_company_id")
  WHERE stage <> ALL ('{registered,live,rejected,abandoned}'::stage[]) AND due_at IS NOT NULL;
--> statement-breakpoint
-- Verifications: one range of the expiries (the expired first, at -infinity).
DROP INDEX "verification_expiries_sort_idx";
--> statement-breakpoint
CREATE INDEX "verification_expiries_sort_idx" ON "verification_expiries" ("agency_id", "sort_at")
  INCLUDE ("pipeline", "assignee_user_id", "expired", "expires_at");
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['registration_completions', 'stage_time_daily', 'registration_counts', 'document_daily', 'id_slot_totals',
                           'verification_expiries', 'registration_due_days', 'completion_daily'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I TO weidesk_app, weidesk_worker '
      'USING (agency_id = nullif(current_setting(''app.agency_id'', true), '''')::uuid) '
      'WITH CHECK (agency_id = nullif(current_setting(''app.agency_id'', true), '''')::uuid)', t);
    -- Staff figures: nothing for a client administrator.
    EXECUTE format(
      'CREATE POLICY staff_only ON %I AS RESTRICTIVE TO weidesk_app '
      'USING (nullif(current_setting(''app.client_company_id'', true), '''') IS NULL) '
      'WITH CHECK (nullif(current_setting(''app.client_company_id'', true), '''') IS NULL)', t);
    -- Only the trigger functions below (and the purge) write them.
    EXECUTE format('CREATE POLICY summaries ON %I FOR ALL TO weidesk_owner USING (true) WITH CHECK (true)', t);
    EXECUTE format('GRANT SELECT ON %I TO weidesk_app, weidesk_worker, weidesk_maint', t);
  END LOOP;
  -- A staff member restricted to their clients (ADR 0010) reads the figures of the cards
  -- assigned to them, and none of the agency-wide ones (documents, ID slots).
  FOREACH t IN ARRAY ARRAY['registration_completions', 'stage_time_daily', 'registration_counts', 'verification_expiries',
                           'registration_due_days', 'completion_daily'] LOOP
    EXECUTE format(
      'CREATE POLICY assigned_scope ON %I AS RESTRICTIVE TO weidesk_app '
      'USING ((CASE WHEN (SELECT weidesk_restricted_user()) IS NULL THEN 1 '
      '             WHEN assignee_user_id = (SELECT weidesk_restricted_user()) THEN 1 END) IS NOT NULL)', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['document_daily', 'id_slot_totals'] LOOP
    EXECUTE format(
      'CREATE POLICY assigned_scope ON %I AS RESTRICTIVE TO weidesk_app '
      'USING ((SELECT weidesk_restricted_user()) IS NULL)', t);
  END LOOP;
  -- What the trigger functions read, as weidesk_owner (FORCE makes the owner obey RLS).
  FOREACH t IN ARRAY ARRAY['agencies', 'registration_events', 'document_reviews', 'document_versions', 'documents',
                           'document_requests', 'id_slots', 'official_accounts', 'wecom_corps'] LOOP
    EXECUTE format('CREATE POLICY definer_summaries ON %I FOR SELECT TO weidesk_owner USING (true)', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- Microseconds from a to b, exactly (extract(epoch) is numeric).
CREATE FUNCTION weidesk_us(p_from timestamptz, p_to timestamptz) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT ((extract(epoch FROM p_to) - extract(epoch FROM p_from)) * 1000000)::bigint $$;
--> statement-breakpoint
-- The stage that completes a pipeline (lib/dashboard/queries.ts finalStage; a test keeps them equal).
CREATE FUNCTION weidesk_final_stage(p_pipeline pipeline) RETURNS stage
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE p_pipeline WHEN 'wecom' THEN 'live'::stage ELSE 'registered'::stage END $$;
--> statement-breakpoint
-- Whether the purge of this agency is under way: its deletes change no summary.
CREATE FUNCTION weidesk_purging(p_agency uuid) RETURNS boolean
  LANGUAGE sql STABLE AS
$$ SELECT coalesce(current_setting('app.purge_agency_id', true), '') = p_agency::text $$;
--> statement-breakpoint
-- A registration's ended stays (an event to the next one, in (at, id) order), leaving out
-- the events `p_exclude`.
CREATE FUNCTION weidesk_stays(p_agency uuid, p_registration uuid, p_exclude uuid[])
  RETURNS TABLE (stage stage, entered_at timestamptz, left_at timestamptz)
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS
$$ SELECT s.to_stage, s.at, s.next_at FROM (
     SELECT e.to_stage, e.at, lead(e.at) OVER (ORDER BY e.at, e.id) AS next_at
     FROM registration_events e
     WHERE e.agency_id = p_agency AND e.registration_id = p_registration AND e.id <> ALL (p_exclude)) s
   WHERE s.next_at IS NOT NULL $$;
--> statement-breakpoint
-- Moves a registration's stays in stage_time_daily from "before" (its events but
-- p_before_exclude, credited to p_before_assignee) to "after" (all its events, credited to
-- p_after_assignee; none when not p_after). Only the days and stages that differ are
-- written, in key order (no deadlock between two moves).
CREATE FUNCTION weidesk_stage_time_change(p_agency uuid, p_registration uuid, p_pipeline pipeline,
    p_before_assignee uuid, p_before_exclude uuid[], p_after boolean, p_after_assignee uuid)
  RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS
$$ INSERT INTO stage_time_daily AS t (agency_id, day, pipeline, stage, assignee_user_id, stays, stay_us)
   SELECT p_agency, d.day, p_pipeline, d.stage, d.assignee, sum(d.sign)::int, sum(d.sign * d.us)::bigint
   FROM (
     SELECT (s.left_at AT TIME ZONE a.time_zone)::date AS day, s.stage, p_before_assignee AS assignee, -1 AS sign,
            weidesk_us(s.entered_at, s.left_at) AS us
     FROM weidesk_stays(p_agency, p_registration, p_before_exclude) s JOIN agencies a ON a.id = p_agency
     UNION ALL
     SELECT (s.left_at AT TIME ZONE a.time_zone)::date, s.stage, p_after_assignee, 1, weidesk_us(s.entered_at, s.left_at)
     FROM weidesk_stays(p_agency, p_registration, '{}') s JOIN agencies a ON a.id = p_agency
     WHERE p_after
   ) d
   GROUP BY d.day, d.stage, d.assignee
   HAVING sum(d.sign) <> 0 OR sum(d.sign * d.us) <> 0
   ORDER BY d.day, d.stage, d.assignee
   ON CONFLICT ON CONSTRAINT stage_time_daily_key
   DO UPDATE SET stays = t.stays + excluded.stays, stay_us = t.stay_us + excluded.stay_us $$;
--> statement-breakpoint
-- A registration's completion, if it has one: from its first entry into intake (its
-- created_at without one) to its first entry into the final stage, with the on-hold stays
-- begun in between (each cut at the completion).
CREATE FUNCTION weidesk_completion_of(r registrations)
  RETURNS TABLE (started_at timestamptz, completed_at timestamptz, total_us bigint, hold_us bigint)
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS
$$ SELECT s.started_at, f.at, weidesk_us(s.started_at, f.at), coalesce(h.hold_us, 0)::bigint
   FROM (SELECT e.at FROM registration_events e
         WHERE e.agency_id = r.agency_id AND e.registration_id = r.id AND e.to_stage = weidesk_final_stage(r.pipeline)
         ORDER BY e.at, e.id LIMIT 1) f
   CROSS JOIN LATERAL (SELECT coalesce(min(e.at), r.created_at) AS started_at FROM registration_events e
         WHERE e.agency_id = r.agency_id AND e.registration_id = r.id AND e.to_stage = 'intake') s
   CROSS JOIN LATERAL (SELECT sum(weidesk_us(st.entered_at, least(st.left_at, f.at))) AS hold_us
         FROM weidesk_stays(r.agency_id, r.id, '{}') st
         WHERE st.stage = 'on_hold' AND st.entered_at >= s.started_at AND st.entered_at < f.at) h $$;
--> statement-breakpoint
-- A registration's completion row, recomputed (none when `p_keep` is false: it is being
-- deleted), with its day's throughput count moved from the old row's key to the new one's.
CREATE FUNCTION weidesk_completion_refresh(p_registration uuid, p_keep boolean DEFAULT true) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  o_agency uuid; o_pipeline pipeline; o_assignee uuid; o_at timestamptz;
  n_agency uuid; n_pipeline pipeline; n_assignee uuid; n_at timestamptz;
BEGIN
  DELETE FROM registration_completions WHERE registration_id = p_registration
    RETURNING agency_id, pipeline, assignee_user_id, completed_at INTO o_agency, o_pipeline, o_assignee, o_at;
  IF p_keep THEN
    INSERT INTO registration_completions (registration_id, agency_id, client_company_id, pipeline, assignee_user_id,
        started_at, completed_at, total_us, hold_us)
    SELECT r.id, r.agency_id, r.client_company_id, r.pipeline, r.assignee_user_id, c.started_at, c.completed_at, c.total_us, c.hold_us
    FROM registrations r CROSS JOIN LATERAL weidesk_completion_of(r) c
    WHERE r.id = p_registration
    RETURNING agency_id, pipeline, assignee_user_id, completed_at INTO n_agency, n_pipeline, n_assignee, n_at;
  END IF;
  IF (o_agency, o_pipeline, o_assignee, o_at) IS NOT DISTINCT FROM (n_agency, n_pipeline, n_assignee, n_at) THEN
    RETURN;
  END IF;
  INSERT INTO completion_daily AS t (agency_id, day, pipeline, assignee_user_id, completed)
  SELECT x.agency_id, (x.completed_at AT TIME ZONE a.time_zone)::date, x.pipeline, x.assignee_user_id, sum(x.sign)::int
  FROM (SELECT o_agency AS agency_id, o_pipeline AS pipeline, o_assignee AS assignee_user_id, o_at AS completed_at, -1 AS sign
        WHERE o_agency IS NOT NULL
        UNION ALL
        SELECT n_agency, n_pipeline, n_assignee, n_at, 1 WHERE n_agency IS NOT NULL) x
  JOIN agencies a ON a.id = x.agency_id
  GROUP BY 1, 2, 3, 4
  HAVING sum(x.sign) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT completion_daily_key DO UPDATE SET completed = t.completed + excluded.completed;
END $$;
--> statement-breakpoint
CREATE FUNCTION weidesk_registration_counts_add(p_agency uuid, p_pipeline pipeline, p_stage stage, p_assignee uuid, p_cards int)
  RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS
$$ INSERT INTO registration_counts AS t (agency_id, pipeline, stage, assignee_user_id, cards)
   VALUES (p_agency, p_pipeline, p_stage, p_assignee, p_cards)
   ON CONFLICT ON CONSTRAINT registration_counts_key DO UPDATE SET cards = t.cards + excluded.cards $$;
--> statement-breakpoint
-- A card's verification, if verified or expired, with the card's pipeline and assignee.
CREATE FUNCTION weidesk_verification_refresh(p_registration uuid) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS
$$ DELETE FROM verification_expiries WHERE registration_id = p_registration;
   INSERT INTO verification_expiries (registration_id, agency_id, client_company_id, pipeline, assignee_user_id, expired, expires_at, sort_at)
   SELECT r.id, r.agency_id, r.client_company_id, r.pipeline, r.assignee_user_id, v.status = 'expired', v.expires_at,
     CASE WHEN v.status = 'expired' THEN '-infinity'::timestamptz ELSE coalesce(v.expires_at, 'infinity') END
   FROM registrations r
   JOIN (SELECT oa.registration_id, oa.verification_status AS status, oa.verification_expires_at AS expires_at FROM official_accounts oa
         WHERE oa.registration_id = p_registration
         UNION ALL
         SELECT wc.registration_id, wc.verification_status, wc.verification_expires_at FROM wecom_corps wc
         WHERE wc.registration_id = p_registration) v ON v.registration_id = r.id
   WHERE r.id = p_registration AND v.status IN ('verified', 'expired') $$;
--> statement-breakpoint
CREATE FUNCTION weidesk_verifications_summaries() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND NOT weidesk_purging(OLD.agency_id) THEN
    PERFORM weidesk_verification_refresh(OLD.registration_id);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM weidesk_verification_refresh(NEW.registration_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER official_accounts_summaries AFTER INSERT OR DELETE OR UPDATE OF verification_status, verification_expires_at, registration_id
  ON official_accounts FOR EACH ROW EXECUTE FUNCTION weidesk_verifications_summaries();
--> statement-breakpoint
CREATE TRIGGER wecom_corps_summaries AFTER INSERT OR DELETE OR UPDATE OF verification_status, verification_expires_at, registration_id
  ON wecom_corps FOR EACH ROW EXECUTE FUNCTION weidesk_verifications_summaries();
--> statement-breakpoint
CREATE FUNCTION weidesk_registration_due_days_add(p_agency uuid, p_due_at timestamptz, p_pipeline pipeline, p_assignee uuid, p_cards int)
  RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS
$$ INSERT INTO registration_due_days AS t (agency_id, due_day, pipeline, assignee_user_id, cards)
   VALUES (p_agency, (p_due_at AT TIME ZONE 'UTC')::date, p_pipeline, p_assignee, p_cards)
   ON CONFLICT ON CONSTRAINT registration_due_days_key DO UPDATE SET cards = t.cards + excluded.cards $$;
--> statement-breakpoint
-- Whether a card counts in the deadlines: active (no final or closed stage) with a due date.
CREATE FUNCTION weidesk_is_due(p_stage stage, p_due_at timestamptz) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT p_due_at IS NOT NULL AND p_stage <> ALL ('{registered,live,rejected,abandoned}'::stage[]) $$;
--> statement-breakpoint
-- Cards: counted per pipeline, stage and assignee; a new assignee takes the card's stays
-- and completion with it.
CREATE FUNCTION weidesk_registrations_summaries() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM weidesk_registration_counts_add(NEW.agency_id, NEW.pipeline, NEW.stage, NEW.assignee_user_id, 1);
    IF weidesk_is_due(NEW.stage, NEW.due_at) THEN
      PERFORM weidesk_registration_due_days_add(NEW.agency_id, NEW.due_at, NEW.pipeline, NEW.assignee_user_id, 1);
    END IF;
    RETURN NEW;
  ELSIF TG_OP = 'DELETE' THEN
    IF NOT weidesk_purging(OLD.agency_id) THEN
      PERFORM weidesk_registration_counts_add(OLD.agency_id, OLD.pipeline, OLD.stage, OLD.assignee_user_id, -1);
      IF weidesk_is_due(OLD.stage, OLD.due_at) THEN
        PERFORM weidesk_registration_due_days_add(OLD.agency_id, OLD.due_at, OLD.pipeline, OLD.assignee_user_id, -1);
      END IF;
      PERFORM weidesk_stage_time_change(OLD.agency_id, OLD.id, OLD.pipeline, OLD.assignee_user_id, '{}', false, NULL);
      PERFORM weidesk_completion_refresh(OLD.id, false);
    END IF;
    RETURN OLD;
  END IF;
  IF (OLD.pipeline, OLD.stage, OLD.assignee_user_id) IS DISTINCT FROM (NEW.pipeline, NEW.stage, NEW.assignee_user_id) THEN
    -- Two keys, in key order.
    IF (OLD.pipeline, OLD.stage, coalesce(OLD.assignee_user_id::text, '')) < (NEW.pipeline, NEW.stage, coalesce(NEW.assignee_user_id::text, '')) THEN
      PERFORM weidesk_registration_counts_add(OLD.agency_id, OLD.pipeline, OLD.stage, OLD.assignee_user_id, -1);
      PERFORM weidesk_registration_counts_add(NEW.agency_id, NEW.pipeline, NEW.stage, NEW.assignee_user_id, 1);
    ELSE
      PERFORM weidesk_registration_counts_add(NEW.agency_id, NEW.pipeline, NEW.stage, NEW.assignee_user_id, 1);
      PERFORM weidesk_registration_counts_add(OLD.agency_id, OLD.pipeline, OLD.stage, OLD.assignee_user_id, -1);
    END IF;
  END IF;
  IF (weidesk_is_due(OLD.stage, OLD.due_at), (OLD.due_at AT TIME ZONE 'UTC')::date, OLD.pipeline, OLD.assignee_user_id)
     IS DISTINCT FROM (weidesk_is_due(NEW.stage, NEW.due_at), (NEW.due_at AT TIME ZONE 'UTC')::date, NEW.pipeline, NEW.assignee_user_id) THEN
    IF weidesk_is_due(OLD.stage, OLD.due_at) THEN
      PERFORM weidesk_registration_due_days_add(OLD.agency_id, OLD.due_at, OLD.pipeline, OLD.assignee_user_id, -1);
    END IF;
    IF weidesk_is_due(NEW.stage, NEW.due_at) THEN
      PERFORM weidesk_registration_due_days_add(NEW.agency_id, NEW.due_at, NEW.pipeline, NEW.assignee_user_id, 1);
    END IF;
  END IF;
  IF (OLD.pipeline, OLD.assignee_user_id) IS DISTINCT FROM (NEW.pipeline, NEW.assignee_user_id) THEN
    -- The stays were counted under the old pipeline and assignee.
    PERFORM weidesk_stage_time_change(NEW.agency_id, NEW.id, OLD.pipeline, OLD.assignee_user_id, '{}', false, NULL);
    PERFORM weidesk_stage_time_change(NEW.agency_id, NEW.id, NEW.pipeline, NULL, ARRAY(SELECT e.id FROM registration_events e
      WHERE e.agency_id = NEW.agency_id AND e.registration_id = NEW.id), true, NEW.assignee_user_id);
    PERFORM weidesk_completion_refresh(NEW.id);
    PERFORM weidesk_verification_refresh(NEW.id);
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER registrations_summaries_insert AFTER INSERT ON registrations
  FOR EACH ROW EXECUTE FUNCTION weidesk_registrations_summaries();
--> statement-breakpoint
CREATE TRIGGER registrations_summaries_update AFTER UPDATE OF pipeline, stage, assignee_user_id, due_at ON registrations
  FOR EACH ROW EXECUTE FUNCTION weidesk_registrations_summaries();
--> statement-breakpoint
-- Before the row goes: its events (deleted by the cascade after it) are still there.
CREATE TRIGGER registrations_summaries_delete BEFORE DELETE ON registrations
  FOR EACH ROW EXECUTE FUNCTION weidesk_registrations_summaries();
--> statement-breakpoint
-- New events: each registration's stays before them and after, and its completion.
-- Statement-level, so many events of one registration in one INSERT are seen together.
CREATE FUNCTION weidesk_registration_events_summaries() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v record;
BEGIN
  FOR v IN
    SELECT r.agency_id, r.id, r.pipeline, r.assignee_user_id, array_agg(n.id) AS new_ids
    FROM new_events n JOIN registrations r ON r.id = n.registration_id
    GROUP BY r.agency_id, r.id, r.pipeline, r.assignee_user_id
    ORDER BY r.id
  LOOP
    PERFORM weidesk_stage_time_change(v.agency_id, v.id, v.pipeline, v.assignee_user_id, v.new_ids, true, v.assignee_user_id);
    PERFORM weidesk_completion_refresh(v.id);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER registration_events_summaries AFTER INSERT ON registration_events
  REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION weidesk_registration_events_summaries();
--> statement-breakpoint
-- New reviews: a version's first review (reviewed, and rejected or not) and a requested
-- document's first approval (its turnaround from the request) may change; the day that
-- lost one gives it back and the day that gained one counts it. Set-based: a bulk insert
-- (a seed) costs one pass, not one per version.
CREATE FUNCTION weidesk_document_reviews_summaries() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  WITH versions AS (SELECT DISTINCT n.agency_id, n.document_version_id FROM new_reviews n),
  firsts AS (
    -- Each version's first review with the new ones (+1) and without them (-1).
    SELECT DISTINCT ON (rv.document_version_id) rv.agency_id, rv.at, rv.decision, 1 AS sign
    FROM document_reviews rv JOIN versions v ON v.agency_id = rv.agency_id AND v.document_version_id = rv.document_version_id
    ORDER BY rv.document_version_id, rv.at, rv.id
  ),
  old_firsts AS (
    SELECT DISTINCT ON (rv.document_version_id) rv.agency_id, rv.at, rv.decision, -1 AS sign
    FROM document_reviews rv JOIN versions v ON v.agency_id = rv.agency_id AND v.document_version_id = rv.document_version_id
    WHERE NOT EXISTS (SELECT 1 FROM new_reviews n WHERE n.id = rv.id)
    ORDER BY rv.document_version_id, rv.at, rv.id
  ),
  docs AS (
    SELECT DISTINCT d.agency_id, d.id, dr.created_at AS requested_at
    FROM new_reviews n
    JOIN document_versions dv ON dv.agency_id = n.agency_id AND dv.id = n.document_version_id
    JOIN documents d ON d.agency_id = dv.agency_id AND d.id = dv.document_id
    JOIN document_requests dr ON dr.agency_id = d.agency_id AND dr.id = d.document_request_id
    WHERE n.decision = 'approve'
  ),
  approvals AS (
    -- Each requested document's first approval with the new reviews (+1) and without them (-1).
    SELECT docs.agency_id, docs.requested_at, min(rv.at) AS at, 1 AS sign
    FROM docs JOIN document_versions dv ON dv.agency_id = docs.agency_id AND dv.document_id = docs.id
    JOIN document_reviews rv ON rv.agency_id = dv.agency_id AND rv.document_version_id = dv.id AND rv.decision = 'approve'
    GROUP BY docs.agency_id, docs.id, docs.requested_at
    UNION ALL
    SELECT docs.agency_id, docs.requested_at, min(rv.at), -1
    FROM docs JOIN document_versions dv ON dv.agency_id = docs.agency_id AND dv.document_id = docs.id
    JOIN document_reviews rv ON rv.agency_id = dv.agency_id AND rv.document_version_id = dv.id AND rv.decision = 'approve'
    WHERE NOT EXISTS (SELECT 1 FROM new_reviews n WHERE n.id = rv.id)
    GROUP BY docs.agency_id, docs.id, docs.requested_at
  ),
  changes AS (
    SELECT f.agency_id, f.at, f.sign AS reviewed, CASE WHEN f.decision = 'reject' THEN f.sign ELSE 0 END AS rejected,
      0 AS approved, 0::bigint AS us
    FROM (SELECT * FROM firsts UNION ALL SELECT * FROM old_firsts) f
    UNION ALL
    SELECT a.agency_id, a.at, 0, 0, a.sign, a.sign * weidesk_us(a.requested_at, a.at) FROM approvals a WHERE a.at IS NOT NULL
  )
  INSERT INTO document_daily AS t (agency_id, day, reviewed, rejected, approved, turnaround_us)
  SELECT c.agency_id, (c.at AT TIME ZONE a.time_zone)::date, sum(c.reviewed)::int, sum(c.rejected)::int, sum(c.approved)::int, sum(c.us)::bigint
  FROM changes c JOIN agencies a ON a.id = c.agency_id
  GROUP BY 1, 2
  HAVING (sum(c.reviewed), sum(c.rejected), sum(c.approved), sum(c.us)) <> (0, 0, 0, 0)
  ORDER BY 1, 2
  ON CONFLICT (agency_id, day) DO UPDATE SET reviewed = t.reviewed + excluded.reviewed,
    rejected = t.rejected + excluded.rejected, approved = t.approved + excluded.approved,
    turnaround_us = t.turnaround_us + excluded.turnaround_us;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER document_reviews_summaries AFTER INSERT ON document_reviews
  REFERENCING NEW TABLE AS new_reviews FOR EACH STATEMENT EXECUTE FUNCTION weidesk_document_reviews_summaries();
--> statement-breakpoint
-- An operator's slots changed by p_delta to their count now: the agency's totals follow.
CREATE FUNCTION weidesk_id_slot_totals_apply(p_agency uuid, p_operator bytea, p_delta int)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_now int;
  v_before int;
BEGIN
  SELECT count(*)::int INTO v_now FROM id_slots s WHERE s.agency_id = p_agency AND s.operator_id_hmac = p_operator;
  v_before := v_now - p_delta;
  INSERT INTO id_slot_totals AS t (agency_id, slots, people_with_one, people_at_cap)
  VALUES (p_agency, p_delta,
    (v_now = 1)::int - (v_before = 1)::int,
    (v_now >= 2)::int - (v_before >= 2)::int)
  ON CONFLICT (agency_id) DO UPDATE SET slots = t.slots + excluded.slots,
    people_with_one = t.people_with_one + excluded.people_with_one, people_at_cap = t.people_at_cap + excluded.people_at_cap;
END $$;
--> statement-breakpoint
CREATE FUNCTION weidesk_id_slots_summaries() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    FOR v IN SELECT n.agency_id, n.operator_id_hmac, count(*)::int AS k FROM new_slots n GROUP BY 1, 2 ORDER BY 1, 2 LOOP
      PERFORM weidesk_id_slot_totals_apply(v.agency_id, v.operator_id_hmac, v.k);
    END LOOP;
  ELSIF TG_OP = 'DELETE' THEN
    FOR v IN SELECT o.agency_id, o.operator_id_hmac, count(*)::int AS k FROM old_slots o
             WHERE NOT weidesk_purging(o.agency_id) GROUP BY 1, 2 ORDER BY 1, 2 LOOP
      PERFORM weidesk_id_slot_totals_apply(v.agency_id, v.operator_id_hmac, -v.k);
    END LOOP;
  ELSE
    FOR v IN SELECT x.agency_id, x.operator_id_hmac, sum(x.k)::int AS k FROM (
               SELECT n.agency_id, n.operator_id_hmac, 1 AS k FROM new_slots n
               UNION ALL SELECT o.agency_id, o.operator_id_hmac, -1 FROM old_slots o) x
             GROUP BY 1, 2 HAVING sum(x.k) <> 0 ORDER BY 1, 2 LOOP
      PERFORM weidesk_id_slot_totals_apply(v.agency_id, v.operator_id_hmac, v.k);
    END LOOP;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER id_slots_summaries_insert AFTER INSERT ON id_slots
  REFERENCING NEW TABLE AS new_slots FOR EACH STATEMENT EXECUTE FUNCTION weidesk_id_slots_summaries();
--> statement-breakpoint
CREATE TRIGGER id_slots_summaries_delete AFTER DELETE ON id_slots
  REFERENCING OLD TABLE AS old_slots FOR EACH STATEMENT EXECUTE FUNCTION weidesk_id_slots_summaries();
--> statement-breakpoint
CREATE TRIGGER id_slots_summaries_update AFTER UPDATE ON id_slots
  REFERENCING OLD TABLE AS old_slots NEW TABLE AS new_slots FOR EACH STATEMENT EXECUTE FUNCTION weidesk_id_slots_summaries();
--> statement-breakpoint
-- Every summary of one agency, from its rows: after a bulk load with triggers off (the seed
-- generator) and when its time zone (the summaries' days) changes. The integration tests
-- compare it with what the triggers kept.
CREATE FUNCTION weidesk_rebuild_summaries(p_agency uuid) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM registration_counts WHERE agency_id = p_agency;
  INSERT INTO registration_counts (agency_id, pipeline, stage, assignee_user_id, cards)
  SELECT r.agency_id, r.pipeline, r.stage, r.assignee_user_id, count(*)::int FROM registrations r
  WHERE r.agency_id = p_agency GROUP BY 1, 2, 3, 4;

  DELETE FROM registration_due_days WHERE agency_id = p_agency;
  INSERT INTO registration_due_days (agency_id, due_day, pipeline, assignee_user_id, cards)
  SELECT r.agency_id, (r.due_at AT TIME ZONE 'UTC')::date, r.pipeline, r.assignee_user_id, count(*)::int FROM registrations r
  WHERE r.agency_id = p_agency AND weidesk_is_due(r.stage, r.due_at) GROUP BY 1, 2, 3, 4;

  DELETE FROM stage_time_daily WHERE agency_id = p_agency;
  INSERT INTO stage_time_daily (agency_id, day, pipeline, stage, assignee_user_id, stays, stay_us)
  SELECT p_agency, (s.next_at AT TIME ZONE a.time_zone)::date, r.pipeline, s.to_stage, r.assignee_user_id,
    count(*)::int, sum(weidesk_us(s.at, s.next_at))::bigint
  FROM (SELECT e.registration_id, e.to_stage, e.at,
          lead(e.at) OVER (PARTITION BY e.registration_id ORDER BY e.at, e.id) AS next_at
        FROM registration_events e WHERE e.agency_id = p_agency) s
  JOIN registrations r ON r.agency_id = p_agency AND r.id = s.registration_id
  JOIN agencies a ON a.id = p_agency
  WHERE s.next_at IS NOT NULL
  GROUP BY 2, 3, 4, 5;

  DELETE FROM registration_completions WHERE agency_id = p_agency;
  INSERT INTO registration_completions (registration_id, agency_id, client_company_id, pipeline, assignee_user_id,
      started_at, completed_at, total_us, hold_us)
  SELECT r.id, r.agency_id, r.client_company_id, r.pipeline, r.assignee_user_id, c.started_at, c.completed_at, c.total_us, c.hold_us
  FROM registrations r CROSS JOIN LATERAL weidesk_completion_of(r) c
  WHERE r.agency_id = p_agency
    AND EXISTS (SELECT 1 FROM registration_events e WHERE e.agency_id = p_agency AND e.registration_id = r.id
                AND e.to_stage = weidesk_final_stage(r.pipeline));

  DELETE FROM completion_daily WHERE agency_id = p_agency;
  INSERT INTO completion_daily (agency_id, day, pipeline, assignee_user_id, completed)
  SELECT p_agency, (c.completed_at AT TIME ZONE a.time_zone)::date, c.pipeline, c.assignee_user_id, count(*)::int
  FROM registration_completions c JOIN agencies a ON a.id = p_agency
  WHERE c.agency_id = p_agency GROUP BY 2, 3, 4;

  DELETE FROM document_daily WHERE agency_id = p_agency;
  INSERT INTO document_daily AS t (agency_id, day, reviewed, rejected, approved, turnaround_us)
  SELECT p_agency, x.day, sum(x.reviewed)::int, sum(x.rejected)::int, sum(x.approved)::int, sum(x.us)::bigint
  FROM (
    SELECT (f.at AT TIME ZONE a.time_zone)::date AS day, 1 AS reviewed, (f.decision = 'reject')::int AS rejected, 0 AS approved, 0::bigint AS us
    FROM (SELECT DISTINCT ON (rv.document_version_id) rv.at, rv.decision FROM document_reviews rv
          WHERE rv.agency_id = p_agency ORDER BY rv.document_version_id, rv.at, rv.id) f
    JOIN agencies a ON a.id = p_agency
    UNION ALL
    SELECT (f.at AT TIME ZONE a.time_zone)::date, 0, 0, 1, weidesk_us(dr.created_at, f.at)
    FROM (SELECT dv.document_id, min(rv.at) AS at FROM document_reviews rv
          JOIN document_versions dv ON dv.agency_id = rv.agency_id AND dv.id = rv.document_version_id
          WHERE rv.agency_id = p_agency AND rv.decision = 'approve' GROUP BY dv.document_id) f
    JOIN documents d ON d.agency_id = p_agency AND d.id = f.document_id
    JOIN document_requests dr ON dr.agency_id = p_agency AND dr.id = d.document_request_id
    JOIN agencies a ON a.id = p_agency
  ) x GROUP BY x.day;

  DELETE FROM verification_expiries WHERE agency_id = p_agency;
  INSERT INTO verification_expiries (registration_id, agency_id, client_company_id, pipeline, assignee_user_id, expired, expires_at, sort_at)
  SELECT r.id, r.agency_id, r.client_company_id, r.pipeline, r.assignee_user_id, v.status = 'expired', v.expires_at,
    CASE WHEN v.status = 'expired' THEN '-infinity'::timestamptz ELSE coalesce(v.expires_at, 'infinity') END
  FROM (SELECT oa.registration_id, oa.verification_status AS status, oa.verification_expires_at AS expires_at FROM official_accounts oa
        WHERE oa.agency_id = p_agency
        UNION ALL
        SELECT wc.registration_id, wc.verification_status, wc.verification_expires_at FROM wecom_corps wc
        WHERE wc.agency_id = p_agency) v
  JOIN registrations r ON r.agency_id = p_agency AND r.id = v.registration_id
  WHERE v.status IN ('verified', 'expired');

  DELETE FROM id_slot_totals WHERE agency_id = p_agency;
  INSERT INTO id_slot_totals (agency_id, slots, people_with_one, people_at_cap)
  SELECT p_agency, coalesce(sum(h.n), 0)::int, count(*) FILTER (WHERE h.n = 1)::int, count(*) FILTER (WHERE h.n >= 2)::int
  FROM (SELECT s.operator_id_hmac, count(*) AS n FROM id_slots s WHERE s.agency_id = p_agency GROUP BY 1) h;
END $$;
--> statement-breakpoint
-- Only the triggers (and the owner) call these: the app role cannot write a summary.
REVOKE ALL ON FUNCTION weidesk_rebuild_summaries(uuid) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION weidesk_stage_time_change(uuid, uuid, pipeline, uuid, uuid[], boolean, uuid) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION weidesk_completion_refresh(uuid, boolean) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION weidesk_verification_refresh(uuid) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION weidesk_registration_counts_add(uuid, pipeline, stage, uuid, int) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION weidesk_registration_due_days_add(uuid, timestamptz, pipeline, uuid, int) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION weidesk_id_slot_totals_apply(uuid, bytea, int) FROM PUBLIC;
--> statement-breakpoint
CREATE FUNCTION weidesk_agencies_summaries() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM weidesk_rebuild_summaries(NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER agencies_time_zone_summaries AFTER UPDATE OF time_zone ON agencies
  FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone) EXECUTE FUNCTION weidesk_agencies_summaries();
--> statement-breakpoint
-- The summaries of the data already there.
SELECT weidesk_rebuild_summaries(id) FROM agencies;
--> statement-breakpoint
-- The purge of a deleted agency also removes its summaries (their triggers skip its deletes).
CREATE OR REPLACE FUNCTION weidesk_purge_agency(p_agency_id uuid, p_now timestamptz)
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_tables text[] := ARRAY[
    'registration_completions', 'stage_time_daily', 'registration_counts', 'document_daily', 'id_slot_totals', 'verification_expiries',
    'registration_due_days', 'completion_daily',
    'notifications', 'reminders', 'notification_preferences', 'notes', 'audit_events', 'storage_reconciliations', 'upload_intents', 'document_quarantines',
    'document_reviews', 'document_versions',
    'document_registrations', 'document_request_comments', 'documents', 'document_requests', 'registration_events',
    'id_slots', 'official_account_names', 'official_accounts', 'wecom_corps', 'external_accounts', 'registrations',
    'person_companies', 'erasures', 'people', 'invitations', 'api_tokens', 'memberships', 'client_company_members',
    'client_companies', 'holidays', 'saved_views'];
  t text;
  v_left text[];
  v_pass int := 0;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM agencies WHERE id = p_agency_id
                 AND deleted_at IS NOT NULL AND deleted_at <= p_now - interval '30 days') THEN
    RETURN false;
  END IF;
  PERFORM set_config('app.purge_agency_id', p_agency_id::text, true);
  -- In dependency order; a table still referenced is retried on the next pass.
  LOOP
    v_left := ARRAY[]::text[];
    FOREACH t IN ARRAY v_tables LOOP
      BEGIN
        EXECUTE format('DELETE FROM %I WHERE agency_id = $1', t) USING p_agency_id;
      EXCEPTION WHEN foreign_key_violation THEN
        v_left := v_left || t;
      END;
    END LOOP;
    EXIT WHEN cardinality(v_left) = 0;
    v_pass := v_pass + 1;
    IF v_pass > 5 THEN
      RAISE EXCEPTION 'purge of agency % is stuck on %', p_agency_id, v_left;
    END IF;
    v_tables := v_left;
  END LOOP;
  DELETE FROM agencies WHERE id = p_agency_id;
  PERFORM set_config('app.purge_agency_id', '', true);
  RETURN true;
END $$;
