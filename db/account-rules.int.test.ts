/** The Official Account rules the database holds (design.md §4.2-4.3), through the app role. */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAgencyWithEveryTable, type AgencyFixture } from "@/lib/testing/factories";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { urlForRole } from "./roles";

let admin: pg.Client;
let app: pg.Client;
let agency: AgencyFixture;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  agency = await makeAgencyWithEveryTable(admin, "rules");
  app = new pg.Client({ connectionString: urlForRole(workerDatabaseUrl(), "weidesk_app", process.env.DATABASE_ROLE_PASSWORD) });
  await app.connect();
});

afterAll(async () => {
  await app.end();
  await admin.end();
});

/** Runs `statement` as weidesk_app in the agency, rolled back afterwards. */
async function asApp(statement: string, values: unknown[] = []) {
  await app.query("begin");
  try {
    await app.query("select weidesk_enter_tenant($1, '', '')", [agency.agencyId]);
    return await app.query(statement, values);
  } finally {
    await app.query("rollback");
  }
}

describe("Official Account rules in the database", () => {
  it("refuses a Service Account for a Chinese individual and a Subscription Account abroad", async () => {
    for (const [kind, type, constraint] of [
      ["cn_individual", "service", "official_accounts_individual_is_subscription"],
      ["overseas", "subscription", "official_accounts_overseas_is_service"],
    ] as const) {
      await expect(
        admin.query(
          `with c as (insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, country, created_at, updated_at)
             values (gen_random_uuid(), $1, $2, 'other_org', '测试', 'SG', now(), now()) returning id),
           r as (insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, stage_entered_at, created_at, updated_at)
             select gen_random_uuid(), $1, c.id, 'official_account', 'oa_overseas', 'intake', now(), now(), now() from c returning id, client_company_id)
           insert into official_accounts (id, agency_id, client_company_id, registration_id, subject_kind, account_type, created_at, updated_at)
             select gen_random_uuid(), $1, r.client_company_id, r.id, $2, $3, now(), now() from r`,
          [agency.agencyId, kind, type],
        ),
      ).rejects.toMatchObject({ code: "23514", constraint });
    }
  });

  it("refuses a subject kind that is not the company's", async () => {
    await expect(
      asApp(`update official_accounts set subject_kind = 'overseas' where id = $1`, [agency.officialAccountId]),
    ).rejects.toMatchObject({ code: "23514" });
  });

  it("keeps the account type once chosen", async () => {
    await expect(
      asApp(`update official_accounts set account_type = 'subscription' where id = $1`, [agency.officialAccountId]),
    ).rejects.toMatchObject({ code: "23514", constraint: "official_accounts_type_fixed" });
  });

  it("lets the introduction change once per calendar month after registration", async () => {
    await admin.query(
      `update official_accounts set registered_at = '2026-03-01T00:00:00Z', introduction = 'v1', intro_changed_at = '2026-03-05T02:00:00Z' where id = $1`,
      [agency.officialAccountId],
    );
    // 10 March in Shanghai: the same month as 5 March.
    await expect(
      asApp(`update official_accounts set introduction = 'v2', intro_changed_at = '2026-03-10T02:00:00Z', updated_at = '2026-03-10T02:00:00Z' where id = $1`, [
        agency.officialAccountId,
      ]),
    ).rejects.toMatchObject({ constraint: "official_accounts_intro_once_a_month" });
    // 31 March 16:30 UTC is already 1 April in Shanghai: a new month.
    const next = await asApp(
      `update official_accounts set introduction = 'v2', intro_changed_at = '2026-03-31T16:30:00Z', updated_at = '2026-03-31T16:30:00Z' where id = $1`,
      [agency.officialAccountId],
    );
    expect(next.rowCount).toBe(1);
  });

  it("refuses an operator younger than 18 on the day they are set", async () => {
    await admin.query(`update people set birth_date = '2008-06-15' where id = $1`, [agency.personId]);
    await admin.query(`update official_accounts set operator_person_id = null where id = $1`, [agency.officialAccountId]);
    await expect(
      asApp(`update official_accounts set operator_person_id = $2, updated_at = '2026-06-14T10:00:00+08:00' where id = $1`, [
        agency.officialAccountId,
        agency.personId,
      ]),
    ).rejects.toMatchObject({ constraint: "official_accounts_operator_adult" });
    const onBirthday = await asApp(
      `update official_accounts set operator_person_id = $2, updated_at = '2026-06-15T00:30:00+08:00' where id = $1`,
      [agency.officialAccountId, agency.personId],
    );
    expect(onBirthday.rowCount).toBe(1);
  });
});
