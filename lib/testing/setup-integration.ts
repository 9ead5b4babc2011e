/**
 * Runs in each integration worker before its test files: clones the worker's own
 * database from the migrated template (once per worker) and points the app's
 * environment at it and at the test s3rver.
 */
import pg from "pg";
import { beforeAll, inject } from "vitest";
import { withDatabase } from "./global-setup";

const globalForWorker = globalThis as unknown as { weideskWorkerDatabase?: Promise<string> };

async function cloneWorkerDatabase(): Promise<string> {
  const serverUrl = inject("databaseServerUrl");
  const template = inject("templateDatabase");
  const database = `${template}_w${process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0"}`;
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (!rowCount) {
      await client
        .query(`create database ${client.escapeIdentifier(database)} template ${client.escapeIdentifier(template)}`)
        .catch(async (error: { code?: string }) => {
          // Another process of the same pool id is creating it (Vitest reuses a pool id as soon
          // as a worker ends): wait until its creation commits.
          if (error.code !== "42P04" && error.code !== "23505") throw error;
          for (let attempt = 0; attempt < 100; attempt++) {
            const { rowCount: found } = await client.query("select 1 from pg_database where datname = $1", [database]);
            if (found) return;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          throw error;
        });
    }
  } finally {
    await client.end();
  }
  return withDatabase(serverUrl, database);
}

beforeAll(async () => {
  globalForWorker.weideskWorkerDatabase ??= cloneWorkerDatabase();
  const s3 = inject("s3");
  Object.assign(process.env, {
    ...inject("secrets"),
    DATABASE_URL: await globalForWorker.weideskWorkerDatabase,
    DATABASE_ROLE_PASSWORD: inject("rolePassword"),
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    S3_FORCE_PATH_STYLE: "1",
    LOG_LEVEL: "silent",
    MAIL_OUTBOX: "1",
  });
});

/** The connection string of this worker's own database. */
export function workerDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("setup-integration has not run: DATABASE_URL is unset");
  return url;
}
