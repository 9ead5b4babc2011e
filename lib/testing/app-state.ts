/**
 * The app caches its environment, pools and S3 client on globalThis (db/client.ts,
 * lib/env.ts, lib/storage/s3.ts). A test file that used them closes the pools when it
 * is done, and a test that changes the environment starts afresh.
 */
import type pg from "pg";

const CACHED = ["weideskEnv", "weideskPool", "weideskDb", "weideskWorkerPool", "weideskWorkerDb", "weideskS3"] as const;

export async function resetAppState(): Promise<void> {
  const globals = globalThis as Record<string, unknown>;
  for (const key of ["weideskPool", "weideskWorkerPool"] as const) {
    await (globals[key] as pg.Pool | undefined)?.end();
  }
  for (const key of CACHED) delete globals[key];
}
