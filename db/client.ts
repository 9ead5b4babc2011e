/**
 * The one pg Pool of this process, with connection, statement and idle timeouts so a
 * stuck database fails a request instead of hanging it. Only db/ and lib/<domain>
 * import this (lint rule); pages and components go through lib/<domain>.
 */
import "server-only";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { urlForRole } from "./roles";
import * as schema from "./schema";

/** Where a role connects: its own URL when given, else DATABASE_URL as that role. */
export function connectionStringFor(role: "weidesk_app" | "weidesk_worker"): string {
  const config = env();
  const explicit = role === "weidesk_app" ? config.DATABASE_APP_URL : config.DATABASE_WORKER_URL;
  return explicit ?? urlForRole(config.DATABASE_URL, role, config.DATABASE_ROLE_PASSWORD);
}

export function createPool(connectionString: string = connectionStringFor("weidesk_app")): pg.Pool {
  const config = env();
  const pool = new pg.Pool({
    connectionString,
    max: config.DATABASE_POOL_MAX,
    connectionTimeoutMillis: config.DATABASE_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: config.DATABASE_IDLE_TIMEOUT_MS,
    statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS,
    // The client gives up a little after the server would have cancelled.
    query_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS + 1_000,
    idle_in_transaction_session_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS * 2,
    application_name: "weidesk",
    // Transaction-local settings (set_config(…, true)) carry the tenant; nothing may leak
    // between requests on a pooled connection, and nothing session-level is ever set.
  });
  // An idle client losing its connection (a database restart) must not crash the process.
  pool.on("error", (error) => logger.error({ err: { message: error.message } }, "idle database client failed"));
  return pool;
}

// Cached on globalThis so dev's hot reloads reuse the pools instead of leaking them.
const globalForDb = globalThis as unknown as {
  weideskPool?: pg.Pool;
  weideskDb?: Database;
  weideskWorkerPool?: pg.Pool;
  weideskWorkerDb?: Database;
};

/** The web requests' pool, connected as weidesk_app. */
export function pool(): pg.Pool {
  globalForDb.weideskPool ??= createPool();
  return globalForDb.weideskPool;
}

/** Only db/tenant.ts and the definer lookups use this directly: rows go through withTenant. */
export function db(): Database {
  globalForDb.weideskDb ??= drizzle(pool(), { schema });
  return globalForDb.weideskDb;
}

/** The background jobs' pool, connected as weidesk_worker. */
export function workerPool(): pg.Pool {
  globalForDb.weideskWorkerPool ??= createPool(connectionStringFor("weidesk_worker"));
  return globalForDb.weideskWorkerPool;
}

export function workerDb(): Database {
  globalForDb.weideskWorkerDb ??= drizzle(workerPool(), { schema });
  return globalForDb.weideskWorkerDb;
}

export type Database = NodePgDatabase<typeof schema>;
