/**
 * End-to-end tests: Debian's Chromium against `next start` on a production build
 * (the test command runs `next build` first), served by scripts/e2e-server.ts with
 * throwaway PostgreSQL and s3rver. One worker, no retries: a flaky test is a bug.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { defineConfig } from "@playwright/test";
import { INSTALL_HINT, resolveChromium } from "./lib/testing/chromium";

/**
 * The ports are chosen once, in the runner, and handed to the workers through the
 * environment (workers load this file again and inherit the runner's env).
 * E2E_PORT / E2E_CONTROL_PORT / E2E_PROXY_PORT pin them; otherwise 3210, 3211 and 3212
 * when free, since other people may run the suite on this machine at the same time.
 */
function pickPort(variable: string, preferred: number): number {
  const pinned = process.env[variable];
  if (pinned) return Number(pinned);
  const script = `
    const net = require("node:net");
    const tryListen = (port) => new Promise((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(null));
      server.listen(port, "127.0.0.1", () => { const p = server.address().port; server.close(() => resolve(p)); });
    });
    (async () => { process.stdout.write(String((await tryListen(${preferred})) ?? (await tryListen(0)))); })();
  `;
  const port = Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
  process.env[variable] = String(port);
  return port;
}

const port = pickPort("E2E_PORT", 3210);
// The seeded demo users' password for this run: the e2e server seeds with it, the specs sign in with it.
process.env.DEMO_PASSWORD ??= `e2e-${randomBytes(9).toString("base64url")}`;
const controlPort = pickPort("E2E_CONTROL_PORT", port + 1);
// The round-robin proxy in front of two instances (e2e/two-instances.spec.ts starts them).
const proxyPort = pickPort("E2E_PROXY_PORT", port + 2);
const baseURL = `http://localhost:${port}`;

const executablePath = resolveChromium();
if (!executablePath) throw new Error(INSTALL_HINT);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL,
    // The browser asks for English unless a test says otherwise (Accept-Language decides with no cookie).
    locale: "en-US",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
    trace: "off",
    screenshot: "only-on-failure",
  },
  webServer: {
    // node --import tsx rather than the tsx CLI, which may SIGKILL the server mid-cleanup (see the script).
    command: "node --import tsx scripts/e2e-server.ts",
    url: `${baseURL}/api/health`,
    // TRUST_PROXY=1: the specs play the one trusted proxy hop by sending X-Forwarded-For (throttling per IP).
    env: { PORT: String(port), APP_URL: baseURL, E2E_CONTROL_PORT: String(controlPort), E2E_PROXY_PORT: String(proxyPort), TRUST_PROXY: "1" },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    // SIGTERM to the group so e2e-server stops next, s3rver and PostgreSQL; the default SIGKILL would orphan them.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
