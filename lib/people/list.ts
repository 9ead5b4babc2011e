/**
 * The people list query (issue 6 §4): server-side sort both ways, filters (client
 * company, ID type, a resident ID's free or taken slots), search by name or mobile,
 * keyset pages and a capped count — the clients list's pattern (lib/clients/list.ts),
 * through withTenant as weidesk_app under row-level security and filtered on agency_id.
 *
 * Indexes: name order walks (agency_id, name); the rest reads the agency's people. A
 * name or mobile search is a LIKE, which no index could serve under row-level security
 * (ADR 0009: LIKE is not leakproof), and people are far fewer than companies — an agency
 * records a handful per client, not the bench's 100 000 companies — so a scan of one
 * agency's people is cheap and no search function is added. If an agency outgrows that,
 * a definer search function as for companies is the way (ADR 0009).
 *
 * Never the clear ID number: rows carry the stored mask, and the mobile masked here.
 * Two statements per page: the rows, and the count capped at COUNT_CAP.
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { withTenant } from "@/db/tenant";
import { SLOTS_PER_ID } from "@/lib/accounts/id-slots";
import type { IdType } from "@/lib/clients/kinds";
import { COUNT_CAP, containsPattern, decodeCursor, pageOf } from "@/lib/lists/keyset";
import { assertCan } from "@/lib/rbac/permissions";
import type { PeopleListQuery, PeopleSort } from "./list-query";
import type { PeopleActor } from "./service";

export type PeopleListRow = {
  id: string;
  name: string;
  idType: IdType;
  /** The stored mask (never the number); null once erased. */
  idMask: string | null;
  erased: boolean;
  /** The client companies the person is linked to, by name. */
  companies: { id: string; name: string }[];
  /** Official Accounts in Weidesk that this person operates (abandoned and rejected too). */
  accounts: number;
  /** The ID's slots in use, of SLOTS; null when the ID type has no cap. */
  slotsUsed: number | null;
  mobile: string | null;
  createdAt: string;
};

export type PeopleListPage = { rows: PeopleListRow[]; next: string | null; total: number; totalCapped: boolean };

export const SLOTS = SLOTS_PER_ID.length;

const sortColumn: Record<PeopleSort, SQL> = { name: sql`p.name`, created: sql`p.created_at` };
const sortKey: Record<PeopleSort, SQL> = {
  name: sql`p.name`,
  created: sql`to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
};

/** "+86 138****5678"; another country's number keeps its first and last digits. */
export function maskMobile(mobile: string | null): string | null {
  if (!mobile) return null;
  const mainland = /^\+86(1\d{10})$/.exec(mobile);
  if (mainland) return `+86 ${mainland[1]!.slice(0, 3)}****${mainland[1]!.slice(-4)}`;
  if (mobile.length <= 8) return `${mobile.slice(0, 2)}${"*".repeat(Math.max(mobile.length - 4, 0))}${mobile.slice(-2)}`;
  return `${mobile.slice(0, 4)}${"*".repeat(mobile.length - 8)}${mobile.slice(-4)}`;
}

/** Digits (with +, spaces or dashes) search the mobile; anything else the name. */
const PHONE = /^\+?[\d\s-]{3,}$/;

const slotsUsedSql = sql`(select count(*)::int from id_slots s where s.agency_id = p.agency_id and s.operator_id_hmac = p.id_number_hmac)`;

function filters(agencyId: string, query: PeopleListQuery): SQL[] {
  const where: SQL[] = [sql`p.agency_id = ${agencyId}`];
  if (query.company) {
    where.push(sql`exists (select 1 from person_companies pc
      where pc.agency_id = p.agency_id and pc.person_id = p.id and pc.client_company_id = ${query.company}::uuid)`);
  }
  if (query.idType) where.push(sql`p.id_type = ${query.idType}`);
  if (query.slots) {
    where.push(sql`p.id_type = 'prc_resident_id' and p.erased_at is null`);
    where.push(query.slots === "free" ? sql`${slotsUsedSql} < ${SLOTS}` : sql`${slotsUsedSql} >= ${SLOTS}`);
  }
  const text = query.q?.trim();
  if (text) {
    if (PHONE.test(text)) where.push(sql`p.mobile like ${containsPattern(text.replace(/[\s-]/g, ""))}`);
    else where.push(sql`lower(p.name) like ${containsPattern(text.toLowerCase())}`);
  }
  return where;
}

/** The SQL of one page (exported for the tests). */
export function peoplePageSql(agencyId: string, query: PeopleListQuery): SQL {
  const column = sortColumn[query.sort];
  const desc = query.dir === "desc";
  const where = filters(agencyId, query);
  const cursor = decodeCursor(query.sort, query.after, query.sort === "name" ? "text" : "timestamp");
  if (cursor) {
    const value = query.sort === "name" ? sql`${cursor.value}` : sql`${cursor.value}::timestamptz`;
    where.push(desc ? sql`(${column}, p.id) < (${value}, ${cursor.id}::uuid)` : sql`(${column}, p.id) > (${value}, ${cursor.id}::uuid)`);
  }
  const order = desc ? sql`${column} desc, p.id desc` : sql`${column} asc, p.id asc`;
  return sql`
    select p.id, p.name, p.id_type, p.id_mask, p.erased_at, p.mobile, p.created_at, ${sortKey[query.sort]} as sort_key,
      coalesce((
        select json_agg(json_build_object('id', x.id, 'name', x.name) order by x.sort_name, x.id)
        from (select distinct c.id, c.sort_name, coalesce(c.legal_name_zh, c.name_en) as name
              from person_companies pc
              join client_companies c on c.agency_id = pc.agency_id and c.id = pc.client_company_id
              where pc.agency_id = p.agency_id and pc.person_id = p.id) x
      ), '[]'::json) as companies,
      (select count(*)::int from official_accounts a where a.agency_id = p.agency_id and a.operator_person_id = p.id) as accounts,
      ${slotsUsedSql} as slots_used
    from people p
    where ${sql.join(where, sql` and `)}
    order by ${order}
    limit ${query.limit + 1}`;
}

export function peopleCountSql(agencyId: string, query: PeopleListQuery): SQL {
  return sql`select count(*)::int as total from (
    select 1 from people p where ${sql.join(filters(agencyId, query), sql` and `)} limit ${COUNT_CAP + 1}) t`;
}

type RawRow = {
  id: string;
  name: string;
  id_type: IdType;
  id_mask: string | null;
  erased_at: Date | string | null;
  mobile: string | null;
  created_at: Date | string;
  sort_key: string;
  companies: { id: string; name: string }[];
  accounts: number;
  slots_used: number;
};

/** One page of the agency's people, as the list shows them. */
export async function peopleListPage(actor: PeopleActor, query: PeopleListQuery): Promise<PeopleListPage> {
  assertCan(actor.role, "person:read");
  const tenant = { agencyId: actor.agency.id, userId: actor.user.id, readOnly: true };
  return withTenant(tenant, async (tx) => {
    const rows = (await tx.execute<RawRow>(peoplePageSql(actor.agency.id, query))).rows;
    const [{ total } = { total: 0 }] = (await tx.execute<{ total: number }>(peopleCountSql(actor.agency.id, query))).rows;
    const page = pageOf(rows, query.limit, query.sort, total);
    return {
      ...page,
      rows: page.rows.map((r) => {
        const erased = r.erased_at !== null;
        return {
          id: r.id,
          name: r.name,
          idType: r.id_type,
          idMask: r.id_mask,
          erased,
          companies: r.companies,
          accounts: r.accounts,
          slotsUsed: r.id_type === "prc_resident_id" && !erased ? r.slots_used : null,
          mobile: maskMobile(r.mobile),
          createdAt: new Date(r.created_at).toISOString(),
        };
      }),
    };
  });
}

export type CompanyOption = { id: string; name: string };

/** The company filter offers at most this many companies (the chosen one always among them). */
export const COMPANY_OPTIONS_CAP = 500;

/**
 * The client companies that have people linked, by name: the company filter's choices
 * (a company without people would always filter to nobody), and `selected` whatever it is.
 */
export async function peopleCompanyOptions(actor: PeopleActor, selected?: string): Promise<CompanyOption[]> {
  assertCan(actor.role, "person:read");
  const tenant = { agencyId: actor.agency.id, userId: actor.user.id, readOnly: true };
  return withTenant(tenant, async (tx) => {
    const { rows } = await tx.execute<CompanyOption>(sql`
      select c.id, coalesce(c.legal_name_zh, c.name_en, '—') as name from client_companies c
      where c.agency_id = ${actor.agency.id}
        and (exists (select 1 from person_companies pc where pc.agency_id = c.agency_id and pc.client_company_id = c.id)
             or c.id = ${selected ?? null}::uuid)
      order by (c.id = ${selected ?? null}::uuid) is true desc, c.sort_name, c.id
      limit ${COMPANY_OPTIONS_CAP}`);
    // Fetched chosen-first so the cap never drops it; shown in name order.
    const [head, ...rest] = rows;
    if (!head || head.id !== selected) return rows;
    const at = rest.findIndex((row) => row.name.localeCompare(head.name) > 0);
    return at < 0 ? [...rest, head] : [...rest.slice(0, at), head, ...rest.slice(at)];
    return rows;
  });
}
