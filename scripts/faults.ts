/**
 * `npm run faults`: the load of `npm run load` while the services fail (issue 10 §3).
 *
 *   npm run faults [-- --users 20] [--scale 10000] [--agencies 5] [--pg-down 5] [--s3-down 10]
 *                   [--settle 15] [--fail-fast-ms 3000] [--lean] [--port N]
 *
 * 1. The stack and users of scripts/load-support.ts (always the script's own embedded
 *    PostgreSQL: it is the one restarted, so DATABASE_URL is refused), 5 s of warm-up.
 * 2. PostgreSQL restarted: a fast shutdown (connections end with 57P01), --pg-down seconds
 *    down, started again on the same port and data. Then --settle seconds of traffic.
 * 3. S3 unreachable: the s3rver stopped for --s3-down seconds and started again on the
 *    same port and directory. Then --settle seconds of traffic, and the users stop.
 * 4. Each fault's window runs from its start to 5 s after the service is back. Within it,
 *    every failed request must have failed fast (≤ --fail-fast-ms) and clearly: a 503
 *    problem+json naming the service with Retry-After (API), an error page naming it
 *    (pages), an UNAVAILABLE refusal or error naming it (server actions). The browser's
 *    own POST to the stopped store cannot reach it: counted, not held against the app.
 *    Outside the windows, nothing may fail.
 * 5. Recovery: from the service's return until /api/health (polled every 100 ms, through
 *    the app's own pool and S3 client) says it is up, ≤ 5 s; and no request started later
 *    than 5 s after the return may fail (they are outside the window). The users' first
 *    success that needs the service is printed too (it also waits for their loops).
 * 6. The invariants afterwards (scripts/load-support.ts checkInvariants).
 *
 * Prints the figures and writes them to bench/results/faults-<timestamp>.json; exits 1
 * when any check fails. Needs `npx next build` first (hold the build lock for both, as npm run bench does).
 */
import { parseArgs } from "node:util";
import { startEmbeddedS3 } from "@/lib/embedded/s3";
import { Bench, machine, parsed, round2, summarise, UsageError, wholeNumber } from "./bench-support";
import {
  checkInvariants,
  figures,
  printFigures,
  printInvariants,
  Recorder,
  sleep,
  startStack,
  startUsers,
  verdictFailure,
  type Sample,
  type Stack,
} from "./load-support";

const USAGE =
  "usage: npm run faults [-- --users N] [--scale N] [--agencies K] [--pg-down SECONDS] [--s3-down SECONDS] [--settle SECONDS] [--fail-fast-ms MS] [--lean] [--port N]";
const bench = new Bench("faults", USAGE);
const log = bench.log;

/** Issue 10 §3: the app recovers by itself within 5 s of the service returning. */
const RECOVERY_LIMIT_MS = 5_000;
const WARMUP_MS = 5_000;
const PROBE_EVERY_MS = 100;

function options() {
  const { values } = parsed(() =>
    parseArgs({
      args: process.argv.slice(2),
      options: {
        users: { type: "string", default: "20" },
        scale: { type: "string", default: "10000" },
        agencies: { type: "string", default: "5" },
        "pg-down": { type: "string", default: "5" },
        "s3-down": { type: "string", default: "10" },
        settle: { type: "string", default: "15" },
        "fail-fast-ms": { type: "string", default: "3000" },
        lean: { type: "boolean", default: false },
        port: { type: "string" },
      },
    }),
  );
  if (process.env.DATABASE_URL) throw new UsageError("npm run faults restarts its own embedded PostgreSQL: unset DATABASE_URL");
  return {
    users: wholeNumber(values, "users", 1),
    scale: wholeNumber(values, "scale", 1),
    agencies: wholeNumber(values, "agencies", 0),
    pgDown: wholeNumber(values, "pg-down", 1),
    s3Down: wholeNumber(values, "s3-down", 1),
    settle: wholeNumber(values, "settle", 6),
    failFastMs: wholeNumber(values, "fail-fast-ms", 1),
    lean: values.lean,
    port: values.port === undefined ? null : wholeNumber(values, "port", 1),
  };
}

type Service = "database" | "s3";

/** /api/health every 100 ms: when each service was last seen down and first seen up again. */
function startProbe(appUrl: string) {
  let running = true;
  const seen: { at: number; up: Record<Service, boolean> }[] = [];
  const done = (async () => {
    while (running) {
      const at = Date.now();
      const report = await fetch(`${appUrl}/api/health`, { signal: AbortSignal.timeout(3_000) })
        .then((response) => response.json() as Promise<{ checks?: Record<Service, { ok: boolean }> }>)
        .catch(() => null);
      seen.push({ at, up: { database: report?.checks?.database.ok ?? false, s3: report?.checks?.s3.ok ?? false } });
      await sleep(PROBE_EVERY_MS);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
    },
    /** The first probe started at or after `since` that found `service` up. */
    upAfter: (service: Service, since: number) => seen.find((probe) => probe.at >= since && probe.up[service])?.at ?? null,
  };
}

type Fault = { service: Service; label: string; startedAt: number; backAt: number };

/** Stops and starts PostgreSQL (fast shutdown: sessions end with 57P01). */
async function restartPostgres(stack: Stack, downSeconds: number): Promise<Fault> {
  const cluster = stack.setup.cluster!;
  const startedAt = Date.now();
  log(`PostgreSQL: stopping (fast shutdown), ${downSeconds} s down`);
  await cluster.stop();
  await sleep(Math.max(0, startedAt + downSeconds * 1000 - Date.now()));
  await cluster.start();
  const backAt = Date.now();
  log(`PostgreSQL: accepting connections again after ${((backAt - startedAt) / 1000).toFixed(1)} s`);
  return { service: "database", label: `PostgreSQL restart (${downSeconds} s down)`, startedAt, backAt };
}

/** Stops the s3rver and starts it again on the same port and directory. */
async function interruptS3(stack: Stack, downSeconds: number): Promise<Fault> {
  const startedAt = Date.now();
  log(`S3: stopping s3rver for ${downSeconds} s`);
  await stack.s3.current?.stop();
  stack.s3.current = undefined;
  await sleep(Math.max(0, startedAt + downSeconds * 1000 - Date.now()));
  stack.s3.current = await startEmbeddedS3(stack.s3.options);
  const backAt = Date.now();
  log(`S3: s3rver listening again after ${((backAt - startedAt) / 1000).toFixed(1)} s`);
  return { service: "s3", label: `S3 unreachable (${downSeconds} s)`, startedAt, backAt };
}

/** The routes that need the service: their first success after it returns is the users' recovery. */
const needs: Record<Service, (route: string) => boolean> = {
  database: (route) => route.startsWith("page ") || route.startsWith("GET /api/"),
  s3: (route) => route === "action completeUpload" || route.endsWith("/download"),
};

/** A request in flight at any time from the fault's start to 5 s after the service returned. */
function inFaultWindow(fault: Fault, sample: Sample): boolean {
  return sample.at + sample.ms >= fault.startedAt && sample.at < fault.backAt + RECOVERY_LIMIT_MS;
}

function judgeFault(fault: Fault, samples: Sample[], probeUp: number | null, failFastMs: number) {
  const inWindow = samples.filter((sample) => inFaultWindow(fault, sample));
  // The S3 POST is the browser's to the store itself: while the store is down it cannot answer.
  const appFailures = inWindow.filter((sample) => sample.outcome !== "ok" && sample.outcome !== "refused" && sample.route !== "POST S3 (presigned)");
  const unclear = appFailures.filter((sample) => sample.outcome !== "unavailable");
  const clear = appFailures.filter((sample) => sample.outcome === "unavailable");
  const slow = clear.filter((sample) => sample.ms > failFastMs);
  const firstOk = samples.find((sample) => sample.at >= fault.backAt && sample.outcome === "ok" && needs[fault.service](sample.route));
  const recovery = {
    healthMs: probeUp === null ? null : Math.max(0, probeUp - fault.backAt),
    usersMs: firstOk ? Math.max(0, firstOk.at + firstOk.ms - fault.backAt) : null,
  };
  const byRoute: Record<string, Record<string, number>> = {};
  for (const sample of inWindow.filter((candidate) => candidate.outcome !== "ok")) {
    byRoute[sample.route] ??= {};
    byRoute[sample.route]![sample.outcome] = (byRoute[sample.route]![sample.outcome] ?? 0) + 1;
  }
  const messages = [...new Set(clear.map((sample) => sample.detail ?? ""))].slice(0, 6);
  const problems: string[] = [];
  if (clear.length === 0) problems.push("no request saw the service down: the fault did not reach the app");
  if (unclear.length > 0) problems.push(`${unclear.length} failures not a clear 503 / error page (first: ${unclear[0]!.route} ${unclear[0]!.outcome} ${unclear[0]!.detail ?? ""})`);
  if (slow.length > 0) problems.push(`${slow.length} failures slower than ${failFastMs} ms (slowest ${Math.round(Math.max(...slow.map((s) => s.ms)))} ms)`);
  if (recovery.healthMs === null || recovery.healthMs > RECOVERY_LIMIT_MS) problems.push(`/api/health not up within ${RECOVERY_LIMIT_MS} ms`);
  return {
    fault: fault.label,
    downMs: fault.backAt - fault.startedAt,
    requests: inWindow.length,
    failedClearly: clear.length,
    failedUnclearly: unclear.length,
    storeUnreachableFromDriver: inWindow.filter((sample) => sample.route === "POST S3 (presigned)" && sample.outcome === "network").length,
    failureLatencyMs: clear.length ? summarise(clear.map((sample) => sample.ms)) : null,
    recovery,
    notOkByRoute: byRoute,
    messages,
    problems,
  };
}

async function main() {
  const opts = options();
  const started = performance.now();
  const stack = await startStack(bench, { ...opts, port: opts.port });
  const since = new Date();
  const recorder = new Recorder();
  const driver = await startUsers(stack, recorder, log);
  bench.onExit("stop the users", () => driver.stop());
  const probe = startProbe(stack.appUrl);
  bench.onExit("stop the health probe", () => probe.stop());
  const trafficStarted = Date.now();
  await sleep(WARMUP_MS);

  const faults: Fault[] = [];
  faults.push(await restartPostgres(stack, opts.pgDown));
  await sleep(opts.settle * 1000);
  faults.push(await interruptS3(stack, opts.s3Down));
  await sleep(opts.settle * 1000);
  driver.stop();
  await driver.done;
  await probe.stop();
  const trafficEnded = Date.now();

  const judged = faults.map((fault) => judgeFault(fault, recorder.samples, probe.upAfter(fault.service, fault.backAt), opts.failFastMs));
  const outside = recorder.samples.filter(
    (sample) =>
      !faults.some((fault) => inFaultWindow(fault, sample)) &&
      sample.outcome !== "ok" &&
      sample.outcome !== "refused",
  );
  const seconds = (trafficEnded - trafficStarted) / 1000;
  const table = figures(recorder.samples, seconds);

  console.log("");
  console.log(`Faults under load: ${opts.users} users, ${seconds.toFixed(1)} s of traffic`);
  printFigures(table);
  for (const result of judged) {
    console.log(`\n${result.fault}: down ${(result.downMs / 1000).toFixed(1)} s; ${result.requests} requests in its window (in flight from its start to 5 s after the return)`);
    const l = result.failureLatencyMs;
    console.log(
      `  failed clearly (503 / error page naming the service): ${result.failedClearly}` +
        (l ? `, in p50 ${l.p50} ms, p95 ${l.p95} ms, max ${l.max} ms` : "") +
        `; unclear failures: ${result.failedUnclearly}` +
        (result.storeUnreachableFromDriver ? `; S3 POSTs that could not reach the stopped store: ${result.storeUnreachableFromDriver}` : ""),
    );
    console.log(`  not ok by route: ${JSON.stringify(result.notOkByRoute)}`);
    for (const message of result.messages) console.log(`  said: ${message}`);
    console.log(
      `  recovery after the service returned: /api/health ${result.recovery.healthMs ?? "never"} ms, ` +
        `first user success needing it ${result.recovery.usersMs === null ? "never" : `${round2(result.recovery.usersMs)} ms`} (health limit ${RECOVERY_LIMIT_MS} ms)`,
    );
    for (const problem of result.problems) console.log(`  FAIL ${problem}`);
  }
  console.log(`\nfailures outside the fault windows: ${outside.length}${outside[0] ? ` (first: ${outside[0].route} ${outside[0].outcome} ${outside[0].detail ?? ""})` : ""}`);
  const invariants = await checkInvariants(stack, since);
  console.log("\ninvariants:");
  printInvariants(invariants);

  const problems = [
    ...judged.flatMap((result) => result.problems.map((problem) => `${result.fault}: ${problem}`)),
    ...(outside.length ? [`${outside.length} failures outside the fault windows`] : []),
    ...invariants.filter((invariant) => !invariant.ok).map((invariant) => `invariant broken: ${invariant.name}`),
  ];
  const file = bench.writeResults({
    bench: "faults",
    at: new Date().toISOString(),
    machine: machine(stack.setup.postgresVersion),
    database: stack.setup.where,
    options: opts,
    seconds,
    faults: judged,
    failuresOutsideWindows: outside.length,
    routes: table.routes,
    total: table.total,
    invariants,
    problems,
    tookMs: Math.round(performance.now() - started),
  });
  console.log(`\nwritten to ${file}`);
  if (problems.length > 0) throw verdictFailure(`faults: ${problems.length} problems:\n  ${problems.join("\n  ")}`);
  log("verdict: every failure fast and clear, recovered within 5 s, invariants hold");
}

bench.run(main);
