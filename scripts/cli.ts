/**
 * Weidesk's command line, for what has no page yet or is easier from a shell.
 *
 *   npm run cli -- token create --agency <slug> --email <e-mail> [--name N] [--days 30|90|365|none]
 *       makes an API token for that member (as the app role, inside the agency, with its
 *       audit event, the member as actor) and prints it once, alone on stdout
 *   npm run cli -- openapi [--types <file>]
 *       prints the OpenAPI document of /api/v1, or writes the e2e client's types to <file>
 *
 * The database is DATABASE_URL, or else the embedded cluster of `npm run dev`: the one
 * running now if there is one (never stopped from here), otherwise started for the
 * command and stopped after it.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import nextEnv from "@next/env";
import { DATA_DIR, localSecrets, startLocalServices, type LocalServices } from "./lib/local-services";

nextEnv.loadEnvConfig(process.cwd(), true, { info: () => {}, error: console.error });

const USAGE = `usage:
  npm run cli -- token create --agency <slug> --email <e-mail> [--name <name>] [--days 30|90|365|none]
  npm run cli -- openapi [--types <file>]`;

class UsageError extends Error {}

/** The port of the embedded PostgreSQL that `npm run dev` left running, or null. */
function runningEmbeddedPort(): number | null {
  try {
    // postmaster.pid: pid, data directory, start time, port, …
    const [pid, , , port] = fs.readFileSync(path.join(DATA_DIR, "pg", "postmaster.pid"), "utf8").split("\n");
    process.kill(Number(pid), 0);
    return Number(port) || null;
  } catch {
    return null;
  }
}

/** Points DATABASE_URL somewhere; the returned services are ours to stop. */
async function useDatabase(): Promise<LocalServices | null> {
  if (process.env.DATABASE_URL) return null;
  const secrets = localSecrets();
  for (const name of ["AUTH_SECRET", "PII_KEYS", "PII_HMAC_KEY", "DATABASE_ROLE_PASSWORD"] as const) {
    process.env[name] ??= secrets[name];
  }
  const port = runningEmbeddedPort();
  if (port) {
    // The app connects as weidesk_app (db/client.ts): the server and database are all it needs from this URL.
    process.env.DATABASE_URL = `postgresql://127.0.0.1:${port}/weidesk`;
    return null;
  }
  const services = await startLocalServices({ appUrl: "http://localhost:3000", log: (line) => console.error(line), only: "postgres" });
  for (const [name, value] of Object.entries(services.env)) process.env[name] ??= value;
  return services;
}

/**
 * lib/env.ts validates every variable of the server at once; the CLI sends no mail and
 * touches no S3, so those may be absent here. Placeholders only where nothing is set.
 */
function fillVariablesTheCliDoesNotUse() {
  const placeholders: Record<string, string> = {
    S3_BUCKET: "weidesk-cli-unused",
    S3_ACCESS_KEY_ID: "unused",
    S3_SECRET_ACCESS_KEY: "unused",
    AUTH_SECRET: "cli-does-not-sign-sessions-".padEnd(40, "0"),
    PII_KEYS: `cli:${Buffer.alloc(32).toString("base64")}`,
    PII_HMAC_KEY: Buffer.alloc(32).toString("base64"),
  };
  for (const [name, value] of Object.entries(placeholders)) process.env[name] ||= value;
  if (!process.env.SMTP_URL) process.env.MAIL_OUTBOX ||= "1";
}

async function tokenCreate(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: { agency: { type: "string" }, email: { type: "string" }, name: { type: "string" }, days: { type: "string" } },
  });
  if (!values.agency || !values.email) throw new UsageError("token create needs --agency and --email");
  const days = values.days ?? "90";
  if (!["30", "90", "365", "none"].includes(days)) throw new UsageError(`--days is 30, 90, 365 or none, not "${days}"`);

  const services = await useDatabase();
  fillVariablesTheCliDoesNotUse();
  try {
    // Imported once the environment is set: they read it on first use.
    const { findMemberActor } = await import("@/lib/api/auth");
    const { createApiToken } = await import("@/lib/api/tokens");
    const actor = await findMemberActor(values.agency, values.email);
    const created = await createApiToken(actor, {
      name: values.name ?? "Command line",
      expiresInDays: days === "none" ? null : Number(days),
    });
    console.error(
      `API token "${created.name}" for ${actor.user.email} (${actor.role}) in /${actor.agency.slug}, ` +
        `${created.expiresAt ? `expires ${created.expiresAt.toISOString()}` : "never expires"}. ` +
        "It is shown this once:",
    );
    console.log(created.token);
  } finally {
    const { pool } = await import("@/db/client");
    await pool().end();
    await services?.stop();
  }
}

async function openapi(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: { types: { type: "string" } } });
  if (values.types) {
    const { generateApiTypes } = await import("@/lib/api/openapi-types");
    fs.writeFileSync(values.types, await generateApiTypes());
    console.error(`wrote ${values.types}`);
    return;
  }
  const { buildOpenApiDocument } = await import("@/lib/api/openapi");
  console.log(JSON.stringify(buildOpenApiDocument(process.env.APP_URL ?? "http://localhost:3000"), null, 2));
}

async function main(argv: string[]) {
  const [command, sub, ...rest] = argv;
  if (command === "token" && sub === "create") return tokenCreate(rest);
  if (command === "openapi") return openapi(argv.slice(1));
  throw new UsageError(command ? `unknown command "${argv.slice(0, 2).join(" ")}"` : "no command");
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n${USAGE}`);
    process.exit(2);
  }
  // AppErrors carry a message for the logs, which is what a shell user needs too (never a secret).
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
