import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { migrateDatabase } from "./migrate";
import { DEMO_AGENCY, seedDatabase } from "./seed";

let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: workerDatabaseUrl() });
  await client.connect();
});

afterAll(() => client.end());

describe("migrations and seed", () => {
  it("are applied to the worker's database, cloned from the template", async () => {
    const { rows } = await client.query<{ count: string }>("select count(*) from drizzle.__drizzle_migrations");
    expect(Number(rows[0]!.count)).toBeGreaterThan(0);
    const { rows: tables } = await client.query("select 1 from information_schema.tables where table_name = 'agencies'");
    expect(tables).toHaveLength(1);
  });

  it("migrating again changes nothing", async () => {
    const before = await client.query("select hash from drizzle.__drizzle_migrations order by id");
    await migrateDatabase(workerDatabaseUrl());
    const after = await client.query("select hash from drizzle.__drizzle_migrations order by id");
    expect(after.rows).toEqual(before.rows);
  });

  it("two instances migrating at once both succeed", async () => {
    await Promise.all([migrateDatabase(workerDatabaseUrl()), migrateDatabase(workerDatabaseUrl())]);
  });

  it("seeds the demo agency once, however often it runs", async () => {
    const first = await seedDatabase(workerDatabaseUrl(), { demoPassword: "demo-password-1" });
    const second = await seedDatabase(workerDatabaseUrl(), { demoPassword: "demo-password-2" });
    expect(first.agencySlug).toBe(DEMO_AGENCY.slug);
    expect(second.created).toBe(false);
    const { rows } = await client.query("select name, default_locale, time_zone from agencies where slug = $1", [
      DEMO_AGENCY.slug,
    ]);
    expect(rows).toEqual([{ name: DEMO_AGENCY.name, default_locale: "zh-CN", time_zone: "Asia/Shanghai" }]);
  });

  it("refuses a malformed slug in the database itself", async () => {
    await expect(
      client.query(
        "insert into agencies (id, slug, name, created_at) values (gen_random_uuid(), 'Not A Slug', 'x', now())",
      ),
    ).rejects.toMatchObject({ code: "23514", constraint: "agencies_slug_format" });
  });

  it("stores text as UTF-8, so Chinese names round-trip", async () => {
    const { rows } = await client.query<{ encoding: string }>(
      "select pg_encoding_to_char(encoding) as encoding from pg_database where datname = current_database()",
    );
    expect(rows[0]!.encoding).toBe("UTF8");
    const { rows: echo } = await client.query<{ name: string }>("select $1::text as name", ["云帆咨询（上海）有限公司"]);
    expect(echo[0]!.name).toBe("云帆咨询（上海）有限公司");
  });
});
