/**
 * The read side of registration cards (issue 7): the list (filters, keyset pages by due
 * date then id, a capped count), a board's columns, one card, and a card's timeline. A
 * card carries what the board shows — company, account name and type, assignee, due date
 * with overdue or due soon, waiting, document progress, the account's yearly WeChat
 * verification with its 90/30/7-day warning (lib/registration/verification.ts) — and what
 * checking its moves needs (lib/registration/transitions.ts moveContextOf): the required
 * documents still missing and its last move.
 *
 * Everything runs in withTenant as weidesk_app under row-level security, filtered on
 * agency_id: another agency's card, and for a restricted staff member another client's
 * (ADR 0010), is not found. Columns are read through (agency_id, pipeline_code,
 * stage_code, due_at, id): enum `=` could use no index under row-level security (ADR 0009).
 *
 * A required document counts as approved for a card when a document of that kind linked
 * to the card (document_registrations) is approved and not past its expiry date in the
 * agency's time zone. The required kinds are the pipeline's (pipeline_required_documents).
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/tenant";
import type { MembershipContext } from "@/lib/auth/session";
import type { AccountType, VerificationStatus } from "@/lib/clients/kinds";
import { clock } from "@/lib/clock";
import type { DocumentKind } from "@/lib/documents/kinds";
import { AppError } from "@/lib/errors";
import { COUNT_CAP, encodeCursor } from "@/lib/lists/keyset";
import { assertCan } from "@/lib/rbac/permissions";
import { z } from "@/lib/validation/zod";
import { DEFAULT_STALE_AFTER_DAYS, dueSoonLimit, dueStateOf, isStale, zonedDate, type DueState } from "./board-query";
import {
  pipelineCodes,
  stageCodes,
  type Pipeline,
  type Product,
  type Stage,
  type Waiting,
} from "./pipelines";
import type { DocumentProgress } from "./transitions";
import { cardVerificationOf, type CardVerification } from "./verification";

export type RegistrationsActor = Pick<MembershipContext, "user" | "agency" | "role">;

export type RegistrationCard = {
  id: string;
  pipeline: Pipeline;
  product: Product;
  stage: Stage;
  /** The working stage a side state (on hold, rejected, abandoned) goes back to. */
  resumeStage: Stage | null;
  stageEnteredAt: string;
  dueAt: string | null;
  /** Overdue (past due), due soon (today or the next two days in the agency's time zone), or neither. */
  due: DueState;
  waiting: Waiting;
  /** When the waiting flag was set; null when not waiting. */
  waitingSince: string | null;
  /** Idle in a working stage past the agency's threshold (board-query.ts isStale). */
  stale: boolean;
  version: number;
  company: { id: string; name: string };
  /** The Official Account or WeCom corp the card registers. */
  account: { kind: Product; id: string | null; name: string | null; type: AccountType | null };
  assignee: { id: string; name: string } | null;
  /** The account's yearly WeChat verification at the read's `now`; null while the card has no account row. */
  verification: CardVerification | null;
  documents: Required<DocumentProgress>;
  /** The newest registration event: who moved the card last, from where, when. */
  lastMove: { from: Stage | null; to: Stage; by: { id: string; name: string | null } | null; at: string } | null;
  createdAt: string;
  updatedAt: string;
};

/** The list's and the board's filters (lib/registration/board-query.ts reads them from the URL alike). */
export type RegistrationFilters = {
  pipeline?: Pipeline;
  stage?: Stage;
  /** "mine", "none" (unassigned) or a user id. */
  assignee?: string;
  /** A client company's id. */
  client?: string;
  overdue?: boolean;
  soon?: boolean;
  waiting?: "any" | "client" | "wechat";
  type?: "service" | "subscription";
};

export type RegistrationListQuery = RegistrationFilters & { after?: string; limit: number };

export type RegistrationPage = { rows: RegistrationCard[]; next: string | null; total: number; totalCapped: boolean };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The cursor's value for a card with no due date: those come last. */
const NO_DUE = "-";
const SORT = "due";

/** The cursor after a card: its due instant (microseconds) or NO_DUE, and its id. */
export function decodeRegistrationCursor(cursor: string | undefined): { due: string | null; id: string } | null {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== SORT) return null;
    const [, due, id] = parsed as [string, unknown, unknown];
    if (typeof due !== "string" || typeof id !== "string" || !UUID.test(id)) return null;
    if (due !== NO_DUE && Number.isNaN(Date.parse(due))) return null;
    return { due: due === NO_DUE ? null : due, id };
  } catch {
    return null;
  }
}

/** What a card's SELECT needs besides the agency: now, the agency's time zone and today there. */
export type ReadContext = { agencyId: string; userId: string; now: Date; timeZone: string };

export function readContextOf(actor: RegistrationsActor): ReadContext {
  return { agencyId: actor.agency.id, userId: actor.user.id, now: clock.now(), timeZone: actor.agency.timeZone };
}

/** The SELECT list and joins of a card, `r` being the registration. */
function cardSelect(ctx: ReadContext): SQL {
  const today = zonedDate(ctx.now, ctx.timeZone);
  return sql`
    select r.id, r.pipeline, r.product, r.stage, r.resume_stage, r.stage_entered_at, r.due_at, r.waiting, r.waiting_since, r.version,
      r.created_at, r.updated_at,
      (select ag.stale_after_days from agencies ag where ag.id = r.agency_id) as stale_after_days,
      coalesce(to_char(r.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), ${NO_DUE}) as sort_key,
      r.client_company_id, coalesce(c.legal_name_zh, c.name_en, '') as company_name,
      coalesce(a.id, w.id) as account_id, coalesce(a.name, w.corp_name) as account_name, a.account_type,
      coalesce(a.verification_status, w.verification_status) as verification_status,
      coalesce(a.verification_expires_at, w.verification_expires_at) as verification_expires_at,
      r.assignee_user_id, u.name as assignee_name,
      docs.required, docs.approved, docs.missing,
      lm.from_stage as last_from, lm.to_stage as last_to, lm.actor_user_id as last_actor_id, lu.name as last_actor_name, lm.at as last_at
    from registrations r
    join client_companies c on c.agency_id = r.agency_id and c.id = r.client_company_id
    left join official_accounts a on a.agency_id = r.agency_id and a.registration_id = r.id
    left join wecom_corps w on w.agency_id = r.agency_id and w.registration_id = r.id
    left join users u on u.id = r.assignee_user_id
    left join lateral (
      select e.from_stage, e.to_stage, e.actor_user_id, e.at from registration_events e
      where e.agency_id = r.agency_id and e.registration_id = r.id
      order by e.at desc, e.id desc limit 1
    ) lm on true
    left join users lu on lu.id = lm.actor_user_id
    cross join lateral (
      select coalesce(array_agg(distinct d.kind::text), '{}') as kinds
      from document_registrations dr
      join documents d on d.agency_id = dr.agency_id and d.id = dr.document_id
      where dr.agency_id = r.agency_id and dr.registration_id = r.id
        and d.status = 'approved' and (d.expires_on is null or d.expires_on >= ${today}::date)
    ) ap
    cross join lateral (
      select count(*)::int as required,
        (count(*) filter (where q.kind::text = any (ap.kinds)))::int as approved,
        coalesce(array_agg(q.kind::text order by q.kind) filter (where not (q.kind::text = any (ap.kinds))), '{}') as missing
      from pipeline_required_documents q where q.pipeline = r.pipeline
    ) docs`;
}

type RawCard = {
  id: string;
  pipeline: Pipeline;
  product: Product;
  stage: Stage;
  resume_stage: Stage | null;
  stage_entered_at: Date | string;
  due_at: Date | string | null;
  waiting: Waiting;
  waiting_since: Date | string | null;
  stale_after_days: number | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  sort_key: string;
  client_company_id: string;
  company_name: string;
  account_id: string | null;
  account_name: string | null;
  account_type: AccountType | null;
  verification_status: VerificationStatus | null;
  verification_expires_at: Date | string | null;
  assignee_user_id: string | null;
  assignee_name: string | null;
  required: number;
  approved: number;
  missing: string[];
  last_from: Stage | null;
  last_to: Stage | null;
  last_actor_id: string | null;
  last_actor_name: string | null;
  last_at: Date | string | null;
};

const iso = (value: Date | string) => new Date(value).toISOString();

function cardOf(row: RawCard, ctx: ReadContext): RegistrationCard {
  return {
    id: row.id,
    pipeline: row.pipeline,
    product: row.product,
    stage: row.stage,
    resumeStage: row.resume_stage,
    stageEnteredAt: iso(row.stage_entered_at),
    dueAt: row.due_at ? iso(row.due_at) : null,
    due: dueStateOf(row.due_at, ctx.now, ctx.timeZone),
    waiting: row.waiting,
    waitingSince: row.waiting_since ? iso(row.waiting_since) : null,
    stale: isStale(
      { pipeline: row.pipeline, stage: row.stage, stageEnteredAt: row.stage_entered_at },
      row.stale_after_days ?? DEFAULT_STALE_AFTER_DAYS,
      ctx.now,
    ),
    version: row.version,
    company: { id: row.client_company_id, name: row.company_name },
    account: { kind: row.product, id: row.account_id, name: row.account_name, type: row.account_type },
    assignee: row.assignee_user_id ? { id: row.assignee_user_id, name: row.assignee_name ?? "" } : null,
    verification: row.verification_status ? cardVerificationOf(row.verification_status, row.verification_expires_at, ctx.now) : null,
    documents: { required: row.required, approved: row.approved, missing: row.missing as DocumentKind[] },
    lastMove:
      row.last_to && row.last_at
        ? {
            from: row.last_from,
            to: row.last_to,
            by: row.last_actor_id ? { id: row.last_actor_id, name: row.last_actor_name } : null,
            at: iso(row.last_at),
          }
        : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** Every WHERE condition of the filters (not the keyset). */
function filterConditions(ctx: ReadContext, filters: RegistrationFilters): SQL[] {
  const where: SQL[] = [sql`r.agency_id = ${ctx.agencyId}`];
  if (filters.pipeline) where.push(sql`r.pipeline_code = ${pipelineCodes[filters.pipeline]}`);
  if (filters.stage) where.push(sql`r.stage_code = ${stageCodes[filters.stage]}`);
  if (filters.assignee === "none") where.push(sql`r.assignee_user_id is null`);
  else if (filters.assignee === "mine") where.push(sql`r.assignee_user_id = ${ctx.userId}`);
  else if (filters.assignee && UUID.test(filters.assignee)) where.push(sql`r.assignee_user_id = ${filters.assignee}`);
  if (filters.client && UUID.test(filters.client)) where.push(sql`r.client_company_id = ${filters.client}`);
  const now = ctx.now.toISOString();
  if (filters.overdue) where.push(sql`r.due_at < ${now}::timestamptz`);
  if (filters.soon) {
    where.push(sql`r.due_at >= ${now}::timestamptz and r.due_at < ${dueSoonLimit(ctx.now, ctx.timeZone).toISOString()}::timestamptz`);
  }
  if (filters.waiting === "any") where.push(sql`r.waiting <> 'none'`);
  else if (filters.waiting) where.push(sql`r.waiting = ${filters.waiting}`);
  if (filters.type) {
    where.push(sql`r.id in (select a2.registration_id from official_accounts a2 where a2.agency_id = ${ctx.agencyId} and a2.account_type = ${filters.type})`);
  }
  return where;
}

/** The keyset condition after `cursor`, in (due_at nulls last, id) order. */
function afterCondition(cursor: { due: string | null; id: string }): SQL {
  if (cursor.due === null) return sql`(r.due_at is null and r.id > ${cursor.id}::uuid)`;
  return sql`((r.due_at, r.id) > (${cursor.due}::timestamptz, ${cursor.id}::uuid) or r.due_at is null)`;
}

const ORDER = sql`order by r.due_at asc nulls last, r.id asc`;

/** The SQL of one page of cards (exported for the tests' EXPLAIN). */
export function registrationsPageSql(ctx: ReadContext, query: RegistrationListQuery): SQL {
  const where = filterConditions(ctx, query);
  const cursor = decodeRegistrationCursor(query.after);
  if (cursor) where.push(afterCondition(cursor));
  return sql`${cardSelect(ctx)} where ${sql.join(where, sql` and `)} ${ORDER} limit ${query.limit + 1}`;
}

function countSql(ctx: ReadContext, filters: RegistrationFilters): SQL {
  return sql`select count(*)::int as total from (
    select 1 from registrations r where ${sql.join(filterConditions(ctx, filters), sql` and `)} limit ${COUNT_CAP + 1}) t`;
}

function pageOfCards(rows: RawCard[], limit: number, total: number, ctx: ReadContext): RegistrationPage {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page.map((row) => cardOf(row, ctx)),
    next: rows.length > limit && last ? encodeCursor(SORT, last.sort_key, last.id) : null,
    total: Math.min(total, COUNT_CAP),
    totalCapped: total > COUNT_CAP,
  };
}

const tenantOf = (actor: RegistrationsActor) => ({ agencyId: actor.agency.id, userId: actor.user.id, readOnly: true });

/**
 * One page of the agency's cards by due date (none last), then id, with the capped count
 * of all that match. Needs `registration:read`. Two statements.
 */
export async function listRegistrations(actor: RegistrationsActor, query: RegistrationListQuery): Promise<RegistrationPage> {
  assertCan(actor.role, "registration:read");
  const ctx = readContextOf(actor);
  return withTenant(tenantOf(actor), async (tx) => {
    const rows = (await tx.execute<RawCard>(registrationsPageSql(ctx, query))).rows;
    const [{ total } = { total: 0 }] = (await tx.execute<{ total: number }>(countSql(ctx, query))).rows;
    return pageOfCards(rows, query.limit, total, ctx);
  });
}

/** One card read inside `tx` (the move service reads it under its lock); null when not visible. */
export async function readCard(tx: Tx, ctx: ReadContext, id: string): Promise<RegistrationCard | null> {
  const { rows } = await tx.execute<RawCard>(sql`${cardSelect(ctx)} where r.agency_id = ${ctx.agencyId} and r.id = ${id}::uuid`);
  return rows[0] ? cardOf(rows[0], ctx) : null;
}

export function notFound(id: string): AppError {
  return new AppError("NOT_FOUND", `no registration ${id}`);
}

/** One card. Needs `registration:read`; another agency's id, a hidden one or a non-UUID is NOT_FOUND. */
export async function getRegistration(actor: RegistrationsActor, id: string): Promise<RegistrationCard> {
  assertCan(actor.role, "registration:read");
  if (!z.uuid().safeParse(id).success) throw notFound(id);
  const ctx = readContextOf(actor);
  const card = await withTenant(tenantOf(actor), (tx) => readCard(tx, ctx, id));
  if (!card) throw notFound(id);
  return card;
}

/* ---------------------------------------------------------------- timeline */

export type RegistrationEvent = {
  id: string;
  at: string;
  from: Stage | null;
  to: Stage;
  note: string | null;
  /** Who moved it; null for the system (a job, the seed's first event), name null when no longer a member. */
  actor: { id: string; name: string | null } | null;
  /** When the card left `to` (the next event), or null while it is still there. */
  leftAt: string | null;
  /** Seconds the card spent in `to`: until it left, or until now. */
  secondsInStage: number;
};

/** At most this many events per card are read (a card moves a few dozen times at most). */
export const EVENTS_LIMIT = 500;

/**
 * A card's stage timeline, oldest first: each move with who made it, when, its note, and
 * how long the card stayed in the stage it entered. Needs `registration:read`; NOT_FOUND
 * as getRegistration.
 */
export async function listRegistrationEvents(actor: RegistrationsActor, id: string): Promise<RegistrationEvent[]> {
  assertCan(actor.role, "registration:read");
  if (!z.uuid().safeParse(id).success) throw notFound(id);
  const agencyId = actor.agency.id;
  const now = clock.now();
  return withTenant(tenantOf(actor), async (tx) => {
    const { rows: found } = await tx.execute<{ id: string }>(sql`select r.id from registrations r where r.agency_id = ${agencyId} and r.id = ${id}::uuid`);
    if (!found[0]) throw notFound(id);
    const { rows } = await tx.execute<{
      id: string;
      at: Date | string;
      from_stage: Stage | null;
      to_stage: Stage;
      note: string | null;
      actor_user_id: string | null;
      actor_name: string | null;
    }>(sql`
      select e.id, e.at, e.from_stage, e.to_stage, e.note, e.actor_user_id, u.name as actor_name
      from registration_events e left join users u on u.id = e.actor_user_id
      where e.agency_id = ${agencyId} and e.registration_id = ${id}::uuid
      order by e.at asc, e.id asc limit ${EVENTS_LIMIT}`);
    return rows.map((row, i) => {
      const next = rows[i + 1];
      const at = new Date(row.at);
      const leftAt = next ? new Date(next.at) : null;
      return {
        id: row.id,
        at: at.toISOString(),
        from: row.from_stage,
        to: row.to_stage,
        note: row.note,
        actor: row.actor_user_id ? { id: row.actor_user_id, name: row.actor_name } : null,
        leftAt: leftAt?.toISOString() ?? null,
        secondsInStage: Math.max(0, Math.floor(((leftAt ?? now).getTime() - at.getTime()) / 1000)),
      };
    });
  });
}
