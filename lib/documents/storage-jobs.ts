/**
 * The worker's storage jobs (issue 8 §6):
 *
 * - documents.sweep_staging, hourly: the staging objects of intents never completed
 *   within 24 hours are deleted and their intents marked expired; staging objects whose
 *   intent is finished (a delete that failed at complete) go too.
 * - storage.reconcile, daily: every object under the agency's prefix (staging aside, the
 *   sweep's business) against the document_versions rows: objects without a row (among
 *   them bytes written to a company's key without an intent: s3rver takes anonymous
 *   writes), rows without an object, and objects whose size or ETag no longer match,
 *   which are quarantined as a download would (download.ts). One storage_reconciliations
 *   row per run says what was compared and found; the settings' storage page shows it.
 *
 * The store cannot join a transaction, so neither job holds one open while it lists or
 * HEADs: rows are read in one short withWorker transaction, the store is asked, and what
 * follows is written in another. Both may run twice: a deleted object is not an error,
 * a quarantine is recorded once per version.
 *
 * The scheduled ticks name no agency; the worker cannot list agencies (row-level
 * security shows it only the one it works for), so the ticks run for every agency with
 * objects under `agencies/` in the store. An agency with no object at all has nothing to
 * sweep; its rows without objects are found by "Run reconciliation now" on its page.
 */
import "server-only";
import { DeleteObjectCommand, ListObjectsV2Command, type _Object } from "@aws-sdk/client-s3";
import { and, eq, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { documentQuarantines, documents, documentVersions, storageReconciliations, uploadIntents } from "@/db/schema";
import { withWorker } from "@/db/tenant";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import type { JobDefinition } from "@/lib/jobs/worker";
import { logger } from "@/lib/logger";
import { versionObjectKept } from "@/lib/people/erase";
import { agencyPrefix, bucket, s3 } from "@/lib/storage/s3";
import type { ReconciliationFinding, ReconciliationReport } from "./document-types";
import { checkStoredObject, quarantineVersion, storedVersionColumns, type ObjectDrift, type StoredVersion } from "./download";

export const SWEEP_STAGING_QUEUE = "documents.sweep_staging";
export const RECONCILE_QUEUE = "storage.reconcile";

/** A pending intent older than this has had its chance (its presigned POST lived 2 minutes, its complete 30). */
export const STAGING_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** HEADs in flight at once during a reconciliation. */
const HEAD_CONCURRENCY = 8;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Every object under `prefix`, page by page. */
async function listObjects(prefix: string): Promise<_Object[]> {
  const objects: _Object[] = [];
  let token: string | undefined;
  do {
    const page = await s3().send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: prefix, ContinuationToken: token, MaxKeys: 1000 }));
    objects.push(...(page.Contents ?? []));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

/** Deleting a key that is gone is not an error (S3 answers 204). */
async function deleteKey(key: string): Promise<void> {
  await s3().send(new DeleteObjectCommand({ Bucket: bucket(), Key: key }));
}

/**
 * The agencies with objects in the store: the scheduled ticks' list (see above). One
 * request per agency: the first key after the previous agency's prefix (`agencies/<id>0`
 * sorts after every `agencies/<id>/…`). A delimiter listing would do too on S3, but
 * s3rver's filesystem store finds no common prefix for keys nested deeper than one level.
 */
export async function agenciesInStore(): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (;;) {
    // Two, not one: s3rver fails a listing of MaxKeys 1.
    const page = await s3().send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: "agencies/", StartAfter: after, MaxKeys: 2 }));
    const key = page.Contents?.[0]?.Key;
    if (!key) return ids;
    const id = /^agencies\/([^/]+)\//.exec(key)?.[1];
    if (!id) {
      after = key;
      continue;
    }
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) ids.push(id);
    after = `agencies/${id}0`;
  }
}

/**
 * The staging sweep of one agency at `now`: intents pending for more than 24 hours lose
 * their object and become expired; staging objects of finished intents are deleted;
 * staging objects no intent names are deleted once the store says they are 24 hours old.
 * Answers how many objects it deleted (or found already gone).
 */
export async function sweepStaging(agencyId: string, now: Date = clock.now()): Promise<number> {
  const cutoff = new Date(now.getTime() - STAGING_MAX_AGE_MS);
  const prefix = `${agencyPrefix(agencyId)}staging/`;
  const { stale, intents } = await withWorker(agencyId, async (tx) => ({
    stale: await tx
      .select({ id: uploadIntents.id, stagingKey: uploadIntents.stagingKey })
      .from(uploadIntents)
      // expires_at is created_at + 30 minutes: the first condition lets the pending index serve.
      .where(
        and(
          eq(uploadIntents.agencyId, agencyId),
          eq(uploadIntents.status, "pending"),
          lt(uploadIntents.expiresAt, new Date(cutoff.getTime() + 60 * 60 * 1000)),
          lt(uploadIntents.createdAt, cutoff),
        ),
      ),
    intents: new Map(
      (
        await tx
          .select({ stagingKey: uploadIntents.stagingKey, status: uploadIntents.status })
          .from(uploadIntents)
          .where(and(eq(uploadIntents.agencyId, agencyId), sql`${uploadIntents.stagingKey} like ${prefix + "%"}`))
      ).map((row) => [row.stagingKey, row.status]),
    ),
  }));

  let deleted = 0;
  const expired: string[] = [];
  for (const intent of stale) {
    try {
      await deleteKey(intent.stagingKey);
      deleted += 1;
      expired.push(intent.id);
    } catch (error) {
      logger.warn({ err: { message: message(error) }, agencyId, intentId: intent.id }, "staging sweep: delete failed");
    }
  }
  const staleKeys = new Set(stale.map((intent) => intent.stagingKey));
  for (const object of await listObjects(prefix)) {
    const key = object.Key!;
    if (staleKeys.has(key)) continue;
    const status = intents.get(key);
    const leftover = status !== undefined && status !== "pending";
    const orphan = status === undefined && object.LastModified !== undefined && object.LastModified.getTime() < cutoff.getTime();
    if (!leftover && !orphan) continue;
    try {
      await deleteKey(key);
      deleted += 1;
    } catch (error) {
      logger.warn({ err: { message: message(error) }, agencyId }, "staging sweep: delete failed");
    }
  }
  if (expired.length) {
    await withWorker(agencyId, async (tx) => {
      for (const id of expired) {
        await tx
          .update(uploadIntents)
          .set({ status: "expired", refusalReason: "expired", result: { refused: "expired" }, completedAt: now })
          .where(and(eq(uploadIntents.agencyId, agencyId), eq(uploadIntents.id, id), eq(uploadIntents.status, "pending")));
      }
    });
  }
  logger.info({ agencyId, deleted, expired: expired.length }, "staging sweep");
  return deleted;
}

/** The sweep of every agency in the store; for the hourly tick and tests. */
export async function runStagingSweep(now: Date = clock.now()): Promise<number> {
  let deleted = 0;
  for (const agencyId of await agenciesInStore()) deleted += await sweepStaging(agencyId, now);
  return deleted;
}

type VersionRow = StoredVersion & { kept: boolean; quarantined: boolean };

/** Runs `work` over `items`, `limit` at a time. */
async function inBatches<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += limit) {
    results.push(...(await Promise.all(items.slice(start, start + limit).map(work))));
  }
  return results;
}

function reportDto(row: typeof storageReconciliations.$inferSelect): ReconciliationReport {
  return {
    id: row.id,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt.toISOString(),
    objectsScanned: row.objectsScanned,
    versionsChecked: row.versionsChecked,
    stagingDeleted: row.stagingDeleted,
    findings: row.findings as ReconciliationFinding[],
  };
}

/**
 * The reconciliation of one agency at `now` (see above), with its staging sweep first;
 * records and answers its report. Mismatched and missing objects are quarantined
 * (detected_by 'reconciliation'); a version already quarantined is reported again while
 * its object still differs. Versions of erased people have no objects by design and are
 * not reported.
 */
export async function runReconciliation(agencyId: string, now: Date = clock.now()): Promise<ReconciliationReport> {
  const startedAt = now;
  const began = performance.now();
  const d = alias(documents, "d");
  const stagingDeleted = await sweepStaging(agencyId, now);
  const prefix = agencyPrefix(agencyId);
  const objects = (await listObjects(prefix)).filter((object) => object.Key && !object.Key.startsWith(`${prefix}staging/`));
  const versions: VersionRow[] = await withWorker(agencyId, async (tx) => {
    const rows = await tx
      .select({
        ...storedVersionColumns,
        kept: sql<boolean>`${versionObjectKept("d")}`,
        quarantined: sql<boolean>`${documentQuarantines.id} is not null`,
      })
      .from(documentVersions)
      .innerJoin(d, and(eq(d.agencyId, documentVersions.agencyId), eq(d.id, documentVersions.documentId)))
      .leftJoin(
        documentQuarantines,
        and(eq(documentQuarantines.agencyId, documentVersions.agencyId), eq(documentQuarantines.documentVersionId, documentVersions.id)),
      )
      .where(eq(documentVersions.agencyId, agencyId));
    return rows;
  });

  const rowKeys = new Set(versions.map((version) => version.s3Key));
  const findings: ReconciliationFinding[] = [];
  for (const object of objects) {
    if (!rowKeys.has(object.Key!)) findings.push({ kind: "object_without_row", key: object.Key!, detail: `${object.Size ?? 0}` });
  }
  const checked = versions.filter((version) => version.kept);
  const drifts = await inBatches(checked, HEAD_CONCURRENCY, async (version) => ({ version, drift: await checkStoredObject(version) }));
  const toQuarantine: { version: VersionRow; drift: ObjectDrift }[] = [];
  for (const { version, drift } of drifts) {
    if (!drift) continue;
    findings.push({
      kind: drift.reason === "missing" ? "row_without_object" : "mismatch",
      key: version.s3Key,
      versionId: version.id,
      detail: drift.reason,
    });
    if (!version.quarantined) toQuarantine.push({ version, drift });
  }

  const report = await withWorker(agencyId, async (tx) => {
    for (const { version, drift } of toQuarantine) {
      await quarantineVersion(tx, version, drift, "reconciliation", { actorUserId: null });
    }
    const [row] = await tx
      .insert(storageReconciliations)
      .values({
        id: newId(),
        agencyId,
        startedAt,
        finishedAt: new Date(startedAt.getTime() + Math.round(performance.now() - began)),
        objectsScanned: objects.length,
        versionsChecked: checked.length,
        stagingDeleted,
        findings,
      })
      .returning();
    return reportDto(row!);
  });
  logger.info({ agencyId, objects: objects.length, versions: checked.length, findings: findings.length }, "storage reconciliation");
  return report;
}

export const sweepStagingJob: JobDefinition = {
  queue: SWEEP_STAGING_QUEUE,
  run: async (data) => {
    await sweepStaging(data.agencyId);
  },
  schedule: { cron: "17 * * * *", agencies: agenciesInStore },
};

export const reconcileStorageJob: JobDefinition = {
  queue: RECONCILE_QUEUE,
  run: async (data) => {
    await runReconciliation(data.agencyId);
  },
  schedule: { cron: "40 3 * * *", agencies: agenciesInStore },
};
