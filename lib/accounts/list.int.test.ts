/**
 * Issue 6 §4: the Official Accounts list against the real database, as weidesk_app under
 * row-level security. Keyset pages over every sort (name, created, verification expiry),
 * both ways, return every account exactly once, also among accounts with no name, the
 * same created_at to the microsecond, or no expiry; the filters (type, client kind,
 * stage, status, verification and "expires within 30 days"); search by name, WeChat ID
 * and original ID; the operator shown by name and masked ID; another agency's accounts
 * never appear.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiActor } from "@/lib/api/auth";
import { newId } from "@/lib/ids";
import { createPerson } from "@/lib/people/service";
import { resetAppState } from "@/lib/testing/app-state";
import { makeClientCompany, makeListAgencies } from "@/lib/testing/factories";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { createRng } from "@/lib/validation/random";
import { generateResidentId } from "@/lib/validation/resident-id";
import { accountListPage, type AccountListPage } from "./list";
import { accountListQuerySchema, accountSorts } from "./list-query";
import { createOfficialAccount } from "./service";

const rng = createRng(Number.parseInt(newId().replace(/-/g, "").slice(-8), 16));
const unique = () => newId().slice(-12);
const TIE = "2026-05-04T02:00:00.123456Z";
const DAY = 24 * 60 * 60 * 1000;
const query = (input: Record<string, string | number> = {}) => accountListQuerySchema.parse(input);
const found = async (actor: ApiActor, input: Record<string, string | number>) =>
  (await accountListPage(actor, query({ limit: 200, ...input }))).rows.map((row) => row.id);
const sameSet = (a: string[], b: string[]) => expect(new Set(a)).toEqual(new Set(b));

let admin: pg.Client;
let agencyA: string;
let staff: ApiActor;
let manager: ApiActor;
let staffB: ApiActor;
const ids = { yunfan: "", xiaoming: "", lion: "", unnamed: "", rejected: "", inB: "", operator: "" };
const ties: string[] = [];

async function operator(actor: ApiActor, name: string): Promise<string> {
  return (await createPerson(actor, { name, idType: "prc_resident_id", idNumber: generateResidentId({ rng, birthDate: "1985-06-15" }) })).id;
}

async function account(actor: ApiActor, companyId: string, type: "service" | "subscription", name: string): Promise<string> {
  const operatorPersonId = await operator(actor, `运营者${unique().slice(-4)}`);
  return (await createOfficialAccount(actor, { clientCompanyId: companyId, accountType: type, operatorPersonId, name })).id;
}

async function setStage(accountId: string, stage: "abandoned" | "rejected" | "under_review") {
  await admin.query(
    `update registrations set stage = $2::stage, resume_stage = case when $2::stage in ('abandoned', 'rejected') then 'intake'::stage end
     where id = (select registration_id from official_accounts where id = $1)`,
    [accountId, stage],
  );
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  const { a, b, ...actors } = await makeListAgencies(admin, "al", "Accounts list");
  agencyA = a.id;
  ({ staff, manager, staffB } = actors);
  const individual = await makeClientCompany(admin, a.id, "cn_individual", "王小明");
  const overseas = await makeClientCompany(admin, a.id, "overseas", "Lion City Pte. Ltd.");

  ids.operator = await operator(staff, "赵运营");
  ids.yunfan = (await createOfficialAccount(staff, { clientCompanyId: individual, accountType: "subscription", operatorPersonId: ids.operator, name: "云帆订阅号" })).id;
  await admin.query(
    `update official_accounts set wechat_id = 'YunFan_Tech', original_id = 'gh_0123456789ab', verification_status = 'verified', verification_expires_at = $2 where id = $1`,
    [ids.yunfan, new Date(Date.now() + 10 * DAY)],
  );
  ids.xiaoming = await account(staff, individual, "subscription", "小明日记");
  await admin.query(`update official_accounts set verification_status = 'verified', verification_expires_at = $2 where id = $1`, [ids.xiaoming, new Date(Date.now() + 200 * DAY)]);
  await setStage(ids.xiaoming, "under_review");
  ids.lion = await account(staff, overseas, "service", "Lion Updates");
  await admin.query(`update official_accounts set verification_status = 'pending', original_id = 'gh_lion000001' where id = $1`, [ids.lion]);
  await setStage(ids.lion, "abandoned");
  ids.unnamed = await account(staff, overseas, "service", "temp");
  await admin.query(`update official_accounts set name = null where id = $1`, [ids.unnamed]);
  ids.rejected = await account(staff, individual, "subscription", "驳回号");
  await setStage(ids.rejected, "rejected");
  // Ties: the same name and the same created_at to the microsecond, no expiry.
  for (let i = 0; i < 4; i++) ties.push(await account(staff, individual, "subscription", "同名同时"));
  await admin.query(`update official_accounts set created_at = $2 where agency_id = $1 and (name = '同名同时' or name is null)`, [a.id, TIE]);

  const companyB = await makeClientCompany(admin, b.id, "cn_individual", "王小明");
  ids.inB = await account(staffB, companyB, "subscription", "云帆订阅号");
  await admin.query(`update official_accounts set wechat_id = 'YunFan_Tech' where id = $1`, [ids.inB]);
});

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("keyset pagination", () => {
  const orderBy = {
    name: "coalesce(name, '')",
    created: "created_at",
    expires: "coalesce(verification_expires_at, '9999-12-31T00:00:00Z')",
  } as const;
  for (const sort of accountSorts) {
    for (const dir of ["asc", "desc"] as const) {
      it(`sort ${sort} ${dir}: every account exactly once, in order, through pages of 2`, async () => {
        const { rows } = await admin.query<{ id: string }>(
          `select id from official_accounts where agency_id = $1 order by ${orderBy[sort]} ${dir}, id ${dir}`,
          [agencyA],
        );
        const seen: string[] = [];
        let after: string | undefined;
        let pages = 0;
        do {
          const page: AccountListPage = await accountListPage(staff, query({ sort, dir, limit: 2, ...(after ? { after } : {}) }));
          expect(page.total).toBe(rows.length);
          seen.push(...page.rows.map((row) => row.id));
          after = page.next ?? undefined;
          pages++;
        } while (after && pages < 50);
        expect(seen).toEqual(rows.map((row) => row.id));
      });
    }
  }

  it("sorts by expiry soonest first, the never-verified last", async () => {
    const rows = await found(staff, { sort: "expires", dir: "asc" });
    expect(rows.slice(0, 2)).toEqual([ids.yunfan, ids.xiaoming]);
  });
});

describe("filters and search", () => {
  it("filters by type and client kind", async () => {
    sameSet(await found(staff, { type: "service" }), [ids.lion, ids.unnamed]);
    sameSet(await found(staff, { kind: "overseas" }), [ids.lion, ids.unnamed]);
    sameSet(await found(staff, { kind: "cn_individual", type: "subscription" }), [ids.yunfan, ids.xiaoming, ids.rejected, ...ties]);
    expect(await found(staff, { kind: "cn_org" })).toEqual([]);
  });

  it("filters by stage and status", async () => {
    expect(await found(staff, { stage: "under_review" })).toEqual([ids.xiaoming]);
    expect(await found(staff, { status: "abandoned" })).toEqual([ids.lion]);
    expect(await found(staff, { status: "rejected" })).toEqual([ids.rejected]);
    sameSet(await found(staff, { status: "active" }), [ids.yunfan, ids.xiaoming, ids.unnamed, ...ties]);
  });

  it("filters by verification, and by an expiry within 30 days", async () => {
    sameSet(await found(staff, { verification: "verified" }), [ids.yunfan, ids.xiaoming]);
    expect(await found(staff, { verification: "expiring" })).toEqual([ids.yunfan]);
    expect(await found(staff, { verification: "pending" })).toEqual([ids.lion]);
  });

  it("searches name, WeChat ID and original ID, in any case", async () => {
    expect(await found(staff, { q: "云帆" })).toEqual([ids.yunfan]);
    expect(await found(staff, { q: "lion up" })).toEqual([ids.lion]);
    expect(await found(staff, { q: "yunfan_tech" })).toEqual([ids.yunfan]);
    expect(await found(staff, { q: "GH_0123456789AB" })).toEqual([ids.yunfan]);
    sameSet(await found(staff, { q: "gh_" }), [ids.yunfan, ids.lion]);
    expect(await found(staff, { q: "%" })).toEqual([]);
  });
});

describe("rows", () => {
  it("carry the company, the operator's name and masked ID, the stage and status", async () => {
    const page = await accountListPage(staff, query({ limit: 200 }));
    const yunfan = page.rows.find((row) => row.id === ids.yunfan)!;
    expect(yunfan).toMatchObject({
      name: "云帆订阅号",
      accountType: "subscription",
      subjectKind: "cn_individual",
      company: { name: "王小明" },
      operator: { id: ids.operator, name: "赵运营" },
      wechatId: "YunFan_Tech",
      originalId: "gh_0123456789ab",
      pipeline: "oa_cn_individual",
      stage: "intake",
      status: "active",
      verificationStatus: "verified",
      verificationExpiringSoon: true,
    });
    expect(yunfan.operator!.idMask).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(page.rows.find((row) => row.id === ids.xiaoming)!.verificationExpiringSoon).toBe(false);
    expect(page.rows.find((row) => row.id === ids.lion)!.status).toBe("abandoned");
    expect(page.rows.find((row) => row.id === ids.unnamed)!.name).toBeNull();
  });
});

describe("tenant isolation", () => {
  it("never shows another agency's accounts, whatever the search or filter", async () => {
    expect(await found(staff, {})).not.toContain(ids.inB);
    expect(await found(staff, { q: "YunFan_Tech" })).toEqual([ids.yunfan]);
    expect(await found(staffB, {})).toEqual([ids.inB]);
    expect(await found(staffB, { q: "云帆" })).toEqual([ids.inB]);
    expect(await found(staffB, { status: "abandoned" })).toEqual([]);
    const pageA = await accountListPage(staff, query({ limit: 1 }));
    expect(await found(staffB, { after: pageA.next!, limit: 200 })).not.toContain(ids.yunfan);
  });

  it("lets a manager read the list", async () => {
    expect(await found(manager, { q: "云帆" })).toEqual([ids.yunfan]);
  });
});
