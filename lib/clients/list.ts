/**
 * The clients list query (issue 6 §4, design.md §8): server-side sort, filters and
 * search (and "has overdue work", issue 7 §6), keyset pagination — page 10 000 costs what page 1 costs — and every plan on
 * an index (db/clients-explain.int.test.ts checks it at scale).
 *
 * Each sort has its index ending in id: (agency_id, sort_name | created_at | updated_at, id),
 * and (agency_id, assignee_user_id, sort_name, id) for one assignee by name. Search:
 *   - text with Chinese characters: every character pair of the query must be in the
 *     name's search_grams (GIN), then LIKE rechecks their order (0009_search_functions);
 *   - other text: pg_trgm on search_text (English name and every code), or an exact
 *     WeChat ID / original ID / corp ID of one of the company's accounts.
 * A Chinese search has two plans, and the statement picks one by its lookup's capped count
 * (ADR 0027): a rare query looks its matches up through the grams' GIN index; a common one
 * walks the name order index-only and tests the stored search_name, stopping at the page's
 * last row and at the count's cap.
 * One statement per page: the rows, and beside them the count capped at COUNT_CAP. The cursor, the
 * cap and the LIKE patterns are every list's (lib/lists/keyset.ts).
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { readTenant } from "@/db/tenant";
import { clock } from "@/lib/clock";
import { containsPattern, COUNT_CAP, decodeCursor, pageOf } from "@/lib/lists/keyset";
import { openStages } from "@/lib/registration/open-stages";
import { normaliseCode } from "@/lib/validation/normalise";
import type { CompanyKind } from "./kinds";
import type { CompanyListQuery, CompanySort } from "./schemas";
import { tenantOf, type ClientsActor } from "./service";
import { assertCan } from "@/lib/rbac/permissions";

export type CompanyListRow = {
  id: string;
  kind: CompanyKind;
  legalNameZh: string | null;
  nameEn: string | null;
  uscc: string | null;
  assignee: { id: string; name: string } | null;
  registrations: number;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type CompanyListPage = {
  rows: CompanyListRow[];
  /** The cursor of the next page; null on the last. */
  next: string | null;
  /** Matching companies, at most COUNT_CAP (then "10 000+"). */
  total: number;
  totalCapped: boolean;
};

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/u;

const sortColumn: Record<CompanySort, SQL> = {
  name: sql`c.sort_name`,
  created: sql`c.created_at`,
  updated: sql`c.updated_at`,
};

/** The sort value as the cursor carries it: timestamps in full microseconds, so no row is skipped. */
const sortKey: Record<CompanySort, SQL> = {
  name: sql`c.sort_name`,
  created: sql`to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  updated: sql`to_char(c.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
};

/** The query's keyset cursor if it decodes for the query's sort (a name, else a time), else null: the first page. */
export function companyCursor(query: Pick<CompanyListQuery, "sort" | "after">): { value: string; id: string } | null {
  return decodeCursor(query.sort, query.after, query.sort === "name" ? "text" : "timestamp");
}

/** A text[] literal of `values` (quoted, so any character is safe). */
function textArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
}

/**
 * Above this many matches a Chinese search walks the name order instead of looking its
 * matches up (ADR 0027): the lookup reads every match by id and sorts them all, the walk
 * reads index entries and stops at the page's last row and at the count's cap.
 */
export const SEARCH_LOOKUP_CAP = 2_500;

/**
 * How the list finds the matches of `q`, or null when there is nothing to search. The
 * matches are looked up in weidesk_search_companies (0013_clients_search_definer, ADR 0009):
 * under row-level security no index could serve its operators; it returns ids of the
 * current agency only. It runs once per statement, in the CTE `search_matches`.
 *
 * A Chinese query's lookup stops at SEARCH_LOOKUP_CAP + 1 ids: when it gets that many, the
 * query is common and the list walks instead (`walk`, a filter on the stored search_name
 * that the name-order indexes carry, behind an optimisation fence so the planner, which
 * cannot estimate it, walks the index rather than sorting the table). The two ways are a
 * UNION ALL whose gates are one-time filters: the branch turned off is never run.
 */
type SearchPlan = { matches: SQL; walk: SQL | null };

function searchPlan(q: string | undefined): SearchPlan | null {
  const text = q?.trim();
  if (!text) return null;
  if (CJK.test(text)) {
    const compact = text.toLowerCase().replace(/\s+/g, "");
    const chars = [...compact];
    const grams = textArray([...new Set(chars.length === 1 ? chars : chars.slice(0, -1).map((c, i) => c + chars[i + 1]))]);
    const pattern = containsPattern(compact);
    return {
      matches: sql`select s.id from weidesk_search_companies(${grams}::text[], ${pattern}, null, null, null, ${SEARCH_LOOKUP_CAP + 1}::int) as s(id)`,
      walk: sql`w.search_name like ${pattern}`,
    };
  }
  const lower = text.toLowerCase();
  const code = normaliseCode(text).toLowerCase();
  return {
    matches: sql`select s.id from weidesk_search_companies(null, null, ${containsPattern(lower)}, ${containsPattern(code)}, ${text}, null) as s(id)`,
    walk: null,
  };
}

/** The statement's search_matches CTE, when it searches. */
function withMatches(search: SearchPlan | null, statement: SQL): SQL {
  return search ? sql`with search_matches as materialized (${search.matches}) ${statement}` : statement;
}

const looked = sql`c.id in (select m.id from search_matches m)`;
const common = sql`(select count(*) from search_matches) > ${SEARCH_LOOKUP_CAP}`;

/**
 * The rows of client_companies matching `where` and the search, in `order`, at most
 * `limit`, as `select` reads them: looked up, or for a Chinese query either looked up or
 * walked. The walk reads the index in order behind an OFFSET 0 fence (no condition moves
 * inside it, so the planner walks the index instead of estimating the filter, which it
 * cannot, and sorting the table). `walked` makes the walk's statement from it: the page
 * reads its rows by the walk's ids, the count counts the walk itself.
 */
function searchBranches(
  search: SearchPlan | null,
  where: SQL[],
  order: SQL,
  limit: number,
  select: (where: SQL[]) => SQL,
  walked: (walk: SQL) => SQL,
): SQL {
  if (!search) return select(where);
  if (!search.walk) return select([...where, looked]);
  const walk = sql`select w.id from (select c.id, c.search_name from client_companies c where ${sql.join(where, sql` and `)}
      order by ${order} offset 0) w where ${search.walk} and ${common} limit ${limit}`;
  return sql`(${select([...where, looked, sql`not ${common}`])}) union all (${walked(walk)})`;
}

/** client_companies.kind_code (a smallint the kind filter can use an index for, ADR 0009). */
const kindCodes: Record<CompanyKind, number> = { cn_org: 1, cn_individual: 2, overseas: 3 };

/** Every WHERE condition of the list but the search and the keyset. */
function filters(agencyId: string, query: CompanyListQuery, now: Date): SQL[] {
  const where: SQL[] = [sql`c.agency_id = ${agencyId}`];
  if (query.kind) where.push(sql`c.kind_code = ${kindCodes[query.kind]}`);
  if (query.assignee === "none") where.push(sql`c.assignee_user_id is null`);
  else if (query.assignee) where.push(sql`c.assignee_user_id = ${query.assignee}`);
  if (query.archived === "active") where.push(sql`c.archived_at is null`);
  if (query.archived === "archived") where.push(sql`c.archived_at is not null`);
  if (query.pipeline || query.stage) {
    // Through the board index, in a definer function (enum = is not leakproof: ADR 0009).
    where.push(sql`c.id in (select s.id from weidesk_companies_in_stage(${query.pipeline ?? null}::pipeline, ${query.stage ?? null}::stage) as s(id))`);
  }
  if (query.overdue) where.push(overdueCondition(now));
  return where;
}

/**
 * "Has overdue work": a card due before `now` in an open stage (not done, not on hold,
 * rejected or abandoned), through the board index in a definer function (0023_companies_overdue).
 */
export function overdueCondition(now: Date): SQL {
  const stages = textArray([...openStages]);
  return sql`c.id in (select s.id from weidesk_companies_overdue(${now.toISOString()}::timestamptz, ${stages}::stage[]) as s(id))`;
}

/** The SQL of one page; a search reads search_matches (withMatches). */
function pageSql(agencyId: string, query: CompanyListQuery, now: Date, search: SearchPlan | null): SQL {
  const column = sortColumn[query.sort];
  const desc = query.dir === "desc";
  const where = filters(agencyId, query, now);
  const cursor = companyCursor(query);
  if (cursor) {
    const value = query.sort === "name" ? sql`${cursor.value}` : sql`${cursor.value}::timestamptz`;
    where.push(desc ? sql`(${column}, c.id) < (${value}, ${cursor.id}::uuid)` : sql`(${column}, c.id) > (${value}, ${cursor.id}::uuid)`);
  }
  const order = desc ? sql`${column} desc, c.id desc` : sql`${column} asc, c.id asc`;
  const pageRows = (conditions: SQL[]) => sql`
    select c.id, c.kind, c.legal_name_zh, c.name_en, c.uscc, c.assignee_user_id, u.name as assignee_name,
           c.archived_at, c.created_at, c.updated_at, c.version, ${sortKey[query.sort]} as sort_key,
           (select count(*)::int from registrations r where r.agency_id = c.agency_id and r.client_company_id = c.id) as registrations
    from client_companies c
    left join users u on u.id = c.assignee_user_id
    where ${sql.join(conditions, sql` and `)}
    order by ${order}
    limit ${query.limit + 1}`;
  const page = searchBranches(search, where, order, query.limit + 1, pageRows, (walk) => pageRows([...where, sql`c.id in (${walk})`]));
  if (!search?.walk) return page;
  // Only one branch has rows, each in the page's order; the outer order makes that explicit
  // (sort_key: the name, or the time as fixed-width UTC text, which sorts as the time does).
  const key = query.sort === "name" ? sql`p.sort_key` : sql`p.sort_key collate "C"`;
  const outer = desc ? sql`${key} desc, p.id desc` : sql`${key} asc, p.id asc`;
  return sql`select p.* from (${page}) p order by ${outer}`;
}

/** One page, its search_matches included (exported for the EXPLAIN test). */
export function listPageSql(agencyId: string, query: CompanyListQuery, now: Date = clock.now()): SQL {
  const search = searchPlan(query.q);
  return withMatches(search, pageSql(agencyId, query, now, search));
}

/** The capped count's SQL; a search reads search_matches (withMatches). */
function countSql(agencyId: string, query: CompanyListQuery, now: Date, search: SearchPlan | null): SQL {
  // Counted in name order: with LIMIT and no order, the planner likes a sequential scan
  // that stops early — a scan of the whole table when few rows match. Every filter's
  // index (name; kind, name; assignee, name) yields name order, so one of them serves.
  const order = sql`c.sort_name, c.id`;
  const counted = searchBranches(
    search,
    filters(agencyId, query, now),
    order,
    COUNT_CAP + 1,
    (conditions) => sql`select 1 from client_companies c where ${sql.join(conditions, sql` and `)} order by ${order} limit ${COUNT_CAP + 1}`,
    (walk) => sql`select 1 from (${walk}) x`,
  );
  return sql`select count(*)::int as total from (${counted}) t`;
}

/** The capped count, its search_matches included (exported for the EXPLAIN test). */
export function listCountSql(agencyId: string, query: CompanyListQuery, now: Date = clock.now()): SQL {
  const search = searchPlan(query.q);
  return withMatches(search, countSql(agencyId, query, now, search));
}

/**
 * The page and its capped count in one statement: the count's one row, and beside it each
 * row of the page in the page's order (a nested loop over one outer row); no rows on the
 * page leaves one row with the count alone (id null).
 */
export function listSql(agencyId: string, query: CompanyListQuery, now: Date = clock.now()): SQL {
  const search = searchPlan(query.q);
  return withMatches(
    search,
    sql`select t.total, p.* from (${countSql(agencyId, query, now, search)}) t
    left join lateral (${pageSql(agencyId, query, now, search)}) p on true`,
  );
}

type RawRow = {
  id: string;
  kind: CompanyKind;
  legal_name_zh: string | null;
  name_en: string | null;
  uscc: string | null;
  assignee_user_id: string | null;
  assignee_name: string | null;
  archived_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
  version: number;
  sort_key: string;
  registrations: number;
};

const iso = (value: Date | string) => new Date(value).toISOString();

export async function listCompanies(actor: ClientsActor, query: CompanyListQuery): Promise<CompanyListPage> {
  assertCan(actor.role, "client:read");
  return readTenant(tenantOf(actor, true), async (tx) => {
    const found = (await tx.execute<Partial<RawRow> & { total: number }>(listSql(actor.agency.id, query, clock.now()))).rows;
    const total = found[0]?.total ?? 0;
    const rows = found.filter((row): row is RawRow & { total: number } => row.id != null);
    const page = pageOf(rows, query.limit, query.sort, total);
    return {
      ...page,
      rows: page.rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        legalNameZh: r.legal_name_zh,
        nameEn: r.name_en,
        uscc: r.uscc,
        assignee: r.assignee_user_id ? { id: r.assignee_user_id, name: r.assignee_name ?? "" } : null,
        registrations: r.registrations,
        archivedAt: r.archived_at ? iso(r.archived_at) : null,
        createdAt: iso(r.created_at),
        updatedAt: iso(r.updated_at),
        version: r.version,
      })),
    };
  });
}

export type AssigneeOption = { id: string; name: string };

/**
 * Who may hold clients (the assignee filter and "Assign to…"): the agency's active
 * owners, admins and staff, by name. Any role that reads clients may see them.
 */
export async function listAssigneeOptions(actor: ClientsActor): Promise<AssigneeOption[]> {
  assertCan(actor.role, "client:read");
  return readTenant(tenantOf(actor, true), async (tx) => {
    const { rows } = await tx.execute<AssigneeOption>(sql`
      select u.id, u.name from memberships m join users u on u.id = m.user_id
      where m.agency_id = ${actor.agency.id} and m.status = 'active' and m.role in ('owner', 'admin', 'staff')
      order by u.name, u.id`);
    return rows;
  });
}
