/**
 * Tenancy is enforced by the database itself (design.md §4.1): these tests read and
 * write through the real weidesk_app and weidesk_worker roles, with row-level
 * security as the only thing standing between two look-alike agencies.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAgencyWithEveryTable, type AgencyFixture } from "@/lib/testing/factories";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
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

/** Runs `work` in one transaction with the tenant settings db/tenant.ts makes. */
async function inTenant<T>(client: pg.ClientBase, context: Context, work: () => Promise<T>): Promise<T> {
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
