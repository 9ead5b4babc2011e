/**
 * The embedded PostgreSQL that `npm run dev` relies on: UTF-8 with the C.UTF-8
 * locale, and a start that survives what a killed wrapper leaves behind.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { clearStalePostmaster, startEmbeddedPostgres, type RunningPostgres } from "./postgres";
import { freePort } from "./ports";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "weidesk-embedded-"));
fs.chmodSync(tmp, 0o755);
const dataDir = path.join(tmp, "pg");
const running: RunningPostgres[] = [];

afterAll(async () => {
  for (const server of running) await server.stop().catch(() => {});
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  it("initialises a UTF-8, C.UTF-8 cluster and starts it", async () => {
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), ephemeral: true });
    running.push(server);
    const [row] = await query<{ encoding: string; collate: string }>(
      server.url,
      "select pg_encoding_to_char(encoding) as encoding, datcollate as collate from pg_database where datname = 'postgres'",
    );
    expect(row).toEqual({ encoding: "UTF8", collate: "C.UTF-8" });
  });

  it("stops a server left running by a killed wrapper and starts again on a new port", async () => {
    // The first server is still up: pretend its owner died without stopping it.
    const orphan = running.pop()!;
    const pid = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    expect(pid).toBeGreaterThan(0);

    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), ephemeral: true });
    running.push(server);
    expect(() => process.kill(pid, 0)).toThrow();
    const [row] = await query<{ ok: number }>(server.url, "select 1 as ok");
    expect(row!.ok).toBe(1);
    await orphan.stop(); // already stopped: must return at once
  });

  it("removes a postmaster.pid whose process is gone", async () => {
    await running.pop()!.stop();
    // A pid that cannot be a postmaster of this cluster: a finished child process.
    const gone = spawnSync("true").pid;
    fs.writeFileSync(path.join(dataDir, "postmaster.pid"), `${gone}\n${dataDir}\n`);
    await clearStalePostmaster(dataDir);
    expect(fs.existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);

    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), ephemeral: true });
    running.push(server);
    const [row] = await query<{ ok: number }>(server.url, "select 1 as ok");
    expect(row!.ok).toBe(1);
  });
});
