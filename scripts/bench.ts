/**
 * `npm run bench`: design.md §8's figures in one run, each against its target. Figures
 * only: it prints a table (figure, target, measured, ratio, verdict), writes everything to
 * bench/results/bench-<timestamp>.json, and never fails on a slow figure. Not part of
 * npm test or CI.
 *
 *   npm run bench [-- --scale 100000] [--agencies 50] [--duration 10] [--rounds 5] [--runs 30]
 *                  [--moves 50] [--uploads 20] [--sign-ins 20] [--rss-requests 10000] [--no-build]
 *   npm run bench -- --sql-only [--scale 100000] [--agencies 50] [--runs 30] [--keep]
 *
 * --sql-only stops after the list's SQL (step 1's first part): no board, dashboard, build
 * or HTTP; its own rows of the table (DB time, plans, deep / first page and RLS / maint of
 * the DB time, p50 / p95 of each view as both roles). --keep keeps a database made on
 * DATABASE_URL's server (its name is printed) for reading its plans afterwards.
 *
 * 1. Its own database filled by the seed generator at §8's scale (scripts/bench-support.ts
 *    setUpBench; --scale and --agencies shrink it for a quick try), then, in process:
 *    - each list query (first page, 10 000 rows deep, filtered, a 2-character Chinese
 *      search from a company's name and the most common one): EXPLAIN (ANALYZE) of its one statement (page and capped count) as
 *      weidesk_app under row-level security (SET LOCAL ROLE on the owner's connection, so that one
 *      server process runs both roles), entered as the app enters (weidesk_enter_tenant),
 *      --runs times: DB time, and no sequential scan of a big table in the plan; the same
 *      statement as weidesk_maint (BYPASSRLS) with its explicit agency filter;
 *    - the board's server time (bench-board.ts timeBoard) and the dashboard's DB time
 *      (bench-dashboard.ts measureDashboard).
 * 2. Holding a lock file in the system's temp directory (.next is shared with the end-to-end tests): `next build`
 *    (unless --no-build), then the stack of scripts/load-support.ts (s3rver, `next start`
 *    pinned to core 0, this process to core 1) with a statement counter preloaded into
 *    the server (scripts/bench-sql-counter.mjs), and over HTTP:
 *    - autocannon, with a signed-in session's cookie: first every page at 1 connection for
 *      --warmup seconds, unrecorded (the server's first renders of a page compile and load
 *      its code: without it the first page measured pays for that), then latency at 1
 *      connection in --rounds rounds (default 5), each visiting every page for --duration /
 *      --rounds seconds, every request's time pooled per page (pages compared by a ratio are
 *      measured over the same minutes: this machine's speed drifts), then each page at 8
 *      connections for --duration seconds (throughput): the clients list's views,
 *      the first of them from memory (/<agency>/clients/from-memory, served with
 *      BENCH_ROUTES=1: the same page with its data read once), a trivial authenticated
 *      page (/account/preferences), the board, the dashboard;
 *    - SQL statements per request (the counter, read around 5 requests; BENCH_SQL_LOG=1 also
 *      prints the statements of one more request per route);
 *    - a card move (the board's server action) --moves times, an upload (intent, POST to
 *      the store, complete) --uploads times, sign-in with known and unknown e-mails;
 *    - first-load JS in Chromium (lib/testing/chromium.ts): every script of the page up
 *      to its load event, transferred and gzipped; the board's DOM nodes;
 *    - the server's RSS once it has answered 10 000 requests (--rss-requests: the rest
 *      after the figures above are first pages of the clients list at 8 connections;
 *      VmRSS in /proc);
 *    - the two-per-ID race: 50 parallel creations of an Official Account for one fresh
 *      resident ID through the API (scripts/bench-race.ts).
 *
 * Server-only modules are imported, hence `tsx --conditions=react-server` (package.json).
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type pg from "pg";
import { ensureChromium } from "@/lib/testing/chromium";
import { seqScansOf } from "@/lib/testing/plans";
import { timeBoard } from "./bench-board";
import { raceForOneId } from "./bench-race";
import { measureDashboard } from "./bench-dashboard";
import {
  actorOf,
  appConnection,
  Bench,
  explainAsApp,
  machine,
  memberOf,
  parsed,
  round2,
  setUpBench,
  SLUG,
  summarise,
  wholeNumber,
  type Analysed,
} from "./bench-support";
import { cardsFor, moveCard, Recorder, Session, startStack, upload, type Stack } from "./load-support";

const USAGE = `usage: npm run bench [-- --scale N] [--agencies K] [--duration SECONDS] [--rounds N] [--warmup SECONDS] [--runs N]
                  [--moves N] [--uploads N] [--sign-ins N] [--rss-requests 10000] [--no-build] [--sql-only] [--keep]`;
/** Held while `.next` is rebuilt and served: the end-to-end runs share it. */
const LOCK = path.join(os.tmpdir(), "weidesk-next-build.lock");
const BOARD_PIPELINE = "oa_overseas";
const DEEP_ROWS = 10_000;
/** Unrecorded runs of each list statement before the recorded ones (one was too few: the first view measured paid for it). */
const SQL_WARMUPS = 5;
/** The big tables: no list plan may read them by a sequential scan (as db/clients-explain.int.test.ts). */
const BIG_TABLES = new Set(["client_companies", "registrations", "official_accounts", "wecom_corps", "people", "documents"]);

const bench = new Bench("bench", USAGE);
const log = bench.log;

function options() {
  const { values } = parsed(() =>
    parseArgs({
      args: process.argv.slice(2),
      options: {
        scale: { type: "string", default: "100000" },
        agencies: { type: "string", default: "50" },
        duration: { type: "string", default: "10" },
        rounds: { type: "string", default: "5" },
        warmup: { type: "string", default: "5" },
        runs: { type: "string", default: "30" },
        moves: { type: "string", default: "50" },
        uploads: { type: "string", default: "20" },
        "sign-ins": { type: "string", default: "20" },
        "rss-requests": { type: "string", default: "10000" },
        "no-build": { type: "boolean", default: false },
        "sql-only": { type: "boolean", default: false },
        keep: { type: "boolean", default: false },
      },
    }),
  );
  return {
    scale: wholeNumber(values, "scale", 1),
    agencies: wholeNumber(values, "agencies", 0),
    duration: wholeNumber(values, "duration", 1),
    rounds: wholeNumber(values, "rounds", 1),
    warmup: wholeNumber(values, "warmup", 0),
    runs: wholeNumber(values, "runs", 1),
    moves: wholeNumber(values, "moves", 1),
    uploads: wholeNumber(values, "uploads", 1),
    signIns: wholeNumber(values, "sign-ins", 1),
    rssRequests: wholeNumber(values, "rss-requests", 1),
    build: !values["no-build"],
    sqlOnly: values["sql-only"],
    keep: values.keep,
  };
}
type Options = ReturnType<typeof options>;

/* ------------------------------------------------------------ the table */

type Row = { figure: string; target: string; measured: string; ratio: number | null; verdict: string };
const rows: Row[] = [];

/** A figure against an upper bound: ratio measured / target, within when ≤ 1. */
function against(figure: string, target: string, measured: number | null, limit: number, unit: string, note = "") {
  if (measured === null) return notMeasured(figure, target, note || "no sample");
  const ratio = round2(measured / limit);
  rows.push({ figure, target, measured: `${round2(measured)}${unit}${note ? ` ${note}` : ""}`, ratio, verdict: ratio <= 1 ? "within" : "OVER" });
}

function info(figure: string, measured: string) {
  rows.push({ figure, target: "—", measured, ratio: null, verdict: "info" });
}

function notMeasured(figure: string, target: string, why: string) {
  rows.push({ figure, target, measured: "not measured", ratio: null, verdict: why });
}

function printTable() {
  const widths = [60, 18, 60, 7];
  const cell = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));
  console.log(`${cell("figure", widths[0]!)} ${cell("target", widths[1]!)} ${cell("measured", widths[2]!)} ${cell("ratio", widths[3]!)} verdict`);
  console.log("-".repeat(170));
  for (const row of rows) {
    const ratio = row.ratio === null ? "" : `${row.ratio.toFixed(2)}×`;
    console.log(`${cell(row.figure, widths[0]!)} ${cell(row.target, widths[1]!)} ${cell(row.measured, widths[2]!)} ${cell(ratio, widths[3]!)} ${row.verdict}`);
  }
}

/* ------------------------------------------------------------ in process: the list's SQL */

type ListScenario = { label: string; url: string; query: Record<string, string> };

/** The two characters most company names share (…有限公司): the list's most common 2-character search. */
const COMMON_PAIR = "公司";
/** A pair in every 深圳市 name: common, and all its names together in name order (ADR 0028). */
const CLUSTERED_PAIR = "圳市";

/** The clients list's views: the URL the page is asked for, and the same view as the query schema reads it. */
async function listScenarios(owner: pg.Client, agencyId: string): Promise<ListScenario[]> {
  const { encodeCursor } = await import("@/lib/lists/keyset");
  const { rows: counted } = await owner.query<{ n: number }>(
    "select count(*)::int as n from client_companies where agency_id = $1 and archived_at is null",
    [agencyId],
  );
  // 10 000 rows deep, or as deep as a small --scale allows.
  const depth = Math.max(0, Math.min(DEEP_ROWS, counted[0]!.n - 60));
  const { rows: deep } = await owner.query<{ sort_name: string; id: string }>(
    "select sort_name, id from client_companies where agency_id = $1 and archived_at is null order by sort_name, id offset $2 limit 1",
    [agencyId, depth - 1],
  );
  // Two Chinese characters from a company's name: a search that matches.
  const { rows: named } = await owner.query<{ legal_name_zh: string }>(
    "select legal_name_zh from client_companies where agency_id = $1 and legal_name_zh ~ '[一-龥]{3}' order by id limit 1",
    [agencyId],
  );
  const chars = [...(named[0]?.legal_name_zh ?? "上海")].filter((c) => /[一-龥]/.test(c));
  const q = chars.slice(1, 3).join("") || "上海";
  const after = deep[0] ? encodeCursor("name", deep[0].sort_name, deep[0].id) : undefined;
  const scenarios: ListScenario[] = [
    { label: "first page", url: "", query: { sort: "name" } },
    { label: `${depth.toLocaleString("en")} rows deep`, url: "", query: after ? { sort: "name", after } : { sort: "name" } },
    { label: "filtered (kind overseas)", url: "", query: { sort: "name", kind: "overseas" } },
    { label: `search "${q}"`, url: "", query: { sort: "name", q } },
    // A pair in most names: a common search walks the name order (ADR 0027); it took 0.66 s before.
    { label: `search "${COMMON_PAIR}"`, url: "", query: { sort: "name", q: COMMON_PAIR } },
    // Its names sit together in name order: 35 ms with the walk, a posting list now (ADR 0028).
    { label: `search "${CLUSTERED_PAIR}"`, url: "", query: { sort: "name", q: CLUSTERED_PAIR } },
    { label: `search "${COMMON_PAIR}" by update`, url: "", query: { sort: "updated", dir: "desc", q: COMMON_PAIR } },
  ];
  for (const scenario of scenarios) scenario.url = `/${SLUG}/clients?${new URLSearchParams(scenario.query).toString()}`;
  return scenarios;
}

const dialect = new PgDialect();

/** EXPLAIN (ANALYZE) of `statement` as weidesk_maint (BYPASSRLS, NOLOGIN: SET ROLE from the owner), read only. */
async function explainAsMaint(owner: pg.Client, statement: SQL): Promise<Analysed> {
  const { sql: text, params } = dialect.sqlToQuery(statement);
  await owner.query("begin read only");
  try {
    await owner.query("set local role weidesk_maint");
    const { rows: plans } = await owner.query<{ "QUERY PLAN": [Analysed] }>(`explain (analyze, buffers, timing off, format json) ${text}`, params);
    return plans[0]!["QUERY PLAN"][0];
  } finally {
    await owner.query("rollback").catch(() => {});
  }
}

/**
 * The list's statement as weidesk_app and as weidesk_maint, both on the owner's connection (SET
 * LOCAL ROLE): one server process runs both sides of each pair. On two connections the two
 * processes ran on different cores, and a core slowed by the host gave one role alone its
 * slowness: ratios between 0.7× and 1.7× in one run.
 */
async function measureListSql(owner: pg.Client, tenant: { agencyId: string; userId: string }, scenario: ListScenario, runs: number) {
  const { listSql } = await import("@/lib/clients/list");
  const { companyListQuerySchema } = await import("@/lib/clients/schemas");
  const query = companyListQuerySchema.parse(scenario.query);
  // The one statement the list sends: its page and capped count together (ADR 0023).
  const statements = [listSql(tenant.agencyId, query, new Date())];
  const asApp: number[] = [];
  const asMaint: number[] = [];
  const seqScans = new Set<string>();
  // weidesk_maint may not run the search's SECURITY DEFINER function (no EXECUTE grant): that view has no RLS figure.
  let maintRefused: string | null = null;
  const maint = async (statement: SQL) => {
    if (maintRefused) return 0;
    try {
      return (await explainAsMaint(owner, statement))["Execution Time"];
    } catch (error) {
      maintRefused = error instanceof Error ? error.message : String(error);
      return 0;
    }
  };
  // Warm-ups of each, unrecorded: the first statements of a session read the catalogue and compile its functions.
  for (let i = 0; i < SQL_WARMUPS; i++) {
    for (const statement of statements) {
      await explainAsApp(owner, tenant, statement, { timing: false, setRole: true });
      await maint(statement);
    }
  }
  // Interleaved, app first on even runs and maint first on odd ones: a busy moment of a shared machine falls on both.
  for (let i = 0; i < runs; i++) {
    let appMs = 0;
    let maintMs = 0;
    for (const statement of statements) {
      if (i % 2 === 1) maintMs += await maint(statement);
      const plan = await explainAsApp(owner, tenant, statement, { timing: false, setRole: true });
      appMs += plan["Execution Time"];
      for (const scan of seqScansOf(plan.Plan, BIG_TABLES)) seqScans.add(scan);
      if (i % 2 === 0) maintMs += await maint(statement);
    }
    asApp.push(appMs);
    asMaint.push(maintMs);
  }
  // Row-level security's cost as the median of each run's pair (app / maint, measured back to
  // back): a moment when the machine was busy slows both of a pair, so it cancels out. The ratio of
  // the two p50s takes them from different runs, and moved by ±0.3× between runs of a fresh database.
  const pairRatio = maintRefused ? null : round2(summarise(asApp.map((ms, i) => ms / asMaint[i]!)).p50);
  return {
    scenario: scenario.label,
    appMs: summarise(asApp),
    maintMs: maintRefused ? null : summarise(asMaint),
    pairRatio,
    maintRefused,
    seqScans: [...seqScans],
  };
}

type ListSql = Awaited<ReturnType<typeof measureListSql>>;

/** The table's rows of the list's SQL: DB time, plans, RLS / maint (and deep / first page of the DB time when `sqlOnly`). */
function listSqlRows(listSql: ListSql[], sqlOnly: boolean) {
  const worstSql = listSql.reduce((a, b) => (b.appMs.p95 > a.appMs.p95 ? b : a));
  const rlsRatios = listSql.flatMap((l) => (l.pairRatio !== null ? [{ scenario: l.scenario, ratio: l.pairRatio }] : []));
  const worstRls = rlsRatios.reduce<{ scenario: string; ratio: number } | null>((a, b) => (!a || b.ratio > a.ratio ? b : a), null);
  const noRls = listSql.filter((l) => !l.maintMs).map((l) => l.scenario);
  const seqScans = listSql.flatMap((l) => l.seqScans.map((scan) => `${l.scenario}: ${scan}`));
  against("list SQL DB time p95 (page and count in one statement, worst view)", "≤ 20 ms", worstSql.appMs.p95, 20, " ms", `(${worstSql.scenario})`);
  rows.push({
    figure: `list plans: seq scan of a big table (${listSql.length} views, outer plan)`,
    target: "none",
    measured: seqScans.length === 0 ? "none" : seqScans.join("; "),
    ratio: null,
    verdict: seqScans.length === 0 ? "within" : "OVER",
  });
  if (sqlOnly) {
    const [first, deep] = listSql;
    against(`list SQL ${deep!.scenario} / first page (DB time p50)`, "≤ 1.3×", deep!.appMs.p50 / first!.appMs.p50, 1.3, "×", `(${deep!.appMs.p50} / ${first!.appMs.p50} ms)`);
  }
  against(
    "list SQL as app role (RLS) / weidesk_maint, median of paired runs, worst view",
    "≤ 1.2×",
    worstRls?.ratio ?? null,
    1.2,
    "×",
    `(${worstRls?.scenario ?? ""}${noRls.length ? `; not for ${noRls.join(", ")}: weidesk_maint may not execute its function` : ""})`,
  );
  for (const l of listSql) {
    info(
      `list SQL ${l.scenario}: app (RLS) / maint`,
      `p50 ${l.appMs.p50} / ${l.maintMs?.p50 ?? "—"} ms, p95 ${l.appMs.p95} / ${l.maintMs?.p95 ?? "—"} ms${l.maintMs ? ` (p50s ${round2(l.appMs.p50 / l.maintMs.p50)}×, pairs ${l.pairRatio}×)` : ""}`,
    );
  }
}

/* ------------------------------------------------------------ the build lock */

/** Holds LOCK through a `flock` child until release() closes its stdin. */
async function takeLock(): Promise<{ release: () => Promise<void> }> {
  const child = spawn("flock", [LOCK, "-c", "echo locked; exec cat >/dev/null"], { stdio: ["pipe", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("locked")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`flock ${LOCK} exited (${code})`)));
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    release: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

/* ------------------------------------------------------------ over HTTP */

type Cannon = { latency: { p50: number; p97_5: number; p99: number; max: number }; requests: number; perSecond: number; non2xx: number; errors: number };
/** Latency at 1 connection, pooled over the rounds: every request's time, and each round's p50. */
type Latency = { p50: number; p97_5: number; n: number; roundP50s: number[]; non2xx: number; errors: number };

/** autocannon against `url` with `cookie`: `connections` for `seconds` (or `amount` requests). */
async function cannon(url: string, cookie: string, connections: number, seconds: number, amount?: number): Promise<Cannon> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    ...(amount ? { amount } : {}),
    headers: { cookie, accept: "text/html" },
  });
  return {
    latency: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
    requests: result.requests.sent,
    perSecond: round2(result.requests.average),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Each request's time (ms, as autocannon's clients measured it) at 1 connection for `seconds`. */
function timesAtOne(url: string, cookie: string, seconds: number): Promise<{ ms: number[]; non2xx: number; errors: number }> {
  const ms: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections: 1, duration: seconds, headers: { cookie, accept: "text/html" } }, (error, result) =>
      error ? reject(error as Error) : resolve({ ms, non2xx: result.non2xx, errors: result.errors }),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => ms.push(responseTime));
  });
}

/**
 * Latency at 1 connection of every route, interleaved: `rounds` rounds, each visiting every
 * route for `seconds` / `rounds` (at least 1 s), after 1 s unrecorded. The ratios between pages (list / trivial,
 * list / from memory, deep / first) compare pages measured over the same minutes: this
 * machine's speed drifts by up to 1.5× within ten minutes, and routes measured one after
 * the other minutes apart gave ratios off by as much.
 */
async function latencyRounds(routes: { url: string; cookie: string }[], seconds: number, rounds: number): Promise<{ latencies: Latency[]; requests: number }> {
  const each = Math.max(1, Math.round(seconds / rounds));
  const pooled = routes.map(() => ({ ms: [] as number[], roundP50s: [] as number[], non2xx: 0, errors: 0 }));
  let requests = 0;
  for (let round = 0; round < rounds; round++) {
    for (const [i, route] of routes.entries()) {
      // A second unrecorded first: the garbage of the page before (the dashboard's, before the
      // next round's first page) is collected under it, not under this page's figures.
      requests += (await timesAtOne(route.url, route.cookie, 1)).ms.length;
      const times = await timesAtOne(route.url, route.cookie, each);
      const into = pooled[i]!;
      into.ms.push(...times.ms);
      into.roundP50s.push(round2(summarise(times.ms).p50));
      into.non2xx += times.non2xx;
      into.errors += times.errors;
      requests += times.ms.length;
    }
  }
  const latencies = pooled.map(({ ms, roundP50s, non2xx, errors }) => {
    const summary = summarise(ms);
    const sorted = [...ms].sort((a, b) => a - b);
    const p97_5 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.975) - 1)] ?? 0;
    return { p50: round2(summary.p50), p97_5: round2(p97_5), n: ms.length, roundP50s, non2xx, errors };
  });
  return { latencies, requests };
}

/** The statement counts every server process wrote (scripts/bench-sql-counter.mjs), summed. */
function readCounts(dir: string): { statements: number; control: number } {
  const total = { statements: 0, control: 0 };
  for (const file of fs.readdirSync(dir).filter((name) => name.endsWith(".json"))) {
    try {
      const counts = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as typeof total;
      total.statements += counts.statements;
      total.control += counts.control;
    } catch {
      // being written: the next read has it
    }
  }
  return total;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Statements per request: the counter around `n` sequential requests (the counter writes every 25 ms). */
async function statementsPer(dir: string, send: () => Promise<unknown>, n = 5): Promise<{ statements: number; control: number; log?: string[] }> {
  await send();
  await pause(150);
  const before = readCounts(dir);
  for (let i = 0; i < n; i++) await send();
  await pause(150);
  const after = readCounts(dir);
  const counted = { statements: round2((after.statements - before.statements) / n), control: round2((after.control - before.control) / n) };
  return SQL_LOG ? { ...counted, log: await statementsOf(dir, send) } : counted;
}

/** BENCH_SQL_LOG=1: the counter also logs each statement's text (scripts/bench-sql-counter.mjs). */
const SQL_LOG = process.env.BENCH_SQL_LOG === "1";

/** The lines every server process has logged so far, by file. */
function logLines(dir: string): Map<string, string[]> {
  const lines = new Map<string, string[]>();
  for (const file of fs.readdirSync(dir).filter((name) => name.endsWith(".log"))) {
    lines.set(file, fs.readFileSync(path.join(dir, file), "utf8").split("\n").filter(Boolean));
  }
  return lines;
}

/** The statements one more request ran, in order ("begin", "commit" included), from the counter's logs. */
async function statementsOf(dir: string, send: () => Promise<unknown>): Promise<string[]> {
  const before = logLines(dir);
  await send();
  await pause(150);
  const ran: string[] = [];
  for (const [file, lines] of logLines(dir)) {
    for (const line of lines.slice(before.get(file)?.length ?? 0)) {
      const { kind, text } = JSON.parse(line) as { kind: string; text: string };
      ran.push(kind === "control" ? text.toLowerCase() : text.length > 400 ? `${text.slice(0, 400)}…` : text);
    }
  }
  return ran;
}

/** The largest VmRSS among `next start`'s process group (next-server), in MB, and its pid. */
function serverRss(groupId: number): { pid: number; mb: number } | null {
  let best: { pid: number; mb: number } | null = null;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // pgrp is the 3rd field after the parenthesised command name.
      const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (pgrp !== groupId) continue;
      const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${entry}/status`, "utf8"))?.[1] ?? 0);
      if (!best || kb / 1024 > best.mb) best = { pid: Number(entry), mb: round2(kb / 1024) };
    } catch {
      // gone
    }
  }
  return best;
}

type FirstLoad = { page: string; scripts: number; transferredKb: number; gzipKb: number; domNodes: number; status: number | null };

/** Every script a fresh Chromium fetches for `pathname` up to its load event: transferred, and gzipped by us. */
async function firstLoadJs(appUrl: string, cookie: string, pages: string[]): Promise<FirstLoad[]> {
  const executablePath = ensureChromium(log);
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({ executablePath });
  try {
    const results: FirstLoad[] = [];
    for (const pathname of pages) {
      const context = await browser.newContext();
      await context.addCookies(
        cookie.split("; ").map((pair) => {
          const at = pair.indexOf("=");
          const name = pair.slice(0, at);
          return { name, value: pair.slice(at + 1), url: appUrl, secure: name.startsWith("__Secure-") || name.startsWith("__Host-") };
        }),
      );
      const page = await context.newPage();
      const scripts: Promise<{ transferred: number; gzip: number }>[] = [];
      page.on("response", (response) => {
        if (response.request().resourceType() !== "script") return;
        scripts.push(
          (async () => {
            const body = await response.body().catch(() => Buffer.alloc(0));
            const sizes = await response.request().sizes().catch(() => ({ responseBodySize: body.length }));
            return { transferred: sizes.responseBodySize, gzip: gzipSync(body).length };
          })(),
        );
      });
      const response = await page.goto(`${appUrl}${pathname}`, { waitUntil: "load" });
      const measured = await Promise.all(scripts);
      const domNodes = await page.evaluate(() => document.getElementsByTagName("*").length);
      results.push({
        page: pathname,
        scripts: measured.length,
        transferredKb: round2(measured.reduce((sum, s) => sum + s.transferred, 0) / 1024),
        gzipKb: round2(measured.reduce((sum, s) => sum + s.gzip, 0) / 1024),
        domNodes,
        status: response?.status() ?? null,
      });
      await context.close();
    }
    return results;
  } finally {
    await browser.close();
  }
}

/** Sign-in with a wrong password for known e-mails (one try each, under the pair limit) and unknown ones, interleaved. */
async function signInTimes(stack: Stack, n: number) {
  const { rows: known } = await stack.setup.owner.query<{ email: string }>("select email from users order by email limit $1", [n]);
  const post = async (email: string) => {
    const t0 = performance.now();
    const response = await fetch(`${stack.appUrl}/api/auth/sign-in`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: stack.appUrl },
      body: JSON.stringify({ email, password: `wrong-${randomBytes(6).toString("hex")}` }),
    });
    await response.arrayBuffer();
    return { ms: performance.now() - t0, status: response.status };
  };
  const knownMs: number[] = [];
  const unknownMs: number[] = [];
  const statuses = new Set<number>();
  for (const [i, row] of known.entries()) {
    const a = await post(row.email);
    const b = await post(`nobody-${i}-${randomBytes(4).toString("hex")}@unknown.example`);
    knownMs.push(a.ms);
    unknownMs.push(b.ms);
    statuses.add(a.status).add(b.status);
  }
  return { known: summarise(knownMs), unknown: summarise(unknownMs), statuses: [...statuses] };
}

/** The bench's floor page for a clients list URL: the same view, its data kept in memory (BENCH_ROUTES=1). */
const fromMemory = (listUrl: string) => listUrl.replace(/\/clients(?=[?#]|$)/, "/clients/from-memory");

/* ------------------------------------------------------------ main */

async function main() {
  const opts: Options = options();
  const started = performance.now();
  const setup = await setUpBench(bench, { scale: opts.scale, agencies: opts.agencies, lean: false, keep: opts.keep });
  const { owner, agency } = setup;
  const { rows: sizeRows } = await owner.query<{ companies: number; registrations: number; documents: number; board: number }>(
    `select (select count(*)::int from client_companies where agency_id = $1) as companies,
       (select count(*)::int from registrations where agency_id = $1) as registrations,
       (select count(*)::int from documents where agency_id = $1) as documents,
       (select count(*)::int from registrations where agency_id = $1 and pipeline = $2::pipeline) as board`,
    [agency.id, BOARD_PIPELINE],
  );
  const sizes = sizeRows[0]!;
  log(`/${SLUG}: ${sizes.companies} companies, ${sizes.registrations} registrations (${sizes.board} in ${BOARD_PIPELINE}), ${sizes.documents} documents`);

  /* ---- in process */
  const { pool } = await import("@/db/client");
  bench.onExit("close the app pool", () => pool().end());
  const app = await appConnection(bench, setup);
  const staff = await memberOf(owner, agency.id, "staff");
  const manager = await memberOf(owner, agency.id, "manager");
  const scenarios = await listScenarios(owner, agency.id);
  const listSql = [];
  for (const scenario of scenarios) listSql.push(await measureListSql(owner, { agencyId: agency.id, userId: staff.id }, scenario, opts.runs));
  log("list SQL measured");
  if (opts.sqlOnly) {
    listSqlRows(listSql, true);
    console.log("");
    console.log(`design.md §8's list SQL at ${sizes.companies} companies, ${sizes.registrations} registrations, ${sizes.documents} documents in /${SLUG}; ${opts.agencies} small agencies (--sql-only)`);
    printTable();
    const file = bench.writeResults({
      bench: "bench --sql-only",
      at: new Date().toISOString(),
      machine: machine(setup.postgresVersion),
      database: setup.where,
      options: opts,
      data: { ...sizes, generatedMs: Math.round(setup.seeded.ms), rows: setup.seeded.rows },
      table: rows,
      listSql,
      tookMs: Math.round(performance.now() - started),
    });
    console.log(`\nwritten to ${file}`);
    return;
  }
  const boardRun = await timeBoard(actorOf(agency, staff, "staff" as const), BOARD_PIPELINE, { runs: opts.runs, warmup: 5 });
  const { parseDashboardFilters, dashboardToday } = await import("@/lib/dashboard/queries");
  const managerActor = actorOf(agency, manager, "manager" as const);
  const { filters } = parseDashboardFilters({}, { today: dashboardToday(managerActor), role: managerActor.role, userId: managerActor.user.id });
  const dashboard = await measureDashboard(app, agency, managerActor, filters, { runs: opts.runs, warmup: 5 });
  log("board and dashboard measured");

  /* ---- over HTTP, holding the build lock */
  log(`waiting for ${LOCK}`);
  const lock = await takeLock();
  bench.onExit(`release ${LOCK}`, () => lock.release());
  if (opts.build) {
    log("next build");
    const built = spawnSync(path.resolve("node_modules/.bin/next"), ["build"], { stdio: "inherit" });
    if (built.status !== 0) throw new Error(`next build failed (${built.status ?? built.signal})`);
  }
  const countDir = fs.mkdtempSync(path.join(os.tmpdir(), "weidesk-bench-sql-"));
  bench.onExit(`remove ${countDir}`, () => fs.rmSync(countDir, { recursive: true, force: true }));
  const stack = await startStack(bench, {
    scale: opts.scale,
    agencies: opts.agencies,
    users: 4,
    lean: false,
    port: null,
    setup,
    serverEnv: {
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${pathToFileURL(path.resolve("scripts/bench-sql-counter.mjs")).href}`.trim(),
      BENCH_SQL_COUNT_DIR: countDir,
      BENCH_ROUTES: "1",
    },
  });
  const recorder = new Recorder();
  const sessionOf = (kind: "staff" | "manager" | "client") => new Session(stack, recorder, stack.users.find((user) => user.kind === kind)!);
  const staffSession = sessionOf("staff");
  const managerSession = sessionOf("manager");
  const clientSession = sessionOf("client");
  for (const session of [staffSession, managerSession, clientSession]) {
    if (!(await session.signIn())) throw new Error(`sign-in failed for ${session.user.email}`);
  }
  const staffCookie = staffSession.cookieHeader();
  const managerCookie = managerSession.cookieHeader();

  const routes = [
    ...scenarios.map((scenario) => ({ label: `clients list, ${scenario.label}`, path: scenario.url, cookie: staffCookie })),
    { label: "clients list from memory (floor)", path: fromMemory(scenarios[0]!.url), cookie: staffCookie },
    { label: "trivial authenticated page /account/preferences", path: "/account/preferences", cookie: staffCookie },
    { label: `board ${BOARD_PIPELINE}`, path: `/${SLUG}/registrations?pipeline=${BOARD_PIPELINE}`, cookie: staffCookie },
    { label: "dashboard", path: `/${SLUG}/dashboard`, cookie: managerCookie },
  ];
  const http: { label: string; path: string; one: Latency; eight: Cannon; sql: { statements: number; control: number; log?: string[] } }[] = [];
  let requestsSoFar = 0;
  if (opts.warmup > 0) {
    for (const route of routes) requestsSoFar += (await cannon(`${stack.appUrl}${route.path}`, route.cookie, 1, opts.warmup)).requests;
    log(`warmed up: every page at 1 connection for ${opts.warmup} s (${requestsSoFar} requests, unrecorded)`);
  }
  const atOne = await latencyRounds(
    routes.map((route) => ({ url: `${stack.appUrl}${route.path}`, cookie: route.cookie })),
    opts.duration,
    opts.rounds,
  );
  requestsSoFar += atOne.requests;
  log(`latency at 1 connection: ${opts.rounds} rounds over every page, ${atOne.requests} requests`);
  for (const [i, route] of routes.entries()) {
    const url = `${stack.appUrl}${route.path}`;
    const get = () => fetch(url, { headers: { cookie: route.cookie, accept: "text/html" }, redirect: "manual" }).then((r) => r.arrayBuffer());
    const sql = await statementsPer(countDir, get);
    if (sql.log) log(`${route.label}: the statements of one request\n${sql.log.map((text) => `    ${text}`).join("\n")}`);
    const one = atOne.latencies[i]!;
    const eight = await cannon(url, route.cookie, 8, opts.duration);
    requestsSoFar += eight.requests + 6;
    http.push({ label: route.label, path: route.path, one, eight, sql });
    log(
      `${route.label}: p50 ${one.p50} ms at 1 (rounds ${one.roundP50s.join(", ")}), ${eight.perSecond} req/s at 8${one.non2xx + eight.non2xx > 0 ? `, ${one.non2xx + eight.non2xx} non-2xx` : ""}`,
    );
  }

  const cards = (await cardsFor(stack.setup, 1, 50))[0] ?? [];
  for (let i = 0; i < opts.moves && cards.length > 0; i++) await moveCard(staffSession, cards[i % cards.length]!);
  let uploaded: Awaited<ReturnType<typeof upload>>;
  for (let i = 0; i < opts.uploads; i++) uploaded = (await upload(clientSession, uploaded?.documentId)) ?? uploaded;
  const moveSql = cards.length > 0 ? await statementsPer(countDir, () => moveCard(staffSession, cards[0]!)) : null;
  if (moveSql?.log) log(`card move: the statements of one request\n${moveSql.log.map((text) => `    ${text}`).join("\n")}`);
  const byRoute = (route: string) => recorder.samples.filter((sample) => sample.route === route);
  const okMs = (route: string) => byRoute(route).filter((sample) => sample.outcome === "ok").map((sample) => sample.ms);
  const moves = okMs("action moveCard");
  const intents = okMs("action createUploadIntent");
  const completes = okMs("action completeUpload");
  const signIn = await signInTimes(stack, opts.signIns);
  const race = await raceForOneId(stack.appUrl, owner, agency.id, actorOf(agency, staff, "staff" as const));
  requestsSoFar += recorder.samples.length + signIn.known.n * 2 + race.sent + 1;

  let firstLoad: FirstLoad[] | { error: string };
  try {
    firstLoad = await firstLoadJs(stack.appUrl, staffCookie, [scenarios[0]!.url, `/${SLUG}/registrations?pipeline=${BOARD_PIPELINE}`]);
    firstLoad.push(...(await firstLoadJs(stack.appUrl, managerCookie, [`/${SLUG}/dashboard`])));
  } catch (error) {
    firstLoad = { error: error instanceof Error ? error.message : String(error) };
  }

  // RSS once the server has answered at least --rss-requests requests.
  const topUp = Math.max(0, opts.rssRequests - requestsSoFar);
  log(`moves, uploads, sign-ins and first-load JS measured; ${topUp} more requests before the RSS`);
  if (topUp > 0) await cannon(`${stack.appUrl}${scenarios[0]!.url}`, staffCookie, 8, 3600, topUp);
  const served = requestsSoFar + topUp;
  const rss = serverRss(stack.serverPid);

  /* ---- the table */
  const first = http[0]!;
  const deep = http[1]!;
  const trivial = http.find((route) => route.path === "/account/preferences")!;
  const board = http.find((route) => route.label.startsWith("board"))!;
  const dash = http.find((route) => route.label === "dashboard")!;

  const floor = http.find((route) => route.label.startsWith("clients list from memory"))!;
  against("clients list p50 / same page with rows from memory", "≤ 1.3×", first.one.p50 / floor.one.p50, 1.3, "×", `(${first.one.p50} / ${floor.one.p50} ms)`);
  against("clients list p50 / trivial authenticated page", "≤ 2×", first.one.p50 / trivial.one.p50, 2, "×", `(${first.one.p50} / ${trivial.one.p50} ms)`);
  against(`list page ${scenarios[1]!.label} / first page (HTTP p50)`, "≤ 1.3×", deep.one.p50 / first.one.p50, 1.3, "×", `(${deep.one.p50} / ${first.one.p50} ms)`);
  listSqlRows(listSql, false);
  against("SQL statements per list request (first page)", "≤ 6", first.sql.statements, 6, "", `(+${first.sql.control} begin/commit)`);
  against("SQL statements per dashboard request", "≤ 8", dash.sql.statements, 8, "", `(+${dash.sql.control} begin/commit)`);
  against(`board server time p95 (getBoard, ${boardRun.board.total} cards)`, "≤ 300 ms", boardRun.server.p95, 300, " ms");
  const loads = Array.isArray(firstLoad) ? firstLoad : [];
  const boardLoad = loads.find((l) => l.page.includes("/registrations"));
  against("board DOM nodes", "≤ 6000", boardLoad?.domNodes ?? null, 6000, "");
  against("card move p95 (HTTP round trip of the action)", "≤ 100 ms", moves.length ? summarise(moves).p95 : null, 100, " ms", `(n=${moves.length})`);
  against("dashboard aggregates DB time p95", "≤ 50 ms", dashboard.dbMs.p95, 50, " ms");
  for (const [label, match, limit] of [
    ["first-load JS gzip: clients list", "/clients", 200],
    ["first-load JS gzip: board", "/registrations", 260],
    ["first-load JS gzip: dashboard", "/dashboard", 260],
  ] as const) {
    const load = loads.find((l) => l.page.includes(match));
    against(label, `≤ ${limit} kB`, load?.gzipKb ?? null, limit, " kB", load ? `(${load.scripts} scripts, ${load.transferredKb} kB sent)` : "error" in firstLoad ? firstLoad.error : "");
  }
  against(`server RSS after ${served.toLocaleString("en")} requests`, "≤ 400 MB", rss?.mb ?? null, 400, " MB", rss ? `(pid ${rss.pid})` : "");
  const raceHeld = race.created === 2 && race.refused === race.sent - 2 && race.serverErrors === 0 && race.networkFailures === 0;
  rows.push({
    figure: `two-per-ID race: ${race.sent} parallel creates for one ID`,
    target: "2 ok, 48 refused, 0 × 5xx",
    measured: `${race.created} × 201, ${race.refused} × 409, ${race.serverErrors} × 5xx, ${race.networkFailures} unanswered${Object.keys(race.other).length ? `, other ${JSON.stringify(race.other)}` : ""} (${race.wallMs} ms)`,
    ratio: null,
    verdict: raceHeld ? "within" : "OVER",
  });
  const signInRatio = signIn.known.p50 / signIn.unknown.p50;
  rows.push({
    figure: "sign-in p50 known / unknown e-mail (wrong password)",
    target: "≈ 1× (§7)",
    measured: `${round2(signInRatio)}× (${signIn.known.p50} / ${signIn.unknown.p50} ms)`,
    ratio: null,
    verdict: signInRatio >= 0.8 && signInRatio <= 1.25 ? "within" : "apart",
  });
  for (const route of http) {
    info(`${route.label}: latency at 1 conn`, `p50 ${route.one.p50} p97.5 ${route.one.p97_5} ms (n=${route.one.n}; rounds' p50 ${route.one.roundP50s.join(", ")})${route.one.non2xx ? `, ${route.one.non2xx} non-2xx` : ""}`);
    info(`${route.label}: throughput at 8 conn`, `${route.eight.perSecond} req/s${route.eight.non2xx ? `, ${route.eight.non2xx} non-2xx` : ""}`);
  }
  for (const route of http.filter((r) => r !== first && r !== dash)) info(`${route.label}: SQL statements per request`, `${route.sql.statements} (+${route.sql.control} begin/commit)`);
  if (moveSql) info("card move: SQL statements per request", `${moveSql.statements} (+${moveSql.control} begin/commit)`);
  if (intents.length) info("upload intent (action) p50 / p95", `${summarise(intents).p50} / ${summarise(intents).p95} ms (n=${intents.length})`);
  if (completes.length) info("upload complete (action) p50 / p95", `${summarise(completes).p50} / ${summarise(completes).p95} ms (n=${completes.length})`);
  info("board page over HTTP p50 at 1 conn", `${board.one.p50} ms`);

  console.log("");
  console.log(`design.md §8 at ${sizes.companies} companies, ${sizes.registrations} registrations, ${sizes.documents} documents in /${SLUG}; ${opts.agencies} small agencies`);
  printTable();
  const file = bench.writeResults({
    bench: "bench",
    at: new Date().toISOString(),
    machine: machine(setup.postgresVersion),
    database: setup.where,
    options: opts,
    data: { ...sizes, generatedMs: Math.round(setup.seeded.ms), rows: setup.seeded.rows },
    table: rows,
    listSql,
    board: { total: boardRun.board.total, serverMs: boardRun.server },
    dashboard,
    http,
    moves: moves.length ? summarise(moves) : null,
    upload: { intent: intents.length ? summarise(intents) : null, complete: completes.length ? summarise(completes) : null },
    outcomes: Object.fromEntries(
      ["action moveCard", "action createUploadIntent", "POST S3 (presigned)", "action completeUpload"].map((route) => [
        route,
        byRoute(route).reduce<Record<string, number>>((counts, sample) => ({ ...counts, [sample.outcome]: (counts[sample.outcome] ?? 0) + 1 }), {}),
      ]),
    ),
    signIn,
    race,
    firstLoad,
    rss,
    requestsBeforeRss: served,
    tookMs: Math.round(performance.now() - started),
  });
  console.log(`\nwritten to ${file}`);
}

bench.run(main);
