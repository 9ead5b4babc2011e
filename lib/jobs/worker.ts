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
/**
 * For jobs that talk to the store at length (the storage reconciliation): no transaction
 * is held open around them; they open their own short ones through withWorker(data.agencyId).
 */
export type JobRunner = (data: JobData) => Promise<void>;

/**
 * A job the worker also runs on a schedule (pg-boss cron, UTC). The tick names no agency:
 * `agencies` says which agencies it runs for, one after the other, each as its own job would.
 */
export type JobSchedule = { cron: string; agencies: () => Promise<string[]> };

export type JobDefinition = { queue: string; schedule?: JobSchedule } & (
  | { handler: JobHandler; run?: never }
  | { run: JobRunner; handler?: never }
);

/** The data of a scheduled tick (see JobSchedule). */
const tickSchema = z.object({ tick: z.literal(true) });

async function runJob(job: JobDefinition, data: JobData): Promise<void> {
  if (job.run) await job.run(data);
  else await withWorker(data.agencyId, (tx) => job.handler!(tx, data));
}

/** A tick: the job for every agency its schedule names; one agency failing does not stop the rest. */
async function runTick(job: JobDefinition & { schedule: JobSchedule }): Promise<void> {
  const failed: string[] = [];
  for (const agencyId of await job.schedule.agencies()) {
    try {
      await runJob(job, { agencyId });
    } catch (error) {
      failed.push(agencyId);
      logger.error({ err: { message: error instanceof Error ? error.message : String(error) }, agencyId, queue: job.queue }, "scheduled job failed");
    }
  }
  if (failed.length) throw new Error(`${job.queue}: ${failed.length} agencies failed`);
}

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
        if (job.schedule && tickSchema.safeParse(data).success) {
          await runTick({ ...job, schedule: job.schedule });
          continue;
        }
        const parsed = jobDataSchema.safeParse(data);
        if (!parsed.success) {
          // A malformed job is a bug in its sender: fail it (pg-boss keeps it) rather than guess.
          throw new Error(`job ${id} on ${job.queue} has no valid agencyId`);
        }
        await runJob(job, parsed.data);
      }
    });
    if (job.schedule) await boss.schedule(job.queue, job.schedule.cron, { tick: true }, { tz: "UTC" });
  }
  logger.info({ queues: jobs.map((j) => j.queue) }, "worker started");
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 10_000 }) };
}
