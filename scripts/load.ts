/**
 * `npm run load`: mixed traffic against `next start` (issue 10 §2). Prints requests per
 * second and p50 / p95 per route, writes them to bench/results/load-<timestamp>.json and
 * exits non-zero when any request failed: a 5xx (a 503 too: nothing is down here), an
 * error page, or no answer. Latency is of the successful requests; refusals (4xx, an
 * action's refusal such as a card moved by someone else) are counted, never failures.
 *
 *   npm run load [-- --duration 60] [--users 20] [--scale 10000] [--agencies 5] [--warmup 5] [--lean] [--port N]
 *
 * Needs a production build (`npx next build`; hold the build lock for build and run, .next
 * is shared). The stack and the users are scripts/load-support.ts's: its own database
 * (embedded PostgreSQL, or a fresh database on DATABASE_URL's server) filled by the seed
 * generator at --scale companies, an s3rver, `next start` on core 0 and this driver on
 * core 1. The run: every user signs in, --warmup seconds unrecorded, then --duration
 * seconds recorded; afterwards the invariants (every uploaded version's object, every
 * move's event, the ID slots, no half-written rows) are checked and reported too.
 */
import { parseArgs } from "node:util";
import { Bench, machine, parsed, wholeNumber } from "./bench-support";
import {
  checkInvariants,
  figures,
  printFigures,
  printInvariants,
  Recorder,
  sleep,
  startStack,
  startUsers,
  userMix,
  verdictFailure,
} from "./load-support";

const USAGE = "usage: npm run load [-- --duration SECONDS] [--users N] [--scale N] [--agencies K] [--warmup SECONDS] [--lean] [--port N]";
const bench = new Bench("load", USAGE);
const log = bench.log;

function options() {
  const { values } = parsed(() =>
    parseArgs({
      args: process.argv.slice(2),
      options: {
        duration: { type: "string", default: "60" },
        users: { type: "string", default: "20" },
        scale: { type: "string", default: "10000" },
        agencies: { type: "string", default: "5" },
        warmup: { type: "string", default: "5" },
        lean: { type: "boolean", default: false },
        port: { type: "string" },
      },
    }),
  );
  return {
    duration: wholeNumber(values, "duration", 1),
    users: wholeNumber(values, "users", 1),
    scale: wholeNumber(values, "scale", 1),
    agencies: wholeNumber(values, "agencies", 0),
    warmup: wholeNumber(values, "warmup", 0),
    lean: values.lean,
    port: values.port === undefined ? null : wholeNumber(values, "port", 1),
  };
}

async function main() {
  const opts = options();
  const started = performance.now();
  const stack = await startStack(bench, opts);
  const since = new Date();
  const recorder = new Recorder();
  recorder.recording = false;
  const driver = await startUsers(stack, recorder, log);
  bench.onExit("stop the users", () => driver.stop());
  if (opts.warmup > 0) {
    log(`warming up for ${opts.warmup} s (not recorded)`);
    await sleep(opts.warmup * 1000);
  }
  log(`recording ${opts.duration} s of traffic from ${opts.users} users`);
  recorder.recording = true;
  const t0 = performance.now();
  await sleep(opts.duration * 1000);
  driver.stop();
  await driver.done;
  const seconds = (performance.now() - t0) / 1000;

  const table = figures(recorder.samples, seconds);
  console.log("");
  console.log(`Mixed traffic, ${opts.users} users (${Object.entries(userMix(opts.users)).map(([kind, n]) => `${n} ${kind}`).join(", ")}), ${seconds.toFixed(1)} s`);
  printFigures(table);
  const invariants = await checkInvariants(stack, since);
  console.log("\ninvariants:");
  printInvariants(invariants);

  const failed = table.total.outcomes.error + table.total.outcomes.network + table.total.outcomes.unavailable;
  const file = bench.writeResults({
    bench: "load",
    at: new Date().toISOString(),
    machine: machine(stack.setup.postgresVersion),
    database: stack.setup.where,
    options: opts,
    users: userMix(opts.users),
    seconds: Math.round(seconds * 10) / 10,
    routes: table.routes,
    total: table.total,
    failed,
    invariants,
    tookMs: Math.round(performance.now() - started),
  });
  console.log(`\nwritten to ${file}`);
  const broken = invariants.filter((invariant) => !invariant.ok);
  if (failed > 0 || broken.length > 0) {
    const first = table.routes.find((route) => route.firstFailure)?.firstFailure;
    throw verdictFailure(
      `load: ${failed} failed requests${first ? ` (first: ${first})` : ""}, ${broken.length} broken invariants`,
    );
  }
  log(`verdict: 0 failed requests of ${table.total.requests}, invariants hold`);
}

bench.run(main);
