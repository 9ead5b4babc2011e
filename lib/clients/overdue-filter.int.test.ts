/**
 * Issue 7 §6: the clients list's "has overdue work" filter against the real database, as
 * weidesk_app under row-level security, with the clock fixed (lib/clock). A company counts
 * when one of its cards is due before now in an open stage: not registered or live, not on
 * hold, rejected or abandoned; a card due later, undated, or finished does not count. The
 * filter combines with the others, counts, never shows another agency's companies, leaves
 * a restricted staff member (ADR 0010) only their clients, and reads `overdue=1` and
 * `overdue=true` alike in the page's URL, a saved view and GET /api/v1/companies.
 */
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getCompanies } from "@/app/api/v1/companies/route";
import { withTenant } from "@/db/tenant";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { createApiToken } from "@/lib/api/tokens";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { canonicalViewQuery } from "@/lib/saved-views/schemas";
import { resetAppState } from "@/lib/testing/app-state";
import { makeClientCompany, makeListAgencies, type ListAgencies } from "@/lib/testing/factories";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { openStages } from "@/lib/registration/open-stages";
import { listCompanies } from "./list";
import { companyListQuerySchema } from "./schemas";

process.env.TEST_CLOCK = "1";

const NOW = new Date("2026-06-10T04:00:00.000Z");
const HOUR = 60 * 60 * 1000;
const unique = () => newId().slice(-12);

let admin: pg.Client;
let agencies: ListAgencies;
let restricted: ApiActor;
const ids = { late: "", lateAndDone: "", dueLater: "", undated: "", finished: "", onHold: "", abandoned: "", lateAwaiting: "", restrictedLate: "", inB: "" };

async function card(agencyId: string, companyId: string, stage: string, dueAt: Date | null) {
  const side = ["on_hold", "rejected", "abandoned"].includes(stage);
  await admin.query(
    `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, resume_stage, stage_entered_at, due_at, created_at, updated_at)
     values ($1, $2, $3, 'official_account', 'oa_overseas', $4, $5, now(), $6, now(), now())`,
    [newId(), agencyId, companyId, stage, side ? "intake" : null, dueAt],
  );
}

const at = (offset: number) => new Date(NOW.getTime() + offset);
const found = async (actor: ApiActor, input: Record<string, string> = {}) =>
  (await listCompanies(actor, companyListQuerySchema.parse({ limit: 200, archived: "all", ...input }))).rows.map((row) => row.id).sort();

beforeAll(async () => {
  clock.set(NOW);
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  agencies = await makeListAgencies(admin, "od", "Overdue");
  const { a, b } = agencies;
  const userId = newId();
  const email = `restricted-${unique()}@example.com`;
  await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, 'Restricted', now(), now())`, [userId, email]);
  await admin.query(`insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, 'staff', now())`, [newId(), a.id, userId]);
  restricted = await findMemberActor(a.slug, email);

  ids.late = await makeClientCompany(admin, a.id, "overseas", "Late Pte. Ltd.");
  await card(a.id, ids.late, "documents", at(-HOUR));
  await card(a.id, ids.late, "intake", at(HOUR));
  ids.lateAndDone = await makeClientCompany(admin, a.id, "overseas", "Late and done Pte. Ltd.");
  await card(a.id, ids.lateAndDone, "registered", at(-HOUR));
  await card(a.id, ids.lateAndDone, "application_submitted", at(-1000));
  ids.dueLater = await makeClientCompany(admin, a.id, "overseas", "Due later Pte. Ltd.");
  // Due exactly now is not yet overdue.
  await card(a.id, ids.dueLater, "documents", NOW);
  ids.undated = await makeClientCompany(admin, a.id, "overseas", "Undated Pte. Ltd.");
  await card(a.id, ids.undated, "documents", null);
  ids.finished = await makeClientCompany(admin, a.id, "overseas", "Finished Pte. Ltd.");
  await card(a.id, ids.finished, "registered", at(-HOUR));
  ids.onHold = await makeClientCompany(admin, a.id, "overseas", "On hold Pte. Ltd.");
  await card(a.id, ids.onHold, "on_hold", at(-HOUR));
  await card(a.id, ids.onHold, "rejected", at(-HOUR));
  ids.abandoned = await makeClientCompany(admin, a.id, "overseas", "Abandoned Pte. Ltd.");
  await card(a.id, ids.abandoned, "abandoned", at(-HOUR));
  ids.lateAwaiting = await makeClientCompany(admin, a.id, "overseas", "Late awaiting Pte. Ltd.");
  await card(a.id, ids.lateAwaiting, "awaiting_response", at(-24 * HOUR));
  ids.restrictedLate = await makeClientCompany(admin, a.id, "overseas", "Restricted late Pte. Ltd.");
  await admin.query(`update client_companies set assignee_user_id = $1 where id = $2`, [restricted.user.id, ids.restrictedLate]);
  await card(a.id, ids.restrictedLate, "documents", at(-HOUR));
  ids.inB = await makeClientCompany(admin, b.id, "overseas", "Late Pte. Ltd.");
  await card(b.id, ids.inB, "documents", at(-HOUR));
});

afterAll(async () => {
  clock.reset();
  await admin?.end();
  await resetAppState();
});

describe("has overdue work", () => {
  const overdue = () => [ids.late, ids.lateAndDone, ids.lateAwaiting, ids.restrictedLate].sort();

  it("finds the companies with a card past its due date in an open stage, and counts them", async () => {
    expect(await found(agencies.staff, { overdue: "1" })).toEqual(overdue());
    const page = await listCompanies(agencies.staff, companyListQuerySchema.parse({ overdue: "1", archived: "all" }));
    expect(page.total).toBe(4);
    // Without the filter, every company of the agency.
    expect((await found(agencies.staff)).length).toBe(9);
  });

  it("follows the clock", async () => {
    clock.set(at(HOUR + 1));
    try {
      expect(await found(agencies.staff, { overdue: "1" })).toEqual([...overdue(), ids.dueLater].sort());
    } finally {
      clock.set(NOW);
    }
  });

  it("combines with the other filters", async () => {
    expect(await found(agencies.staff, { overdue: "1", assignee: restricted.user.id })).toEqual([ids.restrictedLate]);
    expect(await found(agencies.staff, { overdue: "1", stage: "awaiting_response" })).toEqual([ids.lateAwaiting]);
    expect(await found(agencies.staff, { overdue: "1", q: "late awaiting" })).toEqual([ids.lateAwaiting]);
  });

  it("never shows another agency's companies; a restricted staff member sees only their clients", async () => {
    expect(await found(agencies.staffB, { overdue: "1" })).toEqual([ids.inB]);
    expect(await found(restricted, { overdue: "1" })).toEqual(overdue());
    await admin.query(`update agencies set restrict_staff_to_assigned = true where id = $1`, [agencies.a.id]);
    try {
      expect(await found(restricted, { overdue: "1" })).toEqual([ids.restrictedLate]);
      // A manager is not restricted.
      expect(await found(agencies.manager, { overdue: "1" })).toEqual(overdue());
    } finally {
      await admin.query(`update agencies set restrict_staff_to_assigned = false where id = $1`, [agencies.a.id]);
    }
  });

  it("the definer function itself returns only the ids the caller may see", async () => {
    const direct = (actor: ApiActor) =>
      withTenant({ agencyId: actor.agency.id, userId: actor.user.id, readOnly: true }, async (tx) => {
        const stages = `{${openStages.join(",")}}`;
        const { rows } = await tx.execute<{ id: string }>(sql`select s.id from weidesk_companies_overdue(${NOW.toISOString()}::timestamptz, ${stages}::stage[]) as s(id)`);
        return rows.map((row) => row.id).sort();
      });
    expect(await direct(agencies.staff)).toEqual(overdue());
    expect(await direct(agencies.staffB)).toEqual([ids.inB]);
    await admin.query(`update agencies set restrict_staff_to_assigned = true where id = $1`, [agencies.a.id]);
    try {
      expect(await direct(restricted)).toEqual([ids.restrictedLate]);
    } finally {
      await admin.query(`update agencies set restrict_staff_to_assigned = false where id = $1`, [agencies.a.id]);
    }
  });

  it("reads overdue=1 and overdue=true alike; anything else is no filter; saved views keep it as overdue=1", () => {
    expect(companyListQuerySchema.parse({ overdue: "true" }).overdue).toBe("1");
    expect(companyListQuerySchema.parse({ overdue: "1" }).overdue).toBe("1");
    expect(companyListQuerySchema.parse({ overdue: "yes" }).overdue).toBeUndefined();
    expect(canonicalViewQuery("clients", "overdue=true&kind=overseas")).toBe("kind=overseas&overdue=1");
  });

  it("GET /api/v1/companies?overdue=true", async () => {
    const { token } = await createApiToken(agencies.staff, { name: "overdue", expiresInDays: 30 });
    const response = await getCompanies(
      new Request("http://weidesk.test/api/v1/companies?overdue=true&archived=all&limit=200", { headers: { authorization: `Bearer ${token}` } }),
    );
    expect(response.status).toBe(200);
    const page = (await response.json()) as { data: { id: string }[]; total: number };
    expect(page.data.map((row) => row.id).sort()).toEqual(overdue());
    expect(page.total).toBe(4);
  });
});
