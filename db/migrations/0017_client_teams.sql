CREATE TABLE "client_company_members" (
	"agency_id" uuid NOT NULL,
	"client_company_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"added_by" uuid,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "client_company_members_client_company_id_user_id_pk" PRIMARY KEY("client_company_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "restrict_staff_to_assigned" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "client_company_members" ADD CONSTRAINT "client_company_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_company_members" ADD CONSTRAINT "client_company_members_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_company_members" ADD CONSTRAINT "client_company_members_company_fk" FOREIGN KEY ("agency_id","client_company_id") REFERENCES "public"."client_companies"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_company_members_user_idx" ON "client_company_members" USING btree ("agency_id","user_id");--> statement-breakpoint
-- Client teams and the agency setting "staff see only their assigned clients" (issue 6 §5,
-- ADR 0010). The database decides who is restricted, from app.user_id and app.agency_id,
-- never from a flag the app passes: a request that forgets to ask still gets the policy.
ALTER TABLE client_company_members ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE client_company_members FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON client_company_members TO weidesk_app, weidesk_worker
  USING (agency_id = nullif(current_setting('app.agency_id', true), '')::uuid)
  WITH CHECK (agency_id = nullif(current_setting('app.agency_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY client_company_scope ON client_company_members AS RESTRICTIVE TO weidesk_app
  USING (CASE WHEN nullif(current_setting('app.client_company_id', true), '') IS NULL THEN true
              ELSE client_company_id = nullif(current_setting('app.client_company_id', true), '')::uuid END)
  WITH CHECK (CASE WHEN nullif(current_setting('app.client_company_id', true), '') IS NULL THEN true
                   ELSE client_company_id = nullif(current_setting('app.client_company_id', true), '')::uuid END);
--> statement-breakpoint
CREATE POLICY purge ON client_company_members FOR ALL TO weidesk_owner
  USING (agency_id = nullif(current_setting('app.purge_agency_id', true), '')::uuid);
--> statement-breakpoint
-- weidesk_restricted_companies() below reads the teams as the owner.
CREATE POLICY definer_search ON client_company_members FOR SELECT TO weidesk_owner USING (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON client_company_members TO weidesk_app, weidesk_worker, weidesk_maint;
--> statement-breakpoint
GRANT UPDATE (restrict_staff_to_assigned) ON agencies TO weidesk_app;
--> statement-breakpoint
-- A team member is an active owner, admin or staff member of the agency (as an assignee
-- is, 0006); checked at commit like the assignee.
CREATE FUNCTION weidesk_check_team_member() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM memberships m
    WHERE m.agency_id = NEW.agency_id AND m.user_id = NEW.user_id
      AND m.status = 'active' AND m.role IN ('owner', 'admin', 'staff')) THEN
    RAISE EXCEPTION 'team member % is not an active owner, admin or staff member of the agency', NEW.user_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'team_member_is_active_member';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER client_company_members_is_active_member
  AFTER INSERT OR UPDATE OF user_id ON client_company_members DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION weidesk_check_team_member();
--> statement-breakpoint
-- The signed-in user's id when their agency restricts staff to their assigned clients and
-- they are not an active owner, admin, manager or client administrator there; else NULL.
-- Fails closed: a user with no active membership of another role (a disabled staff
-- member, say) is restricted. No user (app.user_id empty: jobs) or the setting off: NULL.
CREATE FUNCTION weidesk_restricted_user() RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.id
    FROM (SELECT nullif(current_setting('app.user_id', true), '')::uuid AS id,
                 nullif(current_setting('app.agency_id', true), '')::uuid AS agency_id) u
    JOIN agencies a ON a.id = u.agency_id AND a.restrict_staff_to_assigned
   WHERE u.id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM memberships m
                      WHERE m.agency_id = u.agency_id AND m.user_id = u.id AND m.status = 'active'
                        AND m.role IN ('owner', 'admin', 'manager', 'client_admin'))
$$;
--> statement-breakpoint
-- The companies a restricted user may see: assigned to them or with them on the team
-- (NULL when they are not restricted). Called once per statement: the policies wrap it in
-- a scalar subquery, an InitPlan, and `id = ANY (uuid[])` is leakproof, so an index serves.
CREATE FUNCTION weidesk_restricted_companies() RETURNS uuid[]
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE WHEN r.id IS NULL THEN NULL ELSE ARRAY(
    SELECT c.id FROM client_companies c WHERE c.agency_id = r.agency_id AND c.assignee_user_id = r.id
    UNION
    SELECT m.client_company_id FROM client_company_members m WHERE m.agency_id = r.agency_id AND m.user_id = r.id) END
    FROM (SELECT weidesk_restricted_user() AS id, nullif(current_setting('app.agency_id', true), '')::uuid AS agency_id) r
$$;
--> statement-breakpoint
-- A person is visible to a restricted user when linked to one of their companies, or to no
-- company at all (a person just recorded, not linked yet: else they could not make one).
-- SECURITY DEFINER: "linked to no company" must count links the user cannot see.
CREATE FUNCTION weidesk_person_visible(p_person_id uuid, p_companies uuid[]) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM person_companies pc
                  WHERE pc.person_id = p_person_id AND pc.client_company_id = ANY (p_companies)
                    AND pc.agency_id = nullif(current_setting('app.agency_id', true), '')::uuid)
      OR NOT EXISTS (SELECT 1 FROM person_companies pc
                      WHERE pc.person_id = p_person_id
                        AND pc.agency_id = nullif(current_setting('app.agency_id', true), '')::uuid)
$$;
--> statement-breakpoint
CREATE POLICY definer_search ON person_companies FOR SELECT TO weidesk_owner USING (true);
--> statement-breakpoint
REVOKE ALL ON FUNCTION weidesk_check_team_member(), weidesk_restricted_user(), weidesk_restricted_companies(),
  weidesk_person_visible(uuid, uuid[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION weidesk_restricted_user(), weidesk_restricted_companies(), weidesk_person_visible(uuid, uuid[])
  TO weidesk_app, weidesk_worker;
--> statement-breakpoint
-- The policies: RESTRICTIVE, for the app role (jobs run without a user). Each reads
--   (CASE WHEN <not restricted> THEN 1 WHEN <visible> THEN 1 END) IS NOT NULL
-- which is true exactly when the user is not restricted or the row is theirs. Why not a
-- plain CASE (as 0012): the planner takes a boolean CASE as 50 %, and a second RESTRICTIVE
-- policy at 50 % halved again every estimate of these tables, so the clients list's capped
-- count chose a sequential scan (db/clients-explain.int.test.ts); `… IS NOT NULL` of an
-- expression it takes as 99.5 %, which is right for everyone but a restricted staff
-- member. The functions sit in scalar subqueries: InitPlans, run once per statement.
--
-- A company: visible when assigned to the user or in their companies (the assignee test
-- also lets INSERT … RETURNING read a row made in this statement, which the array, read
-- at its start, cannot hold); a new or changed row must be assigned to them or have them
-- on its team (nobody hands a client away and loses it mid-edit).
CREATE POLICY assigned_scope ON client_companies AS RESTRICTIVE TO weidesk_app
  USING ((CASE WHEN (SELECT weidesk_restricted_user()) IS NULL THEN 1
               WHEN assignee_user_id = (SELECT weidesk_restricted_user())
                 OR id = ANY ((SELECT weidesk_restricted_companies())::uuid[]) THEN 1 END) IS NOT NULL)
  WITH CHECK ((CASE WHEN (SELECT weidesk_restricted_user()) IS NULL THEN 1
                    WHEN assignee_user_id = (SELECT weidesk_restricted_user())
                      OR EXISTS (SELECT 1 FROM client_company_members m
                                  WHERE m.client_company_id = client_companies.id
                                    AND m.user_id = (SELECT weidesk_restricted_user())) THEN 1 END) IS NOT NULL);
--> statement-breakpoint
-- Every company-scoped table: the row's company must be one of the user's.
DO $$
DECLARE
  t text;
  scope constant text :=
    '(CASE WHEN (SELECT weidesk_restricted_user()) IS NULL THEN 1 '
    'WHEN client_company_id = ANY ((SELECT weidesk_restricted_companies())::uuid[]) THEN 1 END) IS NOT NULL';
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'person_companies', 'registrations', 'official_accounts', 'official_account_names', 'wecom_corps',
    'registration_events', 'document_requests', 'document_request_comments', 'documents',
    'document_registrations', 'document_versions', 'document_reviews', 'notes', 'client_company_members'
  ] LOOP
    EXECUTE format('CREATE POLICY assigned_scope ON %I AS RESTRICTIVE TO weidesk_app USING (%s) WITH CHECK (%s)', t, scope, scope);
  END LOOP;
END $$;
--> statement-breakpoint
-- Memberships: a client administrator's only when their company is one of the user's.
CREATE POLICY assigned_scope ON memberships AS RESTRICTIVE TO weidesk_app
  USING ((CASE WHEN client_company_id IS NULL OR (SELECT weidesk_restricted_user()) IS NULL THEN 1
               WHEN client_company_id = ANY ((SELECT weidesk_restricted_companies())::uuid[]) THEN 1 END) IS NOT NULL)
  WITH CHECK ((CASE WHEN client_company_id IS NULL OR (SELECT weidesk_restricted_user()) IS NULL THEN 1
                    WHEN client_company_id = ANY ((SELECT weidesk_restricted_companies())::uuid[]) THEN 1 END) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY assigned_scope ON people AS RESTRICTIVE TO weidesk_app
  USING ((CASE WHEN (SELECT weidesk_restricted_user()) IS NULL THEN 1
               WHEN weidesk_person_visible(id, (SELECT weidesk_restricted_companies())) THEN 1 END) IS NOT NULL)
  WITH CHECK ((CASE WHEN (SELECT weidesk_restricted_user()) IS NULL THEN 1
                    WHEN weidesk_person_visible(id, (SELECT weidesk_restricted_companies())) THEN 1 END) IS NOT NULL);
--> statement-breakpoint
-- The purge of a deleted agency (0006, 0016) now also removes its client teams.
CREATE OR REPLACE FUNCTION weidesk_purge_agency(p_agency_id uuid, p_now timestamptz)
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_tables text[] := ARRAY[
    'notifications', 'notes', 'audit_events', 'document_reviews', 'document_versions', 'document_registrations',
    'document_request_comments', 'documents', 'document_requests', 'registration_events', 'id_slots',
    'official_account_names', 'official_accounts', 'wecom_corps', 'external_accounts', 'registrations',
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
