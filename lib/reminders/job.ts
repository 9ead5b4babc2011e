/**
 * The worker's reminders.sweep job (issue 9 §3-4; queue made by 0026_reminders.sql):
 * every 5 minutes, for each live agency, the reminder sweep (lib/reminders/sweep.ts) and
 * the weekly digest (lib/reminders/digest.ts), both at the clock's now. The tick names no
 * agency and the worker role sees only the agency it works for, so the list comes from
 * the SECURITY DEFINER function weidesk_live_agencies() (agencies not deleted, ids only).
 */
import "server-only";
import { workerPool } from "@/db/client";
import { clock } from "@/lib/clock";
import type { JobDefinition } from "@/lib/jobs/worker";
import { sendWeeklyDigest } from "./digest";
import { sweepReminders } from "./sweep";

export const REMINDERS_SWEEP_QUEUE = "reminders.sweep";

/** The live agencies' ids, as the worker role. */
export async function liveAgencies(): Promise<string[]> {
  const { rows } = await workerPool().query<{ id: string }>("select id from weidesk_live_agencies() as id");
  return rows.map((row) => row.id);
}

export const remindersSweepJob: JobDefinition = {
  queue: REMINDERS_SWEEP_QUEUE,
  run: async (data) => {
    const now = clock.now();
    const sweep = await sweepReminders(data.agencyId, now);
    await sendWeeklyDigest(data.agencyId, now);
    if (sweep.failed.length) throw new Error(`${sweep.failed.length} reminders not sent; the next sweep tries again`);
  },
  schedule: { cron: "*/5 * * * *", agencies: liveAgencies },
};
