/**
 * Downloads and previews (design.md §6, issue 8 §4): a permission check in the database,
 * then a HEAD of the version's own object comparing its size and ETag with those stored
 * at complete, then a presigned GET of 60 s that names `Content-Disposition: attachment`
 * and the type the bytes proved. Only the key on the version's row is ever signed.
 *
 * A mismatch (new bytes written behind the app's back: s3rver takes anonymous writes, a
 * real bucket policy does not) or a missing object quarantines the version, committed on
 * its own before the refusal is thrown, so the refusal never rolls it back; a quarantined
 * version is never served again. The reconciliation job (storage-jobs.ts) quarantines the
 * same way through quarantineVersion.
 */
import "server-only";
import { GetObjectCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { and, desc, eq, sql } from "drizzle-orm";
import { documentQuarantines, documents, documentVersions } from "@/db/schema";
import { withTenant, withWorker, type TenantContext, type Tx } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record";
import type { MembershipContext } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { can, isStaffRole } from "@/lib/rbac/permissions";
import { bucket, s3 } from "@/lib/storage/s3";
import type { DownloadLink, QuarantineReason } from "./document-types";
import type { UploadType } from "./upload-schemas";

export type DownloadActor = Pick<MembershipContext, "user" | "agency" | "role" | "clientCompany">;

/** How long a presigned GET lives (design.md §6: 60 seconds). */
export const DOWNLOAD_URL_SECONDS = 60;

export const DOWNLOAD_MESSAGES = {
  quarantined: "documentDownload.errors.quarantined",
  notFound: "documentDownload.errors.notFound",
} as const;

/** Types a browser may show inline: images and PDFs, never anything that runs script. */
const INLINE_TYPES: ReadonlySet<string> = new Set(["image/jpeg", "image/gif", "image/bmp", "application/pdf"]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type StoredVersion = {
  id: string;
  agencyId: string;
  clientCompanyId: string;
  documentId: string;
  s3Key: string;
  sizeBytes: number;
  etag: string;
  detectedType: string;
  originalName: string;
};

/** The columns of a StoredVersion, for the download and the reconciliation to select alike. */
export const storedVersionColumns = {
  id: documentVersions.id,
  agencyId: documentVersions.agencyId,
  clientCompanyId: documentVersions.clientCompanyId,
  documentId: documentVersions.documentId,
  s3Key: documentVersions.s3Key,
  sizeBytes: documentVersions.sizeBytes,
  etag: documentVersions.etag,
  detectedType: documentVersions.detectedType,
  originalName: documentVersions.originalName,
};

/** What a HEAD saw that no longer matches the row; null while it matches. */
export type ObjectDrift = { reason: QuarantineReason; observed: { sizeBytes: number; etag: string } | null };

const notFound = () => new AppError("NOT_FOUND", "no such document version", { messageKey: DOWNLOAD_MESSAGES.notFound });

export function quarantinedError(versionId: string): AppError {
  return new AppError("CONFLICT", `document version ${versionId} is quarantined`, { messageKey: DOWNLOAD_MESSAGES.quarantined });
}

/**
 * Staff who may read documents, or a client administrator, whose tenant context carries
 * their company (row-level security then hides every other company's version). Checked
 * by role: a client administrator has no staff permission.
 */
function tenantOf(actor: DownloadActor): TenantContext {
  if (actor.role === "client_admin") {
    if (!actor.clientCompany) throw new AppError("FORBIDDEN", "client administrator without a company");
    return { agencyId: actor.agency.id, userId: actor.user.id, clientCompanyId: actor.clientCompany.id };
  }
  if (!isStaffRole(actor.role) || !can(actor.role, "document:read")) throw new AppError("FORBIDDEN", "document:read");
  return { agencyId: actor.agency.id, userId: actor.user.id, clientCompanyId: null };
}

function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

/** HEADs the version's object and compares it with the row: gone, another size or another ETag. */
export async function checkStoredObject(version: Pick<StoredVersion, "s3Key" | "sizeBytes" | "etag">): Promise<ObjectDrift | null> {
  let head;
  try {
    head = await s3().send(new HeadObjectCommand({ Bucket: bucket(), Key: version.s3Key }));
  } catch (error) {
    if (httpStatus(error) === 404) return { reason: "missing", observed: null };
    throw error;
  }
  return driftOf(version, { sizeBytes: head.ContentLength ?? -1, etag: head.ETag ?? "" });
}

/** The drift between a row and what the store reports for its object (a HEAD or a listing). */
export function driftOf(version: Pick<StoredVersion, "sizeBytes" | "etag">, observed: { sizeBytes: number; etag: string }): ObjectDrift | null {
  if (observed.sizeBytes !== version.sizeBytes) return { reason: "size_mismatch", observed };
  if (observed.etag !== version.etag) return { reason: "etag_mismatch", observed };
  return null;
}

/**
 * Records the quarantine in `tx`: the row (once per version: a second detection changes
 * nothing), the document's status when it is the document's latest version, and the
 * audit event. Answers whether this call quarantined it.
 */
export async function quarantineVersion(
  tx: Tx,
  version: StoredVersion,
  drift: ObjectDrift,
  detectedBy: "download" | "reconciliation",
  { actorUserId, requestId }: { actorUserId: string | null; requestId?: string | null },
): Promise<boolean> {
  const now = clock.now();
  const [inserted] = await tx
    .insert(documentQuarantines)
    .values({
      id: newId(),
      agencyId: version.agencyId,
      clientCompanyId: version.clientCompanyId,
      documentVersionId: version.id,
      reason: drift.reason,
      observed: drift.observed,
      detectedBy,
      at: now,
    })
    .onConflictDoNothing({ target: [documentQuarantines.agencyId, documentQuarantines.documentVersionId] })
    .returning({ id: documentQuarantines.id });
  if (!inserted) return false;
  const [latest] = await tx
    .select({ id: documentVersions.id })
    .from(documentVersions)
    .where(and(eq(documentVersions.agencyId, version.agencyId), eq(documentVersions.documentId, version.documentId)))
    .orderBy(desc(documentVersions.uploadedAt), desc(documentVersions.id))
    .limit(1);
  const latestQuarantined = latest?.id === version.id;
  if (latestQuarantined) {
    await tx
      .update(documents)
      .set({ status: "quarantined", updatedAt: now, version: sql`${documents.version} + 1` })
      .where(and(eq(documents.agencyId, version.agencyId), eq(documents.id, version.documentId)));
  }
  await recordAudit(tx, {
    agencyId: version.agencyId,
    actorUserId,
    action: "document.quarantine",
    targetType: "document",
    targetId: version.documentId,
    data: { versionId: version.id, reason: drift.reason, observed: drift.observed, detectedBy, documentStatusChanged: latestQuarantined },
    requestId: requestId ?? null,
  });
  return true;
}

/** `attachment; filename*=UTF-8''…` (RFC 6266 / 5987), with an ASCII fallback name. */
export function contentDisposition(disposition: "attachment" | "inline", fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\;]/g, "_");
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** When the signature stops working: its own X-Amz-Date plus X-Amz-Expires (the SDK's time, not the test clock). */
function signedUntil(url: string): string {
  const query = new URL(url).searchParams;
  const at = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(query.get("X-Amz-Date") ?? "");
  const signedAt = at ? Date.UTC(+at[1]!, +at[2]! - 1, +at[3]!, +at[4]!, +at[5]!, +at[6]!) : Date.now();
  return new Date(signedAt + Number(query.get("X-Amz-Expires") ?? DOWNLOAD_URL_SECONDS) * 1000).toISOString();
}

/**
 * A presigned GET of the version for `actor`. Another agency's or company's version, and
 * an id that is not one, are 404; a quarantined version, or one whose object no longer
 * matches (then quarantined first), is 409 with documentDownload.errors.quarantined.
 * `inline` is honoured for images and PDFs only (previews); anything else is an attachment.
 */
export async function createDownloadLink(
  actor: DownloadActor,
  versionId: unknown,
  { disposition = "attachment", requestId }: { disposition?: "attachment" | "inline"; requestId?: string | null } = {},
): Promise<DownloadLink> {
  const tenant = tenantOf(actor);
  if (typeof versionId !== "string" || !UUID.test(versionId)) throw notFound();
  const agencyId = actor.agency.id;

  const [row] = await withTenant({ ...tenant, readOnly: true }, (tx) =>
    tx
      .select({
        ...storedVersionColumns,
        quarantineId: documentQuarantines.id,
      })
      .from(documentVersions)
      .leftJoin(
        documentQuarantines,
        and(eq(documentQuarantines.agencyId, documentVersions.agencyId), eq(documentQuarantines.documentVersionId, documentVersions.id)),
      )
      .where(and(eq(documentVersions.agencyId, agencyId), eq(documentVersions.id, versionId))),
  );
  if (!row) throw notFound();
  if (row.quarantineId) throw quarantinedError(row.id);
  const { quarantineId: _, ...version } = row;

  const drift = await checkStoredObject(version);
  if (drift) {
    // The system's safeguard, not the reader's change: written as the worker (in this
    // agency only), since a manager's context is read-only and a client administrator may
    // write no audit event but their uploads'; its own transaction, committed before the
    // refusal. The version was found under the reader's own context just above.
    await withWorker(version.agencyId, (tx) =>
      quarantineVersion(tx, version, drift, "download", { actorUserId: actor.user.id, requestId }),
    );
    throw quarantinedError(version.id);
  }

  const contentType = version.detectedType as UploadType;
  const chosen = disposition === "inline" && INLINE_TYPES.has(contentType) ? "inline" : "attachment";
  const url = await getSignedUrl(
    s3(),
    new GetObjectCommand({
      Bucket: bucket(),
      Key: version.s3Key,
      ResponseContentDisposition: contentDisposition(chosen, version.originalName),
      ResponseContentType: contentType,
    }),
    { expiresIn: DOWNLOAD_URL_SECONDS },
  );
  return {
    url,
    expiresAt: signedUntil(url),
    fileName: version.originalName,
    contentType,
  };
}
