/**
 * Each company's registration count (client_companies.registration_count, ADR 0030) follows
 * its registrations through every write — one at a time or several in one statement, made as
 * weidesk_app, a card moved to another company, a delete —
 * weidesk_app cannot set it, and the integrity check notices when it does not agree.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";
import { makeAgencyWithEveryTable, makeClientCompany, type AgencyFixture } from "@/lib/testing/factories";
import { connectAsApp, committedInTenant } from "@/lib/testing/app-role";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { registrationCounts } from "./integrity-checks";

let admin: pg.Client;
let app: pg.Client;
let a: AgencyFixture;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  a = await makeAgencyWithEveryTable(admin, "Counts");
  app = await connectAsApp();
});

afterAll(async () => {
  await app?.end();
  await admin?.end();
});

/** Runs `work` as weidesk_app in the agency's tenant, as its owner (unrestricted), and commits. */
const asOwner = <T>(work: () => Promise<T>): Promise<T> => committedInTenant(app, a.agencyId, a.userId, work);

async function countOf(companyId: string): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(`select registration_count as n from client_companies where id = $1`, [companyId]);
  return rows[0]!.n;
}

/** Inserts `n` registrations for `companyId` in one statement, as weidesk_app; their ids. */
async function addRegistrations(companyId: string, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, () => newId());
  await asOwner(() =>
    app.query(
      `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, stage_entered_at, created_at, updated_at)
       select id, $1, $2, 'wecom', 'wecom', 'intake', now(), now(), now() from unnest($3::uuid[]) as id`,
      [a.agencyId, companyId, ids],
    ),
  );
  return ids;
}

describe("client_companies.registration_count", () => {
  it("counts the fixture's registrations as the factories made them", async () => {
    expect(await countOf(a.companyId)).toBe(2);
    expect(await countOf(a.otherCompanyId)).toBe(1);
  });

  it("follows inserts, one by one and several at once, a move to another company and deletes made as weidesk_app", async () => {
    const first = await makeClientCompany(admin, a.agencyId, "cn_individual", "计数甲");
    const second = await makeClientCompany(admin, a.agencyId, "cn_individual", "计数乙");
    expect(await countOf(first)).toBe(0);
    const [one] = await addRegistrations(first, 1);
    const more = await addRegistrations(first, 3);
    expect(await countOf(first)).toBe(4);
    await asOwner(() => app.query(`update registrations set client_company_id = $2 where id = $1`, [one, second]));
    expect([await countOf(first), await countOf(second)]).toEqual([3, 1]);
    // A write that leaves the company alone changes no count.
    await asOwner(() => app.query(`update registrations set stage = 'documents' where id = any($1::uuid[])`, [more]));
    expect([await countOf(first), await countOf(second)]).toEqual([3, 1]);
    await asOwner(() => app.query(`delete from registrations where id = any($1::uuid[])`, [more.slice(0, 2)]));
    expect(await countOf(first)).toBe(1);
    // A company deleted after its cards (as the agency's purge deletes them) leaves nothing to count.
    await admin.query(`delete from registrations where client_company_id = $1`, [second]);
    expect(await countOf(second)).toBe(0);
    await admin.query(`delete from client_companies where id = $1`, [second]);
    expect((await registrationCounts(admin)).problems).toEqual([]);
  });

  it("is not weidesk_app's to set, and a rolled-back insert counts nothing", async () => {
    await expect(
      asOwner(() => app.query(`update client_companies set registration_count = 99 where id = $1`, [a.companyId])),
    ).rejects.toMatchObject({ code: "42501" });
    const before = await countOf(a.companyId);
    await app.query("begin");
    await app.query("select weidesk_enter_tenant($1, $2, '')", [a.agencyId, a.userId]);
    await app.query(
      `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, stage_entered_at, created_at, updated_at)
       values ($1, $2, $3, 'wecom', 'wecom', 'intake', now(), now(), now())`,
      [newId(), a.agencyId, a.companyId],
    );
    await app.query("rollback");
    expect(await countOf(a.companyId)).toBe(before);
  });

  it("the integrity check reports a wrong count, and a rebuild mends it", async () => {
    expect((await registrationCounts(admin)).problems).toEqual([]);
    await admin.query(`update client_companies set registration_count = registration_count + 5 where id = $1`, [a.otherCompanyId]);
    expect((await registrationCounts(admin)).problems).toEqual([`company ${a.otherCompanyId}: counts 6 registrations, has 1`]);
    await admin.query(`set role weidesk_owner`);
    try {
      await admin.query(`select weidesk_rebuild_registration_counts($1)`, [a.agencyId]);
    } finally {
      await admin.query(`reset role`);
    }
    expect((await registrationCounts(admin)).problems).toEqual([]);
  });
});
