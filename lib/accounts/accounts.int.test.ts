/**
 * Issue 6, first slice: people and Official Accounts through the services and the
 * JSON API against the real database. The two-per-ID cap under a real race: 50
 * parallel createOfficialAccount calls for one operator, each its own transaction →
 * exactly 2 succeed and 48 are refused with ID_CAP_REACHED naming the 2 holders;
 * an external account on the ID leaves room for only one more; through the route,
 * 20 parallel POSTs → 2 × 201 and 18 × 409 problem+json, never a 5xx, and the clear
 * ID number never in an answer.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postOfficialAccount } from "@/app/api/v1/official-accounts/route";
import { GET as getPeople, POST as postPerson } from "@/app/api/v1/people/route";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { createApiToken } from "@/lib/api/tokens";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { createPerson } from "@/lib/people/service";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { createRng } from "@/lib/validation/random";
import { generateResidentId } from "@/lib/validation/resident-id";
import { createOfficialAccount, type IdSlotHolder } from "./service";

const BASE = "http://weidesk.test/api/v1";
const start = new Date("2026-05-04T02:00:00Z");
const rng = createRng(Number.parseInt(newId().replace(/-/g, "").slice(-8), 16));
const unique = () => newId().slice(-12);

let admin: pg.Client;
let agencyId: string;
let slug: string;
let staffEmail: string;
let companyId: string;
let cnIndividualId: string;
let staff: ApiActor;

const freshId = (birthDate?: string) => generateResidentId({ rng, birthDate });

async function settle<T>(promises: Promise<T>[]) {
  const results = await Promise.allSettled(promises);
  return {
    ok: results.filter((r): r is PromiseFulfilledResult<Awaited<T>> => r.status === "fulfilled").map((r) => r.value),
    errors: results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as unknown),
  };
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  agencyId = newId();
  slug = `oa-${unique()}`;
  companyId = newId();
  cnIndividualId = newId();
  await admin.query(`insert into agencies (id, slug, name, created_at) values ($1, $2, 'OA agency', $3)`, [agencyId, slug, start]);
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, name_en, country, created_at, updated_at)
     values ($1, $2, 'overseas', 'overseas_company', null, $3, 'SG', $4, $4)`,
    [companyId, agencyId, `Lion Pte ${unique()}`, start],
  );
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, created_at, updated_at)
     values ($1, $2, 'cn_individual', 'individual', $3, $4, $4)`,
    [cnIndividualId, agencyId, `个人${unique()}`, start],
  );
  const userId = newId();
  staffEmail = `staff-${slug}@example.com`;
  await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, 'Staff', $3, $3)`, [userId, staffEmail, start]);
  await admin.query(`insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, 'staff', $4)`, [newId(), agencyId, userId, start]);
  staff = await findMemberActor(slug, staffEmail);
});

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("people", () => {
  it("stores ciphertext, key id, HMAC and mask, never the clear number; audits the mask only", async () => {
    const idNumber = freshId();
    const person = await createPerson(staff, { name: "  王小明 ", idType: "prc_resident_id", idNumber, mobile: "138 0013 8000" });
    expect(person.name).toBe("王小明");
    expect(person.idMask).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    const { rows } = await admin.query(`select * from people where id = $1`, [person.id]);
    expect(rows[0].id_number_ciphertext).toBeInstanceOf(Buffer);
    expect(rows[0].id_key_id).toBeTruthy();
    expect(rows[0].id_number_hmac).toHaveLength(32);
    expect(rows[0].mobile).toBe("+8613800138000");
    expect(JSON.stringify(rows[0])).not.toContain(idNumber.slice(6, 14));
    expect(rows[0].id_number_ciphertext.toString("latin1")).not.toContain(idNumber);
    const { rows: events } = await admin.query(`select data from audit_events where agency_id = $1 and action = 'person.create' and target_id = $2`, [agencyId, person.id]);
    expect(events).toEqual([{ data: { idType: "prc_resident_id", mask: person.idMask } }]);
  });

  it("accepts full-width input, refuses a bad check character and a number already recorded", async () => {
    const idNumber = freshId();
    const fullWidth = idNumber.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    await createPerson(staff, { name: "甲", idType: "prc_resident_id", idNumber: fullWidth });
    const duplicate = await createPerson(staff, { name: "乙", idType: "prc_resident_id", idNumber }).catch((e: AppError) => e);
    expect(duplicate).toBeInstanceOf(AppError);
    expect((duplicate as AppError).details.fields).toEqual({ idNumber: "people.errors.idNumberRecorded" });
    const wrong = idNumber.slice(0, 17) + (idNumber[17] === "1" ? "2" : "1");
    const bad = await createPerson(staff, { name: "丙", idType: "prc_resident_id", idNumber: wrong }).catch((e: AppError) => e);
    expect((bad as AppError).details.fields).toEqual({ idNumber: "validation.residentId.checkCharacter" });
  });
});

describe("official accounts: the two-per-ID cap under concurrency", () => {
  it("50 parallel creations for one operator: 2 succeed, 48 get ID_CAP_REACHED naming the 2 — for 5 fresh IDs", async () => {
    for (let round = 0; round < 5; round++) {
      const operator = await createPerson(staff, { name: `运营者${round}`, idType: "prc_resident_id", idNumber: freshId() });
      const { ok, errors } = await settle(
        Array.from({ length: 50 }, (_, i) =>
          createOfficialAccount(staff, { clientCompanyId: companyId, accountType: "service", operatorPersonId: operator.id, name: `Acct ${round}-${i}` }),
        ),
      );
      expect(ok).toHaveLength(2);
      expect(ok.map((a) => a.slot).sort()).toEqual([1, 2]);
      expect(ok.every((a) => a.pipeline === "oa_overseas" && a.stage === "intake")).toBe(true);
      expect(errors).toHaveLength(48);
      for (const error of errors) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe("ID_CAP_REACHED");
        const holders = (error as AppError).details.holders as IdSlotHolder[];
        expect(holders.map((h) => h.id).sort()).toEqual(ok.map((a) => a.id).sort());
        expect(holders.every((h) => h.kind === "official_account" && h.name?.startsWith(`Acct ${round}-`))).toBe(true);
      }
      const { rows } = await admin.query(
        `select r.stage, r.version, r.pipeline from official_accounts oa join registrations r on r.id = oa.registration_id where oa.operator_person_id = $1`,
        [operator.id],
      );
      expect(rows).toHaveLength(2); // the refused ones rolled back, cards included
      expect(rows.every((r) => r.stage === "intake" && r.version === 1 && r.pipeline === "oa_overseas")).toBe(true);
    }
  });

  it("an external account on the ID leaves room for one more only", async () => {
    const operator = await createPerson(staff, { name: "外部", idType: "prc_resident_id", idNumber: freshId() });
    const externalId = newId();
    await admin.query(
      `insert into external_accounts (id, agency_id, operator_person_id, name, created_at) values ($1, $2, $3, '旧号', $4)`,
      [externalId, agencyId, operator.id, start],
    );
    await admin.query(
      `insert into id_slots (agency_id, operator_id_hmac, slot, external_account_id, taken_at)
       select agency_id, id_number_hmac, 1, $2, $3 from people where id = $1`,
      [operator.id, externalId, start],
    );
    const { ok, errors } = await settle(
      Array.from({ length: 20 }, () =>
        createOfficialAccount(staff, { clientCompanyId: companyId, accountType: "service", operatorPersonId: operator.id }),
      ),
    );
    expect(ok).toHaveLength(1);
    expect(ok[0]!.slot).toBe(2);
    expect(errors).toHaveLength(19);
    for (const error of errors) {
      expect((error as AppError).code).toBe("ID_CAP_REACHED");
      expect((error as AppError).details.holders).toEqual([
        { kind: "external_account", id: externalId, name: "旧号" },
        { kind: "official_account", id: ok[0]!.id, name: null },
      ]);
    }
  });

  it("refuses a type the company's kind cannot have, an unknown company, and a minor operator", async () => {
    const operator = await createPerson(staff, { name: "规则", idType: "prc_resident_id", idNumber: freshId() });
    const wrongType = await createOfficialAccount(staff, { clientCompanyId: companyId, accountType: "subscription", operatorPersonId: operator.id }).catch((e: AppError) => e);
    expect((wrongType as AppError).details.fields).toEqual({ accountType: "accounts.errors.accountTypeNotAllowed" });
    const individual = await createOfficialAccount(staff, { clientCompanyId: cnIndividualId, accountType: "service", operatorPersonId: operator.id }).catch((e: AppError) => e);
    expect((individual as AppError).code).toBe("VALIDATION");
    const ok = await createOfficialAccount(staff, { clientCompanyId: cnIndividualId, accountType: "subscription", operatorPersonId: operator.id });
    expect(ok.pipeline).toBe("oa_cn_individual");
    const unknown = await createOfficialAccount(staff, { clientCompanyId: newId(), accountType: "service", operatorPersonId: operator.id }).catch((e: AppError) => e);
    expect((unknown as AppError).code).toBe("NOT_FOUND");
    const year = new Date().getUTCFullYear() - 10;
    const minor = await createPerson(staff, { name: "少年", idType: "prc_resident_id", idNumber: freshId(`${year}-06-15`) });
    const refused = await createOfficialAccount(staff, { clientCompanyId: companyId, accountType: "service", operatorPersonId: minor.id }).catch((e: AppError) => e);
    expect((refused as AppError).details.fields).toEqual({ operatorPersonId: "accounts.errors.operatorUnderage" });
  });
});

describe("the JSON API", () => {
  const call = (path: string, token: string, body?: unknown) =>
    new Request(`${BASE}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it("20 parallel POST /official-accounts: 2 × 201, 18 × 409 problem+json naming the holders, no 5xx, never the clear ID", async () => {
    const { token } = await createApiToken(staff, { name: "cap script", expiresInDays: 30 });
    const idNumber = freshId();
    const personResponse = await postPerson(call("/people", token, { name: "接口", idType: "prc_resident_id", idNumber }));
    const personText = await personResponse.text();
    expect(personResponse.status).toBe(201);
    expect(personText).not.toContain(idNumber);
    const person = JSON.parse(personText) as { id: string; idMask: string };

    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        postOfficialAccount(call("/official-accounts", token, { clientCompanyId: companyId, accountType: "service", operatorPersonId: person.id })),
      ),
    );
    const bodies = await Promise.all(responses.map(async (r) => ({ status: r.status, type: r.headers.get("content-type"), text: await r.text() })));
    expect(bodies.filter((b) => b.status >= 500)).toEqual([]);
    const created = bodies.filter((b) => b.status === 201).map((b) => JSON.parse(b.text) as { id: string });
    const refused = bodies.filter((b) => b.status === 409);
    expect(created).toHaveLength(2);
    expect(refused).toHaveLength(18);
    for (const r of refused) {
      expect(r.type).toBe("application/problem+json");
      const problem = JSON.parse(r.text) as { code: string; holders: IdSlotHolder[] };
      expect(problem.code).toBe("ID_CAP_REACHED");
      expect(problem.holders.map((h) => h.id).sort()).toEqual(created.map((c) => c.id).sort());
    }
    const list = await getPeople(call("/people", token));
    const listText = await list.text();
    expect(list.status).toBe(200);
    expect(listText).toContain(person.idMask);
    for (const text of [...bodies.map((b) => b.text), listText]) expect(text).not.toContain(idNumber);

    const invalid = await postPerson(call("/people", token, { name: "x", idType: "prc_resident_id", idNumber: "123" }));
    expect(invalid.status).toBe(422);
    expect(await invalid.text()).not.toContain("123\"");
  });
});
