/**
 * The managers' dashboard (issue 9 §1, §5): every figure of lib/dashboard/types.ts (its
 * header defines them) in ONE SQL statement of CTEs, inside one read-only withTenant
 * transaction (two statements in all with its set_config; design.md §8 allows eight).
 * Time comes from lib/clock as parameters, never now(); dates are the agency's
 * (agencies.time_zone, carried by the actor), their bounds turned into instants here.
 *
 * Row-level security decides what is read: a staff member restricted to their clients
 * (ADR 0010) counts only those; another agency's rows are never seen. Staff get their
 * own slice (assignee forced to themselves) whatever the filters say.
 *
 * The registration figures start from the events of the window (the range, and the
 * throughput's weeks before it) and look each registration's neighbouring events up on
 * registration_events_registration_idx (agency_id, registration_id, at, id), never reading
 * a registration's whole history except for the on-hold stays of those completed in the
 * range. The window's events come from registration_events_at_idx (agency_id, at); both
 * indexes INCLUDE what is read here and what the policies test, so both are index-only
 * (0027). `npm run bench:dashboard` measures it at design.md §8's scale: still far over
 * the 50 ms target there (every stay and completion of the range is a sample of an exact
 * percentile: ~420 000 stays in 90 days at the bench's size).
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { withTenant } from "@/db/tenant";
import type { MembershipContext } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { assertCan } from "@/lib/rbac/permissions";
import { addDays, startOfZonedDay, zonedDate } from "@/lib/registration/board-query";
import { pipelineCodes, pipelines, pipelineStages, type Pipeline, type Stage } from "@/lib/registration/pipelines";
import type { Dashboard, DashboardFilters, Percentiles } from "./types";

export { parseDashboardFilters, dashboardQuerySchema, type DashboardFilterContext } from "./filters";

/** Who reads the dashboard: a member (the page, its exports) or an API token's actor. */
export type DashboardActor = Pick<MembershipContext, "user" | "agency" | "role">;

/** Weeks the throughput chart shows. */
export const THROUGHPUT_WEEKS = 12;
/** "Due soon" on the deadlines widget: due within this many days (24-hour days from now). */
export const DUE_SOON_DAYS = 7;

const DAY_MS = 86_400_000;
const HOUR_SECONDS = 3600;

/** The last stage of each pipeline: reaching it completes a registration. */
export const finalStage: Record<Pipeline, Stage> = Object.fromEntries(
  pipelines.map((pipeline) => [pipeline, pipelineStages[pipeline].at(-1)!]),
) as Record<Pipeline, Stage>;

/** The ISO week of a calendar day: "2026-W53". */
export function isoWeek(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstMonday = firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * DAY_MS;
  const week = Math.floor((thursday.getTime() - firstMonday) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The Monday of the ISO week holding `isoDate`. */
export function weekStart(isoDate: string): string {
  const weekday = (new Date(`${isoDate}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(isoDate, -weekday);
}

/** The THROUGHPUT_WEEKS Mondays ending with the week of `to`, oldest first. */
export function throughputWeeks(to: string): { week: string; weekStart: string }[] {
  const last = weekStart(to);
  return Array.from({ length: THROUGHPUT_WEEKS }, (_, i) => {
    const start = addDays(last, -7 * (THROUGHPUT_WEEKS - 1 - i));
    return { week: isoWeek(start), weekStart: start };
  });
}

/** The filters a member actually gets: staff are held to their own slice. */
export function effectiveFilters(actor: DashboardActor, filters: DashboardFilters): DashboardFilters {
  return actor.role === "staff" ? { ...filters, assignee: actor.user.id } : filters;
}

const ts = (at: Date) => sql`${at.toISOString()}::timestamptz`;
const hours = (interval: SQL) => sql`(extract(epoch from ${interval}) / ${HOUR_SECONDS})::float8`;
const percentilesSql = (value: SQL) =>
  sql`json_build_object('count', count(${value})::int,
    'medianHours', percentile_cont(0.5) within group (order by ${value}),
    'p90Hours', percentile_cont(0.9) within group (order by ${value}))`;

type Bounds = { now: Date; start: Date; end: Date; weeksStart: Date; weeksEnd: Date };

/**
 * The dashboard's one statement (exported for the EXPLAIN test):
 * a row of JSON columns, one per widget, in the shapes of lib/dashboard/types.ts.
 */
export function dashboardSql(agencyId: string, timeZone: string, filters: DashboardFilters, bounds: Bounds): SQL {
  const { now, start, end, weeksStart, weeksEnd } = bounds;
  const windowStart = new Date(Math.min(start.getTime(), weeksStart.getTime()));
  const soon = new Date(now.getTime() + DUE_SOON_DAYS * DAY_MS);
  const scope: SQL[] = [sql`r.agency_id = ${agencyId}`];
  if (filters.pipeline) scope.push(sql`r.pipeline_code = ${pipelineCodes[filters.pipeline]}::smallint`);
  if (filters.assignee === "none") scope.push(sql`r.assignee_user_id is null`);
  else if (filters.assignee) scope.push(sql`r.assignee_user_id = ${filters.assignee}::uuid`);
  const finals = sql.join(
    pipelines.map((pipeline) => sql`(${pipeline}::pipeline, ${finalStage[pipeline]}::stage)`),
    sql`, `,
  );
  const within = (days: number) => ts(new Date(now.getTime() + days * DAY_MS));

  return sql`
    with fin(pipeline, final_stage) as (values ${finals}),
    reg as (
      select r.id, r.pipeline, r.stage, r.due_at, r.assignee_user_id, r.created_at,
        (r.stage <> fin.final_stage and r.stage not in ('rejected', 'abandoned')) as active
      from registrations r join fin on fin.pipeline = r.pipeline
      where ${sql.join(scope, sql` and `)}
    ),
    moved as (
      -- The events of the window (the range, and the throughput's weeks before it).
      select e.id, e.registration_id, reg.pipeline, e.to_stage, e.at
      from registration_events e join reg on reg.id = e.registration_id
      where e.agency_id = ${agencyId} and e.at >= ${ts(windowStart)} and e.at < ${ts(end)}
    ),
    stays as (
      -- Each event in the range ends the stay its registration's previous event began.
      select m.pipeline, p.to_stage, ${hours(sql`m.at - p.at`)} as stay_hours
      from moved m
      cross join lateral (select p.to_stage, p.at from registration_events p
        where p.agency_id = ${agencyId} and p.registration_id = m.registration_id and (p.at, p.id) < (m.at, m.id)
        order by p.at desc, p.id desc limit 1) p
      where m.at >= ${ts(start)}
    ),
    done as (
      -- First entries into the pipeline's final stage in the window.
      select m.registration_id, m.pipeline, m.at as final_at
      from moved m join fin on fin.pipeline = m.pipeline and fin.final_stage = m.to_stage
      where not exists (select 1 from registration_events x where x.agency_id = ${agencyId}
        and x.registration_id = m.registration_id and x.to_stage = m.to_stage and (x.at, x.id) < (m.at, m.id))
    ),
    cycle as (
      select d.pipeline, ${hours(sql`d.final_at - s.started_at`)} as total_hours, coalesce(h.hold_hours, 0) as hold_hours
      from done d join reg on reg.id = d.registration_id
      cross join lateral (select coalesce(min(i.at), reg.created_at) as started_at from registration_events i
        where i.agency_id = ${agencyId} and i.registration_id = d.registration_id and i.to_stage = 'intake') s
      cross join lateral (
        -- The stays on hold between the start and the completion.
        select sum(${hours(sql`least(n.at, d.final_at) - o.at`)}) as hold_hours
        from registration_events o
        cross join lateral (select n.at from registration_events n
          where n.agency_id = ${agencyId} and n.registration_id = o.registration_id and (n.at, n.id) > (o.at, o.id)
          order by n.at, n.id limit 1) n
        where o.agency_id = ${agencyId} and o.registration_id = d.registration_id and o.to_stage = 'on_hold'
          and o.at >= s.started_at and o.at < d.final_at) h
      where d.final_at >= ${ts(start)}
    ),
    docs as (
      select dr.created_at as requested_at, min(rv.at) as approved_at
      from document_reviews rv
      join document_versions v on v.agency_id = rv.agency_id and v.id = rv.document_version_id
      join documents d on d.agency_id = v.agency_id and d.id = v.document_id
      join document_requests dr on dr.agency_id = d.agency_id and dr.id = d.document_request_id
      where rv.agency_id = ${agencyId} and rv.decision = 'approve' and rv.at >= ${ts(start)} and rv.at < ${ts(end)}
        and not exists (select 1 from document_reviews p
          join document_versions pv on pv.agency_id = p.agency_id and pv.id = p.document_version_id
          where p.agency_id = ${agencyId} and pv.document_id = d.id and p.decision = 'approve' and p.at < ${ts(start)})
      group by d.id, dr.created_at
    ),
    reviewed as (
      select rv.decision from document_reviews rv
      where rv.agency_id = ${agencyId} and rv.at >= ${ts(start)} and rv.at < ${ts(end)}
        and not exists (select 1 from document_reviews p where p.agency_id = ${agencyId}
          and p.document_version_id = rv.document_version_id and (p.at, p.id) < (rv.at, rv.id))
    ),
    verif as (
      select oa.verification_status as status, oa.verification_expires_at as expires_at
      from official_accounts oa join reg on reg.id = oa.registration_id where oa.agency_id = ${agencyId}
      union all
      select wc.verification_status, wc.verification_expires_at
      from wecom_corps wc join reg on reg.id = wc.registration_id where wc.agency_id = ${agencyId}
    ),
    holders as (
      select s.operator_id_hmac, count(*)::int as slots from id_slots s where s.agency_id = ${agencyId} group by s.operator_id_hmac
    )
    select
      (select coalesce(json_agg(json_build_object('pipeline', f.pipeline, 'stage', f.stage, 'count', f.count)), '[]')
        from (select reg.pipeline, reg.stage, count(*)::int as count from reg where reg.active group by reg.pipeline, reg.stage) f
      ) as funnel,
      (select json_build_object(
          'overdue', count(*) filter (where reg.due_at < ${ts(now)})::int,
          'dueWithin7Days', count(*) filter (where reg.due_at >= ${ts(now)} and reg.due_at < ${ts(soon)})::int)
        from reg where reg.active) as deadlines,
      (select coalesce(json_agg(json_build_object('pipeline', c.pipeline, 'total', c.total, 'onHold', c.on_hold)), '[]')
        from (select cycle.pipeline, ${percentilesSql(sql`cycle.total_hours`)} as total, ${percentilesSql(sql`cycle.hold_hours`)} as on_hold
          from cycle group by cycle.pipeline) c) as cycle_time,
      (select coalesce(json_agg(json_build_object('pipeline', s.pipeline, 'stage', s.to_stage, 'figures', s.figures)), '[]')
        from (select stays.pipeline, stays.to_stage, ${percentilesSql(sql`stays.stay_hours`)} as figures
          from stays group by stays.pipeline, stays.to_stage) s) as time_in_stage,
      (select coalesce(json_agg(json_build_object('weekStart', w.week_start, 'completed', w.completed)), '[]')
        from (select to_char(date_trunc('week', done.final_at at time zone ${timeZone}), 'YYYY-MM-DD') as week_start,
            count(*)::int as completed
          from done where done.final_at >= ${ts(weeksStart)} and done.final_at < ${ts(weeksEnd)}
          group by 1) w) as throughput,
      (select ${percentilesSql(hours(sql`docs.approved_at - docs.requested_at`))} from docs) as turnaround,
      (select json_build_object('reviewed', count(*)::int, 'rejected', (count(*) filter (where reviewed.decision = 'reject'))::int)
        from reviewed) as reviews,
      (select coalesce(json_agg(json_build_object('userId', o.assignee_user_id, 'name', u.name, 'open', o.open, 'overdue', o.overdue)
            order by o.open desc, o.overdue desc, u.name nulls first, o.assignee_user_id), '[]')
        from (select reg.assignee_user_id, count(*)::int as open, (count(*) filter (where reg.due_at < ${ts(now)}))::int as overdue
          from reg where reg.active group by reg.assignee_user_id) o
        left join users u on u.id = o.assignee_user_id) as open_work,
      (select json_build_object(
          'within7', count(*) filter (where status = 'verified' and expires_at > ${ts(now)} and expires_at <= ${within(7)})::int,
          'within30', count(*) filter (where status = 'verified' and expires_at > ${ts(now)} and expires_at <= ${within(30)})::int,
          'within90', count(*) filter (where status = 'verified' and expires_at > ${ts(now)} and expires_at <= ${within(90)})::int,
          'expired', count(*) filter (where status = 'expired' or (status = 'verified' and expires_at <= ${ts(now)}))::int)
        from verif) as verifications,
      (select json_build_object('slotsInUse', coalesce(sum(slots), 0)::int,
          'peopleWithOne', (count(*) filter (where slots = 1))::int, 'peopleAtCap', (count(*) filter (where slots >= 2))::int)
        from holders) as id_slots`;
}

type Row = {
  funnel: { pipeline: Pipeline; stage: Stage; count: number }[];
  deadlines: Dashboard["deadlines"];
  cycle_time: { pipeline: Pipeline; total: Percentiles; onHold: Percentiles }[];
  time_in_stage: { pipeline: Pipeline; stage: Stage; figures: Percentiles }[];
  throughput: { weekStart: string; completed: number }[];
  turnaround: Percentiles;
  reviews: { reviewed: number; rejected: number };
  open_work: Dashboard["openWork"];
  verifications: Dashboard["verifications"];
  id_slots: Dashboard["idSlots"];
};

const noSample: Percentiles = { count: 0, medianHours: null, p90Hours: null };

/** The range's dates as instants: from the start of `from` to the start of the day after `to`, in `timeZone`. */
export function dashboardBounds(filters: DashboardFilters, timeZone: string, now: Date): Bounds {
  const weeks = throughputWeeks(filters.to);
  const end = startOfZonedDay(addDays(filters.to, 1), timeZone);
  // The last week is counted up to the end of `to`, as every other figure.
  return { now, start: startOfZonedDay(filters.from, timeZone), end, weeksStart: startOfZonedDay(weeks[0]!.weekStart, timeZone), weeksEnd: end };
}

/**
 * The stages a pipeline's rows show, in board order: its stages but the final one (a
 * stay there rarely ends), then on hold; any other stage only when it has a sample.
 */
function stagesShown(pipeline: Pipeline): Stage[] {
  return [...pipelineStages[pipeline].filter((stage) => stage !== finalStage[pipeline]), "on_hold"];
}

/**
 * Every figure of the dashboard for `filters`, read at clock.now(). Precondition: none
 * (checks "dashboard:view" itself; staff get their own slice whatever `filters` says).
 */
export async function loadDashboard(actor: DashboardActor, filters: DashboardFilters): Promise<Dashboard> {
  assertCan(actor.role, "dashboard:view");
  const now = clock.now();
  const { timeZone } = actor.agency;
  const applied = effectiveFilters(actor, filters);
  const bounds = dashboardBounds(applied, timeZone, now);
  const row = await withTenant({ agencyId: actor.agency.id, userId: actor.user.id, readOnly: true }, async (tx) => {
    const { rows } = await tx.execute<Row>(dashboardSql(actor.agency.id, timeZone, applied, bounds));
    return rows[0]!;
  });

  const shown = applied.pipeline ? [applied.pipeline] : pipelines;
  const funnel = shown.flatMap((pipeline) => {
    return stagesShown(pipeline).map((stage) => ({
      pipeline,
      stage,
      count: row.funnel.find((f) => f.pipeline === pipeline && f.stage === stage)?.count ?? 0,
    }));
  });
  const cycleTime = shown.map((pipeline) => {
    const found = row.cycle_time.find((c) => c.pipeline === pipeline);
    return { pipeline, ...(found?.total ?? noSample), onHold: found?.onHold ?? noSample };
  });
  const timeInStage = shown.flatMap((pipeline) => {
    const samples = row.time_in_stage.filter((s) => s.pipeline === pipeline);
    const listed = stagesShown(pipeline);
    const others = ([...pipelineStages[pipeline], "rejected", "abandoned"] as Stage[]).filter(
      (stage) => !listed.includes(stage) && samples.some((s) => s.stage === stage),
    );
    return [...listed, ...others].map((stage) => ({
      pipeline,
      stage,
      ...(samples.find((s) => s.stage === stage)?.figures ?? noSample),
    }));
  });
  const throughput = throughputWeeks(applied.to).map((week) => ({
    ...week,
    completed: row.throughput.find((t) => t.weekStart === week.weekStart)?.completed ?? 0,
  }));
  const { reviewed, rejected } = row.reviews;

  return {
    filters: applied,
    asOf: now.toISOString(),
    timeZone,
    funnel,
    deadlines: row.deadlines,
    cycleTime,
    timeInStage,
    throughput,
    documents: {
      turnaround: row.turnaround,
      versionsReviewed: reviewed,
      versionsRejected: rejected,
      rejectionRate: reviewed > 0 ? rejected / reviewed : null,
    },
    openWork: row.open_work,
    verifications: row.verifications,
    idSlots: row.id_slots,
  };
}

/** Today in the actor's agency: the default `to`. */
export function dashboardToday(actor: DashboardActor): string {
  return zonedDate(clock.now(), actor.agency.timeZone);
}
