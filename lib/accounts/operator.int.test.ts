/**
 * Issue 6, design.md §4.2: an operator change (换绑) moves the account's ID slot from the
 * old operator's resident ID to the new one's in one transaction. Against the real
 * database: the old ID's slot is freed and the new ID's taken; a full new ID is refused
 * naming its holders and nothing changes; two parallel changes onto the last free slot
 * → exactly one wins; a stale version is STALE_VERSION; an abandoned account moves no
 * slot; the same person, an unknown one, or one under 18 is refused on the field; a
 * manager is FORBIDDEN; another agency's account NOT_FOUND.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { createPerson } from "@/lib/people/service";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { createRng } from "@/lib/validation/random";
import { generateResidentId } from "@/lib/validation/resident-id";
import { abandonOfficialAccount, changeOperator, createOfficialAccount } from "./service";

const start = new Date("2026-05-04T02:00:00Z");
const rng = createRng(Number.parseInt(newId().replace(/-/g, "").slice(-8), 16));
const unique = () => newId().slice(-12);

let admin: pg.Client;
let companyId: string;
let staff: ApiActor;
let manager: ApiActor;
let outsider: ApiActor;

async function agencyWith(roles: ("staff" | "manager")[]): Promise<{ company: string; actors: ApiActor[] }> {
  const id = newId();
  const slug = `op-${unique()}`;
  const company = newId();
  await admin.query(`insert into agencies (id, slug, name, created_at) values ($1, $2, 'Operator agency', $3)`, [id, slug, start]);
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, name_en, country, created_at, updated_at)
     values ($1, $2, 'overseas', 'overseas_company', $3, 'SG', $4, $4)`,
    [company, id, `Merlion ${unique()}`, start],
  );
  const actors: ApiActor[] = [];
  for (const role of roles) {
    const userId = newId();
    const email = `${role}-${slug}@example.com`;
    await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, $3, $4, $4)`, [userId, email, role, start]);
    await admin.query(`insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, $4, $5)`, [newId(), id, userId, role, start]);
    actors.push(await findMemberActor(slug, email));
  }
  return { company, actors };
}

const person = async (name: string, birthDate?: string) =>
  (await createPerson(staff, { name, idType: "prc_resident_id", idNumber: generateResidentId({ rng, birthDate }) })).id;
const account = (operatorPersonId: string, name: string) =>
  createOfficialAccount(staff, { clientCompanyId: companyId, accountType: "service", operatorPersonId, name });
const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};
const slotsOf = async (personId: string) =>
  (
    await admin.query(
      `select count(*)::int as n from id_slots s join people p on p.agency_id = s.agency_id and p.id_number_hmac = s.operator_id_hmac where p.id = $1`,
      [personId],
    )
  ).rows[0].n as number;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  const own = await agencyWith(["staff", "manager"]);
  companyId = own.company;
  [staff, manager] = own.actors as [ApiActor, ApiActor];
  outsider = (await agencyWith(["staff"])).actors[0]!;
});

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("changing an Official Account's operator", () => {
  it("moves the slot from the old ID to the new one, with the version bumped and an audit event", async () => {
    const [a, b] = [await person("甲"), await person("乙")];
    const created = await account(a, "Move me");
    const card = await changeOperator(staff, created.id, { version: 1, operatorPersonId: b });
    expect(card).toMatchObject({ operatorPersonId: b, version: 2, slot: 1 });
    expect([await slotsOf(a), await slotsOf(b)]).toEqual([0, 1]);
    const { rows } = await admin.query(`select action, data from audit_events where target_id = $1 and action = 'official_account.change_operator'`, [created.id]);
    expect(rows).toEqual([{ action: "official_account.change_operator", data: { from: a, to: b, slotBefore: 1, slotAfter: 1 } }]);
  });

  it("takes a slot of the new resident ID when the old operator held none (a passport)", async () => {
    const { rows: company } = await admin.query(`select agency_id from client_companies where id = $1`, [companyId]);
    const passport = newId();
    await admin.query(
      `insert into people (id, agency_id, name, id_type, id_number_ciphertext, id_key_id, id_number_hmac, id_mask, created_at, updated_at)
       values ($1, $2, 'Alice Brown', 'passport', '\\x00', 'k1', $3, 'E1****67', now(), now())`,
      [passport, company[0].agency_id, Buffer.from(unique())],
    );
    const created = await account(passport, "From a passport");
    expect(created.slot).toBeNull();
    const resident = await person("庚");
    const card = await changeOperator(staff, created.id, { version: 1, operatorPersonId: resident });
    expect(card).toMatchObject({ operatorPersonId: resident, slot: 1 });
    expect(await slotsOf(resident)).toBe(1);
  });

  it("is refused onto a full ID, naming its holders, and changes nothing", async () => {
    const [a, full] = [await person("丙"), await person("丁")];
    const moving = await account(a, "Stay");
    const held = [await account(full, "Held one"), await account(full, "Held two")];
    const error = await refusal(changeOperator(staff, moving.id, { version: 1, operatorPersonId: full }));
    expect(error.code).toBe("ID_CAP_REACHED");
    expect((error.details.holders as { id: string }[]).map((h) => h.id).sort()).toEqual(held.map((h) => h.id).sort());
    const { rows } = await admin.query(
      `select oa.operator_person_id, r.version from official_accounts oa join registrations r on r.id = oa.registration_id where oa.id = $1`,
      [moving.id],
    );
    expect(rows).toEqual([{ operator_person_id: a, version: 1 }]);
    expect([await slotsOf(a), await slotsOf(full)]).toEqual([1, 2]);
  });

  it("gives the new ID's last free slot to exactly one of two parallel changes", async () => {
    const target = await person("戊");
    await account(target, "Already one");
    const movers = [await account(await person("己"), "Mover A"), await account(await person("庚"), "Mover B")];
    const results = await Promise.allSettled(movers.map((m) => changeOperator(staff, m.id, { version: 1, operatorPersonId: target })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
    expect((rejected.reason as AppError).code).toBe("ID_CAP_REACHED");
    expect(await slotsOf(target)).toBe(2);
  });

  it("moves no slot for an abandoned account, and refuses a stale version", async () => {
    const [a, b] = [await person("辛"), await person("壬")];
    const created = await account(a, "Abandoned");
    await abandonOfficialAccount(staff, created.id, { version: 1 });
    const card = await changeOperator(staff, created.id, { version: 2, operatorPersonId: b });
    expect(card).toMatchObject({ operatorPersonId: b, slot: null, version: 3 });
    expect([await slotsOf(a), await slotsOf(b)]).toEqual([0, 0]);
    const stale = await refusal(changeOperator(staff, created.id, { version: 2, operatorPersonId: a }));
    expect(stale.code).toBe("STALE_VERSION");
  });

  it("refuses the same person, an unknown one, one under 18; managers and other agencies", async () => {
    const a = await person("癸");
    const created = await account(a, "Checks");
    const fieldOf = async (operatorPersonId: string) =>
      (await refusal(changeOperator(staff, created.id, { version: 1, operatorPersonId }))).details.fields;
    expect(await fieldOf(a)).toEqual({ operatorPersonId: "accounts.errors.sameOperator" });
    expect(await fieldOf(newId())).toEqual({ operatorPersonId: "accounts.errors.operatorNotFound" });
    const minor = await person("少年", "2015-01-01");
    expect(await fieldOf(minor)).toEqual({ operatorPersonId: "accounts.errors.operatorUnderage" });
    expect((await refusal(changeOperator(manager, created.id, { version: 1, operatorPersonId: minor }))).code).toBe("FORBIDDEN");
    expect((await refusal(changeOperator(outsider, created.id, { version: 1, operatorPersonId: a }))).code).toBe("NOT_FOUND");
  });
});
