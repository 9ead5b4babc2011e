/**
 * The ID-number leak test through the services (issue 6, design.md §3): three fresh
 * resident ID numbers are planted in the forms people type them (lower-case x,
 * full-width, grouped with spaces) and used on every path that takes one — recording a
 * person (linked to a company), a duplicate and a mistyped check character, the exact
 * search in every form and a malformed one, Official Accounts and an external account
 * with them as operator, an operator change (换绑), an edit of the person (saved, overtaken,
 * and one trying to change the number, refused), erasure (a fourth number: its record,
 * audit event and clean-up job; then reveal is refused), a company CSV import carrying an ID
 * column (people are not in the company CSV: the column is unknown and must be
 * dropped), and the two audited reveals. Then the clear number (in any form, escaped,
 * or without its check character) must be in no answer or error but the reveal's and
 * the export's, and nowhere in the database: every row of every table (audit_events
 * and pgboss's jobs included) and `pg_dump --data-only` / `--schema-only`.
 *
 * pg_dump must be the server's major version or newer: the PostgreSQL 15 pass of CI
 * has Debian's; the embedded PostgreSQL 18 package ships none, and then that one test is
 * skipped with the reason in its name (the row scan above covers the same data).
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { changeOperator, createExternalAccount, createOfficialAccount } from "@/lib/accounts/service";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { importCompanies, previewCompanyImport } from "@/lib/clients/import";
import { newId } from "@/lib/ids";
import { withDatabase } from "@/lib/testing/global-setup";
import { resetAppState } from "@/lib/testing/app-state";
import { choosePgDump, dumpRows, findIdNumbers, idNumberForms, leakReport, pgDump } from "@/lib/testing/id-leak";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { createRng } from "@/lib/validation/random";
import { generateResidentId } from "@/lib/validation/resident-id";
import { exportPerson, findPersonByIdNumber, getPersonDetail, listPeoplePage, listOperatorChoices, revealIdNumber } from "./queries";
import { erasePerson } from "./erase";
import { createPerson, getEditablePerson, listPeople, updatePerson } from "./service";

const start = new Date("2026-05-04T02:00:00Z");
const rng = createRng(Number.parseInt(newId().replace(/-/g, "").slice(-8), 16));
const unique = () => newId().slice(-12);

// Decided while collecting, so a skip names its reason in the report (never a silent pass).
const pgDumpChoice = await choosePgDump(withDatabase(inject("databaseServerUrl"), "postgres"));
if (!pgDumpChoice.ok) console.warn(`[id-leak] the pg_dump test is skipped: ${pgDumpChoice.reason}; every row is still searched.`);

/** A fresh adult resident ID; with `x`, one whose check character is X (about 1 in 11). */
function plantNumber(birthDate: string, x = false): string {
  for (;;) {
    const n = generateResidentId({ rng, birthDate });
    if (!x || n.endsWith("X")) return n;
  }
}

const planted = [plantNumber("1984-02-29", true), plantNumber("1990-07-15"), plantNumber("1975-11-03"), plantNumber("1969-04-18")] as const;
const [withX, second, third, erased] = planted;
const fullWidth = (n: string) => n.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

let admin: pg.Client;
let agencyId: string;
let companyId: string;
let staff: ApiActor;
let owner: ApiActor;
/** What every call answered or threw, but the two audited reveals: label → JSON. */
const answers = new Map<string, string>();
/** The reveal's and the export's answers. */
const reveals = new Map<string, string>();
const personIds: string[] = [];

/** Records what `work` answered, or the error it threw (message, code and details). */
async function record<T>(label: string, work: () => Promise<T>): Promise<T | undefined> {
  try {
    const value = await work();
    answers.set(label, JSON.stringify(value) ?? "undefined");
    return value;
  } catch (error) {
    const e = error as { message?: string; code?: string; details?: unknown; stack?: string };
    answers.set(label, JSON.stringify({ threw: e.message, code: e.code, details: e.details, stack: e.stack }));
    return undefined;
  }
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  agencyId = newId();
  const slug = `leak-${unique()}`;
  await admin.query(`insert into agencies (id, slug, name, created_at) values ($1, $2, 'Leak agency', $3)`, [agencyId, slug, start]);
  companyId = newId();
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, name_en, country, created_at, updated_at)
     values ($1, $2, 'overseas', 'overseas_company', $3, 'SG', $4, $4)`,
    [companyId, agencyId, `Leak Test ${unique()}`, start],
  );
  const userId = newId();
  const email = `staff-${unique()}@example.com`;
  await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, 'Staff', $3, $3)`, [userId, email, start]);
  await admin.query(`insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, 'staff', $4)`, [newId(), agencyId, userId, start]);
  staff = await findMemberActor(slug, email);
  const ownerId = newId();
  const ownerEmail = `owner-${unique()}@example.com`;
  await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, 'Owner', $3, $3)`, [ownerId, ownerEmail, start]);
  await admin.query(`insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, 'owner', $4)`, [newId(), agencyId, ownerId, start]);
  owner = await findMemberActor(slug, ownerEmail);
});

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("a planted resident ID number", () => {
  it("is used on every path, and answered only by the audited reveal and export", async () => {
    expect(new Set(planted).size).toBe(4);
    for (const n of planted) for (const form of idNumberForms(n)) expect(findIdNumbers(form, planted), form.length.toString()).toEqual([n]);

    // Recorded as typed: lower-case x, full-width, grouped with spaces; linked to the company.
    const inputs = [withX.toLowerCase(), fullWidth(second), `${third.slice(0, 6)} ${third.slice(6, 14)} ${third.slice(14)}`];
    for (const [i, idNumber] of inputs.entries()) {
      const person = await record(`createPerson ${i}`, () =>
        createPerson(
          staff,
          { name: `泄漏测试${i}`, idType: "prc_resident_id", idNumber, mobile: "+8613800138000" },
          { link: { clientCompanyId: companyId, role: "operator" }, requestId: newId() },
        ),
      );
      expect(person, `person ${i} recorded`).toMatchObject({ idMask: `${planted[i]!.slice(0, 6)}********${planted[i]!.slice(-4)}` });
      personIds.push(person!.id);
    }
    const [p1, p2, p3] = personIds as [string, string, string];

    // Refusals must not echo the number either.
    await record("createPerson duplicate", () => createPerson(staff, { name: "重复", idType: "prc_resident_id", idNumber: fullWidth(withX) }));
    expect(answers.get("createPerson duplicate")).toContain("idNumberRecorded");
    const wrongCheck = second.slice(0, 17) + (second[17] === "1" ? "2" : "1");
    await record("createPerson wrong check character", () => createPerson(staff, { name: "错号", idType: "prc_resident_id", idNumber: wrongCheck }));
    expect(answers.get("createPerson wrong check character")).toContain("validation.residentId");

    // The exact search, in every form; a malformed number is refused without echoing it.
    for (const [i, n] of planted.slice(0, 3).entries()) {
      for (const [f, form] of idNumberForms(n).entries()) {
        expect(await record(`find ${i}/${f}`, () => findPersonByIdNumber(staff, form))).toEqual({ id: personIds[i] });
      }
    }
    await record("find malformed", () => findPersonByIdNumber(staff, third.slice(0, 17)));
    expect(answers.get("find malformed")).toContain("peoplePages.errors.searchFormat");

    // Accounts with them as operator, an external account, an operator change.
    const first = await record("createOfficialAccount 1", () =>
      createOfficialAccount(staff, { clientCompanyId: companyId, accountType: "service", operatorPersonId: p1, name: `Leak One ${unique()}` }),
    );
    const other = await record("createOfficialAccount 2", () =>
      createOfficialAccount(staff, { clientCompanyId: companyId, accountType: "service", operatorPersonId: p2, name: `Leak Two ${unique()}` }),
    );
    expect(first?.slot).toBe(1);
    expect(other?.slot).toBe(1);
    expect((await record("createExternalAccount", () => createExternalAccount(staff, p1, { name: "外部号", wechatId: "leak_outside" })))?.slot).toBe(2);
    await record("createOfficialAccount over the cap", () =>
      createOfficialAccount(staff, { clientCompanyId: companyId, accountType: "service", operatorPersonId: p1 }),
    );
    expect(answers.get("createOfficialAccount over the cap")).toContain("ID_CAP_REACHED");
    expect((await record("changeOperator", () => changeOperator(staff, other!.id, { version: other!.version, operatorPersonId: p3 })))?.slot).toBe(1);

    // Editing a person: saved, overtaken (STALE_VERSION with the current values), and a number change refused.
    expect(await record("updatePerson", () => updatePerson(staff, p1, { version: 1, name: "泄漏测试0改", mobile: "13900139000" }))).toMatchObject({ version: 2 });
    await record("updatePerson stale", () => updatePerson(owner, p1, { version: 1, name: "过期的修改" }));
    expect(answers.get("updatePerson stale")).toContain("STALE_VERSION");
    await record("updatePerson number", () => updatePerson(staff, p2, { version: 1, name: "改号", idNumber: fullWidth(third) }));
    expect(answers.get("updatePerson number")).toContain("personEditForm.errors.idNumberFixed");
    await record("getEditablePerson", () => getEditablePerson(staff, p1));

    // Everything that reads people back.
    await record("listPeople", () => listPeople(staff));
    await record("listPeoplePage", () => listPeoplePage(staff, {}));
    for (const id of personIds) await record(`getPersonDetail ${id}`, () => getPersonDetail(staff, id));
    await record("listOperatorChoices", () => listOperatorChoices(staff, companyId));

    // The company CSV has no people: an ID column in it is unknown, reported by its header and dropped.
    const csv = Buffer.from(
      `Kind,English name,Country or region,法定代表人身份证号\r\noverseas,Leak CSV ${unique()} Pte. Ltd.,SG,${withX}\r\noverseas,Leak CSV ${unique()} Ltd.,HK,${fullWidth(second)}\r\n`,
    );
    const preview = await record("previewCompanyImport", () => previewCompanyImport(staff, csv));
    expect(preview?.unknownColumns).toEqual(["法定代表人身份证号"]);
    expect(await record("importCompanies", () => importCompanies(staff, csv, "valid-only"))).toMatchObject({ created: 2 });

    // The two audited reveals answer it, and only they.
    const revealed = await revealIdNumber(staff, p1);
    reveals.set("revealIdNumber", JSON.stringify(revealed));
    expect(revealed).toEqual({ idNumber: withX });
    const exported = await exportPerson(staff, p2);
    reveals.set("exportPerson", JSON.stringify(exported));
    expect(findIdNumbers(reveals.get("exportPerson")!, planted)).toEqual([second]);

    // Erasure (its record, audit event and queued clean-up job): then reveal is refused and export has no number.
    const doomed = await record("createPerson to erase", () => createPerson(staff, { name: "将删除", idType: "prc_resident_id", idNumber: erased }));
    await record("createExternalAccount to erase", () => createExternalAccount(staff, doomed!.id, { name: "将删除的号" }));
    // An ID photo on record, so the erasure also queues its clean-up job (pgboss.job).
    const documentId = newId();
    await admin.query(
      `insert into documents (id, agency_id, client_company_id, person_id, kind, status, created_at, updated_at)
       values ($1, $2, $3, $4, 'id_card_front', 'uploaded', $5, $5)`,
      [documentId, agencyId, companyId, doomed!.id, start],
    );
    await admin.query(
      `insert into document_versions (id, agency_id, client_company_id, document_id, s3_key, size_bytes, sha256, etag, detected_type, original_name, uploaded_by, uploaded_at)
       values ($1, $2, $3, $4, $5, 1024, $6, '"etag"', 'image/jpeg', 'id-front.jpg', $7, $8)`,
      [newId(), agencyId, companyId, documentId, `${agencyId}/${documentId}/${newId()}`, Buffer.alloc(32, 7), staff.user.id, start],
    );
    expect(await record("erasePerson", () => erasePerson(owner, doomed!.id, { confirmName: "将删除", reason: "person_request" }))).toBeTruthy();
    await record("revealIdNumber erased", () => revealIdNumber(staff, doomed!.id));
    expect(answers.get("revealIdNumber erased")).toContain("CONFLICT");
    expect(await record("exportPerson erased", () => exportPerson(staff, doomed!.id))).toMatchObject({ person: { idNumber: null } });
    expect(await record("find erased", () => findPersonByIdNumber(staff, erased))).toBeNull();

    expect(leakReport(answers, planted), "answers carrying a clear ID number").toEqual([]);
    expect(answers.size).toBeGreaterThan(30);
  });

  it("is in no row of any table: people, audit_events, pgboss jobs and the rest", async () => {
    expect(personIds, "the first test planted the numbers").toHaveLength(3);
    const rows = await dumpRows(workerDatabaseUrl());
    expect(leakReport([["rows", rows]], planted), "rows carrying a clear ID number").toEqual([]);

    // The scan did read what matters: the people, their audit events (masks only), the job tables.
    for (const id of personIds) expect(rows).toContain(id);
    const { rows: events } = await admin.query<{ action: string; data: unknown }>(
      `select action, data from audit_events where agency_id = $1 and target_type = 'person' and target_id = any($2::uuid[]) order by at, action`,
      [agencyId, personIds],
    );
    expect(events.map((e) => e.action).sort()).toEqual(["person.create", "person.create", "person.create", "person.export", "person.reveal_id", "person.update"]);
    // The edit names the fields changed, never a value; the others carry the mask.
    for (const event of events) {
      if (event.action === "person.update") expect(event.data).toEqual({ fields: ["name", "mobile"], version: 2 });
      else expect(JSON.stringify(event.data)).toMatch(/\d{6}\*{8}\d{3}[\dX]/);
    }
    const { rows: jobTables } = await admin.query<{ n: number }>(
      `select count(*)::int as n from pg_tables where schemaname = 'pgboss' and tablename in ('job', 'archive', 'queue')`,
    );
    expect(jobTables[0]!.n, "pgboss's job tables were scanned").toBeGreaterThan(0);
    expect(rows).toMatch(/^pgboss\.queue: /m);
    const { rows: erasures } = await admin.query(`select action from audit_events where agency_id = $1 and action = 'person.erase'`, [agencyId]);
    expect(erasures, "the erasure's audit event was scanned").toHaveLength(1);
    expect(rows, "the erasure's clean-up job was scanned").toMatch(/^pgboss\.job: .*person\.erase_objects/m);
  });

  it.skipIf(!pgDumpChoice.ok)(
    pgDumpChoice.ok
      ? `is in no line of pg_dump --data-only or --schema-only (${pgDumpChoice.version})`
      : `is in no line of pg_dump — SKIPPED: ${pgDumpChoice.reason}`,
    async () => {
      expect(personIds, "the first test planted the numbers").toHaveLength(3);
      if (!pgDumpChoice.ok) return;
      const dump = await pgDump(pgDumpChoice.path, workerDatabaseUrl());
      expect(dump.data).toContain(personIds[0]);
      expect(dump.data).toMatch(/COPY public\.audit_events /);
      expect(
        leakReport(
          [
            ["pg_dump --data-only", dump.data],
            ["pg_dump --schema-only", dump.schema],
          ],
          planted,
        ),
        "pg_dump lines carrying a clear ID number",
      ).toEqual([]);
    },
    60_000,
  );
});
