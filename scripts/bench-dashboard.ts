/**
 * `npm run bench:dashboard`: the managers' dashboard's database time at design.md §8's
 * scale ("dashboard aggregates: DB time ≤ 50 ms; SQL statements per request ≤ 8").
 * Figures only: it prints them and writes them to bench/results/dashboard-<timestamp>.json,
 * and never fails on a slow figure.
 *
 *   npm run bench:dashboard [-- --scale 100000] [--agencies 50] [--runs 30] [--warmup 5]
 *                            [--pipeline oa_cn_org] [--keep]
 *
 * 1. A database of its own, migrated and filled by the seed generator with its history
 *    (the events, reviews and slots the dashboard reads), then VACUUM ANALYZE: as
 *    bench:board (scripts/bench-support.ts).
 * 2. As a manager of /bench, three filters: the default (the 90 days ending today), one
 *    pipeline (--pipeline), and one assignee (a staff member). For each, --runs times
 *    after --warmup:
 *    - DB time: the Execution Time of EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) of the dashboard's one
 *      statement (lib/dashboard/queries.ts dashboardSql) as weidesk_app under row-level
 *      security with the tenant settings, as withTenant sets them;
 *    - wall time of loadDashboard in this process (its transaction, set_config, the
 *      statement and the assembly of the figures).
 *    p50 / p95 / max against the 50 ms target, and the slowest plan nodes (own time).
 *
 * Server-only modules are imported, hence `tsx --conditions=react-server` (package.json).
 */
import { parseArgs } from "node:util";
import type pg from "pg";
import type { DashboardFilters } from "@/lib/dashboard/types";
import { pipelines, type Pipeline } from "@/lib/registration/pipelines";
import {
  actorOf,
  againstTarget,
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
  slowNodes,
  SLUG,
  summarise,
  UsageError,
  wholeNumber,
  type AgencyRow,
  type Analysed,
} from "./bench-support";

/** design.md §8: "Dashboard aggregates | DB time ≤ 50 ms; SQL statements per request ≤ 8". */
const TARGET_MS = 50;
const USAGE = `usage: npm run bench:dashboard [-- --scale N] [--agencies K] [--runs N] [--warmup N]
                        [--pipeline ${pipelines.join("|")}] [--keep]`;

const bench = new Bench("dashboard", USAGE);
const log = bench.log;

function options() {
  const { values } = parsed(() =>
    parseArgs({
      args: process.argv.slice(2),
      options: {
        scale: { type: "string", default: "100000" },
        agencies: { type: "string", default: "50" },
        runs: { type: "string", default: "30" },
        warmup: { type: "string", default: "5" },
        pipeline: { type: "string", default: "oa_cn_org" },
        keep: { type: "boolean", default: false },
      },
    }),
  );
  if (!(pipelines as string[]).includes(values.pipeline)) throw new UsageError(`--pipeline is one of ${pipelines.join(", ")}`);
  return {
    scale: wholeNumber(values, "scale", 1),
    agencies: wholeNumber(values, "agencies", 0),
    runs: wholeNumber(values, "runs", 1),
    warmup: wholeNumber(values, "warmup", 0),
    pipeline: values.pipeline as Pipeline,
    keep: values.keep,
  };
}

type Figures = { activeCards: number; overdue: number; completed: number; stays: number; versionsReviewed: number };

/** A few totals, to see the bench read real figures. */
function figuresOf(dashboard: {
  funnel: { count: number }[];
  deadlines: { overdue: number };
  cycleTime: { count: number }[];
  timeInStage: { count: number }[];
  documents: { versionsReviewed: number };
} | null): Figures | null {
  if (!dashboard) return null;
  return {
    activeCards: dashboard.funnel.reduce((sum, f) => sum + f.count, 0),
    overdue: dashboard.deadlines.overdue,
    completed: dashboard.cycleTime.reduce((sum, c) => sum + c.count, 0),
    stays: dashboard.timeInStage.reduce((sum, s) => sum + s.count, 0),
    versionsReviewed: dashboard.documents.versionsReviewed,
  };
}

/**
 * One filter of the dashboard as a manager reads it, `runs` times after `warmup`: the DB
 * time (EXPLAIN ANALYZE, TIMING OFF, of its one statement as weidesk_app in the tenant),
 * loadDashboard's wall time in this process, and the slowest plan nodes. npm run bench uses it too.
 */
export async function measureDashboard(
  app: pg.Client,
  agency: AgencyRow,
  actor: ReturnType<typeof actorOf<"manager">>,
  filters: DashboardFilters,
  { runs, warmup }: { runs: number; warmup: number },
) {
  const { loadDashboard, dashboardSql, dashboardBounds, effectiveFilters } = await import("@/lib/dashboard/queries");
  const { clock } = await import("@/lib/clock");
  const explain = (timing: boolean) => {
    const applied = effectiveFilters(actor, filters);
    const bounds = dashboardBounds(applied, agency.time_zone, clock.now());
    const statement = dashboardSql(agency.id, agency.time_zone, applied, bounds);
    return explainAsApp(app, { agencyId: agency.id, userId: actor.user.id }, statement, { timing });
  };
  // A read the app gives up on (its statement timeout, DATABASE_STATEMENT_TIMEOUT_MS) is
  // counted and reported, not fatal: the EXPLAIN connection has no timeout.
  const failures: string[] = [];
  let dashboard: Awaited<ReturnType<typeof loadDashboard>> | null = null;
  const load = async () => {
    try {
      dashboard = await loadDashboard(actor, filters);
      return true;
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error).slice(0, 200);
      failures.push(cause);
      return false;
    }
  };
  for (let i = 0; i < warmup; i++) {
    await load();
    await explain(false);
  }
  const wall: number[] = [];
  const db: number[] = [];
  const planning: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    if (await load()) wall.push(performance.now() - t0);
    const plan = await explain(false);
    db.push(plan["Execution Time"]);
    planning.push(plan["Planning Time"]);
  }
  // Where the time goes: the median of three runs timed per node (slower than the runs above).
  const timed: Analysed[] = [];
  for (let i = 0; i < 3; i++) timed.push(await explain(true));
  const median = timed.sort((a, b) => a["Execution Time"] - b["Execution Time"])[1]!;
  const dbTime = summarise(db);
  return {
    figures: figuresOf(dashboard),
    dbMs: dbTime,
    planningMs: summarise(planning),
    wallMs: wall.length > 0 ? summarise(wall) : null,
    loadFailures: { count: failures.length, first: failures[0] ?? null },
    againstTarget: againstTarget(dbTime, TARGET_MS),
    buffers: { hit: median.Plan["Shared Hit Blocks"] ?? 0, read: median.Plan["Shared Read Blocks"] ?? 0 },
    slowNodes: slowNodes(median),
    samples: { dbMs: db.map(round2), wallMs: wall.map(round2) },
  };
}

async function main() {
  const opts = options();
  const started = performance.now();
  const setup = await setUpBench(bench, { ...opts, lean: false });
  const { owner, agency } = setup;
  const manager = await memberOf(owner, agency.id, "manager");
  const staff = await memberOf(owner, agency.id, "staff");
  const { rows: sizeRows } = await owner.query<{ registrations: number; active: number; events: number; reviews: number; companies: number }>(
    `select (select count(*)::int from registrations where agency_id = $1) as registrations,
       (select count(*)::int from registrations r where agency_id = $1 and stage not in ('registered', 'live', 'rejected', 'abandoned')) as active,
       (select count(*)::int from registration_events where agency_id = $1) as events,
       (select count(*)::int from document_reviews where agency_id = $1) as reviews,
       (select count(*)::int from client_companies where agency_id = $1) as companies`,
    [agency.id],
  );
  const sizes = sizeRows[0]!;
  log(
    `/${SLUG}: ${sizes.companies.toLocaleString("en")} companies, ${sizes.registrations.toLocaleString("en")} registrations ` +
      `(about ${sizes.active.toLocaleString("en")} active), ${sizes.events.toLocaleString("en")} registration events, ` +
      `${sizes.reviews.toLocaleString("en")} document reviews`,
  );

  // The app's modules, once the environment points at the bench database (they read it on first use).
  const { dashboardToday, parseDashboardFilters } = await import("@/lib/dashboard/queries");
  const { pool } = await import("@/db/client");
  bench.onExit("close the app pool", () => pool().end());
  const app = await appConnection(bench, setup);

  const actor = actorOf(agency, manager, "manager" as const);
  const context = { today: dashboardToday(actor), role: actor.role, userId: actor.user.id };
  const scenarios = [
    { label: "default (last 90 days)", query: {} },
    { label: `pipeline ${opts.pipeline}`, query: { pipeline: opts.pipeline } },
    { label: `assignee (a staff member)`, query: { assignee: staff.id } },
  ];

  const results = [];
  for (const scenario of scenarios) {
    const { filters } = parseDashboardFilters(scenario.query, context);
    results.push({ scenario: scenario.label, filters, ...(await measureDashboard(app, agency, actor, filters, opts)) });
  }

  /* ---- report */
  console.log("");
  console.log(`Dashboard as a manager of /${SLUG}, ${opts.runs} runs after ${opts.warmup} warm-up each`);
  console.log(`design.md §8 target: DB time ≤ ${TARGET_MS} ms (one statement per request, two with its set_config; ≤ 8 allowed)`);
  for (const result of results) {
    const f = result.figures;
    console.log(
      f
        ? `\n${result.scenario}: ${f.activeCards} active cards, ${f.overdue} overdue, ${f.completed} completed, ` +
            `${f.stays} stays, ${f.versionsReviewed} versions reviewed`
        : `\n${result.scenario}: no figures (every loadDashboard failed)`,
    );
    console.log(line("  DB time (EXPLAIN ANALYZE, TIMING OFF)", result.dbMs));
    console.log(line("  planning", result.planningMs));
    if (result.wallMs) console.log(line("  loadDashboard (wall, in process)", result.wallMs));
    if (result.loadFailures.count > 0) {
      console.log(`  loadDashboard failed ${result.loadFailures.count} times: ${result.loadFailures.first}`);
    }
    const verdict = result.againstTarget;
    console.log(`  DB p50 / target ${verdict.p50Ratio.toFixed(2)}×, p95 / target ${verdict.p95Ratio.toFixed(2)}×: ${verdict.verdict}`);
    console.log(`  slowest plan nodes (own time, median of 3 runs timed per node; buffers hit ${result.buffers.hit} read ${result.buffers.read}):`);
    for (const node of result.slowNodes) {
      console.log(
        `    ${ms(node.selfMs)}  ${node.node}  rows ${node.rows} × loops ${node.loops}` +
          (node.removedByFilter ? `, removed by filter ${node.removedByFilter}` : ""),
      );
    }
  }
  const worst = results.reduce((a, b) => (b.dbMs.p95 > a.dbMs.p95 ? b : a));
  console.log(`\nverdict: ${worst.againstTarget.verdict} (worst p95 ${worst.dbMs.p95} ms: ${worst.scenario})`);

  const file = bench.writeResults({
    bench: "dashboard",
    at: new Date().toISOString(),
    target: { dbMs: TARGET_MS, source: "design.md §8: dashboard aggregates: DB time ≤ 50 ms; SQL statements per request ≤ 8" },
    machine: machine(setup.postgresVersion),
    database: setup.where,
    options: opts,
    data: { ...sizes, generatedMs: Math.round(setup.seeded.ms), rows: setup.seeded.rows },
    verdict: worst.againstTarget.verdict,
    scenarios: results,
    tookMs: Math.round(performance.now() - started),
  });
  console.log(`written to ${file}`);
}

if (isMain(import.meta.url)) bench.run(main);
