/**
 * The upload pipeline of design.md §6, in two calls:
 *
 * 1. createUploadIntent: the permission check, the declared file checked against the
 *    limits before anything else, and under an Idempotency-Key (the same key with the
 *    same body answers the same intent; with another body, 422) an intent row and a
 *    presigned POST to `agencies/<agency>/staging/<intent>` expiring in 2 minutes, whose
 *    policy fixes the key, the Content-Type and the size.
 * 2. completeUpload, within 30 minutes: HEAD (size), the first bytes (the type by its
 *    magic bytes, never by name or declared MIME), the SHA-256 of every byte, a
 *    server-side copy to the final key (nothing is ever presigned for writing there), a
 *    HEAD of the copy for the size and ETag stored, then the document, its version and
 *    the audit event in one transaction, and the staging object deleted. Anything wrong
 *    deletes the staging object, marks the intent refused with its reason and answers
 *    422 saying why. A repeated complete answers what the first one did.
 *
 * Stores that honour POST policies (AWS S3, MinIO, COS, OSS) refuse a wrong key, type or
 * size at upload time; s3rver honours none, so complete is the enforcement of record.
 */
import "server-only";
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { and, eq, inArray, sql } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import {
  clientCompanies,
  documentRegistrations,
  documentRequests,
  documents,
  documentVersions,
  personCompanies,
  registrations,
  uploadIntents,
} from "@/db/schema";
import { withTenant, type TenantContext, type Tx } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record";
import type { MembershipContext } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/logger";
import { assertCan } from "@/lib/rbac/permissions";
import { agencyPrefix, bucket, s3 } from "@/lib/storage/s3";
import type { z } from "@/lib/validation/zod";
import {
  completedUploadSchema,
  idempotencyKeySchema,
  isUploadType,
  refusalMessageKey,
  UPLOAD_MESSAGES as m,
  uploadIntentInputSchema,
  uploadTypes,
  type CompletedUpload,
  type UploadIntentDto,
  type UploadIntentInput,
  type UploadRefusal,
  type UploadType,
} from "./upload-schemas";

export type UploadActor = Pick<MembershipContext, "user" | "agency" | "role" | "clientCompany">;

/** How long the presigned POST lives (design.md §6: 2 minutes). */
export const PRESIGNED_POST_SECONDS = 120;
/** How long an intent may wait for its complete (design.md §6: 30 minutes). */
export const INTENT_LIFETIME_MS = 30 * 60 * 1000;
/** The first bytes read to tell the type: file-type needs at most 4 100 of them. */
const SNIFF_BYTES = 4101;

type IntentRow = typeof uploadIntents.$inferSelect;

/** A refusal as stored in the intent's result, answered again on a repeated complete. */
type StoredRefusal = { refused: UploadRefusal };

export function stagingKey(agencyId: string, intentId: string): string {
  return `${agencyPrefix(agencyId)}staging/${intentId}`;
}

export function finalKey(intent: Pick<IntentRow, "agencyId" | "clientCompanyId" | "documentId" | "versionId">): string {
  return `${agencyPrefix(intent.agencyId)}companies/${intent.clientCompanyId}/documents/${intent.documentId}/${intent.versionId}`;
}

/**
 * Staff who may upload (owners, admins, staff), or a client administrator, whose tenant
 * context carries their company so the database shows them nothing else.
 */
function tenantOf(actor: UploadActor): TenantContext {
  assertCan(actor.role, "document:upload");
  if (actor.role === "client_admin" && !actor.clientCompany) {
    throw new AppError("FORBIDDEN", "client administrator without a company");
  }
  return {
    agencyId: actor.agency.id,
    userId: actor.user.id,
    clientCompanyId: actor.role === "client_admin" ? actor.clientCompany!.id : null,
  };
}

function invalid(fields: Record<string, string>, what: string): AppError {
  return new AppError("VALIDATION", `invalid upload ${what}: ${Object.keys(fields).join(", ")}`, { fields });
}

function parse<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
  throw invalid(fields, what);
}

function notFound(): AppError {
  return new AppError("NOT_FOUND", "no such upload intent", { messageKey: m.notFound });
}

/** The 422 of a refused upload: its reason's message, on the `file` field. */
export function refusalError(reason: UploadRefusal): AppError {
  const key = refusalMessageKey(reason);
  return new AppError("VALIDATION", `upload refused: ${reason}`, { fields: { file: key }, messageKey: key, reason });
}

/** The body as hashed: keys sorted, registrations as a set, absent and empty the same. */
function canonicalBody(input: UploadIntentInput): string {
  const canonical: Record<string, unknown> = {
    companyId: input.companyId,
    contentType: input.contentType,
    documentId: input.documentId ?? null,
    fileName: input.fileName,
    kind: input.kind,
    personId: input.personId ?? null,
    registrationIds: [...new Set(input.registrationIds ?? [])].sort(),
    requestId: input.requestId ?? null,
    size: input.size,
  };
  return JSON.stringify(canonical);
}

const sha256 = (value: string | Uint8Array) => createHash("sha256").update(value).digest();

/** The intent's DTO; `upload` only while pending (a fresh presigned POST each time). */
async function intentDto(row: IntentRow): Promise<UploadIntentDto> {
  return {
    id: row.id,
    status: row.status,
    companyId: row.clientCompanyId,
    documentId: row.documentId,
    kind: row.kind,
    fileName: row.originalName,
    contentType: row.declaredType as UploadType,
    size: row.declaredSize,
    expiresAt: row.expiresAt.toISOString(),
    upload: row.status === "pending" ? await presignPost(row) : null,
  };
}

/**
 * A presigned POST to the intent's staging key whose policy fixes the key, the declared
 * Content-Type (the `Content-Type` field is a condition too) and a size from 1 byte to
 * the declared type's limit.
 */
async function presignPost(row: IntentRow): Promise<NonNullable<UploadIntentDto["upload"]>> {
  const type = row.declaredType as UploadType;
  const post = await createPresignedPost(s3(), {
    Bucket: bucket(),
    Key: row.stagingKey,
    Fields: { "Content-Type": type },
    Conditions: [["content-length-range", 1, uploadTypes[type].maxBytes]],
    Expires: PRESIGNED_POST_SECONDS,
  });
  // The policy's own expiry, as createPresignedPost wrote it (the SDK's time, not the test clock).
  const policy = JSON.parse(Buffer.from(post.fields.Policy!, "base64").toString("utf8")) as { expiration: string };
  return { url: post.url, fields: post.fields, expiresAt: new Date(policy.expiration).toISOString() };
}

/** That every id the intent names belongs to its company (row-level security hides the rest). */
async function checkReferences(tx: Tx, agencyId: string, input: UploadIntentInput): Promise<void> {
  const [company] = await tx
    .select({ id: clientCompanies.id })
    .from(clientCompanies)
    .where(and(eq(clientCompanies.agencyId, agencyId), eq(clientCompanies.id, input.companyId)));
  // Another agency's company, or one a client administrator or restricted staff member cannot see.
  if (!company) throw new AppError("NOT_FOUND", "no such company for an upload");

  if (input.personId) {
    const [link] = await tx
      .select({ personId: personCompanies.personId })
      .from(personCompanies)
      .where(
        and(
          eq(personCompanies.agencyId, agencyId),
          eq(personCompanies.personId, input.personId),
          eq(personCompanies.clientCompanyId, input.companyId),
        ),
      )
      .limit(1);
    if (!link) throw invalid({ personId: m.personNotFound }, "person");
  }
  if (input.requestId) {
    const [request] = await tx
      .select({ id: documentRequests.id })
      .from(documentRequests)
      .where(
        and(
          eq(documentRequests.agencyId, agencyId),
          eq(documentRequests.id, input.requestId),
          eq(documentRequests.clientCompanyId, input.companyId),
        ),
      );
    if (!request) throw invalid({ requestId: m.requestNotFound }, "request");
  }
  const registrationIds = [...new Set(input.registrationIds ?? [])];
  if (registrationIds.length) {
    const found = await tx
      .select({ id: registrations.id })
      .from(registrations)
      .where(
        and(
          eq(registrations.agencyId, agencyId),
          eq(registrations.clientCompanyId, input.companyId),
          inArray(registrations.id, registrationIds),
        ),
      );
    if (found.length !== registrationIds.length) throw invalid({ registrationIds: m.registrationNotFound }, "registrations");
  }
  if (input.documentId) {
    const [document] = await tx
      .select({ kind: documents.kind, personId: documents.personId })
      .from(documents)
      .where(
        and(eq(documents.agencyId, agencyId), eq(documents.id, input.documentId), eq(documents.clientCompanyId, input.companyId)),
      );
    if (!document || document.kind !== input.kind || (document.personId ?? undefined) !== input.personId) {
      throw invalid({ documentId: m.documentNotFound }, "document");
    }
  }
}

/**
 * Declares an upload and answers where to send it. The same Idempotency-Key with the same
 * body answers the same intent (`created: false`), however often and however concurrently
 * it is sent; with another body it is refused on `idempotencyKey` (422).
 */
export async function createUploadIntent(
  actor: UploadActor,
  raw: unknown,
  { idempotencyKey }: { idempotencyKey: string | null | undefined },
): Promise<{ intent: UploadIntentDto; created: boolean }> {
  const tenant = tenantOf(actor);
  const parsedKey = idempotencyKeySchema.safeParse(idempotencyKey ?? undefined);
  if (!parsedKey.success) throw invalid({ idempotencyKey: m.idempotencyKeyRequired }, "idempotency key");
  const key = parsedKey.data;
  const input = parse(uploadIntentInputSchema, raw, "intent");
  if (actor.role === "client_admin" && input.companyId !== actor.clientCompany!.id) {
    throw new AppError("NOT_FOUND", "a client administrator uploads for their own company only");
  }
  const requestHash = sha256(canonicalBody(input));
  const agencyId = actor.agency.id;

  const { row, created } = await withTenant(tenant, async (tx) => {
    const findByKey = async () => {
      const [existing] = await tx
        .select()
        .from(uploadIntents)
        .where(
          and(eq(uploadIntents.agencyId, agencyId), eq(uploadIntents.createdBy, actor.user.id), eq(uploadIntents.idempotencyKey, key)),
        );
      if (existing && !existing.requestHash.equals(requestHash)) {
        throw invalid({ idempotencyKey: m.idempotencyKeyReused }, "idempotency key (reused with another body)");
      }
      return existing;
    };
    const existing = await findByKey();
    if (existing) return { row: existing, created: false };

    await checkReferences(tx, agencyId, input);
    const id = newId();
    const now = clock.now();
    const [inserted] = await tx
      .insert(uploadIntents)
      .values({
        id,
        agencyId,
        clientCompanyId: input.companyId,
        documentId: input.documentId ?? newId(),
        versionId: newId(),
        kind: input.kind,
        personId: input.personId ?? null,
        documentRequestId: input.requestId ?? null,
        registrationIds: [...new Set(input.registrationIds ?? [])],
        idempotencyKey: key,
        requestHash,
        stagingKey: stagingKey(agencyId, id),
        declaredSize: input.size,
        declaredType: input.contentType,
        originalName: input.fileName,
        createdBy: actor.user.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INTENT_LIFETIME_MS),
      })
      // A concurrent request with the same key committed first: answer its intent.
      .onConflictDoNothing({ target: [uploadIntents.agencyId, uploadIntents.createdBy, uploadIntents.idempotencyKey] })
      .returning();
    if (inserted) return { row: inserted, created: true };
    const winner = await findByKey();
    if (!winner) throw new AppError("CONFLICT", "idempotency key taken by an intent that cannot be read");
    return { row: winner, created: false };
  });
  return { intent: await intentDto(row), created };
}

async function readIntent(tenant: TenantContext, actor: UploadActor, rawId: unknown): Promise<IntentRow> {
  const id = typeof rawId === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(rawId) ? rawId : null;
  if (!id) throw notFound();
  const [row] = await withTenant({ ...tenant, readOnly: true }, (tx) =>
    tx
      .select()
      .from(uploadIntents)
      .where(and(eq(uploadIntents.agencyId, actor.agency.id), eq(uploadIntents.id, id), eq(uploadIntents.createdBy, actor.user.id))),
  );
  if (!row) throw notFound();
  return row;
}

/** What a finished intent answers again: its stored result, or its stored refusal. */
function storedAnswer(row: IntentRow): CompletedUpload {
  if (row.status === "completed") return completedUploadSchema.parse(row.result);
  const reason = (row.result as StoredRefusal | null)?.refused ?? (row.status === "expired" ? "expired" : "changed");
  throw refusalError(reason);
}

function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

function headObject(key: string) {
  return s3().send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
}

async function deleteObject(key: string): Promise<void> {
  try {
    await s3().send(new DeleteObjectCommand({ Bucket: bucket(), Key: key }));
  } catch (error) {
    // The worker's sweep of old staging objects (issue 8 §6) gets it later.
    logger.warn({ err: { message: error instanceof Error ? error.message : String(error) }, key }, "could not delete an upload object");
  }
}

/** Marks the intent refused (or expired) inside `tx`, keeping the reason to answer again. */
async function markRefused(tx: Tx, row: IntentRow, reason: UploadRefusal): Promise<void> {
  const result: StoredRefusal = { refused: reason };
  await tx
    .update(uploadIntents)
    .set({ status: reason === "expired" ? "expired" : "refused", refusalReason: reason, result, completedAt: clock.now() })
    .where(and(eq(uploadIntents.agencyId, row.agencyId), eq(uploadIntents.id, row.id), eq(uploadIntents.status, "pending")));
}

async function readAll(body: unknown): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body as Readable) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** The SHA-256 and length of a stream, read chunk by chunk (up to 20 MiB, never all held). */
async function hashStream(body: unknown): Promise<{ sha256: Buffer; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of body as Readable) {
    const bytes = chunk as Uint8Array;
    size += bytes.byteLength;
    hash.update(bytes);
  }
  return { sha256: hash.digest(), size };
}

type Checked = { size: number; etag: string; detectedType: UploadType; sha256: Buffer };

/**
 * What the staging object is, checked against the intent: the size by HEAD, the type by
 * the first bytes, then every byte hashed. A refusal's reason, or the facts to store.
 * Nothing there yet throws notUploaded (the intent stays pending).
 */
async function verifyStaging(row: IntentRow): Promise<Checked | { refused: UploadRefusal }> {
  const declared = row.declaredType as UploadType;
  let head;
  try {
    head = await headObject(row.stagingKey);
  } catch (error) {
    if (httpStatus(error) === 404) throw refusalError("notUploaded");
    throw error;
  }
  const size = head.ContentLength ?? -1;
  const etag = head.ETag ?? "";
  if (size > uploadTypes[declared].maxBytes) return { refused: "tooLarge" };
  if (size !== row.declaredSize) return { refused: "sizeMismatch" };

  const first = await s3().send(
    new GetObjectCommand({ Bucket: bucket(), Key: row.stagingKey, Range: `bytes=0-${SNIFF_BYTES - 1}`, IfMatch: etag || undefined }),
  );
  const detected = await fileTypeFromBuffer(await readAll(first.Body));
  if (!detected || !isUploadType(detected.mime)) return { refused: "typeNotAllowed" };
  if (detected.mime !== declared) return { refused: "typeMismatch" };

  const whole = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: row.stagingKey, IfMatch: etag || undefined }));
  const hashed = await hashStream(whole.Body);
  if (hashed.size !== size) return { refused: "changed" };
  return { size, etag, detectedType: detected.mime, sha256: hashed.sha256 };
}

type Outcome = { result: CompletedUpload } | { done: IntentRow } | { refused: UploadRefusal };

/**
 * Checks the uploaded bytes and makes them a version of the intent's document (design.md
 * §6). Refusals are 422 with the reason's message on `file`; a repeated call answers the
 * same as the first. Another user's or agency's intent is 404.
 *
 * The intent's row stays locked (FOR UPDATE) while its object is checked and copied: two
 * completes of one intent run one after the other, and the second answers what the first
 * did. Objects are at most 20 MiB, so the lock is held for seconds at worst, on one row
 * (the pool ends a transaction idle for twice the statement timeout, 20 s by default: a
 * store too slow to read 20 MiB in that time fails the complete, which may be repeated).
 */
export async function completeUpload(
  actor: UploadActor,
  rawId: unknown,
  { requestId }: { requestId?: string | null } = {},
): Promise<CompletedUpload> {
  const tenant = tenantOf(actor);
  const row = await readIntent(tenant, actor, rawId);
  if (row.status !== "pending") return storedAnswer(row);
  const key = finalKey(row);
  let copied = false;

  let outcome: Outcome;
  try {
    outcome = await withTenant(tenant, async (tx): Promise<Outcome> => {
      const [locked] = await tx
        .select()
        .from(uploadIntents)
        .where(and(eq(uploadIntents.agencyId, row.agencyId), eq(uploadIntents.id, row.id)))
        .for("update");
      if (!locked) throw notFound();
      if (locked.status !== "pending") return { done: locked };
      if (clock.now().getTime() > locked.expiresAt.getTime()) {
        await markRefused(tx, locked, "expired");
        return { refused: "expired" };
      }
      const checked = await verifyStaging(locked);
      if ("refused" in checked) {
        await markRefused(tx, locked, checked.refused);
        return checked;
      }
      await s3().send(
        new CopyObjectCommand({
          Bucket: bucket(),
          Key: key,
          CopySource: `${bucket()}/${locked.stagingKey}`,
          // Stores that honour it copy nothing if the object changed since it was checked.
          CopySourceIfMatch: checked.etag || undefined,
          MetadataDirective: "REPLACE",
          ContentType: checked.detectedType,
        }),
      );
      copied = true;
      const copy = await headObject(key);
      if (copy.ContentLength !== checked.size || !copy.ETag) {
        await markRefused(tx, locked, "changed");
        return { refused: "changed" };
      }
      return { result: await recordVersion(tx, actor, locked, key, checked, { size: copy.ContentLength, etag: copy.ETag }, requestId) };
    });
  } catch (error) {
    // Nothing recorded the copy: remove it rather than leave an object without a row.
    if (copied) await deleteObject(key);
    throw error;
  }
  if ("done" in outcome) return storedAnswer(outcome.done);
  await deleteObject(row.stagingKey);
  if ("refused" in outcome) {
    if (copied) await deleteObject(key);
    throw refusalError(outcome.refused);
  }
  return outcome.result;
}

/** The document (made when new, with the registrations it serves), its version and the audit event, in `tx`. */
async function recordVersion(
  tx: Tx,
  actor: UploadActor,
  row: IntentRow,
  key: string,
  checked: Checked,
  copy: { size: number; etag: string },
  requestId: string | null | undefined,
): Promise<CompletedUpload> {
  const now = clock.now();
  const [document] = await tx
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.agencyId, row.agencyId), eq(documents.id, row.documentId)))
    .for("update");
  if (document) {
    await tx
      .update(documents)
      .set({ status: "uploaded", updatedAt: now, version: sql`${documents.version} + 1` })
      .where(and(eq(documents.agencyId, row.agencyId), eq(documents.id, row.documentId)));
  } else {
    await tx.insert(documents).values({
      id: row.documentId,
      agencyId: row.agencyId,
      clientCompanyId: row.clientCompanyId,
      personId: row.personId,
      documentRequestId: row.documentRequestId,
      kind: row.kind,
      status: "uploaded",
      createdAt: now,
      updatedAt: now,
    });
    // A document answering a request for a registration serves that registration too.
    const registrationIds = new Set(row.registrationIds);
    if (row.documentRequestId) {
      const [request] = await tx
        .select({ registrationId: documentRequests.registrationId })
        .from(documentRequests)
        .where(and(eq(documentRequests.agencyId, row.agencyId), eq(documentRequests.id, row.documentRequestId)));
      if (request?.registrationId) registrationIds.add(request.registrationId);
    }
    if (registrationIds.size) {
      await tx.insert(documentRegistrations).values(
        [...registrationIds].map((registrationId) => ({
          agencyId: row.agencyId,
          clientCompanyId: row.clientCompanyId,
          documentId: row.documentId,
          registrationId,
        })),
      );
    }
  }
  await tx.insert(documentVersions).values({
    id: row.versionId,
    agencyId: row.agencyId,
    clientCompanyId: row.clientCompanyId,
    documentId: row.documentId,
    s3Key: key,
    sizeBytes: copy.size,
    sha256: checked.sha256,
    etag: copy.etag,
    detectedType: checked.detectedType,
    originalName: row.originalName,
    uploadedBy: actor.user.id,
    uploadedAt: now,
  });
  const result: CompletedUpload = {
    intentId: row.id,
    documentId: row.documentId,
    versionId: row.versionId,
    status: "uploaded",
    size: copy.size,
    sha256: checked.sha256.toString("hex"),
    detectedType: checked.detectedType,
    originalName: row.originalName,
    uploadedAt: now.toISOString(),
  };
  await recordAudit(tx, {
    agencyId: row.agencyId,
    actorUserId: actor.user.id,
    action: "document.upload",
    targetType: "document",
    targetId: row.documentId,
    data: { versionId: row.versionId, kind: row.kind, size: result.size, detectedType: result.detectedType, newDocument: !document },
    requestId,
  });
  await tx
    .update(uploadIntents)
    .set({ status: "completed", result, completedAt: now })
    .where(and(eq(uploadIntents.agencyId, row.agencyId), eq(uploadIntents.id, row.id)));
  return result;
}
