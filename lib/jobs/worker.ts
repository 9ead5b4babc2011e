/**
 * The background worker (design.md §2): pg-boss 10 on PostgreSQL, connected as
 * weidesk_worker. Its schema and queues are made by the owner's migrations
 * (db/migrations/0003_jobs.sql and later ones), so it starts with migrate: false and
 * could not create a table if it tried. Every job names its agency; its handler runs
 * inside withWorker(agencyId), so row-level security scopes it like a request.
 *
 * Jobs are registered in lib/jobs/registry.ts; the issues that need reminders, sweeps
 * and clean-ups add theirs there.
 */
import PgBoss from "pg-boss";
import { z } from "@/lib/validation/zod";
import { withWorker, type Tx } from "@/db/tenant";
import { logger } from "@/lib/logger";

/** Every job carries the agency it works for. */
export const jobDataSchema = z.object({ agencyId: z.uuid() }).passthrough();
export type JobData = z.infer<typeof jobDataSchema>;

/** Runs inside withWorker(data.agencyId): `tx` sees only that agency's rows. */
export type JobHandler = (tx: Tx, data: JobData) => Promise<void>;
export type JobDefinition = { queue: string; handler: JobHandler };

export const PGBOSS_SCHEMA = "pgboss";

export function createBoss(connectionString: string): PgBoss {
  const boss = new PgBoss({
    connectionString,
    schema: PGBOSS_SCHEMA,
    migrate: false,
    application_name: "weidesk-worker",
    max: 4,
  });
  boss.on("error", (error: Error) => logger.error({ err: { message: error.message } }, "job queue error"));
  return boss;
}

/** Starts pg-boss and one subscription per job; resolves to a stop function. */
export async function startWorker(
  connectionString: string,
  jobs: readonly JobDefinition[],
): Promise<{ boss: PgBoss; stop: () => Promise<void> }> {
  const boss = createBoss(connectionString);
  await boss.start();
  for (const job of jobs) {
    await boss.work<JobData>(job.queue, async (batch) => {
      for (const { id, data } of batch) {
        const parsed = jobDataSchema.safeParse(data);
        if (!parsed.success) {
          // A malformed job is a bug in its sender: fail it (pg-boss keeps it) rather than guess.
          throw new Error(`job ${id} on ${job.queue} has no valid agencyId`);
        }
        await withWorker(parsed.data.agencyId, (tx) => job.handler(tx, parsed.data));
      }
    });
  }
  logger.info({ queues: jobs.map((j) => j.queue) }, "worker started");
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 10_000 }) };
}
