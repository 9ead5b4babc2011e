/**
 * The Chinese search's posting lists (client_company_grams, ADR 0028) follow their
 * companies through every write the app makes — insert, rename, assign, archive, delete —
 * only the triggers may write them, and the integrity check notices when they do not agree.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAgencyWithEveryTable, makeClientCompany, type AgencyFixture } from "@/lib/testing/factories";
import { connectAsApp, committedInTenant } from "@/lib/testing/app-role";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { companyGrams } from "./integrity-checks";

let admin: pg.Client;
let app: pg.Client;
let a: AgencyFixture;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  a = await makeAgencyWithEveryTable(admin, "Grams");
  app = await connectAsApp();
});

afterAll(async () => {
  await app?.end();
  await admin?.end();
});

/** Runs `work` as weidesk_app in the agency's tenant, as its owner (unrestricted), and commits. */
const asOwner = <T>(work: () => Promise<T>): Promise<T> => committedInTenant(app, a.agencyId, a.userId, work);

type Posting = { gram: string; sort_name: string; search_name: string; archived: boolean; assignee: string | null; kind_code: number };

async function postings(companyId: string): Promise<Posting[]> {
  const { rows } = await admin.query<Posting>(
    `select gram, sort_name, search_name, archived_at is not null as archived, assignee_user_id as assignee, kind_code
       from client_company_grams where client_company_id = $1 order by gram`,
    [companyId],
  );
  return rows;
}

const gramsOf = (name: string) => {
  const chars = [...name.toLowerCase().replace(/\s+/g, "")];
  return [...new Set([...chars, ...chars.slice(0, -1).map((c, i) => c + chars[i + 1])])].sort();
};
const sortedLikePostgres = async (values: string[]) =>
  (await admin.query<{ g: string }>(`select g from unnest($1::text[]) g order by g`, [values])).rows.map((r) => r.g);

describe("client_company_grams", () => {
  it("holds each gram of a new company's name, with what the filters and policies read", async () => {
    const id = await makeClientCompany(admin, a.agencyId, "cn_individual", "深圳 张三");
    const rows = await postings(id);
    expect(rows.map((r) => r.gram)).toEqual(await sortedLikePostgres(gramsOf("深圳 张三")));
    expect(new Set(rows.map((r) => JSON.stringify([r.sort_name, r.search_name, r.archived, r.assignee, r.kind_code])))).toEqual(
      new Set([JSON.stringify(["深圳 张三", "深圳张三", false, null, 2])]),
    );
    // An English-only name has no grams and no rows.
    expect(await postings(await makeClientCompany(admin, a.agencyId, "overseas", "Acme Pte Ltd"))).toEqual([]);
  });

  it("follows a rename, an assignment, an archiving and a delete made as weidesk_app", async () => {
    const id = await makeClientCompany(admin, a.agencyId, "cn_individual", "广州华南");
    await asOwner(() => app.query(`update client_companies set legal_name_zh = '上海浦东' where id = $1`, [id]));
    expect((await postings(id)).map((r) => r.gram)).toEqual(await sortedLikePostgres(gramsOf("上海浦东")));
    await asOwner(() => app.query(`update client_companies set assignee_user_id = $2, archived_at = now() where id = $1`, [id, a.userId]));
    const moved = await postings(id);
    expect(moved.length).toBe(gramsOf("上海浦东").length);
    expect(moved.every((r) => r.assignee === a.userId && r.archived && r.sort_name === "上海浦东")).toBe(true);
    // A write that touches none of the copied columns leaves the rows alone (no trigger runs).
    const before = (await admin.query(`select ctid::text from client_company_grams where client_company_id = $1 order by 1`, [id])).rows;
    await asOwner(() => app.query(`update client_companies set address = '浦东新区' where id = $1`, [id]));
    expect((await admin.query(`select ctid::text from client_company_grams where client_company_id = $1 order by 1`, [id])).rows).toEqual(before);
    await admin.query(`delete from client_companies where id = $1`, [id]);
    expect(await postings(id)).toEqual([]);
  });

  it("may be read by weidesk_app, never written", async () => {
    await expect(
      asOwner(() =>
        app.query(
          `insert into client_company_grams (agency_id, gram, sort_name, client_company_id, search_name, kind_code) values ($1, '假', '假', $2, '假', 1)`,
          [a.agencyId, a.companyId],
        ),
      ),
    ).rejects.toMatchObject({ code: "42501" });
    await expect(asOwner(() => app.query(`delete from client_company_grams where agency_id = $1`, [a.agencyId]))).rejects.toMatchObject({
      code: "42501",
    });
    const seen = await asOwner(async () => (await app.query(`select count(*)::int as n from client_company_grams`)).rows[0].n);
    expect(seen).toBeGreaterThan(0);
  });

  it("the integrity check reports a missing and a stale row, and a rebuild mends both", async () => {
    expect((await companyGrams(admin)).problems).toEqual([]);
    await admin.query(`delete from client_company_grams where client_company_id = $1 and gram = '公司'`, [a.companyId]);
    await admin.query(
      `insert into client_company_grams (agency_id, gram, sort_name, client_company_id, search_name, kind_code) values ($1, '假', '假', $2, '假', 1)`,
      [a.agencyId, a.otherCompanyId],
    );
    const { problems } = await companyGrams(admin);
    expect(problems).toEqual(
      expect.arrayContaining([
        `company ${a.companyId}: posting row for "公司" missing`,
        `company ${a.otherCompanyId}: posting row for "假" stale`,
      ]),
    );
    await admin.query(`set role weidesk_owner`);
    try {
      await admin.query(`select weidesk_rebuild_company_grams($1)`, [a.agencyId]);
    } finally {
      await admin.query(`reset role`);
    }
    expect((await companyGrams(admin)).problems).toEqual([]);
  });
});
