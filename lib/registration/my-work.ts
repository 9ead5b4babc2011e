/**
 * "My work", the staff home (issue 7 §6): the signed-in member's own cards (assigned to
 * them) in open stages (lib/registration/open-stages.ts: not registered or live, not on
 * hold, rejected or abandoned), by urgency. Each card shows once, in its most urgent
 * group:
 *   1. overdue — due before now, the longest overdue first;
 *   2. due today — due later today in the agency's time zone, the soonest first;
 *   3. waiting on the client — the longest waiting first;
 *   4. moved recently — entered its stage (moved by anyone) in the last RECENT_DAYS days,
 *      the latest first.
 * Each group holds its count, its first MY_WORK_LIMIT cards, and its count per pipeline
 * (the board is one pipeline at a time: "see all" links to each pipeline's board with the
 * matching filter, lib/registration/board-query.ts).
 *
 * A member with no open cards of their own sees the agency's summary instead: per
 * pipeline, the open cards overdue and due today, linking to the boards.
 *
 * Every read runs through withTenant as weidesk_app under row-level security, read only
 * (a staff member restricted to their clients sees only theirs, ADR 0010). The member's
 * cards are found by index under the policies (ADR 0009): uuid = on
 * registrations_assignee_idx (agency_id, assignee_user_id), or smallint = ANY on the open
 * stage codes of registrations_column_idx, both leakproof, whichever the planner prefers;
 * the summary through registrations_column_idx. my-work.int.test.ts checks that no plan
 * scans registrations sequentially. Not covered: a member with thousands of finished cards
 * still has them read and filtered by stage (no index on assignee and stage together).
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { withTenant } from "@/db/tenant";
import type { MembershipContext } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { requiredDocuments } from "@/lib/documents/kinds";
import { assertCan } from "@/lib/rbac/permissions";
import { boardCardOfRow, type BoardCard, type BoardCardRow } from "./board";
import { addDays, boardHref, startOfZonedDay, zonedDate, type BoardQuery } from "./board-query";
import { openStages } from "./open-stages";
import { pipelineCodes, pipelines, stageCodes, type Pipeline } from "./pipelines";

export type MyWorkActor = Pick<MembershipContext, "user" | "agency" | "role">;

export const myWorkGroups = ["overdue", "today", "waiting", "moved"] as const;
export type MyWorkGroupKind = (typeof myWorkGroups)[number];

/** Cards each group shows on the home page. */
export const MY_WORK_LIMIT = 5;
/** "Moved recently": entered its stage within this many days. */
export const RECENT_DAYS = 3;

export type MyWorkGroup = {
  kind: MyWorkGroupKind;
  count: number;
  cards: BoardCard[];
  /** The group's cards per pipeline, in pipeline order, each with its board link. */
  boards: { pipeline: Pipeline; count: number; href: string }[];
};

export type PipelineSummary = { pipeline: Pipeline; overdue: number; today: number; overdueHref: string; boardHref: string };

export type MyWork = {
  /** The member's open cards (in a group or not). */
  open: number;
  groups: MyWorkGroup[];
  /** The agency's overdue and due-today open cards per pipeline: only when the member has no open cards. */
  summary: PipelineSummary[] | null;
};

/** The board's filter of a group, on the member's own cards ("moved recently" has none: all of theirs). */
const groupFilter: Record<MyWorkGroupKind, Partial<BoardQuery>> = {
  overdue: { assignee: "mine", overdue: true },
  today: { assignee: "mine", soon: true },
  waiting: { assignee: "mine", waiting: "client" },
  moved: { assignee: "mine" },
};

export function myWorkBoardHref(agencySlug: string, kind: MyWorkGroupKind, pipeline: Pipeline): string {
  return boardHref(agencySlug, { pipeline, ...groupFilter[kind] });
}

/** The instants the groups turn on: now, the end of today in `timeZone`, and RECENT_DAYS ago. */
export function myWorkBounds(now: Date, timeZone: string) {
  const endOfToday = startOfZonedDay(addDays(zonedDate(now, timeZone), 1), timeZone);
  const recent = new Date(now.getTime() - RECENT_DAYS * 86_400_000);
  return { now, endOfToday, recent };
}

const openCodes = () => sql.raw(`array[${openStages.map((stage) => stageCodes[stage]).join(",")}]::smallint[]`);

/** The member's open cards with their group (null: in none). */
function mineSql(actor: MyWorkActor, now: Date): SQL {
  const { endOfToday, recent } = myWorkBounds(now, actor.agency.timeZone);
  return sql`select r.id, r.version, r.product, r.pipeline, r.stage, r.resume_stage, r.due_at, r.waiting,
      r.waiting_since, r.stage_entered_at, r.assignee_user_id, r.client_company_id,
      case when r.due_at < ${now.toISOString()}::timestamptz then 'overdue'
           when r.due_at < ${endOfToday.toISOString()}::timestamptz then 'today'
           when r.waiting = 'client' then 'waiting'
           when r.stage_entered_at >= ${recent.toISOString()}::timestamptz then 'moved'
      end as grp
    from registrations r
    where r.agency_id = ${actor.agency.id} and r.assignee_user_id = ${actor.user.id}::uuid
      and r.stage_code = any(${openCodes()})`;
}

/** How many of the member's open cards each group holds, per pipeline (exported for the EXPLAIN test). */
export function myWorkCountsSql(actor: MyWorkActor, now: Date): SQL {
  return sql`select m.grp, m.pipeline, count(*)::int as count from (${mineSql(actor, now)}) m group by m.grp, m.pipeline`;
}

/** Each group's first `limit` cards, by the group's urgency, with names and documents (exported for the EXPLAIN test). */
export function myWorkCardsSql(actor: MyWorkActor, now: Date, limit = MY_WORK_LIMIT): SQL {
  const agencyId = actor.agency.id;
  const today = zonedDate(now, actor.agency.timeZone);
  // Per pipeline, the kinds its guard needs approved (as the board counts them).
  const approvedArms = pipelines
    .filter((pipeline) => requiredDocuments[pipeline].length > 0)
    .map(
      (pipeline) => sql`when ${pipeline}::pipeline then (select count(distinct d.kind)::int from document_registrations dr
        join documents d on d.agency_id = dr.agency_id and d.id = dr.document_id
        where dr.agency_id = ${agencyId} and dr.registration_id = c.id and d.status = 'approved'
          and (d.expires_on is null or d.expires_on >= ${today}::date)
          and d.kind in (${sql.join(
            requiredDocuments[pipeline].map((kind) => sql`${kind}::document_kind`),
            sql`, `,
          )}))`,
    );
  const approved = approvedArms.length > 0 ? sql`case c.pipeline ${sql.join(approvedArms, sql` `)} else 0 end` : sql`0`;
  return sql`
    with ranked as (
      select m.*, row_number() over (partition by m.grp order by
        case when m.grp in ('overdue', 'today') then m.due_at end asc,
        case when m.grp = 'waiting' then coalesce(m.waiting_since, m.stage_entered_at) end asc,
        case when m.grp = 'moved' then m.stage_entered_at end desc,
        m.id asc) as position
      from (${mineSql(actor, now)}) m where m.grp is not null
    )
    select c.*, coalesce(co.legal_name_zh, co.name_en) as company_name,
      coalesce(oa.name, wc.corp_name) as account_name, oa.account_type,
      coalesce(oa.verification_status, wc.verification_status) as verification_status,
      coalesce(oa.verification_expires_at, wc.verification_expires_at) as verification_expires_at,
      u.name as assignee_name, ${approved} as documents_approved,
      (select ag.stale_after_days from agencies ag where ag.id = ${agencyId}::uuid) as stale_after_days
    from ranked c
    join client_companies co on co.agency_id = ${agencyId} and co.id = c.client_company_id
    left join official_accounts oa on oa.agency_id = ${agencyId} and oa.registration_id = c.id
    left join wecom_corps wc on wc.agency_id = ${agencyId} and wc.registration_id = c.id
    left join users u on u.id = c.assignee_user_id
    where c.position <= ${limit}
    order by c.grp, c.position`;
}

/** The agency's open cards overdue or due today, per pipeline, through registrations_column_idx (exported for the EXPLAIN test). */
export function agencySummarySql(actor: MyWorkActor, now: Date): SQL {
  const { endOfToday } = myWorkBounds(now, actor.agency.timeZone);
  const codes = sql.raw(`array[${pipelines.map((pipeline) => pipelineCodes[pipeline]).join(",")}]::smallint[]`);
  return sql`select r.pipeline,
      (count(*) filter (where r.due_at < ${now.toISOString()}::timestamptz))::int as overdue,
      (count(*) filter (where r.due_at >= ${now.toISOString()}::timestamptz))::int as today
    from registrations r
    where r.agency_id = ${actor.agency.id} and r.pipeline_code = any(${codes}) and r.stage_code = any(${openCodes()})
      and r.due_at < ${endOfToday.toISOString()}::timestamptz
    group by r.pipeline`;
}

type RawCard = BoardCardRow & { grp: MyWorkGroupKind };

/**
 * The signed-in member's work, by urgency; the agency's summary when they have no open
 * cards. Precondition: none (checks "registration:read" itself).
 */
export async function getMyWork(actor: MyWorkActor): Promise<MyWork> {
  assertCan(actor.role, "registration:read");
  const now = clock.now();
  const { timeZone, slug } = actor.agency;
  return withTenant({ agencyId: actor.agency.id, userId: actor.user.id, readOnly: true }, async (tx) => {
    const counts = (await tx.execute<{ grp: MyWorkGroupKind | null; pipeline: Pipeline; count: number }>(myWorkCountsSql(actor, now))).rows;
    const open = counts.reduce((sum, row) => sum + Number(row.count), 0);
    const rows = open > 0 ? (await tx.execute<RawCard>(myWorkCardsSql(actor, now))).rows : [];
    const groups = myWorkGroups.map((kind): MyWorkGroup => {
      const mine = counts.filter((row) => row.grp === kind);
      return {
        kind,
        count: mine.reduce((sum, row) => sum + Number(row.count), 0),
        cards: rows.filter((row) => row.grp === kind).map((row) => boardCardOfRow(row, now, timeZone)),
        boards: pipelines.flatMap((pipeline) => {
          const count = Number(mine.find((row) => row.pipeline === pipeline)?.count ?? 0);
          return count > 0 ? [{ pipeline, count, href: myWorkBoardHref(slug, kind, pipeline) }] : [];
        }),
      };
    });
    let summary: PipelineSummary[] | null = null;
    if (open === 0) {
      const found = (await tx.execute<{ pipeline: Pipeline; overdue: number; today: number }>(agencySummarySql(actor, now))).rows;
      summary = pipelines.map((pipeline) => {
        const row = found.find((r) => r.pipeline === pipeline);
        return {
          pipeline,
          overdue: Number(row?.overdue ?? 0),
          today: Number(row?.today ?? 0),
          overdueHref: boardHref(slug, { pipeline, overdue: true }),
          boardHref: boardHref(slug, { pipeline }),
        };
      });
    }
    return { open, groups, summary };
  });
}
