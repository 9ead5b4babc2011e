/**
 * The worker as deployed: pg-boss as weidesk_worker with migrate: false on the schema
 * the owner's migrations made; a job runs inside its agency's row-level security.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { urlForRole } from "@/db/roles";
import { makeAgencyWithEveryTable, type AgencyFixture } from "@/lib/testing/factories";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { startWorker } from "./worker";

let admin: pg.Client;
let a: AgencyFixture;
let b: AgencyFixture;
const queue = `test.count-companies-${randomUUID().slice(0, 8)}`;
const workerUrl = () => urlForRole(workerDatabaseUrl(), "weidesk_worker", process.env.DATABASE_ROLE_PASSWORD);

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  a = await makeAgencyWithEveryTable(admin, "jobs-a");
  b = await makeAgencyWithEveryTable(admin, "jobs-b");
  // As a migration would: queues are made by the owner, never by the worker.
  await admin.query("set role weidesk_owner");
  await admin.query(`select pgboss.create_queue($1, '{"policy":"standard"}')`, [queue]);
  await admin.query("reset role");
});

afterAll(() => admin.end());

describe("the worker", () => {
  it("runs a job as weidesk_worker inside the job's agency only", async () => {
    const seen: { agencyId: string; role: string; agencies: string[] }[] = [];
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const { boss, stop } = await startWorker(workerUrl(), [
      {
        queue,
        handler: async (tx, data) => {
          const { rows } = await tx.execute<{ agency_id: string; role: string }>(
            sql`select distinct agency_id, current_user as role from client_companies`,
          );
          seen.push({ agencyId: data.agencyId, role: rows[0]!.role, agencies: rows.map((r) => r.agency_id) });
          if (seen.length === 2) finished();
        },
      },
    ]);
    try {
      await boss.send(queue, { agencyId: a.agencyId });
      await boss.send(queue, { agencyId: b.agencyId });
      await done;
    } finally {
      await stop();
    }
    expect(seen.map((s) => s.agencyId).sort()).toEqual([a.agencyId, b.agencyId].sort());
    for (const job of seen) expect(job).toEqual({ agencyId: job.agencyId, role: "weidesk_worker", agencies: [job.agencyId] });
  });

  it("cannot create a queue itself: DDL belongs to the owner's migrations", async () => {
    const worker = new pg.Client({ connectionString: workerUrl() });
    await worker.connect();
    try {
      await expect(worker.query(`select pgboss.create_queue('not-allowed', '{"policy":"standard"}')`)).rejects.toMatchObject({
        code: "42501",
      });
    } finally {
      await worker.end();
    }
  });
});
