/**
 * Integration tests run against a real PostgreSQL and a real s3rver (design.md §9):
 * DATABASE_URL's server when set (the PostgreSQL 15 pass in CI), else a throwaway
 * embedded cluster. The migrations run once into a template database; each Vitest
 * worker clones its own database from it (lib/testing/setup-integration.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "@/db/migrate";
import { startEmbeddedPostgres } from "@/lib/embedded/postgres";
import { freePort } from "@/lib/embedded/ports";
import { startEmbeddedS3 } from "@/lib/embedded/s3";
import { generateLocalSecrets, type LocalSecrets } from "@/lib/embedded/secrets";

declare module "vitest" {
  export interface ProvidedContext {
    /** Server URL whose database part is replaced per worker. */
    databaseServerUrl: string;
    templateDatabase: string;
    /** Password of the weidesk_* login roles for this run. */
    rolePassword: string;
    secrets: LocalSecrets;
    s3: { endpoint: string; bucket: string; accessKeyId: string; secretAccessKey: string };
  }
}

export default async function setup(project: TestProject) {
  const started = performance.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "weidesk-test-"));
  // initdb runs as the postgres user, which must reach the data dir (stack-notes §4.8).
  fs.chmodSync(tmp, 0o755);
  const cleanups: (() => Promise<void>)[] = [];

  try {
    let serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) {
      const cluster = await startEmbeddedPostgres({
        dataDir: path.join(tmp, "pg"),
        port: await freePort(),
        ephemeral: true,
      });
      cleanups.push(cluster.stop);
      serverUrl = cluster.url;
    }
    const templateDatabase = `weidesk_test_${process.pid}_${Date.now().toString(36)}`;
    await adminQuery(serverUrl, `create database "${templateDatabase}"`);
    cleanups.push(() => dropDatabases(serverUrl!, templateDatabase));
    const secrets = generateLocalSecrets();
    const rolePassword = process.env.DATABASE_ROLE_PASSWORD ?? secrets.DATABASE_ROLE_PASSWORD;
    await migrateDatabase(withDatabase(serverUrl, templateDatabase), { rolePassword });

    const s3 = await startEmbeddedS3({
      directory: path.join(tmp, "s3"),
      port: await freePort(),
      bucket: "weidesk-test",
      allowedOrigins: ["http://localhost:3000"],
    });
    cleanups.push(s3.stop);

    project.provide("databaseServerUrl", serverUrl);
    project.provide("templateDatabase", templateDatabase);
    project.provide("rolePassword", rolePassword);
    project.provide("secrets", { ...secrets, DATABASE_ROLE_PASSWORD: rolePassword });
    project.provide("s3", {
      endpoint: s3.endpoint,
      bucket: s3.bucket,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
    });
    console.log(
      `[integration] PostgreSQL ${process.env.DATABASE_URL ? "from DATABASE_URL" : "embedded"}, ` +
        `template migrated, s3rver up in ${Math.round(performance.now() - started)} ms`,
    );
  } catch (error) {
    await runCleanups(cleanups, tmp);
    throw error;
  }

  return () => runCleanups(cleanups, tmp);
}

async function runCleanups(cleanups: (() => Promise<void>)[], tmp: string) {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => console.warn(e));
  fs.rmSync(tmp, { recursive: true, force: true });
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Drops the template and every worker database cloned from it. */
async function dropDatabases(serverUrl: string, template: string) {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where datname = $1 or datname like $2",
      [template, `${template}\\_w%`],
    );
    for (const { datname } of rows) {
      await client.query(`drop database if exists ${client.escapeIdentifier(datname)} with (force)`);
    }
  } finally {
    await client.end();
  }
}
