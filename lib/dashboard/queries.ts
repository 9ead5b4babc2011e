/**
 * The managers' dashboard (issue 9 §1, §5): every figure of lib/dashboard/types.ts (its
 * header defines them) in ONE SQL statement of CTEs, read-only through readTenant (in a
 * page render, the render's shared transaction: one set_config for the layout and the page).
 * Time comes from lib/clock as parameters, never now(); dates are the agency's
 * (agencies.time_zone, carried by the actor), their bounds turned into instants here.
 *
 * Fast as the agency grows (issue 9 §2, ADR 0020): the statement reads the summary rows
 * the database keeps in the same transaction as each change (migration 0029's triggers:
 * cards per stage and assignee, active cards per UTC day due, one row per completed
 * registration and completions per day, stays and document reviews per day, verifications,
 * ID slots per agency),
 * plus two short index ranges (the active cards due today and on the day a week from now).
 * Its cost follows the range and the active work, not the agency's history.
 * `npm run bench:dashboard` measures it at design.md §8's scale.
 *
 * Row-level security decides what is read: another agency's rows are never seen; a staff
 * member restricted to their clients (ADR 0010) reads only the summaries of the cards
 * assigned to them and none of the agency-wide ones. Staff get their own slice (assignee
 * forced to themselves) whatever the filters say.
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { readTenant } from "@/db/tenant";
import type { MembershipContext } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { assertCan } from "@/lib/rbac/permissions";
import { addDays, startOfZonedDay, zonedDate } from "@/lib/registration/board-query";
import { pipelines, pipelineStages, type Pipeline, type Stage } from "@/lib/registration/pipelines";
import type { Dashboard, DashboardFilters, Mean, Percentiles } from "./types";

/** A row's Mean, without its other fields. */
const pick = (row: Mean | undefined): Mean | undefined => row && { count: row.count, meanHours: row.meanHours };

export { parseDashboardFilters, dashboardQuerySchema, type DashboardFilterContext } from "./filters";

/** Who reads the dashboard: a member (the page, its exports) or an API token's actor. */
export type DashboardActor = Pick<MembershipContext, "user" | "agency" | "role">;

/** Weeks the throughput chart shows. */
export const THROUGHPUT_WEEKS = 12;
/** "Due soon" on the deadlines widget: due within this many days (24-hour days from now). */
export const DUE_SOON_DAYS = 7;

const DAY_MS = 86_400_000;

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
/** An hour in microseconds, the summaries' unit. */
const HOUR_US = sql.raw("3600000000.0");
/**
 * Percentiles of microseconds, in hours (interpolation commutes with the scale: exact), of
 * the rows `only` keeps. The two percentiles share their sort (same input, order and filter).
 */
const percentilesSql = (microseconds: SQL, only: SQL) =>
  sql`json_build_object('count', count(${microseconds}) ${only}::int,
    'medianHours', percentile_cont(0.5) within group (order by ${microseconds}::float8) ${only} / ${HOUR_US}::float8,
    'p90Hours', percentile_cont(0.9) within group (order by ${microseconds}::float8) ${only} / ${HOUR_US}::float8)`;

type Bounds = { now: Date; start: Date; end: Date; weeksStart: Date; weeksEnd: Date };

/** Stages that end a card's active life: the pipelines' final stages, and closed. */
export const INACTIVE_STAGES = ["registered", "live", "rejected", "abandoned"] as const;
const inactive = sql.raw(`'{${INACTIVE_STAGES.join(",")}}'::stage[]`);

/**
 * The dashboard's one statement (exported for the bench and the plan test): a row of JSON
 * columns, one per widget, in the shapes of lib/dashboard/types.ts, read from the summary
 * rows of migration 0029 (ADR 0020) and two short index ranges of the cards: the active ones
 * due on the partial days at the edges of the deadlines (registrations_active_due_idx).
 */
export function dashboardSql(agencyId: string, timeZone: string, filters: DashboardFilters, bounds: Bounds): SQL {
  const { now, start, end } = bounds;
  const firstWeek = throughputWeeks(filters.to)[0]!.weekStart;
  const soon = new Date(now.getTime() + DUE_SOON_DAYS * DAY_MS);
  const within = (days: number) => ts(new Date(now.getTime() + days * DAY_MS));
  // The deadlines' UTC days (registration_due_days): today's, and the one "soon" falls on.
  const todayStart = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const tomorrowStart = new Date(todayStart.getTime() + DAY_MS);
  const soonDayStart = new Date(Math.floor(soon.getTime() / DAY_MS) * DAY_MS);
  const today = todayStart.toISOString().slice(0, 10);
  const soonDay = soonDayStart.toISOString().slice(0, 10);
  /** The filters on a table with pipeline and assignee_user_id, aliased `alias`. */
  const scope = (alias: string) => {
    const column = (name: string) => sql.raw(`${alias}.${name}`);
    const clauses: SQL[] = [sql`${column("agency_id")} = ${agencyId}`];
    if (filters.pipeline) clauses.push(sql`${column("pipeline")} = ${filters.pipeline}::pipeline`);
    if (filters.assignee === "none") clauses.push(sql`${column("assignee_user_id")} is null`);
    else if (filters.assignee) clauses.push(sql`${column("assignee_user_id")} = ${filters.assignee}::uuid`);
    return sql.join(clauses, sql` and `);
  };
  // Cycle time per pipeline shown, each from its own rows (FILTER): one pass over the
  // completions, with no sort by pipeline first (an ordered-set aggregate cannot hash).
  const cycleTimes = sql.join(
    (filters.pipeline ? [filters.pipeline] : pipelines).map((pipeline) => {
      const only = sql`filter (where done.pipeline = ${pipeline}::pipeline)`;
      return sql`json_build_object('pipeline', ${pipeline}::text, 'total', ${percentilesSql(sql`done.total_us`, only)},
        'onHold', ${percentilesSql(sql`done.hold_us`, only)})`;
    }),
    sql`, `,
  );
  return sql`
    with cards as (
      select c.pipeline, c.stage, c.assignee_user_id, c.cards from registration_counts c
      where ${scope("c")} and c.stage <> all (${inactive}) and c.cards <> 0
    ),
    due as (
      -- The active cards due before "soon" (overdue ones included), per assignee: whole UTC
      -- days from registration_due_days, and card by card the two partial days at the edges
      -- (today, and the day "soon" falls on).
      select x.assignee_user_id, sum(x.overdue)::int as overdue, sum(x.soon)::int as soon from (
        select d.assignee_user_id, sum(d.cards) filter (where d.due_day < ${today}::date) as overdue,
          sum(d.cards) filter (where d.due_day > ${today}::date) as soon
        from registration_due_days d
        where ${scope("d")} and d.due_day < ${soonDay}::date and d.due_day <> ${today}::date
        group by d.assignee_user_id
        union all
        select edge.assignee_user_id, count(*) filter (where edge.due_at < ${ts(now)}), count(*) filter (where edge.due_at >= ${ts(now)})
        from (
          select r.assignee_user_id, r.due_at from registrations r
          where ${scope("r")} and r.stage <> all (${inactive}) and r.due_at is not null
            and r.due_at >= ${ts(todayStart)} and r.due_at < ${ts(tomorrowStart)}
          union all
          select r.assignee_user_id, r.due_at from registrations r
          where ${scope("r")} and r.stage <> all (${inactive}) and r.due_at is not null
            and r.due_at >= ${ts(soonDayStart)} and r.due_at < ${ts(soon)}
        ) edge
        group by edge.assignee_user_id
      ) x
      group by x.assignee_user_id
    ),
    done as (
      select c.pipeline, c.total_us, c.hold_us from registration_completions c
      where ${scope("c")} and c.completed_at >= ${ts(start)} and c.completed_at < ${ts(end)}
    ),
    stays as (
      select s.pipeline, s.stage, sum(s.stays)::int as stays, sum(s.stay_us) as stay_us from stage_time_daily s
      where ${scope("s")} and s.day between ${filters.from}::date and ${filters.to}::date
      group by s.pipeline, s.stage
    ),
    verif as (
      -- The expired (at -infinity) and the verified expiring within 90 days, or already: a
      -- verified card's sort_at is its expiry, so sort_at alone places every row.
      select v.sort_at from verification_expiries v where ${scope("v")} and v.sort_at <= ${within(90)}
    )
    select
      (select coalesce(json_agg(json_build_object('pipeline', f.pipeline, 'stage', f.stage, 'count', f.count)), '[]')
        from (select cards.pipeline, cards.stage, sum(cards.cards)::int as count from cards group by cards.pipeline, cards.stage) f
      ) as funnel,
      (select json_build_object('overdue', coalesce(sum(due.overdue), 0)::int, 'dueWithin7Days', coalesce(sum(due.soon), 0)::int)
        from due) as deadlines,
      (select json_build_array(${cycleTimes}) from done) as cycle_time,
      (select coalesce(json_agg(json_build_object('pipeline', stays.pipeline, 'stage', stays.stage, 'count', stays.stays,
            'meanHours', case when stays.stays > 0 then (stays.stay_us / stays.stays / ${HOUR_US})::float8 end)), '[]')
        from stays where stays.stays > 0) as time_in_stage,
      (select coalesce(json_agg(json_build_object('weekStart', to_char(w.week, 'YYYY-MM-DD'), 'completed', w.completed)), '[]')
        from (select date_trunc('week', c.day) as week, sum(c.completed)::int as completed from completion_daily c
          where ${scope("c")} and c.day between ${firstWeek}::date and ${filters.to}::date
          group by 1) w) as throughput,
      (select json_build_object('reviewed', coalesce(sum(d.reviewed), 0)::int, 'rejected', coalesce(sum(d.rejected), 0)::int,
          'approved', coalesce(sum(d.approved), 0)::int,
          'meanHours', case when sum(d.approved) > 0 then (sum(d.turnaround_us) / sum(d.approved) / ${HOUR_US})::float8 end)
        from document_daily d where d.agency_id = ${agencyId} and d.day between ${filters.from}::date and ${filters.to}::date) as documents,
      (select coalesce(json_agg(json_build_object('userId', o.assignee_user_id, 'name', u.name, 'open', o.open, 'overdue', o.overdue)
            order by o.open desc, o.overdue desc, u.name nulls first, o.assignee_user_id), '[]')
        from (select c.assignee_user_id, c.open, coalesce(due.overdue, 0) as overdue
          from (select cards.assignee_user_id, sum(cards.cards)::int as open from cards group by cards.assignee_user_id) c
          left join due on due.assignee_user_id is not distinct from c.assignee_user_id) o
        left join users u on u.id = o.assignee_user_id) as open_work,
      (select json_build_object(
          'within7', count(*) filter (where sort_at > ${ts(now)} and sort_at <= ${within(7)})::int,
          'within30', count(*) filter (where sort_at > ${ts(now)} and sort_at <= ${within(30)})::int,
          'within90', count(*) filter (where sort_at > ${ts(now)})::int,
          'expired', count(*) filter (where sort_at <= ${ts(now)})::int)
        from verif) as verifications,
      (select json_build_object('slotsInUse', coalesce(sum(t.slots), 0)::int,
          'peopleWithOne', coalesce(sum(t.people_with_one), 0)::int, 'peopleAtCap', coalesce(sum(t.people_at_cap), 0)::int)
        from id_slot_totals t where t.agency_id = ${agencyId}) as id_slots`;
}

type Row = {
  funnel: { pipeline: Pipeline; stage: Stage; count: number }[];
  deadlines: Dashboard["deadlines"];
  cycle_time: { pipeline: Pipeline; total: Percentiles; onHold: Percentiles }[];
  time_in_stage: ({ pipeline: Pipeline; stage: Stage } & Mean)[];
  throughput: { weekStart: string; completed: number }[];
  documents: { reviewed: number; rejected: number; approved: number; meanHours: number | null };
  open_work: Dashboard["openWork"];
  verifications: Dashboard["verifications"];
  id_slots: Dashboard["idSlots"];
};

const noSample: Percentiles = { count: 0, medianHours: null, p90Hours: null };
const noMean: Mean = { count: 0, meanHours: null };

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
  const row = await readTenant({ agencyId: actor.agency.id, userId: actor.user.id, readOnly: true }, async (tx) => {
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
      ...(pick(samples.find((s) => s.stage === stage)) ?? noMean),
    }));
  });
  const throughput = throughputWeeks(applied.to).map((week) => ({
    ...week,
    completed: row.throughput.find((t) => t.weekStart === week.weekStart)?.completed ?? 0,
  }));
  const { reviewed, rejected, approved, meanHours } = row.documents;

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
      turnaround: approved > 0 ? { count: approved, meanHours } : noMean,
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
