/**
 * The registrations board's own reads (issue 7 §3): for one pipeline, every column (its
 * stages in order, then the side states) with its count, each column's first
 * COLUMN_PAGE_SIZE cards by due date (none last) then id, and further cards of one column
 * by keyset on (due_at, id); the same cards as a list; one card as the board shows it.
 * Filters: assignee (or "mine", or nobody), client company, overdue, due soon, due within
 * N days, waiting, account type.
 *
 * Every read runs through readTenant as weidesk_app under row-level security, read only,
 * so a staff member restricted to their clients (ADR 0010) sees only theirs. Columns are
 * read through registrations_column_idx (agency_id, pipeline_code, stage_code, due_at, id):
 * under row-level security enum `=` can serve no index (ADR 0009), smallint `=` can. Each
 * column is one LATERAL index scan in that order, stopped after a page
 * (board-explain.int.test.ts checks the plans at the bench's scale). Two statements per
 * board: the counts and the cards.
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { readTenant, withTenant, type Tx } from "@/db/tenant";
import type { MembershipContext } from "@/lib/auth/session";
import type { AccountType, VerificationStatus } from "@/lib/clients/kinds";
import { clock } from "@/lib/clock";
import { requiredDocuments } from "@/lib/documents/kinds";
import { AppError } from "@/lib/errors";
import { encodeCursor } from "@/lib/lists/keyset";
import { assertCan } from "@/lib/rbac/permissions";
import {
  boardColumns,
  COLUMN_PAGE_SIZE,
  DEFAULT_STALE_AFTER_DAYS,
  dueSoonLimit,
  dueStateOf,
  dueWithinLimit,
  isStale,
  LIST_PAGE_SIZE,
  staleableStages,
  type BoardFilters,
  type BoardQuery,
  zonedDate,
  type DueState,
} from "./board-query";
import { pipelineCodes, sideStages, stageCodes, type Pipeline, type Product, type Stage, type Waiting } from "./pipelines";
import { cardVerificationOf, type CardVerification } from "./verification";

export type BoardActor = Pick<MembershipContext, "user" | "agency" | "role">;

/** One card as the board, the list and the drawer's header show it. */
export type BoardCard = {
  id: string;
  version: number;
  product: Product;
  pipeline: Pipeline;
  stage: Stage;
  /** Where a side state (on hold, rejected, abandoned) goes back to. */
  resumeStage: Stage | null;
  company: { id: string; name: string };
  /** The Official Account's name and type, or the WeCom corp's name (no type). */
  account: { name: string | null; type: AccountType | null };
  assignee: { id: string; name: string } | null;
  /** The account's yearly WeChat verification with its 90/30/7-day warning (verification.ts); null without an account row. */
  verification: CardVerification | null;
  dueAt: string | null;
  dueState: DueState;
  waiting: Waiting;
  /** When the waiting flag was set; null when not waiting (absent: not read). */
  waitingSince?: string | null;
  /** Idle in a working stage past the agency's threshold (board-query.ts isStale; absent: not read). */
  stale?: boolean;
  stageEnteredAt: string;
  /** The pipeline's required documents (design.md §6): how many kinds are approved. */
  documents: { approved: number; required: number };
  /**
   * Who moved it last, when known: the board's own reads leave it out; a move's answer has
   * it, so the mover may undo (lib/registration/transitions.ts).
   */
  lastMove?: { from: Stage | null; to: Stage; by: { id: string } | null; at: string } | null;
};

export type BoardColumn = {
  stage: Stage;
  side: boolean;
  count: number;
  cards: BoardCard[];
  /** The cursor of the column's next cards, or null when it shows them all. */
  next: string | null;
};

export type Board = { pipeline: Pipeline; columns: BoardColumn[]; total: number };
export type ColumnPage = { cards: BoardCard[]; next: string | null };
export type BoardListPage = { cards: BoardCard[]; next: string | null; total: number };

const CURSOR_SORT = "due";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The cursor after `card`: its due instant ("" when it has none) and id. */
function cursorAfter(card: { dueAt: string | null; id: string }): string {
  return encodeCursor(CURSOR_SORT, card.dueAt ?? "", card.id);
}

/** A cursor this module made, or null (the first page): tampered ones never reach SQL. */
export function decodeBoardCursor(cursor: string | undefined): { due: string | null; id: string } | null {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== CURSOR_SORT) return null;
    const [, due, id] = parsed as [unknown, unknown, unknown];
    if (typeof due !== "string" || typeof id !== "string" || !UUID.test(id)) return null;
    if (due !== "" && Number.isNaN(Date.parse(due))) return null;
    return { due: due === "" ? null : new Date(due).toISOString(), id };
  } catch {
    return null;
  }
}

function tenantOf(actor: BoardActor) {
  return { agencyId: actor.agency.id, userId: actor.user.id, readOnly: true };
}

/** The WHERE terms of the filters, on `registrations r` (the agency and pipeline first: the index's prefix). */
function filterTerms(actor: BoardActor, pipeline: Pipeline, filters: BoardFilters, now: Date): SQL[] {
  const where: SQL[] = [sql`r.agency_id = ${actor.agency.id}`, sql`r.pipeline_code = ${pipelineCodes[pipeline]}::smallint`];
  if (filters.assignee === "mine") where.push(sql`r.assignee_user_id = ${actor.user.id}::uuid`);
  else if (filters.assignee === "none") where.push(sql`r.assignee_user_id is null`);
  else if (filters.assignee) where.push(sql`r.assignee_user_id = ${filters.assignee}::uuid`);
  if (filters.client) where.push(sql`r.client_company_id = ${filters.client}::uuid`);
  // Overdue and due soon together: either.
  const due: SQL[] = [];
  if (filters.overdue) due.push(sql`r.due_at < ${now.toISOString()}::timestamptz`);
  if (filters.soon) {
    const limit = dueSoonLimit(now, actor.agency.timeZone).toISOString();
    due.push(sql`(r.due_at >= ${now.toISOString()}::timestamptz and r.due_at < ${limit}::timestamptz)`);
  }
  if (filters.within) {
    due.push(sql`(r.due_at >= ${now.toISOString()}::timestamptz and r.due_at < ${dueWithinLimit(now, filters.within).toISOString()}::timestamptz)`);
  }
  if (due.length > 0) where.push(sql`(${sql.join(due, sql` or `)})`);
  if (filters.waiting === "any") where.push(sql`r.waiting <> 'none'`);
  else if (filters.waiting) where.push(sql`r.waiting = ${filters.waiting}::waiting`);
  if (filters.type) {
    // A scalar subquery per card, through official_accounts_registration_key: as a semi-join the
    // planner would hash every Official Account of the agency to count one pipeline's cards.
    where.push(sql`(select t.account_type from official_accounts t
      where t.agency_id = r.agency_id and t.registration_id = r.id) = ${filters.type}::account_type`);
  }
  if (filters.stale) {
    // Working stages but the final one, entered longer ago than the agency's threshold.
    const codes = sql.join(staleableStages(pipeline).map((stage) => sql`${stageCodes[stage]}`), sql`, `);
    where.push(sql`r.stage_code in (${codes})`);
    where.push(sql`r.stage_entered_at < ${now.toISOString()}::timestamptz
      - (select ag.stale_after_days from agencies ag where ag.id = ${actor.agency.id}::uuid) * interval '1 day'`);
  }
  return where;
}

const CARD_COLUMNS = sql`r.id, r.version, r.product, r.pipeline, r.stage, r.resume_stage, r.due_at, r.waiting, r.waiting_since,
  r.stage_entered_at, r.assignee_user_id, r.client_company_id`;
const BY_DUE = sql`r.due_at asc nulls last, r.id asc`;

/** After the cursor in (due_at nulls last, id) order, as two index ranges: dated cards after it, then undated ones. */
function afterCursor(where: SQL[], cursor: { due: string | null; id: string }, limit: number): SQL {
  const base = sql.join(where, sql` and `);
  // Ordered as the index is (all due_at null here): the planner then needs no sort.
  const undated = sql`select ${CARD_COLUMNS} from registrations r
    where ${base} and r.due_at is null and r.id > ${cursor.id}::uuid order by ${BY_DUE} limit ${limit}`;
  if (cursor.due === null) return undated;
  const dated = sql`select ${CARD_COLUMNS} from registrations r
    where ${base} and (r.due_at, r.id) > (${cursor.due}::timestamptz, ${cursor.id}::uuid) order by ${BY_DUE} limit ${limit}`;
  const undatedFromStart = sql`select ${CARD_COLUMNS} from registrations r
    where ${base} and r.due_at is null order by ${BY_DUE} limit ${limit}`;
  return sql`select * from ((${dated}) union all (${undatedFromStart})) r order by ${BY_DUE} limit ${limit}`;
}

/**
 * The names and document progress of `cards` (a subquery of registrations rows, each
 * with `position`), in position then due order. A required kind counts as approved when a
 * document of that kind linked to the card is approved and not past its expiry date in
 * the agency's time zone, as the move's guard counts it (lib/registration/queries.ts).
 */
function enriched(actor: BoardActor, cards: SQL, pipeline: Pipeline, now: Date): SQL {
  const agencyId = actor.agency.id;
  const today = zonedDate(now, actor.agency.timeZone);
  const kinds = requiredDocuments[pipeline];
  const approved =
    kinds.length === 0
      ? sql`0`
      : sql`(select count(distinct d.kind)::int from document_registrations dr
          join documents d on d.agency_id = dr.agency_id and d.id = dr.document_id
          where dr.agency_id = ${agencyId} and dr.registration_id = c.id and d.status = 'approved'
            and (d.expires_on is null or d.expires_on >= ${today}::date)
            and d.kind in (${sql.join(kinds.map((kind) => sql`${kind}::document_kind`), sql`, `)}))`;
  return sql`
    select c.*, coalesce(co.legal_name_zh, co.name_en) as company_name,
      coalesce(oa.name, wc.corp_name) as account_name, oa.account_type,
      coalesce(oa.verification_status, wc.verification_status) as verification_status,
      coalesce(oa.verification_expires_at, wc.verification_expires_at) as verification_expires_at,
      u.name as assignee_name, ${approved} as documents_approved,
      (select ag.stale_after_days from agencies ag where ag.id = ${agencyId}::uuid) as stale_after_days
    from (${cards}) c
    join client_companies co on co.agency_id = ${agencyId} and co.id = c.client_company_id
    left join official_accounts oa on oa.agency_id = ${agencyId} and oa.registration_id = c.id
    left join wecom_corps wc on wc.agency_id = ${agencyId} and wc.registration_id = c.id
    left join users u on u.id = c.assignee_user_id
    order by c.position, c.due_at asc nulls last, c.id asc`;
}

/** One card's row as the board's and My work's reads select it (c.* with the names, the documents and the threshold). */
export type BoardCardRow = {
  id: string;
  version: number;
  product: Product;
  pipeline: Pipeline;
  stage: Stage;
  resume_stage: Stage | null;
  due_at: Date | string | null;
  waiting: Waiting;
  waiting_since: Date | string | null;
  stale_after_days: number | null;
  stage_entered_at: Date | string;
  assignee_user_id: string | null;
  client_company_id: string;
  company_name: string | null;
  account_name: string | null;
  account_type: AccountType | null;
  verification_status: VerificationStatus | null;
  verification_expires_at: Date | string | null;
  assignee_name: string | null;
  documents_approved: number;
};

type RawCard = BoardCardRow & { position: number | string };

/** The card of a row, its due state and staleness as of `now` in the agency's `timeZone` (My work's too, my-work.ts). */
export function boardCardOfRow(row: BoardCardRow, now: Date, timeZone: string): BoardCard {
  const dueAt = row.due_at ? new Date(row.due_at).toISOString() : null;
  return {
    id: row.id,
    version: row.version,
    product: row.product,
    pipeline: row.pipeline,
    stage: row.stage,
    resumeStage: row.resume_stage,
    company: { id: row.client_company_id, name: row.company_name ?? "" },
    account: { name: row.account_name, type: row.account_type },
    assignee: row.assignee_user_id ? { id: row.assignee_user_id, name: row.assignee_name ?? "" } : null,
    verification: row.verification_status ? cardVerificationOf(row.verification_status, row.verification_expires_at, now) : null,
    dueAt,
    dueState: dueStateOf(dueAt, now, timeZone),
    waiting: row.waiting,
    waitingSince: row.waiting_since ? new Date(row.waiting_since).toISOString() : null,
    stale: isStale(
      { pipeline: row.pipeline, stage: row.stage, stageEnteredAt: row.stage_entered_at },
      row.stale_after_days ?? DEFAULT_STALE_AFTER_DAYS,
      now,
    ),
    stageEnteredAt: new Date(row.stage_entered_at).toISOString(),
    documents: { approved: Number(row.documents_approved), required: requiredDocuments[row.pipeline].length },
  };
}

/** The SQL of the first page of every column of `columns` (exported for the EXPLAIN test). */
export function boardCardsSql(actor: BoardActor, pipeline: Pipeline, filters: BoardFilters, now: Date, columns: readonly Stage[]): SQL {
  const where = sql.join([...filterTerms(actor, pipeline, filters, now), sql`r.stage_code = s.code`], sql` and `);
  const codes = sql.join(columns.map((stage) => sql`${stageCodes[stage]}`), sql`, `);
  const cards = sql`select s.position, r.* from unnest(array[${codes}]::smallint[]) with ordinality as s(code, position)
    cross join lateral (select ${CARD_COLUMNS} from registrations r where ${where} order by ${BY_DUE} limit ${COLUMN_PAGE_SIZE + 1}) r`;
  return enriched(actor, cards, pipeline, now);
}

/** The SQL of the counts per stage (exported for the EXPLAIN test). */
export function boardCountsSql(actor: BoardActor, pipeline: Pipeline, filters: BoardFilters, now: Date): SQL {
  return sql`select r.stage, count(*)::int as count from registrations r
    where ${sql.join(filterTerms(actor, pipeline, filters, now), sql` and `)} group by r.stage`;
}

/** The SQL of one column's cards after `cursor` (exported for the EXPLAIN test). */
export function columnPageSql(
  actor: BoardActor,
  pipeline: Pipeline,
  filters: BoardFilters,
  now: Date,
  stage: Stage | null,
  cursor: { due: string | null; id: string } | null,
  limit: number,
): SQL {
  const where = filterTerms(actor, pipeline, filters, now);
  if (stage) where.push(sql`r.stage_code = ${stageCodes[stage]}::smallint`);
  const page = cursor
    ? afterCursor(where, cursor, limit)
    : sql`select ${CARD_COLUMNS} from registrations r where ${sql.join(where, sql` and `)} order by ${BY_DUE} limit ${limit}`;
  return enriched(actor, sql`select 0 as position, p.* from (${page}) p`, pipeline, now);
}

function pageOfCards(rows: RawCard[], size: number, now: Date, timeZone: string): ColumnPage {
  const cards = rows.slice(0, size).map((row) => boardCardOfRow(row, now, timeZone));
  const last = cards.at(-1);
  return { cards, next: rows.length > size && last ? cursorAfter(last) : null };
}

/**
 * The board of `query.pipeline`: every column with its count and first cards. Precondition:
 * none (checks "registration:read" itself).
 */
export async function getBoard(actor: BoardActor, query: Pick<BoardQuery, "pipeline"> & BoardFilters): Promise<Board> {
  assertCan(actor.role, "registration:read");
  const now = clock.now();
  const timeZone = actor.agency.timeZone;
  const columns = boardColumns(query.pipeline);
  return readTenant(tenantOf(actor), async (tx) => {
    const counts = (await tx.execute<{ stage: Stage; count: number }>(boardCountsSql(actor, query.pipeline, query, now))).rows;
    const rows = (await tx.execute<RawCard>(boardCardsSql(actor, query.pipeline, query, now, columns))).rows;
    const countOf = new Map(counts.map((row) => [row.stage, Number(row.count)]));
    return {
      pipeline: query.pipeline,
      total: counts.reduce((sum, row) => sum + Number(row.count), 0),
      columns: columns.map((stage) => ({
        stage,
        side: (sideStages as readonly string[]).includes(stage),
        count: countOf.get(stage) ?? 0,
        ...pageOfCards(
          rows.filter((row) => row.stage === stage),
          COLUMN_PAGE_SIZE,
          now,
          timeZone,
        ),
      })),
    };
  });
}

/** One column's next cards after `after` (a cursor from the board or the last page). */
export async function getColumnPage(
  actor: BoardActor,
  query: Pick<BoardQuery, "pipeline"> & BoardFilters,
  stage: Stage,
  after: string | undefined,
): Promise<ColumnPage> {
  assertCan(actor.role, "registration:read");
  if (!boardColumns(query.pipeline).includes(stage)) throw new AppError("VALIDATION", "no such column", { fields: { stage: "validation.invalid" } });
  const now = clock.now();
  const rows = await readTenant(tenantOf(actor), async (tx) =>
    (await tx.execute<RawCard>(columnPageSql(actor, query.pipeline, query, now, stage, decodeBoardCursor(after), COLUMN_PAGE_SIZE + 1))).rows,
  );
  return pageOfCards(rows, COLUMN_PAGE_SIZE, now, actor.agency.timeZone);
}

/** The list view: the pipeline's cards (or one stage's) by due date, a page at a time, and how many match. */
export async function getBoardList(actor: BoardActor, query: BoardQuery): Promise<BoardListPage> {
  assertCan(actor.role, "registration:read");
  const now = clock.now();
  const stage = query.stage && boardColumns(query.pipeline).includes(query.stage as Stage) ? (query.stage as Stage) : null;
  return readTenant(tenantOf(actor), async (tx) => {
    const rows = (
      await tx.execute<RawCard>(columnPageSql(actor, query.pipeline, query, now, stage, decodeBoardCursor(query.after), LIST_PAGE_SIZE + 1))
    ).rows;
    const counts = (await tx.execute<{ stage: Stage; count: number }>(boardCountsSql(actor, query.pipeline, query, now))).rows;
    const total = counts.filter((row) => !stage || row.stage === stage).reduce((sum, row) => sum + Number(row.count), 0);
    return { ...pageOfCards(rows, LIST_PAGE_SIZE, now, actor.agency.timeZone), total };
  });
}

/**
 * How many cards of each of `pipelines` the board shows under `filters`, in one statement:
 * the dashboard's figures link to boards, and say per pipeline how many cards each link
 * opens. Precondition: none (checks "registration:read" itself).
 */
export async function countBoardCards(actor: BoardActor, filters: BoardFilters, pipelines: readonly Pipeline[]): Promise<Map<Pipeline, number>> {
  const [counts] = await countBoardCardsUnder(actor, [filters], pipelines);
  return counts ?? new Map();
}

/** The same for each of `filterSets` (the dashboard's overdue and due-soon), still in one statement. */
export async function countBoardCardsUnder(
  actor: BoardActor,
  filterSets: readonly BoardFilters[],
  pipelines: readonly Pipeline[],
): Promise<Map<Pipeline, number>[]> {
  assertCan(actor.role, "registration:read");
  if (pipelines.length === 0 || filterSets.length === 0) return filterSets.map(() => new Map());
  const now = clock.now();
  const counts = filterSets.flatMap((filters, set) =>
    pipelines.map(
      (pipeline) => sql`select ${set}::int as filter_set, ${pipeline}::text as pipeline, count(*)::int as count from registrations r
      where ${sql.join(filterTerms(actor, pipeline, filters, now), sql` and `)}`,
    ),
  );
  const rows = await readTenant(tenantOf(actor), async (tx) =>
    (await tx.execute<{ filter_set: number; pipeline: Pipeline; count: number }>(sql.join(counts, sql` union all `))).rows,
  );
  return filterSets.map((_, set) => new Map(rows.filter((row) => row.filter_set === set).map((row) => [row.pipeline, Number(row.count)])));
}

/** One card as the board shows it, inside an open transaction (null: not there, or not visible). */
export async function readBoardCardIn(tx: Tx, actor: BoardActor, id: string): Promise<BoardCard | null> {
  if (!UUID.test(id)) return null;
  const { rows: found } = await tx.execute<{ pipeline: Pipeline }>(
    sql`select r.pipeline from registrations r where r.agency_id = ${actor.agency.id} and r.id = ${id}::uuid`,
  );
  const pipeline = found[0]?.pipeline;
  if (!pipeline) return null;
  const cards = sql`select 0 as position, ${CARD_COLUMNS} from registrations r where r.agency_id = ${actor.agency.id} and r.id = ${id}::uuid`;
  const now = clock.now();
  const { rows } = await tx.execute<RawCard>(enriched(actor, cards, pipeline, now));
  return rows[0] ? boardCardOfRow(rows[0], now, actor.agency.timeZone) : null;
}

/** One card as the board shows it. NOT_FOUND for another agency's card, one the member may not see, or no such id. */
export async function getBoardCard(actor: BoardActor, id: string): Promise<BoardCard> {
  assertCan(actor.role, "registration:read");
  const card = await withTenant(tenantOf(actor), (tx) => readBoardCardIn(tx, actor, id));
  if (!card) throw new AppError("NOT_FOUND", "no such registration");
  return card;
}

/** The name of the client company the board is filtered to (null: not the agency's, or not visible). */
export async function getBoardClientName(actor: BoardActor, clientCompanyId: string): Promise<string | null> {
  assertCan(actor.role, "registration:read");
  if (!UUID.test(clientCompanyId)) return null;
  return readTenant(tenantOf(actor), async (tx) => {
    const { rows } = await tx.execute<{ name: string | null }>(
      sql`select coalesce(legal_name_zh, name_en) as name from client_companies where agency_id = ${actor.agency.id} and id = ${clientCompanyId}::uuid`,
    );
    return rows[0] ? (rows[0].name ?? "") : null;
  });
}

/** A card as lib/registration/queries.ts reads it, as the board shows it (shared with the card drawer, board-card.ts). */
export { boardCardOf } from "./board-card";
