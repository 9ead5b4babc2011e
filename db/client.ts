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
import * as schema from "./schema";

export function createPool(connectionString: string = env().DATABASE_URL): pg.Pool {
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
  });
  // An idle client losing its connection (a database restart) must not crash the process.
  pool.on("error", (error) => logger.error({ err: { message: error.message } }, "idle database client failed"));
  return pool;
}

// Cached on globalThis so dev's hot reloads reuse one pool instead of leaking them.
const globalForDb = globalThis as unknown as { weideskPool?: pg.Pool; weideskDb?: Database };

export function pool(): pg.Pool {
  globalForDb.weideskPool ??= createPool();
  return globalForDb.weideskPool;
}

export function db(): Database {
  globalForDb.weideskDb ??= drizzle(pool(), { schema });
  return globalForDb.weideskDb;
}

export type Database = NodePgDatabase<typeof schema>;
