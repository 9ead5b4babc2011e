/**
 * Applies db/bootstrap.sql (the cluster-wide roles) and then db/migrations, as
 * weidesk_owner so that the owner owns every object. Runs outside Next (the dev
 * wrapper, the tests' template database, `npm run db:migrate`), so it imports nothing
 * server-only.
 *
 * `adminUrl` must be able to create roles (a superuser, or CREATEROLE and membership
 * in weidesk_owner): DATABASE_URL.
 */
import fs from "node:fs";
import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { LOGIN_ROLES } from "./roles";

export const MIGRATIONS_FOLDER = path.join(import.meta.dirname, "migrations");
const BOOTSTRAP_SQL = path.join(import.meta.dirname, "bootstrap.sql");

// Any constant will do; it only has to be the same for every instance that migrates.
const MIGRATION_LOCK_KEY = 0x77656964; // "weid"

export type MigrateOptions = {
  /** Sets the password of the owner, app and worker roles (DATABASE_ROLE_PASSWORD). */
  rolePassword?: string;
};

/** Migrates under an advisory lock, so instances starting together migrate once. */
export async function migrateDatabase(adminUrl: string, options: MigrateOptions = {}): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, application_name: "weidesk-migrate" });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(fs.readFileSync(BOOTSTRAP_SQL, "utf8"));
    if (options.rolePassword) {
      for (const role of LOGIN_ROLES) {
        await client.query(
          `alter role ${client.escapeIdentifier(role)} password ${client.escapeLiteral(options.rolePassword)}`,
        );
      }
    }
    const { rows } = await client.query<{ database: string; superuser: boolean }>(
      "select current_database() as database, rolsuper as superuser from pg_roles where rolname = current_user",
    );
    const { database, superuser } = rows[0]!;
    if (!superuser) await client.query("grant weidesk_owner to current_user");
    await client.query(`grant create, connect on database ${client.escapeIdentifier(database)} to weidesk_owner`);
    await client.query(
      `grant connect on database ${client.escapeIdentifier(database)} to weidesk_app, weidesk_worker`,
    );
    await client.query("grant create, usage on schema public to weidesk_owner");

    // Everything the migrations create belongs to the owner, not to whoever ran them.
    await client.query("set role weidesk_owner");
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    await client.query("reset role");
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
