/**
 * Applies db/migrations to a database. Runs outside Next (the dev wrapper, the
 * tests' template database, `npm run db:migrate`), so it imports nothing server-only.
 */
import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

export const MIGRATIONS_FOLDER = path.join(import.meta.dirname, "migrations");

// Any constant will do; it only has to be the same for every instance that migrates.
const MIGRATION_LOCK_KEY = 0x77656964; // "weid"

/** Migrates under an advisory lock, so instances starting together migrate once. */
export async function migrateDatabase(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString, application_name: "weidesk-migrate" });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
