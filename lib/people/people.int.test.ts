/**
 * Issue 6 §2 against the real database: the people list by name (keyset), a person's
 * accounts and slots, the exact search by full ID number (HMAC only), and the audited
 * reveals — the clear number leaves only through them, each with its audit event
 * carrying the mask, never the number. Managers cannot reveal; another agency's person
 * is NOT_FOUND.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { createOfficialAccount } from "@/lib/accounts/service";
import { type AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { createRng } from "@/lib/validation/random";
import { generateResidentId } from "@/lib/validation/resident-id";
import { exportPerson, findPersonByIdNumber, getPersonDetail, listPeoplePage, revealIdNumber } from "./queries";
import { createPerson } from "./service";

const start = new Date("2026-05-04T02:00:00Z");
const rng = createRng(Number.parseInt(newId().replace(/-/g, "").slice(-8), 16));
const unique = () => newId().slice(-12);

let admin: pg.Client;
let agencyId: string;
let companyId: string;
let staff: ApiActor;
let manager: ApiActor;
let outsider: ApiActor;

async function member(slug: string, id: string, role: string): Promise<ApiActor> {
  const userId = newId();
  const email = `${role}-${unique()}@example.com`;
  await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, $3, $4, $4)`, [userId, email, role, start]);
  await admin.query(`insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, $4, $5)`, [newId(), id, userId, role, start]);
  return findMemberActor(slug, email);
}

async function agency(): Promise<{ id: string; slug: string }> {
  const id = newId();
  const slug = `people-${unique()}`;
  await admin.query(`insert into agencies (id, slug, name, created_at) values ($1, $2, 'People agency', $3)`, [id, slug, start]);
  return { id, slug };
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  const own = await agency();
  agencyId = own.id;
  companyId = newId();
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, name_en, country, created_at, updated_at)
     values ($1, $2, 'overseas', 'overseas_company', $3, 'SG', $4, $4)`,
    [companyId, agencyId, `Lion ${unique()}`, start],
  );
  staff = await member(own.slug, own.id, "staff");
  manager = await member(own.slug, own.id, "manager");
  const other = await agency();
  outsider = await member(other.slug, other.id, "staff");
});

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("reading people", () => {
  it("lists by name in keyset pages, each person once, with slots used", async () => {
    const names = ["张三", "李四", "王五", "赵六", "张三"];
    for (const name of names) await createPerson(staff, { name, idType: "prc_resident_id", idNumber: generateResidentId({ rng }) });
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await listPeoplePage(staff, { after, limit: 2 });
      seen.push(...page.rows.map((r) => r.name));
      if (!page.next) break;
      after = page.next;
    }
    // In the database's own collation order, every person once.
    const { rows } = await admin.query(`select name from people where agency_id = $1 order by name, id`, [agencyId]);
    expect(seen).toEqual(rows.map((r) => r.name));
    expect([...seen].sort()).toEqual([...names].sort());
    const filtered = await listPeoplePage(staff, { q: "张" });
    expect(filtered.rows.map((r) => r.name)).toEqual(["张三", "张三"]);
    expect((await listPeoplePage(outsider, {})).rows).toEqual([]);
  });

  it("shows the accounts an ID operates and its free slots", async () => {
    const person = await createPerson(staff, { name: "运营者", idType: "prc_resident_id", idNumber: generateResidentId({ rng }) });
    expect((await getPersonDetail(staff, person.id)).slots).toEqual({ total: 2, used: 0, free: 2 });
    await createOfficialAccount(staff, { clientCompanyId: companyId, accountType: "service", operatorPersonId: person.id, name: "Lion News" });
    const detail = await getPersonDetail(staff, person.id);
    expect(detail.slots).toEqual({ total: 2, used: 1, free: 1 });
    expect(detail.accounts).toMatchObject([{ kind: "official_account", name: "Lion News", holdsSlot: true, registration: { stage: "intake" } }]);
    const missing = await getPersonDetail(outsider, person.id).catch((e: AppError) => e);
    expect((missing as AppError).code).toBe("NOT_FOUND");
  });
});

describe("the full ID number", () => {
  it("is found by exact search (full-width too), never by another agency", async () => {
    const idNumber = generateResidentId({ rng });
    const person = await createPerson(staff, { name: "查找", idType: "prc_resident_id", idNumber });
    const fullWidth = idNumber.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(await findPersonByIdNumber(staff, fullWidth)).toEqual({ id: person.id });
    expect(await findPersonByIdNumber(outsider, idNumber)).toBeNull();
    const malformed = await findPersonByIdNumber(staff, idNumber.slice(0, 17)).catch((e: AppError) => e);
    expect((malformed as AppError).details.fields).toEqual({ idNumber: "peoplePages.errors.searchFormat" });
  });

  it("is revealed and exported only with an audit event carrying the mask; managers and other agencies cannot", async () => {
    const idNumber = generateResidentId({ rng });
    const person = await createPerson(staff, { name: "揭示", idType: "prc_resident_id", idNumber });
    expect(await revealIdNumber(staff, person.id)).toEqual({ idNumber });
    const exported = (await exportPerson(staff, person.id)) as { person: { idNumber: string; name: string } };
    expect(exported.person).toMatchObject({ idNumber, name: "揭示" });
    const { rows } = await admin.query(
      `select action, data from audit_events where agency_id = $1 and target_id = $2 and action <> 'person.create' order by at, action`,
      [agencyId, person.id],
    );
    expect(rows.map((r) => r.action).sort()).toEqual(["person.export", "person.reveal_id"]);
    for (const row of rows) expect(row.data).toEqual({ idType: "prc_resident_id", mask: person.idMask });
    const { rows: all } = await admin.query(`select data::text from audit_events where agency_id = $1`, [agencyId]);
    expect(all.some((r) => r.data.includes(idNumber))).toBe(false);

    for (const attempt of [() => revealIdNumber(manager, person.id), () => exportPerson(manager, person.id)]) {
      expect(((await attempt().catch((e: AppError) => e)) as AppError).code).toBe("FORBIDDEN");
    }
    expect(((await revealIdNumber(outsider, person.id).catch((e: AppError) => e)) as AppError).code).toBe("NOT_FOUND");
  });
});
