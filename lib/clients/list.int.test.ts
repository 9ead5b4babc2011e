/**
 * Issue 6 §4: the clients list and the company writes against the real database, as
 * weidesk_app under row-level security. Keyset pagination over every sort, both ways,
 * returns every row exactly once, also among rows with the same name and the same
 * created_at to the microsecond; Chinese search by 1, 2 and 4 characters (in order
 * only), credit codes full, partial, full-width and lower case, English names, an exact
 * WeChat ID; the filters; the capped count; another agency's companies never appear;
 * bulk archive and assign are all or nothing with one audit event per changed row; and
 * the /api/v1/companies handlers, called directly: create (with the USCC override),
 * a stale PATCH, another agency's id, managers refused, problem+json throughout.
 */
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getCompanyRoute, PATCH as patchCompany } from "@/app/api/v1/companies/[id]/route";
import { POST as postArchive } from "@/app/api/v1/companies/archive/route";
import { POST as postAssign } from "@/app/api/v1/companies/assign/route";
import { GET as getCompanies, POST as postCompany } from "@/app/api/v1/companies/route";
import { withTenant } from "@/db/tenant";
import { createOfficialAccount } from "@/lib/accounts/service";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { createApiToken } from "@/lib/api/tokens";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { COUNT_CAP } from "@/lib/lists/keyset";
import { createPerson } from "@/lib/people/service";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { createRng } from "@/lib/validation/random";
import { generateResidentId } from "@/lib/validation/resident-id";
import { generateUscc } from "@/lib/validation/uscc";
import { listClients, listCompanies, listPageSql, type CompanyListPage } from "./list";
import { companyListQuerySchema, companySorts } from "./schemas";
import { assignCompanies, createCompany, setCompaniesArchived } from "./service";

const BASE = "http://weidesk.test/api/v1";
const rng = createRng(Number.parseInt(newId().replace(/-/g, "").slice(-8), 16));
const unique = () => newId().slice(-12);
const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/** The same instant to the microsecond, for ties the keyset must break by id. */
const TIE = "2026-05-04T02:00:00.123456Z";

let admin: pg.Client;
let agencyA: string;
let agencyB: string;
let agencyBig: string;
let staff: ApiActor;
let manager: ApiActor;
let bigStaff: ApiActor;
let staffB: ApiActor;
let staffUserId: string;
let otherUserId: string;
let managerUserId: string;
let staffBUserId: string;

/** Ids of the companies made in beforeAll, by what the tests look for. */
const ids = {
  yunfan: "",
  yunfanOtherOrder: "",
  pairsOutOfOrder: "",
  lion: "",
  individual: "",
  archived: "",
  unassigned: "",
  inB: "",
};
let yunfanUscc: string;

const fullWidth = (text: string) => text.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const uscc = () => generateUscc({ rng });
const query = (input: Record<string, string | number> = {}) => companyListQuerySchema.parse(input);
const names = (page: CompanyListPage) => page.rows.map((row) => row.legalNameZh ?? row.nameEn);
const found = async (actor: ApiActor, input: Record<string, string | number>) =>
  (await listCompanies(actor, query({ limit: 200, ...input }))).rows.map((row) => row.id);

async function addUser(agencyId: string, role: string, name: string): Promise<{ id: string; email: string }> {
  const id = newId();
  const email = `${role}-${unique()}@example.com`;
  await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, $3, now(), now())`, [id, email, name]);
  await admin.query(`insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, $4, now())`, [newId(), agencyId, id, role]);
  return { id, email };
}

async function addAgency(name: string): Promise<{ id: string; slug: string }> {
  const id = newId();
  const slug = `cl-${unique()}`;
  await admin.query(`insert into agencies (id, slug, name, created_at) values ($1, $2, $3, now())`, [id, slug, name]);
  return { id, slug };
}

/** A company inserted as the test's superuser, for rows whose times the test decides. */
async function insertCompany(agencyId: string, values: Record<string, unknown>): Promise<string> {
  const id = newId();
  const row: Record<string, unknown> = {
    id,
    agency_id: agencyId,
    kind: "cn_org",
    subject_type: "enterprise",
    created_at: TIE,
    updated_at: TIE,
    ...values,
  };
  if (row.kind === "cn_org" && row.uscc === undefined) row.uscc = uscc();
  const columns = Object.keys(row);
  await admin.query(
    `insert into client_companies (${columns.join(", ")}) values (${columns.map((_, i) => `$${i + 1}`).join(", ")})`,
    Object.values(row),
  );
  return id;
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  const a = await addAgency("Clients A");
  const b = await addAgency("Clients B");
  const big = await addAgency("Clients big");
  agencyA = a.id;
  agencyB = b.id;
  agencyBig = big.id;
  const staffUser = await addUser(agencyA, "staff", "Staff One");
  const otherUser = await addUser(agencyA, "staff", "Staff Two");
  const managerUser = await addUser(agencyA, "manager", "Manager");
  const staffBUser = await addUser(agencyB, "staff", "Staff of B");
  const bigUser = await addUser(agencyBig, "staff", "Staff of big");
  [staffUserId, otherUserId, managerUserId, staffBUserId] = [staffUser.id, otherUser.id, managerUser.id, staffBUser.id];
  staff = await findMemberActor(a.slug, staffUser.email);
  manager = await findMemberActor(a.slug, managerUser.email);
  staffB = await findMemberActor(b.slug, staffBUser.email);
  bigStaff = await findMemberActor(big.slug, bigUser.email);

  yunfanUscc = uscc();
  ids.yunfan = await insertCompany(agencyA, {
    legal_name_zh: "深圳市前海云帆科技有限公司",
    name_en: "Shenzhen Yunfan Technology Co., Ltd.",
    uscc: yunfanUscc,
    assignee_user_id: staffUserId,
    created_at: "2026-01-10T08:00:00Z",
    updated_at: "2026-03-01T08:00:00Z",
  });
  // The same four characters in another order.
  ids.yunfanOtherOrder = await insertCompany(agencyA, { legal_name_zh: "科技云帆（上海）有限公司", assignee_user_id: otherUserId });
  // Every pair of 云帆科技 (云帆, 帆科, 科技) but never the four in a row, in either order.
  ids.pairsOutOfOrder = await insertCompany(agencyA, { legal_name_zh: "云帆帆科科技服务部", assignee_user_id: otherUserId });
  ids.lion = await insertCompany(agencyA, {
    kind: "overseas",
    subject_type: "overseas_company",
    name_en: "Lion City Trading Pte. Ltd.",
    country: "SG",
    foreign_registration_number: "201912345K",
    assignee_user_id: staffUserId,
  });
  ids.individual = await insertCompany(agencyA, { kind: "cn_individual", subject_type: "individual", legal_name_zh: "王小明", assignee_user_id: staffUserId });
  ids.archived = await insertCompany(agencyA, { legal_name_zh: "已归档贸易有限公司", archived_at: "2026-04-01T00:00:00Z", assignee_user_id: staffUserId });
  ids.unassigned = await insertCompany(agencyA, { legal_name_zh: "无人负责有限公司" });
  // Ties: the same name, and the same created_at and updated_at to the microsecond.
  for (let i = 0; i < 7; i++) await insertCompany(agencyA, { legal_name_zh: "同名同时有限公司", assignee_user_id: staffUserId });
  for (let i = 0; i < 5; i++) await insertCompany(agencyA, { legal_name_zh: `字号${"甲乙丙丁戊"[i]}有限公司`, assignee_user_id: staffUserId });
  // Another agency: the same name and the same credit code (uniques are per agency).
  ids.inB = await insertCompany(agencyB, { legal_name_zh: "深圳市前海云帆科技有限公司", uscc: yunfanUscc });
  // More than COUNT_CAP companies in a third agency, for the capped count.
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, name_en, country, created_at, updated_at)
     select gen_random_uuid(), $1, 'overseas', 'overseas_company', 'Bulk ' || lpad(i::text, 6, '0'), 'SG', now(), now()
     from generate_series(1, $2::int) i`,
    [agencyBig, COUNT_CAP + 25],
  );

  // An Official Account with a WeChat ID, so its company has a card in a pipeline.
  const operator = await createPerson(staff, { name: "运营者", idType: "prc_resident_id", idNumber: generateResidentId({ rng, birthDate: "1985-06-15" }) });
  const account = await createOfficialAccount(staff, { clientCompanyId: ids.yunfan, accountType: "service", operatorPersonId: operator.id, name: "云帆科技" });
  await admin.query(`update official_accounts set wechat_id = 'YunFan_Tech', original_id = 'gh_0123456789ab' where id = $1`, [account.id]);
});

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("keyset pagination", () => {
  const orderBy = { name: "sort_name", created: "created_at", updated: "updated_at" } as const;

  for (const sort of companySorts) {
    for (const dir of ["asc", "desc"] as const) {
      it(`sort ${sort} ${dir}: every row exactly once, in order, through pages of 3`, async () => {
        const { rows } = await admin.query<{ id: string }>(
          `select id from client_companies where agency_id = $1 and archived_at is null order by ${orderBy[sort]} ${dir}, id ${dir}`,
          [agencyA],
        );
        const seen: string[] = [];
        let after: string | undefined;
        let pages = 0;
        do {
          const page = await listCompanies(staff, query({ sort, dir, limit: 3, ...(after ? { after } : {}) }));
          expect(page.total).toBe(rows.length);
          expect(page.totalCapped).toBe(false);
          seen.push(...page.rows.map((row) => row.id));
          after = page.next ?? undefined;
          pages++;
        } while (after && pages < 100);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen).toEqual(rows.map((row) => row.id));
        expect(pages).toBe(Math.ceil(rows.length / 3));
      });
    }
  }

  it("rows with the same name and the same created_at to the microsecond all come back", async () => {
    const { rows } = await admin.query<{ n: number }>(
      `select count(*)::int as n from client_companies where agency_id = $1 and legal_name_zh = '同名同时有限公司' and created_at = $2`,
      [agencyA, TIE],
    );
    expect(rows[0]!.n).toBe(7);
    for (const sort of companySorts) {
      for (const dir of ["asc", "desc"] as const) {
        const seen: string[] = [];
        let after: string | undefined;
        do {
          const page = await listCompanies(staff, query({ q: "同名同时", sort, dir, limit: 2, ...(after ? { after } : {}) }));
          expect(page.rows.every((row) => row.createdAt === "2026-05-04T02:00:00.123Z")).toBe(true);
          seen.push(...page.rows.map((row) => row.id));
          after = page.next ?? undefined;
        } while (after);
        // The cursor carries the microseconds and the id: nothing skipped, nothing twice.
        expect(seen, `${sort} ${dir}`).toHaveLength(7);
        expect(new Set(seen).size, `${sort} ${dir}`).toBe(7);
        expect(seen, `${sort} ${dir}`).toEqual([...seen].sort((x, y) => (dir === "asc" ? 1 : -1) * (x < y ? -1 : 1)));
      }
    }
  });

  it("a cursor of another sort, or garbage, starts from the first page", async () => {
    const first = await listCompanies(staff, query({ sort: "name", limit: 3 }));
    const byCreated = await listCompanies(staff, query({ sort: "created", limit: 3 }));
    expect((await listCompanies(staff, query({ sort: "name", limit: 3, after: byCreated.next! }))).rows).toEqual(first.rows);
    expect((await listCompanies(staff, query({ sort: "name", limit: 3, after: "not-a-cursor" }))).rows).toEqual(first.rows);
  });
});

describe("search", () => {
  it("finds Chinese names by 2 characters and by 1", async () => {
    expect(await found(staff, { q: "云帆" })).toEqual(expect.arrayContaining([ids.yunfan, ids.yunfanOtherOrder, ids.pairsOutOfOrder]));
    expect((await found(staff, { q: "前海" }))).toEqual([ids.yunfan]);
    expect(await found(staff, { q: "帆" })).toHaveLength(3);
    expect(await found(staff, { q: "明" })).toEqual([ids.individual]);
    expect(await found(staff, { q: "前 海" })).toEqual([ids.yunfan]);
  });

  it("a 4-character search matches those characters in that order only", async () => {
    expect(await found(staff, { q: "云帆科技" })).toEqual([ids.yunfan]);
    expect(await found(staff, { q: "科技云帆" })).toEqual([ids.yunfanOtherOrder]);
    // 云帆帆科科技服务部 has every pair of 云帆科技 (so each pair's posting list has it) but not the four in a row.
    expect(await found(staff, { q: "云帆科技" })).not.toContain(ids.pairsOutOfOrder);
    expect(await found(staff, { q: "帆科科技" })).toEqual([ids.pairsOutOfOrder]);
  });

  it("finds a credit code whole or in part, typed in full-width or lower case", async () => {
    expect(await found(staff, { q: yunfanUscc })).toEqual([ids.yunfan]);
    expect(await found(staff, { q: yunfanUscc.slice(2, 12) })).toEqual([ids.yunfan]);
    expect(await found(staff, { q: yunfanUscc.toLowerCase() })).toEqual([ids.yunfan]);
    expect(await found(staff, { q: fullWidth(yunfanUscc) })).toEqual([ids.yunfan]);
    expect(await found(staff, { q: fullWidth(yunfanUscc.slice(6, 14).toLowerCase()) })).toEqual([ids.yunfan]);
    expect(await found(staff, { q: `${yunfanUscc.slice(0, 6)} ${yunfanUscc.slice(6)}` })).toEqual([ids.yunfan]);
    expect(await found(staff, { q: "201912345k" })).toEqual([ids.lion]);
  });

  it("finds English names in any case", async () => {
    expect(await found(staff, { q: "lion city" })).toEqual([ids.lion]);
    expect(await found(staff, { q: "YUNFAN" })).toEqual([ids.yunfan]);
    expect(await found(staff, { q: "Nobody Ltd" })).toEqual([]);
  });

  it("finds a company by the exact WeChat ID or original ID of its Official Account", async () => {
    expect(await found(staff, { q: "yunfan_tech" })).toEqual([ids.yunfan]);
    expect(await found(staff, { q: "YunFan_Tech" })).toEqual([ids.yunfan]);
    expect(await found(staff, { q: "gh_0123456789ab" })).toEqual([ids.yunfan]);
    expect(await found(staff, { q: "yunfan_te" })).toEqual([]);
  });

  it("searches like % and _ literally", async () => {
    expect(await found(staff, { q: "%" })).toEqual([]);
    expect(await found(staff, { q: "_" })).toEqual([]);
  });
});

describe("filters and the count", () => {
  it("filters by kind, assignee, nobody, archived, pipeline and stage", async () => {
    expect(await found(staff, { kind: "cn_individual" })).toEqual([ids.individual]);
    expect(await found(staff, { kind: "overseas" })).toEqual([ids.lion]);
    const mine = await found(staff, { assignee: staffUserId });
    expect(mine).toHaveLength(15);
    expect(mine).not.toContain(ids.archived);
    expect(await found(staff, { assignee: otherUserId })).toEqual(expect.arrayContaining([ids.yunfanOtherOrder, ids.pairsOutOfOrder]));
    expect(await found(staff, { assignee: "none" })).toEqual([ids.unassigned]);
    expect(await found(staff, { archived: "archived" })).toEqual([ids.archived]);
    expect(await found(staff, { archived: "all", assignee: staffUserId })).toContain(ids.archived);
    expect(await found(staff, { pipeline: "oa_cn_org" })).toEqual([ids.yunfan]);
    expect(await found(staff, { pipeline: "oa_cn_org", stage: "intake" })).toEqual([ids.yunfan]);
    expect(await found(staff, { pipeline: "oa_cn_org", stage: "verified" })).toEqual([]);
    expect(await found(staff, { pipeline: "wecom" })).toEqual([]);
    expect(await found(staff, { q: "云帆", kind: "cn_org", assignee: staffUserId })).toEqual([ids.yunfan]);
  });

  it("gives each row its assignee and card count", async () => {
    const page = await listCompanies(staff, query({ q: "前海" }));
    expect(page.rows).toEqual([
      expect.objectContaining({ id: ids.yunfan, kind: "cn_org", uscc: yunfanUscc, assignee: { id: staffUserId, name: "Staff One" }, registrations: 1 }),
    ]);
    expect(page.total).toBe(1);
  });

  it("names each row's assignee, and offers the active owners, admins and staff to assign (not managers)", async () => {
    const { page, assignees } = await listClients(staff, query({ assignee: otherUserId }));
    expect(page.rows.length).toBeGreaterThan(0);
    for (const row of page.rows) expect(row.assignee).toEqual({ id: otherUserId, name: "Staff Two" });
    expect(assignees).toEqual([
      { id: staffUserId, name: "Staff One" },
      { id: otherUserId, name: "Staff Two" },
    ]);
    expect(assignees.map((option) => option.id)).not.toContain(managerUserId);
    // Another agency's list offers none of this agency's members.
    expect((await listClients(staffB, query())).assignees).toEqual([{ id: staffBUserId, name: "Staff of B" }]);
  });

  it(`counts exactly up to ${COUNT_CAP}, then says there are more`, async () => {
    const page = await listCompanies(bigStaff, query({ limit: 5 }));
    expect(page.rows).toHaveLength(5);
    expect(page).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    expect(await listCompanies(bigStaff, query({ q: "bulk 00001", limit: 5 }))).toMatchObject({ total: 10, totalCapped: false });
    const names5 = names(page);
    expect(names5).toEqual(["Bulk 000001", "Bulk 000002", "Bulk 000003", "Bulk 000004", "Bulk 000005"]);
  });
});

describe("tenancy", () => {
  it("another agency's companies never appear, not even by name, code or id", async () => {
    expect(await found(staff, { q: "深圳市前海云帆科技有限公司" })).toEqual([ids.yunfan]);
    expect(await found(staff, { q: yunfanUscc })).toEqual([ids.yunfan]);
    expect(await found(staffB, { q: yunfanUscc })).toEqual([ids.inB]);
    expect(await found(staffB, {})).toEqual([ids.inB]);
    // Row-level security, not the query's own filter: B's agency id asked inside A's tenant finds nothing.
    const leaked = await withTenant({ agencyId: agencyA, userId: staffUserId, readOnly: true }, (tx) =>
      tx.execute(listPageSql(agencyB, query({ archived: "all" }))),
    );
    expect(leaked.rows).toEqual([]);
    const count = await withTenant({ agencyId: agencyA, userId: staffUserId, readOnly: true }, (tx) =>
      tx.execute<{ n: number }>(sql`select count(*)::int as n from client_companies where agency_id = ${agencyB}`),
    );
    expect(count.rows[0]!.n).toBe(0);
  });
});

describe("bulk archive and assign", () => {
  async function freshCompanies(n: number, assignee: string | null = null): Promise<string[]> {
    const made: string[] = [];
    for (let i = 0; i < n; i++) made.push(await insertCompany(agencyA, { legal_name_zh: `批量${i}号有限公司`, assignee_user_id: assignee }));
    return made;
  }
  const auditCount = async (action: string, targets: string[]) =>
    (
      await admin.query<{ n: number }>(
        `select count(*)::int as n from audit_events where agency_id = $1 and action = $2 and target_id = any($3::uuid[])`,
        [agencyA, action, targets],
      )
    ).rows[0]!.n;
  const rowsOf = async (targets: string[]) =>
    (
      await admin.query<{ id: string; assignee_user_id: string | null; archived_at: Date | null; version: number }>(
        `select id, assignee_user_id, archived_at, version from client_companies where id = any($1::uuid[]) order by id`,
        [targets],
      )
    ).rows;

  it("archives all, one audit event per changed row; those already archived are not counted; restores", async () => {
    const targets = await freshCompanies(4);
    await admin.query(`update client_companies set archived_at = now() where id = $1`, [targets[0]]);
    expect(await setCompaniesArchived(staff, [...targets, ids.inB], true)).toEqual({ changed: 3 });
    expect((await rowsOf(targets)).every((row) => row.archived_at !== null)).toBe(true);
    expect(await auditCount("client.archive", targets)).toBe(3);
    expect((await rowsOf([ids.inB]))[0]!.archived_at).toBeNull();
    expect(await setCompaniesArchived(staff, targets, false)).toEqual({ changed: 4 });
    expect(await auditCount("client.restore", targets)).toBe(4);
  });

  it("assigns all, one audit event per changed row; an assignee who may not be one changes no row", async () => {
    const targets = await freshCompanies(5, otherUserId);
    await admin.query(`update client_companies set assignee_user_id = $2 where id = $1`, [targets[0], staffUserId]);
    const before = await rowsOf(targets);
    for (const invalid of [staffBUserId, managerUserId, newId()]) {
      const error = await assignCompanies(staff, targets, invalid).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).details.fields).toEqual({ assigneeUserId: "clients.errors.assignee" });
      expect(await rowsOf(targets)).toEqual(before);
    }
    expect(await auditCount("client.assign", targets)).toBe(0);
    expect(await assignCompanies(staff, targets, staffUserId)).toEqual({ changed: 4 });
    expect(await auditCount("client.assign", targets)).toBe(4);
    expect((await rowsOf(targets)).every((row) => row.assignee_user_id === staffUserId)).toBe(true);
    expect(await assignCompanies(staff, targets, null)).toEqual({ changed: 5 });
    expect(await auditCount("client.assign", targets)).toBe(9);
  });

  it("managers change nothing", async () => {
    const [target] = await freshCompanies(1);
    await expect(setCompaniesArchived(manager, [target], true)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(assignCompanies(manager, [target], staffUserId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createCompany(manager, { kind: "cn_individual", legalNameZh: "经理" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the JSON API", () => {
  let token: string;
  let managerToken: string;
  const call = (method: string, path: string, bearer: string, body?: unknown, contentType = "application/json") =>
    new Request(`${BASE}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { "content-type": contentType }) },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
  const params = (id: string) => ({ params: Promise.resolve({ id }) });

  beforeAll(async () => {
    token = (await createApiToken(staff, { name: "companies", expiresInDays: 30 })).token;
    managerToken = (await createApiToken(manager, { name: "companies (manager)", expiresInDays: 30 })).token;
  });

  it("POST creates (201, Location, the company); the USCC override needs a reason; a taken USCC is refused on uscc", async () => {
    const code = uscc();
    const created = await postCompany(call("POST", "/companies", token, { kind: "cn_org", legalNameZh: "杭州西湖茶业有限公司", uscc: code.toLowerCase() }));
    expect(created.status).toBe(201);
    const company = (await created.json()) as { id: string; uscc: string; version: number; subjectType: string; usccOverrideReason: string | null };
    expect(created.headers.get("location")).toBe(`/api/v1/companies/${company.id}`);
    expect(company).toMatchObject({ uscc: code, version: 1, subjectType: "enterprise", usccOverrideReason: null });

    const taken = await postCompany(call("POST", "/companies", token, { kind: "cn_org", legalNameZh: "重复", uscc: code }));
    expect(taken.status).toBe(422);
    expect(taken.headers.get("content-type")).toBe("application/problem+json");
    expect(await taken.json()).toMatchObject({ code: "VALIDATION", fields: { uscc: { key: "clients.errors.usccTaken" } } });

    const valid = uscc();
    const wrongCheck = valid.slice(0, 17) + [...USCC_ALPHABET].find((c) => c !== valid[17])!;
    const refused = await postCompany(call("POST", "/companies", token, { kind: "cn_org", legalNameZh: "试点时期有限公司", uscc: wrongCheck }));
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ fields: { uscc: { key: "clients.errors.usccOverride" } } });
    const kept = await postCompany(
      call("POST", "/companies", token, { kind: "cn_org", legalNameZh: "试点时期有限公司", uscc: wrongCheck, usccOverrideReason: "营业执照上即为此代码" }),
    );
    expect(kept.status).toBe(201);
    expect(await kept.json()).toMatchObject({ uscc: wrongCheck, usccOverrideReason: "营业执照上即为此代码" });

    const missing = await postCompany(call("POST", "/companies", token, { kind: "overseas" }));
    expect(missing.status).toBe(422);
    expect(await missing.json()).toMatchObject({ fields: { nameEn: { key: "clients.errors.nameRequired" }, country: expect.any(Object) } });
    const notJson = await postCompany(call("POST", "/companies", token, "kind=cn_org", "application/x-www-form-urlencoded"));
    expect(notJson.status).toBe(415);
  });

  it("GET lists with search and a Link to the next page; a bad cursor is 422", async () => {
    const response = await getCompanies(call("GET", "/companies?q=%E4%BA%91%E5%B8%86&limit=1&sort=name", token));
    expect(response.status).toBe(200);
    const page = (await response.json()) as { data: { id: string }[]; next: string | null; total: number; totalCapped: boolean };
    expect(page.total).toBe(3);
    expect(page.totalCapped).toBe(false);
    expect(page.data).toHaveLength(1);
    expect(page.next).toEqual(expect.any(String));
    expect(response.headers.get("link")).toBe(`</api/v1/companies?q=%E4%BA%91%E5%B8%86&limit=1&sort=name&after=${page.next}>; rel="next"`);
    const bad = await getCompanies(call("GET", "/companies?after=nonsense", token));
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ code: "VALIDATION", fields: { after: { key: "apiTokens.api.invalidCursor" } } });
    const managers = await getCompanies(call("GET", "/companies?kind=overseas", managerToken));
    expect(managers.status).toBe(200);
    expect(((await managers.json()) as { data: { id: string }[] }).data.map((row) => row.id)).toEqual([ids.lion]);
  });

  it("PATCH saves with the version; a stale version is 409 with the current company, who changed it and when", async () => {
    const created = (await (await postCompany(call("POST", "/companies", token, { kind: "cn_individual", legalNameZh: "李四" }))).json()) as {
      id: string;
    };
    const first = await patchCompany(
      call("PATCH", `/companies/${created.id}`, token, { kind: "cn_individual", legalNameZh: "李四（已改名）", version: 1, assigneeUserId: otherUserId }),
      params(created.id),
    );
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ legalNameZh: "李四（已改名）", version: 2, assignee: { id: otherUserId, name: "Staff Two" } });

    const stale = await patchCompany(call("PATCH", `/companies/${created.id}`, token, { kind: "cn_individual", legalNameZh: "李四（旧）", version: 1 }), params(created.id));
    expect(stale.status).toBe(409);
    expect(stale.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await stale.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({
      code: "STALE_VERSION",
      status: 409,
      messageKey: "clients.errors.stale",
      current: { id: created.id, legalNameZh: "李四（已改名）", version: 2 },
      changedBy: "Staff One",
      changedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const reread = await getCompanyRoute(call("GET", `/companies/${created.id}`, token), params(created.id));
    expect(await reread.json()).toMatchObject({ legalNameZh: "李四（已改名）", version: 2 });

    const kindChange = await patchCompany(call("PATCH", `/companies/${created.id}`, token, { kind: "overseas", nameEn: "Li", country: "SG", version: 2 }), params(created.id));
    expect(kindChange.status).toBe(422);
    expect(await kindChange.json()).toMatchObject({ fields: { kind: { key: "clients.errors.kindFixed" } } });
  });

  it("another agency's id, or no UUID at all, is 404 problem+json; managers may read but not write (403)", async () => {
    for (const id of [ids.inB, "not-a-uuid"]) {
      const read = await getCompanyRoute(call("GET", `/companies/${id}`, token), params(id));
      expect(read.status).toBe(404);
      expect(read.headers.get("content-type")).toBe("application/problem+json");
      expect(await read.json()).toMatchObject({ code: "NOT_FOUND", status: 404 });
      const write = await patchCompany(call("PATCH", `/companies/${id}`, token, { kind: "cn_org", legalNameZh: "偷改", uscc: yunfanUscc, version: 1 }), params(id));
      expect(write.status).toBe(404);
    }
    expect((await admin.query(`select legal_name_zh from client_companies where id = $1`, [ids.inB])).rows[0].legal_name_zh).toBe("深圳市前海云帆科技有限公司");

    const read = await getCompanyRoute(call("GET", `/companies/${ids.lion}`, managerToken), params(ids.lion));
    expect(read.status).toBe(200);
    const refused = [
      await postCompany(call("POST", "/companies", managerToken, { kind: "cn_individual", legalNameZh: "经理" })),
      await patchCompany(call("PATCH", `/companies/${ids.lion}`, managerToken, { kind: "overseas", nameEn: "X", country: "SG", version: 1 }), params(ids.lion)),
      await postArchive(call("POST", "/companies/archive", managerToken, { ids: [ids.lion], archived: true })),
      await postAssign(call("POST", "/companies/assign", managerToken, { ids: [ids.lion], assigneeUserId: null })),
    ];
    for (const response of refused) {
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: "FORBIDDEN" });
    }
    const unauthenticated = await getCompanies(new Request(`${BASE}/companies`));
    expect(unauthenticated.status).toBe(401);
  });

  it("archive and assign through the API: 200 with the count, 422 for a bad body or assignee", async () => {
    const targets = [await insertCompany(agencyA, { legal_name_zh: "接口批量一" }), await insertCompany(agencyA, { legal_name_zh: "接口批量二" })];
    const archived = await postArchive(call("POST", "/companies/archive", token, { ids: targets, archived: true }));
    expect(archived.status).toBe(200);
    expect(await archived.json()).toEqual({ changed: 2 });
    const badBody = await postArchive(call("POST", "/companies/archive", token, { ids: [], archived: "yes" }));
    expect(badBody.status).toBe(422);
    expect(await badBody.json()).toMatchObject({ fields: { ids: { key: "clients.errors.noneSelected" }, archived: expect.any(Object) } });
    const badAssignee = await postAssign(call("POST", "/companies/assign", token, { ids: targets, assigneeUserId: staffBUserId }));
    expect(badAssignee.status).toBe(422);
    expect(await badAssignee.json()).toMatchObject({ fields: { assigneeUserId: { key: "clients.errors.assignee" } } });
    const assigned = await postAssign(call("POST", "/companies/assign", token, { ids: targets, assigneeUserId: staffUserId }));
    expect(await assigned.json()).toEqual({ changed: 2 });
  });
});
