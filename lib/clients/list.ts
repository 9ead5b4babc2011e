/**
 * The clients list query (issue 6 §4, design.md §8): server-side sort, filters and
 * search (and "has overdue work", issue 7 §6), keyset pagination — page 10 000 costs what page 1 costs — and every plan on
 * an index (db/clients-explain.int.test.ts checks it at scale).
 *
 * Each sort has its index ending in id: (agency_id, sort_name | created_at | updated_at, id),
 * and (agency_id, assignee_user_id, sort_name, id) for one assignee by name. Search:
 *   - text with Chinese characters: a posting list (client_company_grams, ADR 0028) of the
 *     query's rarest character or character pair, in name order, and LIKE on the copied
 *     search_name rechecks the whole query; read index-only, it serves the name order's
 *     page and every count. A page in a time order looks its matches up from that list and,
 *     when there are more than SEARCH_LOOKUP_CAP, walks the time order instead (ADR 0027);
 *   - other text: pg_trgm on search_text (English name and every code), or an exact
 *     WeChat ID / original ID / corp ID of one of the company's accounts.
 * One statement per page: the rows, and beside them the count capped at COUNT_CAP. The cursor, the
 * cap and the LIKE patterns are every list's (lib/lists/keyset.ts).
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { readTenant, type Tx } from "@/db/tenant";
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
 * Above this many matches a Chinese search sorted by time walks that order instead of
 * looking its matches up (ADR 0027): the lookup reads every match by id and sorts them
 * all, the walk reads index entries and stops at the page's last row and at the count's
 * cap. It is also the cap of the probe that picks the posting list to walk (ADR 0028).
 */
export const SEARCH_LOOKUP_CAP = 2_500;

/** Which table a condition reads: the company itself, or a posting list's copy of it. */
type Source = { col: (name: "kind_code" | "assignee_user_id" | "archived_at" | "sort_name") => SQL; id: SQL };
const company: Source = { col: (name) => sql.raw(`c.${name}`), id: sql`c.id` };
const posting: Source = { col: (name) => sql.raw(`p.${name}`), id: sql`p.client_company_id` };

/**
 * How the list finds the matches of `q`, or null when there is nothing to search.
 *
 * A Chinese query walks a posting list (client_company_grams, ADR 0028): of its grams
 * (its character, or its character pairs), the one with the fewest companies, probed up to
 * SEARCH_LOOKUP_CAP + 1 each; LIKE on the copied search_name rechecks the whole query.
 * `posted` reads that list's company ids matching `where` (conditions on `p`), in name
 * order when asked, index-only. The name order's page and every count use it. A page in
 * a time order needs the matches in that order: `matches` looks them up (capped at
 * SEARCH_LOOKUP_CAP + 1) and, when the cap is reached, the page walks the time order
 * instead (`walk`, ADR 0027).
 *
 * Other text is looked up in weidesk_search_companies (0036_search_latin_only, ADR
 * 0009): under row-level security no index could serve its operators; it returns ids of
 * the current agency only. The lookups run once per statement, in the CTE `search_matches`.
 */
type SearchPlan = {
  /** CTEs the statement's parts may read: search_gram, the posting list a Chinese query walks. */
  gram: SQL | null;
  matches: SQL;
  walk: SQL | null;
  posted: ((where: SQL[], order: SQL | null, limit: number) => SQL) | null;
};

function searchPlan(agencyId: string, q: string | undefined): SearchPlan | null {
  const text = q?.trim();
  if (!text) return null;
  if (CJK.test(text)) {
    const compact = text.toLowerCase().replace(/\s+/g, "");
    const chars = [...compact];
    const grams = [...new Set(chars.length === 1 ? chars : chars.slice(0, -1).map((c, i) => c + chars[i + 1]))];
    const pattern = containsPattern(compact);
    // One gram is the list; of several, the one with the fewest companies, probed once per statement.
    const gram =
      grams.length === 1
        ? null
        : sql`select g.gram from unnest(${textArray(grams)}::text[]) as g(gram)
            order by (select count(*) from (select 1 from client_company_grams p
                        where p.agency_id = ${agencyId} and p.gram = g.gram limit ${SEARCH_LOOKUP_CAP + 1}) x), g.gram
            limit 1`;
    const walked = gram ? sql`(select s.gram from search_gram s)` : sql`${grams[0]}`;
    const posted = (where: SQL[], order: SQL | null, limit: number) => sql`select p.client_company_id as id from client_company_grams p
        where ${sql.join([sql`p.agency_id = ${agencyId}`, sql`p.gram = ${walked}`, sql`p.search_name like ${pattern}`, ...where], sql` and `)}
        ${order ? sql`order by ${order} ` : sql``}limit ${limit}`;
    return { gram, matches: posted([], null, SEARCH_LOOKUP_CAP + 1), walk: sql`w.search_name like ${pattern}`, posted };
  }
  const lower = text.toLowerCase();
  const code = normaliseCode(text).toLowerCase();
  return {
    gram: null,
    matches: sql`select s.id from weidesk_search_companies(${containsPattern(lower)}, ${containsPattern(code)}, ${text}) as s(id)`,
    walk: null,
    posted: null,
  };
}

/** Whether a statement of `query` reads search_matches: not when posting lists serve it all. */
function readsMatches(search: SearchPlan, query: CompanyListQuery, part: "page" | "count" | "both"): boolean {
  if (!search.posted) return true;
  return part !== "count" && query.sort !== "name";
}

/** The statement with the CTEs its search reads: search_gram and search_matches, each run once. */
function withMatches(search: SearchPlan | null, query: CompanyListQuery, part: "page" | "count" | "both", statement: SQL): SQL {
  if (!search) return statement;
  const ctes: SQL[] = [];
  if (search.gram) ctes.push(sql`search_gram as materialized (${search.gram})`);
  if (readsMatches(search, query, part)) ctes.push(sql`search_matches as materialized (${search.matches})`);
  return ctes.length ? sql`with ${sql.join(ctes, sql`, `)} ${statement}` : statement;
}

const looked = sql`c.id in (select m.id from search_matches m)`;
const common = sql`(select count(*) from search_matches) > ${SEARCH_LOOKUP_CAP}`;

/**
 * The rows of client_companies matching `where` and the search, in `order`, at most
 * `limit`, as `select` reads them: looked up, or for a Chinese query either looked up or
 * walked. The walk reads the index in order behind an OFFSET 0 fence (no condition moves
 * inside it, so the planner walks the index instead of estimating the filter, which it
 * cannot, and sorting the table). The page reads its rows by the walk's ids.
 */
function searchBranches(search: SearchPlan, where: SQL[], order: SQL, limit: number, select: (where: SQL[]) => SQL): SQL {
  if (!search.walk) return select([...where, looked]);
  const walk = sql`select w.id from (select c.id, c.search_name from client_companies c where ${sql.join(where, sql` and `)}
      order by ${order} offset 0) w where ${search.walk} and ${common} limit ${limit}`;
  return sql`(${select([...where, looked, sql`not ${common}`])}) union all (${select([...where, sql`c.id in (${walk})`])})`;
}

/** client_companies.kind_code (a smallint the kind filter can use an index for, ADR 0009). */
const kindCodes: Record<CompanyKind, number> = { cn_org: 1, cn_individual: 2, overseas: 3 };

/** Every WHERE condition of the list but the search and the keyset, on the company or a posting list's copy. */
function filters(agencyId: string, query: CompanyListQuery, now: Date, from: Source = company): SQL[] {
  const where: SQL[] = from === company ? [sql`c.agency_id = ${agencyId}`] : [];
  if (query.kind) where.push(sql`${from.col("kind_code")} = ${kindCodes[query.kind]}`);
  if (query.assignee === "none") where.push(sql`${from.col("assignee_user_id")} is null`);
  else if (query.assignee) where.push(sql`${from.col("assignee_user_id")} = ${query.assignee}`);
  if (query.archived === "active") where.push(sql`${from.col("archived_at")} is null`);
  if (query.archived === "archived") where.push(sql`${from.col("archived_at")} is not null`);
  if (query.pipeline || query.stage) {
    // Through the board index, in a definer function (enum = is not leakproof: ADR 0009).
    where.push(
      sql`${from.id} in (select s.id from weidesk_companies_in_stage(${query.pipeline ?? null}::pipeline, ${query.stage ?? null}::stage) as s(id))`,
    );
  }
  if (query.overdue) where.push(overdueCondition(now, from.id));
  return where;
}

/**
 * "Has overdue work": a card due before `now` in an open stage (not done, not on hold,
 * rejected or abandoned), through the board index in a definer function (0023_companies_overdue).
 */
export function overdueCondition(now: Date, id: SQL = sql`c.id`): SQL {
  const stages = textArray([...openStages]);
  return sql`${id} in (select s.id from weidesk_companies_overdue(${now.toISOString()}::timestamptz, ${stages}::stage[]) as s(id))`;
}

/** The SQL of one page; a search may read search_matches (withMatches). */
function pageSql(agencyId: string, query: CompanyListQuery, now: Date, search: SearchPlan | null): SQL {
  const column = sortColumn[query.sort];
  const desc = query.dir === "desc";
  const where = filters(agencyId, query, now);
  const cursor = companyCursor(query);
  const value = cursor && (query.sort === "name" ? sql`${cursor.value}` : sql`${cursor.value}::timestamptz`);
  const keyset = (sort: SQL, id: SQL) =>
    desc ? sql`(${sort}, ${id}) < (${value}, ${cursor!.id}::uuid)` : sql`(${sort}, ${id}) > (${value}, ${cursor!.id}::uuid)`;
  if (cursor) where.push(keyset(column, sql`c.id`));
  const order = desc ? sql`${column} desc, c.id desc` : sql`${column} asc, c.id asc`;
  const pageRows = (conditions: SQL[]) => sql`
    select c.id, c.kind, c.legal_name_zh, c.name_en, c.uscc, c.assignee_user_id,
           c.archived_at, c.created_at, c.updated_at, c.version, ${sortKey[query.sort]} as sort_key,
           c.registration_count as registrations
    from client_companies c
    where ${sql.join(conditions, sql` and `)}
    order by ${order}
    limit ${query.limit + 1}`;
  if (!search) return pageRows(where);
  if (search.posted && query.sort === "name") {
    // The posting list in name order: the page's ids, then their rows (ADR 0028).
    const onPosting = filters(agencyId, query, now, posting);
    if (cursor) onPosting.push(keyset(sql`p.sort_name`, sql`p.client_company_id`));
    const postedOrder = desc ? sql`p.sort_name desc, p.client_company_id desc` : sql`p.sort_name asc, p.client_company_id asc`;
    return pageRows([...where, sql`c.id in (${search.posted(onPosting, postedOrder, query.limit + 1)})`]);
  }
  const page = searchBranches(search, where, order, query.limit + 1, pageRows);
  if (!search.walk) return page;
  // Only one branch has rows, each in the page's order; the outer order makes that explicit
  // (sort_key: the time as fixed-width UTC text, which sorts as the time does).
  const outer = desc ? sql`p.sort_key collate "C" desc, p.id desc` : sql`p.sort_key collate "C" asc, p.id asc`;
  return sql`select p.* from (${page}) p order by ${outer}`;
}

/** One page, its search_matches included (exported for the EXPLAIN test). */
export function listPageSql(agencyId: string, query: CompanyListQuery, now: Date = clock.now()): SQL {
  const search = searchPlan(agencyId, query.q);
  return withMatches(search, query, "page", pageSql(agencyId, query, now, search));
}

/** The capped count's SQL; a search other than Chinese reads search_matches (withMatches). */
function countSql(agencyId: string, query: CompanyListQuery, now: Date, search: SearchPlan | null): SQL {
  const capped = (from: SQL) => sql`select count(*)::int as total from (${from}) t`;
  if (search?.posted) {
    // A posting list holds the matches and the filters' copies: counted index-only (ADR 0028).
    return capped(search.posted(filters(agencyId, query, now, posting), sql`p.sort_name, p.client_company_id`, COUNT_CAP + 1));
  }
  // Counted in name order: with LIMIT and no order, the planner likes a sequential scan
  // that stops early — a scan of the whole table when few rows match. Every filter's
  // index (name; kind, name; assignee, name) yields name order, so one of them serves.
  const where = filters(agencyId, query, now);
  if (search) where.push(looked);
  return capped(
    sql`select 1 from client_companies c where ${sql.join(where, sql` and `)} order by c.sort_name, c.id limit ${COUNT_CAP + 1}`,
  );
}

/** The capped count, its search_matches included (exported for the EXPLAIN test). */
export function listCountSql(agencyId: string, query: CompanyListQuery, now: Date = clock.now()): SQL {
  const search = searchPlan(agencyId, query.q);
  return withMatches(search, query, "count", countSql(agencyId, query, now, search));
}

/**
 * The page and its capped count in one statement: the count's one row, and beside it each
 * row of the page in the page's order (a nested loop over one outer row); no rows on the
 * page leaves one row with the count alone (id null).
 */
export function listSql(agencyId: string, query: CompanyListQuery, now: Date = clock.now()): SQL {
  const search = searchPlan(agencyId, query.q);
  return withMatches(
    search,
    query,
    "both",
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
  archived_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
  version: number;
  sort_key: string;
  registrations: number;
};

const iso = (value: Date | string) => new Date(value).toISOString();

export type AssigneeOption = { id: string; name: string };
type Member = AssigneeOption & { assignable: boolean };

/**
 * The agency's members by name: the names of the list's assignees, and who may hold clients
 * now. The list's statement joins no `users` for the names: under row-level security the
 * users policy added a subplan over `memberships` to it, 0.1–0.2 ms, which made a rare search
 * 1.4× the statement as `weidesk_maint` (ADR 0029). Every membership, of any status, names
 * its user, as the users policy let the join see them.
 */
async function membersIn(tx: Tx, agencyId: string): Promise<Member[]> {
  const { rows } = await tx.execute<Member>(sql`
    select u.id, u.name, (m.status = 'active' and m.role in ('owner', 'admin', 'staff')) as assignable
    from memberships m join users u on u.id = m.user_id
    where m.agency_id = ${agencyId}
    order by u.name, u.id`);
  return rows;
}

/** The list's page and the agency's members, two statements in one read. */
async function readList(actor: ClientsActor, query: CompanyListQuery): Promise<{ page: CompanyListPage; members: Member[] }> {
  assertCan(actor.role, "client:read");
  return readTenant(tenantOf(actor, true), async (tx) => {
    const [{ rows: found }, members] = await Promise.all([
      tx.execute<Partial<RawRow> & { total: number }>(listSql(actor.agency.id, query, clock.now())),
      membersIn(tx, actor.agency.id),
    ]);
    const names = new Map(members.map((member) => [member.id, member.name]));
    const total = found[0]?.total ?? 0;
    const rows = found.filter((row): row is RawRow & { total: number } => row.id != null);
    const page = pageOf(rows, query.limit, query.sort, total);
    return {
      members,
      page: {
        ...page,
        rows: page.rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          legalNameZh: r.legal_name_zh,
          nameEn: r.name_en,
          uscc: r.uscc,
          assignee: r.assignee_user_id ? { id: r.assignee_user_id, name: names.get(r.assignee_user_id) ?? "" } : null,
          registrations: r.registrations,
          archivedAt: r.archived_at ? iso(r.archived_at) : null,
          createdAt: iso(r.created_at),
          updatedAt: iso(r.updated_at),
          version: r.version,
        })),
      },
    };
  });
}

/** One page of the list (the API, the CSV export). */
export async function listCompanies(actor: ClientsActor, query: CompanyListQuery): Promise<CompanyListPage> {
  return (await readList(actor, query)).page;
}

/**
 * The clients page's reads: one page of the list, and who may hold clients (the assignee
 * filter and "Assign to…": the agency's active owners, admins and staff, by name; any role
 * that reads clients may see them).
 */
export async function listClients(actor: ClientsActor, query: CompanyListQuery): Promise<{ page: CompanyListPage; assignees: AssigneeOption[] }> {
  const { page, members } = await readList(actor, query);
  return { page, assignees: members.filter((member) => member.assignable).map(({ id, name }) => ({ id, name })) };
}
