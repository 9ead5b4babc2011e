/**
 * The Official Accounts list query (issue 6 §4): every Official Account of the agency
 * with its company, operator (masked ID and name), card stage and verification;
 * server-side sort both ways (name, created, verification expiry), filters (type,
 * company kind, stage, status, verification), search by name, WeChat ID or original
 * ID, keyset pages and a capped count — the clients list's pattern (lib/clients/list.ts),
 * through withTenant as weidesk_app under row-level security and filtered on agency_id.
 *
 * One account per registration card, so the table grows with registrations; the agency's
 * rows are found through (agency_id, …) indexes and sorted. The search is a LIKE over
 * three columns, which no index could serve under row-level security (ADR 0009). If the
 * bench (design.md §8) shows this list slow at scale, sort indexes ending in id and a
 * definer search function as for companies are the next step.
 *
 * Status comes from the card: `abandoned` and `rejected` are those side stages, every
 * other stage (on hold included) is active. Two statements per page.
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { withTenant } from "@/db/tenant";
import type { AccountType, CompanyKind } from "@/lib/clients/kinds";
import { clock } from "@/lib/clock";
import { COUNT_CAP, containsPattern, decodeCursor, pageOf } from "@/lib/lists/keyset";
import { assertCan } from "@/lib/rbac/permissions";
import type { Pipeline, Stage } from "@/lib/registration/pipelines";
import { EXPIRING_DAYS, type AccountListQuery, type AccountSort, type AccountStatus, type VerificationStatus } from "./list-query";
import type { AccountsActor } from "./service";

export type AccountListRow = {
  id: string;
  name: string | null;
  accountType: AccountType | null;
  subjectKind: CompanyKind;
  company: { id: string; name: string };
  operator: { id: string; name: string; idMask: string | null } | null;
  wechatId: string | null;
  originalId: string | null;
  registrationId: string;
  pipeline: Pipeline;
  stage: Stage;
  status: AccountStatus;
  verificationStatus: VerificationStatus;
  verificationExpiresAt: string | null;
  /** Verified, and the verification ends within EXPIRING_DAYS: time for the annual review. */
  verificationExpiringSoon: boolean;
  createdAt: string;
};

export type AccountListPage = { rows: AccountListRow[]; next: string | null; total: number; totalCapped: boolean };

/** Accounts never verified sort after every expiry date, whichever way. */
const NO_EXPIRY = "9999-12-31T00:00:00.000000Z";

const sortColumn: Record<AccountSort, SQL> = {
  name: sql`coalesce(a.name, '')`,
  created: sql`a.created_at`,
  expires: sql`coalesce(a.verification_expires_at, ${NO_EXPIRY}::timestamptz)`,
};

const timestampKey = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const sortKey: Record<AccountSort, SQL> = {
  name: sortColumn.name,
  created: timestampKey(sortColumn.created),
  expires: timestampKey(sortColumn.expires),
};

function filters(agencyId: string, query: AccountListQuery): SQL[] {
  const where: SQL[] = [sql`a.agency_id = ${agencyId}`];
  if (query.type) where.push(sql`a.account_type = ${query.type}`);
  if (query.kind) where.push(sql`a.subject_kind = ${query.kind}`);
  if (query.stage) where.push(sql`r.stage = ${query.stage}`);
  if (query.status === "active") where.push(sql`r.stage not in ('abandoned', 'rejected')`);
  else if (query.status) where.push(sql`r.stage = ${query.status}`);
  if (query.verification === "expiring") {
    const now = clock.now().toISOString();
    where.push(sql`a.verification_status = 'verified' and a.verification_expires_at > ${now}::timestamptz
      and a.verification_expires_at <= ${now}::timestamptz + make_interval(days => ${EXPIRING_DAYS})`);
  } else if (query.verification) {
    where.push(sql`a.verification_status = ${query.verification}`);
  }
  const text = query.q?.trim().toLowerCase();
  if (text) {
    const pattern = containsPattern(text);
    where.push(sql`(lower(a.name) like ${pattern} or lower(a.wechat_id) like ${pattern} or lower(a.original_id) like ${pattern})`);
  }
  return where;
}

const FROM = sql`official_accounts a
    join registrations r on r.agency_id = a.agency_id and r.id = a.registration_id`;

/** The SQL of one page (exported for the tests). */
export function accountsPageSql(agencyId: string, query: AccountListQuery): SQL {
  const column = sortColumn[query.sort];
  const desc = query.dir === "desc";
  const where = filters(agencyId, query);
  const cursor = decodeCursor(query.sort, query.after, query.sort === "name" ? "text" : "timestamp");
  if (cursor) {
    const value = query.sort === "name" ? sql`${cursor.value}` : sql`${cursor.value}::timestamptz`;
    where.push(desc ? sql`(${column}, a.id) < (${value}, ${cursor.id}::uuid)` : sql`(${column}, a.id) > (${value}, ${cursor.id}::uuid)`);
  }
  const order = desc ? sql`${column} desc, a.id desc` : sql`${column} asc, a.id asc`;
  return sql`
    select a.id, a.name, a.account_type, a.subject_kind, a.wechat_id, a.original_id,
      a.verification_status, a.verification_expires_at, a.created_at, ${sortKey[query.sort]} as sort_key,
      a.client_company_id, coalesce(c.legal_name_zh, c.name_en) as company_name,
      r.id as registration_id, r.pipeline, r.stage,
      p.id as operator_id, p.name as operator_name, p.id_mask as operator_mask
    from ${FROM}
    join client_companies c on c.agency_id = a.agency_id and c.id = a.client_company_id
    left join people p on p.agency_id = a.agency_id and p.id = a.operator_person_id
    where ${sql.join(where, sql` and `)}
    order by ${order}
    limit ${query.limit + 1}`;
}

export function accountsCountSql(agencyId: string, query: AccountListQuery): SQL {
  return sql`select count(*)::int as total from (
    select 1 from ${FROM} where ${sql.join(filters(agencyId, query), sql` and `)} limit ${COUNT_CAP + 1}) t`;
}

type RawRow = {
  id: string;
  name: string | null;
  account_type: AccountType | null;
  subject_kind: CompanyKind;
  wechat_id: string | null;
  original_id: string | null;
  verification_status: VerificationStatus;
  verification_expires_at: Date | string | null;
  created_at: Date | string;
  sort_key: string;
  client_company_id: string;
  company_name: string;
  registration_id: string;
  pipeline: Pipeline;
  stage: Stage;
  operator_id: string | null;
  operator_name: string | null;
  operator_mask: string | null;
};

const iso = (value: Date | string) => new Date(value).toISOString();

function statusOf(stage: Stage): AccountStatus {
  return stage === "abandoned" || stage === "rejected" ? stage : "active";
}

/** One page of the agency's Official Accounts, as the list shows them. */
export async function accountListPage(actor: AccountsActor, query: AccountListQuery): Promise<AccountListPage> {
  assertCan(actor.role, "account:read");
  const tenant = { agencyId: actor.agency.id, userId: actor.user.id, readOnly: true };
  return withTenant(tenant, async (tx) => {
    const rows = (await tx.execute<RawRow>(accountsPageSql(actor.agency.id, query))).rows;
    const [{ total } = { total: 0 }] = (await tx.execute<{ total: number }>(accountsCountSql(actor.agency.id, query))).rows;
    const page = pageOf(rows, query.limit, query.sort, total);
    const now = clock.now().getTime();
    const soon = (r: RawRow) =>
      r.verification_status === "verified" &&
      r.verification_expires_at !== null &&
      new Date(r.verification_expires_at).getTime() - now <= EXPIRING_DAYS * 24 * 60 * 60 * 1000;
    return {
      ...page,
      rows: page.rows.map((r) => ({
        id: r.id,
        name: r.name,
        accountType: r.account_type,
        subjectKind: r.subject_kind,
        company: { id: r.client_company_id, name: r.company_name },
        operator: r.operator_id ? { id: r.operator_id, name: r.operator_name ?? "", idMask: r.operator_mask } : null,
        wechatId: r.wechat_id,
        originalId: r.original_id,
        registrationId: r.registration_id,
        pipeline: r.pipeline,
        stage: r.stage,
        status: statusOf(r.stage),
        verificationStatus: r.verification_status,
        verificationExpiresAt: r.verification_expires_at ? iso(r.verification_expires_at) : null,
        verificationExpiringSoon: soon(r),
        createdAt: iso(r.created_at),
      })),
    };
  });
}
