import { reconcileStorageJob, sweepStagingJob } from "@/lib/documents/storage-jobs";
import { eraseObjectsJob } from "@/lib/people/erase";
import { remindersSweepJob } from "@/lib/reminders/job";
import { env } from "@/lib/env";
import { purgeAgencyJob } from "./purge-agency";
import type { JobDefinition } from "./worker";

/**
 * The jobs the worker runs. Each queue must also be created by a migration
 * (`SELECT pgboss.create_queue('<name>', '{"policy":"standard"}')`), since the worker
 * role cannot create tables. Reminders, sweeps and clean-ups join as their issues land.
 */
export function jobs(): readonly JobDefinition[] {
  return [purgeAgencyJob, eraseObjectsJob, sweepStagingJob, reconcileStorageJob, ...(env().REMINDERS_ENABLED ? [remindersSweepJob] : [])];
}
