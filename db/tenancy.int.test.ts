/**
 * Tenancy is enforced by the database itself (design.md §4.1): these tests read and
 * write through the real weidesk_app and weidesk_worker roles, with row-level
 * security as the only thing standing between two look-alike agencies.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAgencyWithEveryTable, type AgencyFixture } from "@/lib/testing/factories";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { securityCatalogue } from "./integrity-checks";
import { urlForRole, type LoginRole } from "./roles";

let admin: pg.Client;
let a: AgencyFixture;
let b: AgencyFixture;
let tenantTables: string[];

const roleUrl = (role: LoginRole) => urlForRole(workerDatabaseUrl(), role, process.env.DATABASE_ROLE_PASSWORD);

async function connectAs(role: LoginRole): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: roleUrl(role) });
  await client.connect();
  return client;
}

type Context = { agencyId?: string; clientCompanyId?: string; userId?: string };

/** Runs `work` in one transaction entered as db/tenant.ts enters it (weidesk_enter_tenant). */
async function inTenant<T>(client: pg.ClientBase, context: Context, work: () => Promise<T>): Promise<T> {
  await client.query("begin");
  try {
    await client.query("select weidesk_enter_tenant($1, $2, $3)", [context.agencyId ?? "", context.userId ?? "", context.clientCompanyId ?? ""]);
    return await work();
  } finally {
    await client.query("rollback");
  }
}

/** Runs `work` with the tenant settings made by hand and no weidesk_enter_tenant: the role stays the connection's. */
async function withSettingsOnly<T>(client: pg.ClientBase, context: Context, work: () => Promise<T>): Promise<T> {
  await client.query("begin");
  try {
    await client.query(
      "select set_config('app.agency_id', $1, true), set_config('app.client_company_id', $2, true), set_config('app.user_id', $3, true)",
      [context.agencyId ?? "", context.clientCompanyId ?? "", context.userId ?? ""],
    );
    return await work();
  } finally {
    await client.query("rollback");
  }
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  a = await makeAgencyWithEveryTable(admin, "A");
  b = await makeAgencyWithEveryTable(admin, "B");
  const { rows } = await admin.query<{ table_name: string }>(
    `select c.table_name from information_schema.columns c
     join information_schema.tables t using (table_schema, table_name)
     where c.table_schema = 'public' and c.column_name = 'agency_id' and t.table_type = 'BASE TABLE'
     order by 1`,
  );
  tenantTables = rows.map((r) => r.table_name);
});

afterAll(() => admin.end());

describe("the catalogue", () => {
  it("has FORCE row-level security on every table with agency_id", async () => {
    const { rows } = await admin.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      `select relname, relrowsecurity, relforcerowsecurity from pg_class
       where relnamespace = 'public'::regnamespace and relname = any($1)`,
      [tenantTables],
    );
    expect(rows).toHaveLength(tenantTables.length);
    expect(rows.filter((r) => !r.relrowsecurity || !r.relforcerowsecurity).map((r) => r.relname)).toEqual([]);
  });

  it("gives weidesk_scoped exactly weidesk_app's privileges and policies, and the per-row scopes to it alone (ADR 0026)", async () => {
    const checks = await securityCatalogue(admin);
    expect(checks.filter((check) => check.problems.length > 0)).toEqual([]);
    expect(checks.map((check) => check.name)).toContain("the per-row scopes are weidesk_scoped's, open_scope weidesk_app's, every other policy both");
  });

  it("has test rows for every tenant table (a new table must join these tests)", () => {
    expect(tenantTables.filter((table) => !a.rows[table])).toEqual([]);
  });

  it("gives the app and worker roles no superuser, no BYPASSRLS and nothing to own", async () => {
    const { rows } = await admin.query<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean; owned: number }>(
      `select r.rolname, r.rolsuper, r.rolbypassrls, r.rolcanlogin,
              (select count(*)::int from pg_class c where c.relowner = r.oid)
            + (select count(*)::int from pg_proc p where p.proowner = r.oid)
            + (select count(*)::int from pg_namespace n where n.nspowner = r.oid)
            + (select count(*)::int from pg_type ty where ty.typowner = r.oid) as owned
       from pg_roles r where r.rolname in ('weidesk_app', 'weidesk_worker') order by 1`,
    );
    expect(rows).toEqual([
      { rolname: "weidesk_app", rolsuper: false, rolbypassrls: false, rolcanlogin: true, owned: 0 },
      { rolname: "weidesk_worker", rolsuper: false, rolbypassrls: false, rolcanlogin: true, owned: 0 },
    ]);
  });

  it("lets weidesk_owner own every table, and bypass nothing", async () => {
    const { rows } = await admin.query<{ relname: string }>(
      `select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'
       and relowner <> 'weidesk_owner'::regrole`,
    );
    expect(rows).toEqual([]);
    const { rows: owner } = await admin.query(`select rolsuper, rolbypassrls from pg_roles where rolname = 'weidesk_owner'`);
    expect(owner).toEqual([{ rolsuper: false, rolbypassrls: false }]);
  });
});

describe("tenant isolation as weidesk_app", () => {
  let app: pg.Client;
  beforeAll(async () => {
    app = await connectAs("weidesk_app");
  });
  afterAll(() => app.end());

  it("shows only agency A's rows in every tenant table", async () => {
    await inTenant(app, { agencyId: a.agencyId, userId: a.userId }, async () => {
      for (const table of tenantTables) {
        const { rows } = await app.query<{ agency_id: string }>(`select distinct agency_id from ${table}`);
        expect({ table, agencies: rows.map((r) => r.agency_id) }).toEqual({ table, agencies: [a.agencyId] });
      }
    });
  });

  it("shows nothing at all when no agency is set", async () => {
    await inTenant(app, {}, async () => {
      for (const table of tenantTables) {
        const { rows } = await app.query(`select 1 from ${table}`);
        expect({ table, count: rows.length }).toEqual({ table, count: 0 });
      }
    });
  });

  it("updates and deletes 0 rows when aimed at agency B's ids", async () => {
    await inTenant(app, { agencyId: a.agencyId }, async () => {
      const update = await app.query(`update client_companies set address = 'hijacked' where id = any($1)`, [b.rows.client_companies]);
      expect(update.rowCount).toBe(0);
      const del = await app.query(`delete from notes where agency_id = $1`, [b.agencyId]);
      expect(del.rowCount).toBe(0);
      const delDocs = await app.query(`delete from document_registrations where document_id in (select id from documents where agency_id = $1)`, [b.agencyId]);
      expect(delDocs.rowCount).toBe(0);
    });
    const { rows } = await admin.query(`select count(*)::int as n from notes where agency_id = $1`, [b.agencyId]);
    expect(rows[0].n).toBe(1);
  });

  it("touches none of agency B's rows with an UPDATE or DELETE on any tenant table", async () => {
    const countsOfB = async () => {
      const counts: Record<string, number> = {};
      for (const table of tenantTables) {
        const { rows } = await admin.query<{ n: number }>(`select count(*)::int as n from ${table} where agency_id = $1`, [b.agencyId]);
        counts[table] = rows[0]!.n;
      }
      return counts;
    };
    const before = await countsOfB();
    for (const table of tenantTables) {
      for (const statement of [
        `update ${table} set agency_id = agency_id where agency_id = $1`,
        `delete from ${table} where agency_id = $1`,
      ]) {
        // Either RLS hides B's rows (0 touched) or the role may not do this at all (append-only tables).
        const outcome = await inTenant(app, { agencyId: a.agencyId, userId: a.userId }, async () => {
          await app.query("savepoint attempt");
          try {
            return (await app.query(statement, [b.agencyId])).rowCount;
          } catch (error) {
            await app.query("rollback to savepoint attempt");
            return (error as { code?: string }).code;
          }
        });
        expect({ statement, outcome }).toEqual({ statement, outcome: expect.toBeOneOf([0, "42501"]) });
      }
    }
    expect(await countsOfB()).toEqual(before);
  });

  it("refuses an INSERT carrying agency B's id", async () => {
    await inTenant(app, { agencyId: a.agencyId }, async () => {
      await expect(
        app.query(
          `insert into notifications (id, agency_id, user_id, kind, created_at) values (gen_random_uuid(), $1, $2, 'x', now())`,
          [b.agencyId, b.userId],
        ),
      ).rejects.toMatchObject({ code: "42501" });
    });
  });

  it("shows a client administrator only their own company's rows", async () => {
    await inTenant(app, { agencyId: a.agencyId, clientCompanyId: a.companyId, userId: a.clientAdminUserId }, async () => {
      const { rows: companies } = await app.query<{ id: string }>(`select id from client_companies`);
      expect(companies.map((r) => r.id)).toEqual([a.companyId]);
      const { rows: registrations } = await app.query<{ client_company_id: string }>(
        `select distinct client_company_id from registrations`,
      );
      expect(registrations.map((r) => r.client_company_id)).toEqual([a.companyId]);
      for (const table of ["notes", "audit_events", "invitations", "api_tokens", "external_accounts", "id_slots", "erasures"]) {
        const { rows } = await app.query(`select 1 from ${table}`);
        expect({ table, count: rows.length }).toEqual({ table, count: 0 });
      }
      const { rows: people } = await app.query<{ id: string }>(`select id from people`);
      expect(people.map((r) => r.id)).toEqual([a.personId]);
      await expect(
        app.query(
          `insert into notes (id, agency_id, client_company_id, body, created_at) values (gen_random_uuid(), $1, $2, 'x', now())`,
          [a.agencyId, a.companyId],
        ),
      ).rejects.toMatchObject({ code: "42501" });
    });
  });

  it("hides other agencies' users and agencies, and every password hash", async () => {
    await inTenant(app, { agencyId: a.agencyId, userId: a.userId }, async () => {
      const { rows: agencies } = await app.query<{ id: string }>(`select id from agencies`);
      expect(agencies.map((r) => r.id)).toEqual([a.agencyId]);
      const { rows: users } = await app.query<{ id: string }>(`select id from users order by id`);
      expect(users.map((r) => r.id).sort()).toEqual([a.userId, a.clientAdminUserId].sort());
      await expect(app.query(`select password_hash from users`)).rejects.toMatchObject({ code: "42501" });
    });
  });

  it("never shows another agency's row to a pool of 2 serving 200 interleaved requests", async () => {
    const pool = new pg.Pool({ connectionString: roleUrl("weidesk_app"), max: 2 });
    try {
      const requests = Array.from({ length: 200 }, async (_, i) => {
        const me = i % 2 === 0 ? a : b;
        const client = await pool.connect();
        try {
          return await inTenant(client, { agencyId: me.agencyId }, async () => {
            const { rows } = await client.query<{ agency_id: string }>(
              `select agency_id from registrations union all select agency_id from documents union all select agency_id from people`,
            );
            return rows.every((r) => r.agency_id === me.agencyId) && rows.length > 0;
          });
        } finally {
          client.release();
        }
      });
      const results = await Promise.all(requests);
      expect(results.filter((ok) => !ok)).toHaveLength(0);
    } finally {
      await pool.end();
    }
  });
});

describe("audit_events is append-only", () => {
  for (const role of ["weidesk_app", "weidesk_worker", "weidesk_owner"] as const) {
    it(`refuses UPDATE, DELETE and TRUNCATE as ${role}`, async () => {
      const client = await connectAs(role);
      try {
        const attempts = [
          `update audit_events set action = 'rewritten'`,
          `delete from audit_events`,
          `truncate audit_events`,
        ];
        for (const statement of attempts) {
          await expect(inTenant(client, { agencyId: a.agencyId }, () => client.query(statement))).rejects.toMatchObject({
            code: "42501",
          });
        }
      } finally {
        await client.end();
      }
      const { rows } = await admin.query(`select count(*)::int as n from audit_events where agency_id = $1`, [a.agencyId]);
      expect(rows[0].n).toBe(1);
    });
  }

  it("refuses a TRUNCATE even for the migrating superuser connection", async () => {
    await expect(admin.query(`truncate audit_events`)).rejects.toMatchObject({ code: "42501" });
  });
});

// Issue 6 §5: an agency may restrict staff to their assigned clients (ADR 0010). The
// database decides from app.user_id alone, so a hand-written SELECT as weidesk_app shows
// no more than the app does.
describe("staff restricted to their assigned clients", () => {
  let c: AgencyFixture;
  let app: pg.Client;
  let assignedCompanyId: string;
  let hiddenPersonId: string;
  let loosePersonId: string;
  const users: Record<"manager" | "admin" | "otherStaff", string> = { manager: "", admin: "", otherStaff: "" };
  let companyScoped: string[];

  beforeAll(async () => {
    c = await makeAgencyWithEveryTable(admin, "C");
    app = await connectAs("weidesk_app");
    const now = new Date("2026-03-02T02:00:00Z");
    for (const role of ["manager", "admin", "otherStaff"] as const) {
      const { rows } = await admin.query<{ id: string }>(
        `insert into users (id, email, name, created_at) values (gen_random_uuid(), $1, $2, $3) returning id`,
        [`${role}-${c.slug}@example.com`, `${role} C`, now],
      );
      users[role] = rows[0]!.id;
      await admin.query(
        `insert into memberships (id, agency_id, user_id, role, created_at) values (gen_random_uuid(), $1, $2, $3, $4)`,
        [c.agencyId, users[role], role === "otherStaff" ? "staff" : role, now],
      );
    }
    // c.companyId has the staff member on its team (the fixture); this one is assigned to them;
    // c.otherCompanyId is neither, and assigned to another staff member.
    const { rows } = await admin.query<{ id: string }>(
      `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, name_en, uscc, assignee_user_id, created_at, updated_at)
       values (gen_random_uuid(), $1, 'cn_org', 'enterprise', '指派贸易有限公司', 'Assigned Trading', '91440300MA5FUTW09U', $2, $3, $3) returning id`,
      [c.agencyId, c.userId, now],
    );
    assignedCompanyId = rows[0]!.id;
    await admin.query(`update client_companies set assignee_user_id = $2 where id = $1`, [c.otherCompanyId, users.otherStaff]);
    const person = (name: string) =>
      admin.query<{ id: string }>(
        `insert into people (id, agency_id, name, id_type, id_number_ciphertext, id_key_id, id_number_hmac, id_mask, created_at, updated_at)
         values (gen_random_uuid(), $1, $2, 'passport', '\\x00', 'k1', decode(md5(random()::text), 'hex'), 'E****5678', $3, $3) returning id`,
        [c.agencyId, name, now],
      );
    hiddenPersonId = (await person("Hidden")).rows[0]!.id;
    await admin.query(`insert into person_companies (agency_id, person_id, client_company_id, role) values ($1, $2, $3, 'contact')`, [
      c.agencyId, hiddenPersonId, c.otherCompanyId,
    ]);
    loosePersonId = (await person("Not linked yet")).rows[0]!.id;
    await admin.query(`update agencies set restrict_staff_to_assigned = true where id = $1`, [c.agencyId]);
    const { rows: tables } = await admin.query<{ table_name: string }>(
      `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'client_company_id'
       and table_name <> all (array['invitations', 'memberships']) order by 1`,
    );
    companyScoped = tables.map((r) => r.table_name);
  });
  afterAll(() => app.end());

  const staff = () => ({ agencyId: c.agencyId, userId: c.userId });
  const ids = async (text: string, values: unknown[] = []) => (await app.query<{ id: string }>(text, values)).rows.map((r) => r.id).sort();

  it("shows a staff member only the companies assigned to them or with them on the team, in every company-scoped table", async () => {
    await inTenant(app, staff(), async () => {
      expect(await ids(`select id from client_companies`)).toEqual([c.companyId, assignedCompanyId].sort());
      expect(await ids(`select count(*)::text as id from client_companies where agency_id = $1`, [c.agencyId])).toEqual(["2"]);
      for (const table of companyScoped) {
        const { rows } = await app.query<{ client_company_id: string }>(`select distinct client_company_id from ${table}`);
        const hidden = rows.filter((r) => r.client_company_id === c.otherCompanyId);
        expect({ table, hidden }).toEqual({ table, hidden: [] });
      }
      // The fixture's registrations: two of the team company's, none of the other's.
      expect(await ids(`select client_company_id as id from registrations`)).toEqual([c.companyId, c.companyId]);
      // A client administrator of a company they cannot see is no business of theirs.
      expect(await ids(`select id from memberships where role = 'client_admin'`)).toHaveLength(1);
    });
  });

  it("shows people linked to their companies and people linked to none, not the rest", async () => {
    await inTenant(app, staff(), async () => {
      expect(await ids(`select id from people`)).toEqual([c.personId, loosePersonId].sort());
      expect(await ids(`select id from people where id = $1`, [hiddenPersonId])).toEqual([]);
    });
  });

  it("keeps the search functions' ids to what the user may see", async () => {
    await inTenant(app, staff(), async () => {
      // The definer function matches every company of the agency; the outer query is under RLS.
      const { rows: matched } = await app.query(`select * from weidesk_search_companies($1, $1, null)`, ["%9131011066600721%"]);
      expect(matched).toHaveLength(1);
      expect(
        await ids(`select id from client_companies where id in (select * from weidesk_search_companies($1, $1, null))`, ["%9131011066600721%"]),
      ).toEqual([]);
      // A Chinese search reads the posting lists directly, under the same per-row scopes (ADR 0028).
      expect(await ids(`select distinct client_company_id as id from client_company_grams where gram = '公司'`)).toEqual(
        [c.companyId, assignedCompanyId].sort(),
      );
    });
  });

  it("changes no company they cannot see, and makes none they could not see", async () => {
    await inTenant(app, staff(), async () => {
      expect((await app.query(`update client_companies set address = 'x' where id = $1`, [c.otherCompanyId])).rowCount).toBe(0);
      expect((await app.query(`delete from notes where client_company_id = $1`, [c.otherCompanyId])).rowCount).toBe(0);
      await app.query("savepoint attempt");
      await expect(
        app.query(
          `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, stage_entered_at, created_at, updated_at)
           values (gen_random_uuid(), $1, $2, 'wecom', 'wecom', 'intake', now(), now(), now())`,
          [c.agencyId, c.otherCompanyId],
        ),
      ).rejects.toMatchObject({ code: "42501" });
      await app.query("rollback to savepoint attempt");
      // A new company must be theirs, or they would lose it at once.
      const insert = `insert into client_companies (id, agency_id, kind, subject_type, name_en, country, assignee_user_id, created_at, updated_at)
                      values (gen_random_uuid(), $1, 'overseas', 'overseas_company', 'New Ltd', 'GB', $2, now(), now())`;
      await expect(app.query(insert, [c.agencyId, users.otherStaff])).rejects.toMatchObject({ code: "42501" });
      await app.query("rollback to savepoint attempt");
      expect((await app.query(insert, [c.agencyId, c.userId])).rowCount).toBe(1);
      // Handing an assigned company to someone else would hide it from them: refused.
      await app.query("savepoint handover");
      await expect(
        app.query(`update client_companies set assignee_user_id = $2 where id = $1`, [assignedCompanyId, users.otherStaff]),
      ).rejects.toMatchObject({ code: "42501" });
      await app.query("rollback to savepoint handover");
    });
  });

  it("enters a restricted staff member and a client administrator as weidesk_scoped, everyone else as weidesk_app", async () => {
    const enter = async (context: Context) => {
      await app.query("begin");
      try {
        const { rows } = await app.query<{ role: string }>("select weidesk_enter_tenant($1, $2, $3) as role", [
          context.agencyId ?? "", context.userId ?? "", context.clientCompanyId ?? "",
        ]);
        const { rows: now } = await app.query<{ role: string }>("select current_user as role");
        expect(now[0]!.role).toBe(rows[0]!.role);
        return rows[0]!.role;
      } finally {
        await app.query("rollback");
      }
    };
    expect(await enter(staff())).toBe("weidesk_scoped");
    expect(await enter({ agencyId: c.agencyId, userId: users.otherStaff })).toBe("weidesk_scoped");
    expect(await enter({ agencyId: c.agencyId, userId: c.clientAdminUserId, clientCompanyId: c.companyId })).toBe("weidesk_scoped");
    for (const userId of [users.manager, users.admin]) expect(await enter({ agencyId: c.agencyId, userId })).toBe("weidesk_app");
    expect(await enter({ agencyId: c.agencyId })).toBe("weidesk_app");
    expect(await enter({})).toBe("weidesk_app");
    // The role lasts as long as the transaction.
    expect((await app.query<{ role: string }>("select current_user as role")).rows[0]!.role).toBe("weidesk_app");
  });

  it("shows a restricted staff member or a client administrator nothing, and lets them write nothing, if the transaction stays weidesk_app", async () => {
    const { rows: scoped } = await admin.query<{ tablename: string }>(
      `select tablename from pg_policies where schemaname = 'public' and policyname = 'open_scope' order by 1`,
    );
    expect(scoped.map((r) => r.tablename)).toEqual(expect.arrayContaining(["client_companies", "people", "memberships", "registrations"]));
    for (const context of [staff(), { agencyId: c.agencyId, userId: c.clientAdminUserId, clientCompanyId: c.companyId }]) {
      await withSettingsOnly(app, context, async () => {
        for (const { tablename: table } of scoped) {
          const { rows } = await app.query(`select 1 from ${table}`);
          expect({ table, context, count: rows.length }).toEqual({ table, context, count: 0 });
        }
        await expect(
          app.query(
            `insert into client_companies (id, agency_id, kind, subject_type, name_en, country, assignee_user_id, created_at, updated_at)
             values (gen_random_uuid(), $1, 'overseas', 'overseas_company', 'New Ltd', 'GB', $2, now(), now())`,
            [c.agencyId, c.userId],
          ),
        ).rejects.toMatchObject({ code: "42501" });
      });
    }
  });

  it("restricts nobody when the setting is off, nor owners, admins, managers or jobs", async () => {
    const all = [c.companyId, c.otherCompanyId, assignedCompanyId].sort();
    for (const userId of [users.manager, users.admin]) {
      await inTenant(app, { agencyId: c.agencyId, userId }, async () => {
        expect(await ids(`select id from client_companies`)).toEqual(all);
        expect(await ids(`select id from people where id = $1`, [hiddenPersonId])).toEqual([hiddenPersonId]);
      });
    }
    await inTenant(app, { agencyId: c.agencyId }, async () => {
      expect(await ids(`select id from client_companies`)).toEqual(all);
    });
    // A disabled staff member is restricted still (the function fails closed).
    await admin.query(`update agencies set restrict_staff_to_assigned = false where id = $1`, [c.agencyId]);
    try {
      await inTenant(app, staff(), async () => {
        expect(await ids(`select id from client_companies`)).toEqual(all);
        expect(await ids(`select id from people where id = $1`, [hiddenPersonId])).toEqual([hiddenPersonId]);
      });
    } finally {
      await admin.query(`update agencies set restrict_staff_to_assigned = true where id = $1`, [c.agencyId]);
    }
  });

  it("reads the restricted user's companies once per statement (an InitPlan), not per row", async () => {
    await inTenant(app, staff(), async () => {
      const { rows } = await app.query<{ "QUERY PLAN": string }>(`explain select id from client_companies where agency_id = $1`, [c.agencyId]);
      const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(plan).toMatch(/InitPlan/);
      expect(plan).not.toMatch(/SubPlan/);
    });
  });
});

describe("saved views are their user's alone (own_saved_views)", () => {
  let app: pg.Client;
  let colleague: string;
  beforeAll(async () => {
    app = await connectAs("weidesk_app");
    // Another staff member of agency A: same agency, not the views' owner.
    colleague = (await admin.query<{ id: string }>(`select gen_random_uuid() as id`)).rows[0]!.id;
    await admin.query(`insert into users (id, email, name, created_at) values ($1, $2, 'Colleague', now())`, [colleague, `colleague-${colleague}@example.com`]);
    await admin.query(
      `insert into memberships (id, agency_id, user_id, role, created_at) values (gen_random_uuid(), $1, $2, 'staff', now())`,
      [a.agencyId, colleague],
    );
  });
  afterAll(() => app.end());

  const viewsOfA = () => a.rows.saved_views!;

  it("shows the owner their views, and nobody else of the agency, nor a request with no user", async () => {
    await inTenant(app, { agencyId: a.agencyId, userId: a.userId }, async () => {
      const { rows } = await app.query<{ id: string }>(`select id from saved_views`);
      expect(rows.map((r) => r.id)).toEqual(viewsOfA());
    });
    for (const userId of [colleague, undefined]) {
      await inTenant(app, { agencyId: a.agencyId, userId }, async () => {
        const { rows } = await app.query(`select 1 from saved_views`);
        expect({ userId, count: rows.length }).toEqual({ userId, count: 0 });
      });
    }
    // Agency B's member, even naming A's ids.
    await inTenant(app, { agencyId: b.agencyId, userId: b.userId }, async () => {
      const { rows } = await app.query(`select 1 from saved_views where id = any($1)`, [viewsOfA()]);
      expect(rows).toHaveLength(0);
    });
  });

  it("lets a colleague or another agency update or delete none of them, nor write one in the owner's name", async () => {
    for (const context of [
      { agencyId: a.agencyId, userId: colleague },
      { agencyId: b.agencyId, userId: b.userId },
    ]) {
      await inTenant(app, context, async () => {
        const update = await app.query(`update saved_views set name = 'hijacked', is_default = false where id = any($1)`, [viewsOfA()]);
        const del = await app.query(`delete from saved_views where id = any($1)`, [viewsOfA()]);
        expect({ context, updated: update.rowCount, deleted: del.rowCount }).toEqual({ context, updated: 0, deleted: 0 });
      });
    }
    await inTenant(app, { agencyId: a.agencyId, userId: colleague }, async () => {
      await expect(
        app.query(
          `insert into saved_views (id, agency_id, user_id, list, name, query, created_at, updated_at)
           values (gen_random_uuid(), $1, $2, 'clients', 'Planted', '', now(), now())`,
          [a.agencyId, a.userId],
        ),
      ).rejects.toMatchObject({ code: "42501" });
    });
    // Nor may the owner hand a view to a colleague.
    await inTenant(app, { agencyId: a.agencyId, userId: a.userId }, async () => {
      await expect(app.query(`update saved_views set user_id = $2 where id = any($1)`, [viewsOfA(), colleague])).rejects.toMatchObject({ code: "42501" });
    });
    const { rows } = await admin.query(`select name, user_id from saved_views where id = any($1)`, [viewsOfA()]);
    expect(rows).toEqual([{ name: "Overseas", user_id: a.userId }]);
  });

  it("gives a client administrator none, even of their own", async () => {
    await inTenant(app, { agencyId: a.agencyId, clientCompanyId: a.companyId, userId: a.clientAdminUserId }, async () => {
      await expect(
        app.query(
          `insert into saved_views (id, agency_id, user_id, list, name, query, created_at, updated_at)
           values (gen_random_uuid(), $1, $2, 'clients', 'Mine', '', now(), now())`,
          [a.agencyId, a.clientAdminUserId],
        ),
      ).rejects.toMatchObject({ code: "42501" });
    });
  });
});
