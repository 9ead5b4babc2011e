/**
 * The purge of a deleted agency (design.md §4.5), queued by deleteAgency for 30 days
 * after the deletion: first its objects in S3 (everything under its prefix), then
 * every row, through weidesk_purge_agency (run as the owner, the only role the
 * append-only audit log lets delete, and only for a deleted agency past its 30 days).
 * Idempotent: a retry after a crash finds fewer objects, or none, and the same rows.
 */
import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/tenant";
import { clock } from "@/lib/clock";
import { logger } from "@/lib/logger";
import { agencyPrefix } from "@/lib/storage/s3";
import type { JobDefinition } from "./worker";

export const PURGE_QUEUE = "agency.purge";

/** Deletes every object under the agency's prefix; returns how many. */
async function deleteAgencyObjects(client: S3Client, bucket: string, agencyId: string): Promise<number> {
  let deleted = 0;
  for (;;) {
    // Always the first page: what was deleted is gone, so the next page is the rest.
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: agencyPrefix(agencyId), MaxKeys: 1000 }));
    const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
    if (keys.length === 0) return deleted;
    const result = await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }));
    if (result.Errors && result.Errors.length > 0) {
      throw new Error(`could not delete ${result.Errors.length} objects of agency ${agencyId}: ${result.Errors[0]?.Code}`);
    }
    deleted += keys.length;
  }
}

export type PurgeOutcome = { purged: boolean; objects: number };

/** Purges the agency if it was deleted at least 30 days ago (by lib/clock); otherwise touches nothing. */
export async function purgeAgency(tx: Tx, agencyId: string, storage: { client: S3Client; bucket: string }): Promise<PurgeOutcome> {
  const now = clock.now();
  const { rows } = await tx.execute<{ due: boolean }>(
    sql`select deleted_at is not null and deleted_at <= ${now}::timestamptz - interval '30 days' as due
        from agencies where id = ${agencyId}`,
  );
  if (!rows[0]?.due) return { purged: false, objects: 0 };
  const objects = await deleteAgencyObjects(storage.client, storage.bucket, agencyId);
  const { rows: result } = await tx.execute<{ purged: boolean }>(sql`select weidesk_purge_agency(${agencyId}, ${now}) as purged`);
  const purged = result[0]?.purged === true;
  logger.info({ agencyId, objects, purged }, "agency purge");
  return { purged, objects };
}

export const purgeAgencyJob: JobDefinition = {
  queue: PURGE_QUEUE,
  handler: async (tx, data) => {
    const { s3, bucket } = await import("@/lib/storage/s3");
    await purgeAgency(tx, data.agencyId, { client: s3(), bucket: bucket() });
  },
};
