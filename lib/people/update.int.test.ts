/**
 * Editing a person (issue 6) against the real database: the fields change in one
 * transaction with a version bump and a `person.update` audit event naming the fields
 * changed, never their values; an edit from an old version is STALE_VERSION naming who
 * and when with the current values (masked ID only), and overwrites nothing; the ID
 * number and a resident ID's birth date cannot change; managers and client
 * administrators are refused, another agency's person is NOT_FOUND, an erased one CONFLICT.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { type AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { createRng } from "@/lib/validation/random";
import { generateResidentId } from "@/lib/validation/resident-id";
import { erasePerson } from "./erase";
import { createPerson, getEditablePerson, updatePerson } from "./service";

const start = new Date("2026-05-04T02:00:00Z");
const rng = createRng(Number.parseInt(newId().replace(/-/g, "").slice(-8), 16));
const unique = () => newId().slice(-12);

let admin: pg.Client;
let agencyId: string;
let companyId: string;
let staff: ApiActor;
let owner: ApiActor;
let manager: ApiActor;
let clientAdmin: ApiActor;
let outsider: ApiActor;

async function member(slug: string, id: string, role: string, name = role): Promise<ApiActor> {
  const userId = newId();
  const email = `${role}-${unique()}@example.com`;
  await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, $3, $4, $4)`, [userId, email, name, start]);
  await admin.query(`insert into memberships (id, agency_id, user_id, role, client_company_id, created_at) values ($1, $2, $3, $4, $5, $6)`, [
    newId(),
    id,
    userId,
    role,
    role === "client_admin" ? companyId : null,
    start,
  ]);
  return findMemberActor(slug, email);
}

async function agency(): Promise<{ id: string; slug: string }> {
  const id = newId();
  const slug = `edit-${unique()}`;
  await admin.query(`insert into agencies (id, slug, name, created_at) values ($1, $2, 'Edit agency', $3)`, [id, slug, start]);
  return { id, slug };
}

const refusal = (promise: Promise<unknown>) => promise.then(() => expect.fail("expected a refusal"), (e: AppError) => e);

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  const own = await agency();
  agencyId = own.id;
  companyId = newId();
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, name_en, country, created_at, updated_at)
     values ($1, $2, 'overseas', 'overseas_company', $3, 'SG', $4, $4)`,
    [companyId, agencyId, `Edit ${unique()}`, start],
  );
  staff = await member(own.slug, own.id, "staff", "Staff Wang");
  owner = await member(own.slug, own.id, "owner", "Owner Li");
  manager = await member(own.slug, own.id, "manager");
  // A client administrator has no staff membership (findMemberActor refuses one): the role is what the service checks.
  clientAdmin = { ...staff, role: "client_admin" };
  const other = await agency();
  outsider = await member(other.slug, other.id, "staff");
});

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

async function newPerson(name = "编辑测试") {
  const idNumber = generateResidentId({ rng, birthDate: "1988-03-09" });
  const person = await createPerson(staff, { name, idType: "prc_resident_id", idNumber });
  return { ...person, idNumber };
}

describe("editing a person", () => {
  it("saves the fields (normalised), bumps the version, and audits the field names only", async () => {
    const { id, idNumber } = await newPerson();
    const saved = await updatePerson(staff, id, {
      version: 1,
      name: "  编辑后  ",
      idExpiresOn: "２０３６/０５/０１",
      mobile: "138 0013 8000",
      fixedLine: "0755 2345 6789",
      email: "wang@example.com",
    });
    expect(saved).toMatchObject({
      name: "编辑后",
      idExpiresOn: "2036-05-01",
      birthDate: "1988-03-09",
      mobile: "+8613800138000",
      fixedLine: "0755-23456789",
      email: "wang@example.com",
      version: 2,
    });
    expect(JSON.stringify(saved)).not.toContain(idNumber);
    expect(await getEditablePerson(staff, id)).toEqual(saved);

    const { rows } = await admin.query(`select action, data, data::text as text from audit_events where agency_id = $1 and target_id = $2 and action = 'person.update'`, [agencyId, id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].data).toEqual({ fields: ["name", "idExpiresOn", "mobile", "fixedLine", "email"], version: 2 });
    for (const value of ["编辑后", "2036-05-01", "8613800138000", "23456789", "wang@example.com", idNumber, idNumber.slice(-4)]) {
      expect(rows[0].text).not.toContain(value);
    }

    // Left out or blank: cleared.
    const cleared = await updatePerson(staff, id, { version: 2, name: "编辑后", mobile: " " });
    expect(cleared).toMatchObject({ mobile: null, fixedLine: null, email: null, idExpiresOn: null, version: 3 });
  });

  it("answers an overtaken edit with STALE_VERSION naming who and when, with the current values, and overwrites nothing", async () => {
    const { id, idNumber } = await newPerson();
    await updatePerson(owner, id, { version: 1, name: "所有者改的", mobile: "13900139000" });
    const stale = await refusal(updatePerson(staff, id, { version: 1, name: "员工改的" }));
    expect(stale.code).toBe("STALE_VERSION");
    const details = stale.details as { messageKey: string; current: { name: string; mobile: string; version: number; idMask: string }; changedBy: string; changedAt: string };
    expect(details.messageKey).toBe("personEditForm.errors.stale");
    expect(details.changedBy).toBe("Owner Li");
    expect(Number.isNaN(Date.parse(details.changedAt))).toBe(false);
    expect(details.current).toMatchObject({ name: "所有者改的", mobile: "+8613900139000", version: 2, idMask: `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}` });
    expect(JSON.stringify(stale.details)).not.toContain(idNumber);
    expect((await getEditablePerson(staff, id)).name).toBe("所有者改的");
    // Knowingly from the newer version: saved.
    expect((await updatePerson(staff, id, { version: 2, name: "员工改的" })).version).toBe(3);
  });

  it("refuses invalid fields with message keys, the ID number, and a resident ID's birth date", async () => {
    const { id } = await newPerson();
    const invalid = await refusal(
      updatePerson(staff, id, { version: 1, name: " ", mobile: "12345", fixedLine: "abc", email: "not-an-address", idExpiresOn: "2026-02-30" }),
    );
    expect(invalid.code).toBe("VALIDATION");
    expect(invalid.details.fields).toEqual({
      name: "validation.required",
      mobile: "validation.mobile.format",
      fixedLine: "validation.fixedLine.format",
      email: "personEditForm.errors.email",
      idExpiresOn: "personEditForm.errors.date",
    });
    const number = await refusal(updatePerson(staff, id, { version: 1, name: "改号", idNumber: generateResidentId({ rng }) }));
    expect(number.details.fields).toEqual({ idNumber: "personEditForm.errors.idNumberFixed" });
    const birth = await refusal(updatePerson(staff, id, { version: 1, name: "改生日", birthDate: "1990-01-01" }));
    expect(birth.details.fields).toEqual({ birthDate: "personEditForm.errors.birthDateFromId" });
    expect((await refusal(updatePerson(staff, id, { name: "无版本" }))).details.fields).toMatchObject({ version: "validation.required" });
    expect((await getEditablePerson(staff, id)).version).toBe(1);
  });

  it("refuses managers and client administrators; another agency's person is NOT_FOUND, an erased one CONFLICT", async () => {
    const { id } = await newPerson("权限测试");
    for (const actor of [manager, clientAdmin]) {
      expect((await refusal(updatePerson(actor, id, { version: 1, name: "不行" }))).code).toBe("FORBIDDEN");
    }
    expect((await refusal(updatePerson(outsider, id, { version: 1, name: "别家" }))).code).toBe("NOT_FOUND");
    expect((await refusal(getEditablePerson(outsider, id))).code).toBe("NOT_FOUND");
    expect((await refusal(updatePerson(staff, "not-a-uuid", { version: 1, name: "x" }))).code).toBe("NOT_FOUND");
    expect((await getEditablePerson(staff, id)).name).toBe("权限测试");

    await erasePerson(owner, id, { confirmName: "权限测试", reason: "person_request" });
    const erased = await refusal(updatePerson(staff, id, { version: 1, name: "复活" }));
    expect(erased.code).toBe("CONFLICT");
    expect(erased.details.messageKey).toBe("personEditForm.errors.erased");
  });
});
