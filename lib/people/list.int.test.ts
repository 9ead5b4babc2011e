/**
 * Issue 6 §4: the people list against the real database, as weidesk_app under row-level
 * security. Keyset pages over both sorts, both ways, return every person exactly once,
 * also among people with the same name and the same created_at to the microsecond; the
 * filters (client, ID type, free or used-up slots); search by name (Chinese, Latin in
 * any case) and by mobile; masked numbers and mobiles only; another agency's people
 * never appear, whatever the search or filter.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOfficialAccount } from "@/lib/accounts/service";
import type { ApiActor } from "@/lib/api/auth";
import { newId } from "@/lib/ids";
import { resetAppState } from "@/lib/testing/app-state";
import { makeClientCompany, makeListAgencies } from "@/lib/testing/factories";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { createRng } from "@/lib/validation/random";
import { generateResidentId } from "@/lib/validation/resident-id";
import { peopleCompanyOptions, peopleListPage, maskMobile, type PeopleListPage } from "./list";
import { peopleListQuerySchema, peopleSorts } from "./list-query";
import { createPerson } from "./service";

const rng = createRng(Number.parseInt(newId().replace(/-/g, "").slice(-8), 16));
const unique = () => newId().slice(-12);
const TIE = "2026-05-04T02:00:00.123456Z";
const query = (input: Record<string, string | number> = {}) => peopleListQuerySchema.parse(input);
const found = async (actor: ApiActor, input: Record<string, string | number>) =>
  (await peopleListPage(actor, query({ limit: 200, ...input }))).rows.map((row) => row.id);

let admin: pg.Client;
let agencyA: string;
let staff: ApiActor;
let manager: ApiActor;
let staffB: ApiActor;
const ids = { zhangWei: "", zhangXiaoming: "", alice: "", liNa: "", inB: "", c1: "", c2: "", cB: "" };
const clearNumbers: string[] = [];

async function resident(actor: ApiActor, name: string, extra: { mobile?: string; link?: string } = {}): Promise<string> {
  const idNumber = generateResidentId({ rng, birthDate: "1985-06-15" });
  clearNumbers.push(idNumber);
  const person = await createPerson(
    actor,
    { name, idType: "prc_resident_id", idNumber, ...(extra.mobile ? { mobile: extra.mobile } : {}) },
    extra.link ? { link: { clientCompanyId: extra.link, role: "legal_representative" } } : {},
  );
  return person.id;
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  const { a, b, ...actors } = await makeListAgencies(admin, "pl", "People list");
  agencyA = a.id;
  ({ staff, manager, staffB } = actors);
  ids.c1 = await makeClientCompany(admin, a.id, "cn_individual", "甲乙个体户");
  ids.c2 = await makeClientCompany(admin, a.id, "overseas", "Lion City Pte. Ltd.");
  ids.cB = await makeClientCompany(admin, b.id, "cn_individual", "另一机构个体户");

  ids.zhangWei = await resident(staff, "张伟", { mobile: "13812345678", link: ids.c1 });
  await admin.query(`insert into person_companies (agency_id, person_id, client_company_id, role) values ($1, $2, $3, 'contact')`, [a.id, ids.zhangWei, ids.c2]);
  ids.zhangXiaoming = await resident(staff, "张小明", { link: ids.c1 });
  ids.liNa = await resident(staff, "李娜");
  // A passport holder, recorded as the import would (createPerson takes resident IDs only).
  ids.alice = newId();
  await admin.query(
    `insert into people (id, agency_id, name, id_type, id_number_ciphertext, id_key_id, id_number_hmac, id_mask, created_at, updated_at)
     values ($1, $2, 'Alice Brown', 'passport', '\\x00', 'k1', $3, 'E1****67', now(), now())`,
    [ids.alice, a.id, Buffer.from(unique())],
  );
  await admin.query(`insert into person_companies (agency_id, person_id, client_company_id, role) values ($1, $2, $3, 'operator')`, [a.id, ids.alice, ids.c2]);
  // Ties: the same name, and the same created_at to the microsecond.
  for (let i = 0; i < 5; i++) await resident(staff, "同名同时");
  await admin.query(`update people set created_at = $2 where agency_id = $1 and name in ('同名同时', '李娜')`, [a.id, TIE]);

  // 张伟 operates two Official Accounts (both slots), 张小明 one.
  await createOfficialAccount(staff, { clientCompanyId: ids.c1, accountType: "subscription", operatorPersonId: ids.zhangWei, name: "甲号" });
  await createOfficialAccount(staff, { clientCompanyId: ids.c1, accountType: "subscription", operatorPersonId: ids.zhangWei, name: "乙号" });
  await createOfficialAccount(staff, { clientCompanyId: ids.c1, accountType: "subscription", operatorPersonId: ids.zhangXiaoming, name: "丙号" });

  // Another agency: the same name, linked to its own company.
  ids.inB = await resident(staffB, "张伟", { mobile: "13812345678", link: ids.cB });
});

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("keyset pagination", () => {
  const orderBy = { name: "name", created: "created_at" } as const;
  for (const sort of peopleSorts) {
    for (const dir of ["asc", "desc"] as const) {
      it(`sort ${sort} ${dir}: every person exactly once, in order, through pages of 2`, async () => {
        const { rows } = await admin.query<{ id: string }>(
          `select id from people where agency_id = $1 order by ${orderBy[sort]} ${dir}, id ${dir}`,
          [agencyA],
        );
        const seen: string[] = [];
        let after: string | undefined;
        let pages = 0;
        do {
          const page: PeopleListPage = await peopleListPage(staff, query({ sort, dir, limit: 2, ...(after ? { after } : {}) }));
          expect(page.total).toBe(rows.length);
          expect(page.totalCapped).toBe(false);
          seen.push(...page.rows.map((row) => row.id));
          after = page.next ?? undefined;
          pages++;
        } while (after && pages < 50);
        expect(seen).toEqual(rows.map((row) => row.id));
      });
    }
  }

  it("starts from the first page for a cursor of another sort or a tampered one", async () => {
    const first = await peopleListPage(staff, query({ limit: 2 }));
    const byCreated = await peopleListPage(staff, query({ sort: "created", limit: 2 }));
    expect((await peopleListPage(staff, query({ limit: 2, after: byCreated.next! }))).rows).toEqual(first.rows);
    expect((await peopleListPage(staff, query({ limit: 2, after: "not-a-cursor" }))).rows).toEqual(first.rows);
    const forged = Buffer.from(JSON.stringify(["name", "x", "1; drop table people"])).toString("base64url");
    expect((await peopleListPage(staff, query({ limit: 2, after: forged }))).rows).toEqual(first.rows);
  });
});

describe("filters and search", () => {
  it("filters by client company", async () => {
    expect(new Set(await found(staff, { company: ids.c1 }))).toEqual(new Set([ids.zhangWei, ids.zhangXiaoming]));
    expect(new Set(await found(staff, { company: ids.c2 }))).toEqual(new Set([ids.zhangWei, ids.alice]));
    expect(await found(staff, { company: ids.cB })).toEqual([]);
  });

  it("filters by ID type", async () => {
    expect(await found(staff, { idType: "passport" })).toEqual([ids.alice]);
    expect(await found(staff, { idType: "prc_resident_id" })).not.toContain(ids.alice);
  });

  it("filters resident IDs with a slot free or both used", async () => {
    expect(await found(staff, { slots: "full" })).toEqual([ids.zhangWei]);
    const free = await found(staff, { slots: "free" });
    expect(free).toContain(ids.zhangXiaoming);
    expect(free).toContain(ids.liNa);
    expect(free).not.toContain(ids.zhangWei);
    expect(free).not.toContain(ids.alice);
  });

  it("combines filters", async () => {
    expect(await found(staff, { company: ids.c1, slots: "free" })).toEqual([ids.zhangXiaoming]);
  });

  it("searches names: Chinese anywhere in the name, Latin in any case", async () => {
    expect(new Set(await found(staff, { q: "张" }))).toEqual(new Set([ids.zhangWei, ids.zhangXiaoming]));
    expect(await found(staff, { q: "小明" })).toEqual([ids.zhangXiaoming]);
    expect(await found(staff, { q: "alice" })).toEqual([ids.alice]);
    expect(await found(staff, { q: "BROWN" })).toEqual([ids.alice]);
    expect(await found(staff, { q: "100%_" })).toEqual([]);
  });

  it("searches mobiles by any run of digits", async () => {
    expect(await found(staff, { q: "13812345678" })).toEqual([ids.zhangWei]);
    expect(await found(staff, { q: "138 1234" })).toEqual([ids.zhangWei]);
    expect(await found(staff, { q: "+86138" })).toEqual([ids.zhangWei]);
    expect(await found(staff, { q: "999999" })).toEqual([]);
  });
});

describe("rows", () => {
  it("carry companies by name, accounts, slots, masked ID and mobile — never a clear number", async () => {
    const page = await peopleListPage(staff, query({ limit: 200 }));
    const zhang = page.rows.find((row) => row.id === ids.zhangWei)!;
    expect(zhang.companies.map((c) => c.name)).toEqual(["Lion City Pte. Ltd.", "甲乙个体户"]);
    expect(zhang.accounts).toBe(2);
    expect(zhang.slotsUsed).toBe(2);
    expect(zhang.mobile).toBe("+86 138****5678");
    expect(zhang.idMask).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(page.rows.find((row) => row.id === ids.alice)!.slotsUsed).toBeNull();
    expect(page.rows.find((row) => row.id === ids.liNa)!).toMatchObject({ companies: [], accounts: 0, slotsUsed: 0, mobile: null });
    const json = JSON.stringify(page);
    for (const number of clearNumbers) expect(json).not.toContain(number);
    expect(json).not.toContain("13812345678");
  });

  it("masks mobiles of other countries too", () => {
    expect(maskMobile("+6591234567")).toBe("+659***4567");
    expect(maskMobile(null)).toBeNull();
  });

  it("offers the companies that have people, and the chosen one", async () => {
    const options = await peopleCompanyOptions(staff);
    expect(options.map((o) => o.id).sort()).toEqual([ids.c1, ids.c2].sort());
    const chosen = await peopleCompanyOptions(staff, ids.c1);
    expect(chosen.map((o) => o.id).sort()).toEqual([ids.c1, ids.c2].sort());
  });
});

describe("tenant isolation", () => {
  it("never shows another agency's people, whatever the search or filter", async () => {
    const everyone = await found(staff, {});
    expect(everyone).not.toContain(ids.inB);
    expect(await found(staffB, {})).toEqual([ids.inB]);
    expect(await found(staffB, { q: "张" })).toEqual([ids.inB]);
    expect(await found(staffB, { q: "13812345678" })).toEqual([ids.inB]);
    expect(await found(staffB, { company: ids.c1 })).toEqual([]);
    expect((await peopleCompanyOptions(staffB, ids.c1)).map((o) => o.id)).toEqual([ids.cB]);
    // A cursor from agency A's list pages agency B's list from its own start.
    const pageA = await peopleListPage(staff, query({ limit: 1 }));
    expect((await peopleListPage(staffB, query({ limit: 1, after: pageA.next! }))).rows.map((r) => r.id)).not.toContain(ids.zhangWei);
  });

  it("lets a manager read the list", async () => {
    expect(await found(manager, { q: "张伟" })).toEqual([ids.zhangWei]);
  });
});
