/**
 * `npm test`: every check a change must pass, failing fast, each stage timed:
 * typecheck, lint, Vitest (unit + integration against real PostgreSQL and s3rver),
 * one `next build`, then Playwright against `next start` in Chromium. It ends with
 * one plain line summing every runner: `N passed, N failed`.
 *
 *   npm test                      everything
 *   npm test -- --only e2e        build + Playwright
 *   npm test -- --only integration   the integration suite (the PostgreSQL 15 pass of CI)
 *   npm test -- --skip-e2e        everything but build + Playwright
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureChromium } from "@/lib/testing/chromium";

type Counts = { passed: number; failed: number; skipped: number };
type Stage = { name: string; run: () => Counts | null };

const RESULTS = path.resolve("test-results");
const bin = (name: string) => path.resolve("node_modules/.bin", name);

function run(command: string, args: string[], env: Record<string, string> = {}): boolean {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status === 0;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

function vitest(project?: string): Counts {
  const output = path.join(RESULTS, project ? `vitest-${project}.json` : "vitest.json");
  fs.rmSync(output, { force: true });
  const ok = run(bin("vitest"), [
    "run",
    ...(project ? ["--project", project] : []),
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${output}`,
  ]);
  const report = readJson<{
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numFailedTestSuites: number;
  }>(output);
  if (!report) return { passed: 0, failed: 1, skipped: 0 }; // crashed before reporting
  const counts = {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
  // A suite that fails to load or set up (its tests then read "skipped") has no failed test,
  // and Vitest may still exit 0: count each such suite.
  if (counts.failed === 0) counts.failed = report.numFailedTestSuites ?? 0;
  if (!ok && counts.failed === 0) counts.failed = 1;
  return counts;
}

function playwright(): Counts {
  const output = path.join(RESULTS, "e2e.json");
  fs.rmSync(output, { force: true });
  const ok = run(bin("playwright"), ["test"]);
  const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(output);
  if (!report) return { passed: 0, failed: 1, skipped: 0 };
  const counts = {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected,
    skipped: report.stats.skipped,
  };
  if (!ok && counts.failed === 0) counts.failed = 1;
  return counts;
}

/** A stage that is not a test runner: it passes or fails, and counts as neither. */
const check = (command: string, args: string[]) => () =>
  run(command, args) ? null : { passed: 0, failed: 1, skipped: 0 };

const stages: Record<string, Stage> = {
  typecheck: { name: "typecheck", run: check(bin("tsc"), ["--noEmit"]) },
  lint: { name: "lint", run: check(bin("eslint"), [".", "--max-warnings=0"]) },
  vitest: { name: "vitest (unit + integration)", run: () => vitest() },
  integration: { name: "vitest (integration)", run: () => vitest("integration") },
  build: { name: "next build", run: check(bin("next"), ["build"]) },
  e2e: {
    name: "playwright (e2e)",
    run: () => {
      ensureChromium();
      return playwright();
    },
  },
};

function plan(argv: string[]): Stage[] {
  const only = argv.includes("--only") ? argv[argv.indexOf("--only") + 1] : undefined;
  if (only === "e2e") return [stages.build!, stages.e2e!];
  if (only === "integration") return [stages.integration!];
  if (only !== undefined) throw new Error(`--only takes e2e or integration, not ${only}`);
  const all = [stages.typecheck!, stages.lint!, stages.vitest!, stages.build!, stages.e2e!];
  return argv.includes("--skip-e2e") ? all.slice(0, 3) : all;
}

function main() {
  fs.mkdirSync(RESULTS, { recursive: true });
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  const timings: string[] = [];
  const started = performance.now();

  for (const stage of plan(process.argv.slice(2))) {
    console.log(`\n▶ ${stage.name}`);
    const stageStart = performance.now();
    let counts: Counts | null;
    try {
      counts = stage.run();
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      counts = { passed: 0, failed: 1, skipped: 0 };
    }
    const seconds = ((performance.now() - stageStart) / 1000).toFixed(1);
    if (counts) {
      total.passed += counts.passed;
      total.failed += counts.failed;
      total.skipped += counts.skipped;
    }
    const failed = (counts?.failed ?? 0) > 0;
    timings.push(`  ${failed ? "✗" : "✓"} ${stage.name.padEnd(30)} ${seconds.padStart(6)} s`);
    console.log(`${failed ? "✗" : "✓"} ${stage.name} in ${seconds} s`);
    if (failed) break; // fail fast: later stages would only add noise
  }

  console.log(`\nStages:\n${timings.join("\n")}`);
  console.log(`  total ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  const skipped = total.skipped ? `, ${total.skipped} skipped` : "";
  console.log(`${total.passed} passed, ${total.failed} failed${skipped}`);
  process.exit(total.failed > 0 ? 1 : 0);
}

main();
