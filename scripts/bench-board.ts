/**
 * `npm run bench:board`: the registrations board's server time at design.md §8's scale
 * ("5 000-card board: server time ≤ 300 ms"). Figures only: it prints them and writes
 * them to bench/results/board-<timestamp>.json, and never fails on a slow figure.
 *
 *   npm run bench:board [-- --scale 100000] [--agencies 50] [--lean] [--runs 50] [--warmup 10]
 *                        [--pipeline oa_overseas] [--http-runs 30] [--no-http] [--keep]
 *
 * 1. A database of its own: a throwaway embedded PostgreSQL (temp dir, fsync off), or,
 *    with DATABASE_URL set, a fresh database weidesk_bench_<random> on that server
 *    (dropped at the end unless --keep). Migrated; the login roles get
 *    DATABASE_ROLE_PASSWORD or a fresh one.
 * 2. §8's bench data from the seed generator (db/seed-scale.ts): /bench with --scale
 *    companies (100 000: 150 000 cards, 5 000 of them in oa_overseas, ~400 000 documents)
 *    and --agencies small agencies. --lean leaves out the history the board never reads
 *    and links each card's required documents instead (as board-explain.int.test.ts does).
 *    Then VACUUM ANALYZE.
 * 3. The board as the page reads it: getBoard (lib/registration/board.ts: the counts and
 *    every column's first 20 cards, two statements in one read-only transaction as
 *    weidesk_app under row-level security, as a staff member) --runs times after --warmup,
 *    wall time in this process; p50 / p95 / max against the 300 ms target.
 * 4. EXPLAIN (ANALYZE, BUFFERS) of the board's two statements and of each column's own
 *    query (the "load more" statement from the top), as weidesk_app in the tenant.
 * 5. With a production build in .next (and no --no-http): `next start` on a free port
 *    with an s3rver, a staff member signs in, and GET /bench/registrations?pipeline=…
 *    --http-runs times after a warm-up: time to the first byte and to the end of the
 *    streamed page. No build: the output says so (`npx next build` first).
 *
 * Steps 1 and 2 and the EXPLAIN helper are scripts/bench-support.ts's (bench:dashboard
 * shares them). Server-only modules are imported, hence `tsx --conditions=react-server`
 * (package.json).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type pg from "pg";
import { pipelines, type Pipeline, type Stage } from "@/lib/registration/pipelines";
import { freePort } from "@/lib/embedded/ports";
import { startEmbeddedS3 } from "@/lib/embedded/s3";
import {
  actorOf,
  againstTarget as against,
  appConnection,
  Bench,
  explainAsApp,
  isMain,
  line,
  machine,
  memberOf,
  ms,
  parsed,
  round2,
  setUpBench,
  SLUG,
  summarise,
  UsageError,
  wholeNumber,
  type Summary,
} from "./bench-support";
import { nextStartCommand } from "./next-start";

/** design.md §8: "5 000-card board: server time; DOM nodes | ≤ 300 ms; ≤ 6 000". */
const TARGET_MS = 300;
const USAGE = `usage: npm run bench:board [-- --scale N] [--agencies K] [--lean] [--runs N] [--warmup N]
                    [--pipeline ${pipelines.join("|")}] [--http-runs N] [--no-http] [--keep]`;

const bench = new Bench("board", USAGE);
const log = bench.log;
const againstTarget = (summary: Summary) => against(summary, TARGET_MS);

function options() {
  const { values } = parsed(() => parseArgs({
    args: process.argv.slice(2),
    options: {
      scale: { type: "string", default: "100000" },
      agencies: { type: "string", default: "50" },
      lean: { type: "boolean", default: false },
      runs: { type: "string", default: "50" },
      warmup: { type: "string", default: "10" },
      pipeline: { type: "string", default: "oa_overseas" },
      "http-runs": { type: "string", default: "30" },
      "no-http": { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
    },
  }));
  const whole = (name: keyof typeof values, min: number) => wholeNumber(values, name, min);
  if (!(pipelines as string[]).includes(values.pipeline)) throw new UsageError(`--pipeline is one of ${pipelines.join(", ")}`);
  return {
    scale: whole("scale", 1),
    agencies: whole("agencies", 0),
    lean: values.lean,
    runs: whole("runs", 1),
    warmup: whole("warmup", 0),
    pipeline: values.pipeline as Pipeline,
    httpRuns: whole("http-runs", 1),
    http: !values["no-http"],
    keep: values.keep,
  };
}
type Options = ReturnType<typeof options>;

/** Each card's required documents, two thirds approved (the lean fill, as board-explain.int.test.ts). */
async function linkRequiredDocuments(owner: pg.Client) {
  await owner.query(`create temp table g_docs as
    select gen_random_uuid() as id, r.agency_id, r.client_company_id, r.id as registration_id, q.kind
    from registrations r join pipeline_required_documents q on q.pipeline = r.pipeline`);
  await owner.query(`insert into documents (id, agency_id, client_company_id, kind, status, created_at, updated_at)
    select id, agency_id, client_company_id, kind, (case when hashtext(id::text) % 3 = 0 then 'uploaded' else 'approved' end)::document_status, now(), now()
    from g_docs`);
  await owner.query(`insert into document_registrations (agency_id, client_company_id, document_id, registration_id)
    select agency_id, client_company_id, id, registration_id from g_docs`);
  await owner.query("drop table g_docs");
}

/**
 * The board as the page reads it (getBoard: counts and every column's first 20 cards),
 * `runs` times after `warmup`, wall time in this process. npm run bench uses it too.
 */
export async function timeBoard(
  actor: ReturnType<typeof actorOf<"staff">>,
  pipeline: Pipeline,
  { runs, warmup }: { runs: number; warmup: number },
) {
  const { getBoard } = await import("@/lib/registration/board");
  const { parseBoardQuery } = await import("@/lib/registration/board-query");
  const query = parseBoardQuery({ pipeline });
  let board = await getBoard(actor, query);
  for (let i = 1; i < warmup; i++) board = await getBoard(actor, query);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    board = await getBoard(actor, query);
    samples.push(performance.now() - t0);
  }
  return { board, samples, server: summarise(samples) };
}

/* ------------------------------------------------------------ next start */

async function waitForHealth(base: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error("next start exited before it answered");
    try {
      const response = await fetch(`${base}/api/health`);
      await response.arrayBuffer();
      if (response.status === 200 || response.status === 503) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`next start did not answer ${base}/api/health in ${timeoutMs / 1000} s`);
}

/** One GET: time to the response head and to the end of the (streamed) body. */
async function timedGet(url: string, cookie: string): Promise<{ ttfb: number; total: number; status: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const ttfb = performance.now() - started;
  const body = await response.arrayBuffer();
  return { ttfb, total: performance.now() - started, status: response.status, bytes: body.byteLength };
}

async function benchHttp(
  opts: Options,
  env: Record<string, string>,
  staffEmail: string,
  password: string,
): Promise<Record<string, unknown>> {
  if (!opts.http) return { skipped: "--no-http" };
  if (!fs.existsSync(path.resolve(".next/BUILD_ID"))) {
    return { skipped: "no production build in .next: run `npx next build` first for the HTTP figures" };
  }
  const s3Root = fs.mkdtempSync(path.join(os.tmpdir(), "weidesk-bench-s3-"));
  bench.onExit(`remove ${s3Root}`, () => fs.rmSync(s3Root, { recursive: true, force: true }));
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const s3 = await startEmbeddedS3({ directory: s3Root, port: await freePort(), bucket: "weidesk-bench", allowedOrigins: [base] });
  bench.onExit("stop s3rver", () => s3.stop());

  const child = spawn(...nextStartCommand(["-p", String(port)]), {
    env: {
      ...process.env,
      ...env,
      APP_URL: base,
      PORT: String(port),
      LOG_LEVEL: "warn",
      MAIL_OUTBOX: "1",
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: s3.bucket,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      S3_FORCE_PATH_STYLE: "1",
    },
    stdio: ["ignore", "ignore", "pipe"],
    // Its own process group, so stopping reaches next-server's workers too.
    detached: true,
  });
  child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(`[next] ${chunk.toString("utf8")}`));
  bench.onExit("stop next start", async () => {
    if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // gone
      }
    }, 5_000);
    await exited;
    clearTimeout(timer);
  });
  await waitForHealth(base, child, 60_000);

  const signIn = await fetch(`${base}/api/auth/sign-in`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base },
    body: JSON.stringify({ email: staffEmail, password }),
  });
  const setCookies = signIn.headers.getSetCookie();
  await signIn.arrayBuffer();
  if (signIn.status !== 200) return { skipped: `sign-in as ${staffEmail} answered ${signIn.status}` };
  const cookie = setCookies.map((header) => header.split(";")[0]).join("; ");

  const boardUrl = `${base}/${SLUG}/registrations?pipeline=${opts.pipeline}`;
  const first = await timedGet(boardUrl, cookie);
  if (first.status !== 200) return { skipped: `GET ${boardUrl} answered ${first.status}` };
  for (let i = 0; i < 5; i++) await timedGet(boardUrl, cookie);
  const ttfb: number[] = [];
  const total: number[] = [];
  let bytes = 0;
  for (let i = 0; i < opts.httpRuns; i++) {
    const run = await timedGet(boardUrl, cookie);
    if (run.status !== 200) return { skipped: `GET ${boardUrl} answered ${run.status} on run ${i + 1}` };
    ttfb.push(run.ttfb);
    total.push(run.total);
    bytes = run.bytes;
  }
  return {
    url: boardUrl.replace(base, ""),
    coldMs: Math.round(first.total * 100) / 100,
    warmup: 5,
    bytes,
    firstByte: summarise(ttfb),
    wholePage: summarise(total),
    wholePageAgainstTarget: againstTarget(summarise(total)),
  };
}

/* ------------------------------------------------------------ main */

async function main() {
  const opts = options();
  const started = performance.now();
  const setup = await setUpBench(bench, { ...opts, beforeVacuum: opts.lean ? linkRequiredDocuments : undefined });
  const { owner, seeded, where } = setup;
  const agencyRow = setup.agency;
  const staff = await memberOf(owner, agencyRow.id, "staff");
  const { rows: sizeRows } = await owner.query<{ pipeline: string; cards: number; registrations: number; companies: number; documents: number }>(
    `select $2::text as pipeline,
       (select count(*)::int from registrations where agency_id = $1 and pipeline = $2::pipeline) as cards,
       (select count(*)::int from registrations where agency_id = $1) as registrations,
       (select count(*)::int from client_companies where agency_id = $1) as companies,
       (select count(*)::int from documents where agency_id = $1) as documents`,
    [agencyRow.id, opts.pipeline],
  );
  const sizes = sizeRows[0]!;
  log(
    `/${SLUG}: ${sizes.companies.toLocaleString("en")} companies, ${sizes.registrations.toLocaleString("en")} registrations, ` +
      `${sizes.documents.toLocaleString("en")} documents; ${sizes.cards.toLocaleString("en")} cards in ${opts.pipeline}`,
  );

  // The app's modules, once the environment points at the bench database (they read it on first use).
  const { boardCardsSql, boardCountsSql, columnPageSql } = await import("@/lib/registration/board");
  const { boardColumns, COLUMN_PAGE_SIZE, parseBoardQuery } = await import("@/lib/registration/board-query");
  const { pool } = await import("@/db/client");
  bench.onExit("close the app pool", () => pool().end());

  const actor = actorOf(agencyRow, staff, "staff" as const);
  const query = parseBoardQuery({ pipeline: opts.pipeline });

  /* ---- the board as the page reads it */
  const { board, samples, server } = await timeBoard(actor, opts.pipeline, opts);
  const verdict = againstTarget(server);
  const shownCards = board.columns.reduce((sum, column) => sum + column.cards.length, 0);

  /* ---- EXPLAIN (ANALYZE, BUFFERS) as weidesk_app in the tenant */
  const app = await appConnection(bench, setup);
  const explain = async (label: string, statement: Parameters<typeof explainAsApp>[2]) => {
    const plan = await explainAsApp(app, { agencyId: actor.agency.id, userId: actor.user.id }, statement);
    return {
      statement: label,
      executionMs: round2(plan["Execution Time"]),
      planningMs: round2(plan["Planning Time"]),
      sharedHit: plan.Plan["Shared Hit Blocks"] ?? 0,
      sharedRead: plan.Plan["Shared Read Blocks"] ?? 0,
    };
  };
  const now = new Date();
  const explained = [
    await explain("counts (every column)", boardCountsSql(actor, opts.pipeline, query, now)),
    await explain("cards (every column's first 20)", boardCardsSql(actor, opts.pipeline, query, now, boardColumns(opts.pipeline))),
  ];
  const columnCounts = new Map(board.columns.map((column) => [column.stage, column.count]));
  for (const stage of boardColumns(opts.pipeline) as Stage[]) {
    explained.push({
      ...(await explain(`column ${stage}`, columnPageSql(actor, opts.pipeline, query, now, stage, null, COLUMN_PAGE_SIZE + 1))),
      statement: `column ${stage} (${columnCounts.get(stage) ?? 0} cards)`,
    });
  }

  /* ---- next start */
  const http = await benchHttp(opts, setup.env, staff.email, setup.password);

  /* ---- report */
  console.log("");
  console.log(`Board server time, ${opts.pipeline} with ${board.total.toLocaleString("en")} cards (${shownCards} shown in ${board.columns.length} columns)`);
  console.log(`design.md §8 target: ≤ ${TARGET_MS} ms`);
  console.log(line("getBoard (in process, 2 statements)", server));
  console.log(`  p50 / target ${verdict.p50Ratio.toFixed(2)}×, p95 / target ${verdict.p95Ratio.toFixed(2)}×: ${verdict.verdict}`);
  console.log("EXPLAIN (ANALYZE, BUFFERS) as weidesk_app:");
  for (const row of explained) {
    console.log(`  ${row.statement.padEnd(44)} exec ${ms(row.executionMs)}  plan ${ms(row.planningMs)}  buffers hit ${row.sharedHit} read ${row.sharedRead}`);
  }
  if ("skipped" in http) {
    console.log(`HTTP: skipped (${String(http.skipped)})`);
  } else {
    const firstByte = http.firstByte as Summary;
    const wholePage = http.wholePage as Summary;
    const target = http.wholePageAgainstTarget as ReturnType<typeof againstTarget>;
    console.log(`HTTP GET ${String(http.url)} via next start (${String(http.bytes)} bytes, cold ${String(http.coldMs)} ms):`);
    console.log(line("  first byte", firstByte));
    console.log(line("  whole streamed page", wholePage));
    console.log(`  whole page p50 / target ${target.p50Ratio.toFixed(2)}×, p95 / target ${target.p95Ratio.toFixed(2)}×: ${target.verdict}`);
  }

  const file = bench.writeResults({
    bench: "board",
    at: new Date().toISOString(),
    target: { serverMs: TARGET_MS, source: "design.md §8: 5 000-card board: server time ≤ 300 ms" },
    machine: machine(setup.postgresVersion),
    database: where,
    options: opts,
    data: { ...sizes, generatedMs: Math.round(seeded.ms), rows: seeded.rows },
    board: {
      pipeline: opts.pipeline,
      total: board.total,
      columns: board.columns.map((column) => ({ stage: column.stage, count: column.count, shown: column.cards.length })),
      warmup: opts.warmup,
      serverMs: server,
      againstTarget: verdict,
      samplesMs: samples.map(round2),
    },
    explain: explained,
    http,
    tookMs: Math.round(performance.now() - started),
  });
  console.log(`\nwritten to ${file}`);
}

if (isMain(import.meta.url)) bench.run(main);
