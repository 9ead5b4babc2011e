/**
 * Documents for the tests, made the way the app makes them: an upload intent, the file
 * sent with its presigned form to the real store (s3rver), then complete.
 */
import { createHash } from "node:crypto";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import type pg from "pg";
import { expect } from "vitest";
import { completeUpload, createUploadIntent, type UploadActor } from "@/lib/documents/upload";
import type { CompletedUpload, UploadIntentDto } from "@/lib/documents/upload-schemas";
import { newId } from "@/lib/ids";
import { bucket, s3 } from "@/lib/storage/s3";

/** A real 4×4 JPEG (made once with sharp), so complete sees true magic bytes. */
export const TEST_JPEG = Buffer.from(
  "/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYa" +
    "KCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAEAAQDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAf/" +
    "xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAf/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCXACrg/9k=",
  "base64",
);

/** Sends `bytes` with the intent's presigned form, as a browser's multipart POST would. */
export async function sendForm(upload: UploadIntentDto["upload"], bytes: Buffer, fileName: string, type: string): Promise<void> {
  expect(upload).not.toBeNull();
  const form = new FormData();
  for (const [field, value] of Object.entries(upload!.fields)) form.append(field, value);
  form.append("file", new Blob([new Uint8Array(bytes)], { type }), fileName);
  const response = await fetch(upload!.url, { method: "POST", body: form });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
}

export type TestUpload = {
  companyId: string;
  kind: string;
  personId?: string;
  requestId?: string;
  registrationIds?: string[];
  /** A new version of this document. */
  documentId?: string;
  fileName?: string;
  /** The file's bytes and declared type: TEST_JPEG, image/jpeg unless given. */
  bytes?: Buffer;
  contentType?: string;
};

/** Makes an upload intent as `actor` and sends the file with its form; answers the intent, not yet completed. */
export async function startUpload(actor: UploadActor, upload: TestUpload): Promise<UploadIntentDto> {
  const { bytes = TEST_JPEG, contentType = "image/jpeg", fileName = `${upload.kind}.jpg`, ...fields } = upload;
  const { intent } = await createUploadIntent(
    actor,
    { ...fields, fileName, contentType, size: bytes.length },
    { idempotencyKey: `test-${newId()}` },
  );
  await sendForm(intent.upload, bytes, fileName, contentType);
  return intent;
}

/** Uploads a file (a small JPEG unless told) as `actor` through intent, form and complete; answers what complete did. */
export async function uploadFile(actor: UploadActor, upload: TestUpload): Promise<CompletedUpload> {
  return completeUpload(actor, (await startUpload(actor, upload)).id);
}

/** A business licence of `companyId` named licence.jpg (unless `extra` says otherwise), sent but not completed. */
export const startLicenceUpload = (actor: UploadActor, companyId: string, extra: Partial<TestUpload> = {}) =>
  startUpload(actor, { companyId, kind: "business_licence", fileName: "licence.jpg", ...extra });

/** A business licence of `companyId` named licence.jpg (unless `extra` says otherwise), uploaded to a version. */
export const uploadLicence = (actor: UploadActor, companyId: string, extra: Partial<TestUpload> = {}) =>
  uploadFile(actor, { companyId, kind: "business_licence", fileName: "licence.jpg", ...extra });

/** The store key of a version, read as the migrating (admin) connection. */
export async function versionKey(admin: pg.Client, versionId: string): Promise<string> {
  const { rows } = await admin.query<{ s3_key: string }>(`select s3_key from document_versions where id = $1`, [versionId]);
  return rows[0]!.s3_key;
}

/** Whether the store holds `key`. */
export async function objectExists(key: string): Promise<boolean> {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw error;
  }
}

/** Writes `bytes` to `key` with no credentials at all, as anyone could on s3rver. */
export async function anonymousPut(key: string, bytes: Buffer): Promise<void> {
  const response = await fetch(`${process.env.S3_ENDPOINT}/${bucket()}/${key}`, { method: "PUT", body: new Uint8Array(bytes) });
  expect(response.status, await response.clone().text()).toBe(200);
  // s3rver answers the PUT before every reader sees the new file (a HEAD just after it
  // has read 0 bytes under load): wait until the store shows these bytes, so the test
  // then checks the app against the tampered object, not against s3rver's write.
  const etag = `"${createHash("md5").update(bytes).digest("hex")}"`;
  for (let attempt = 0; ; attempt++) {
    const head = await s3().send(new HeadObjectCommand({ Bucket: bucket(), Key: key })).catch(() => null);
    if (head?.ContentLength === bytes.length && head.ETag === etag) return;
    if (attempt >= 100) throw new Error(`s3rver never showed the ${bytes.length} bytes put at ${key}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The client administrator `userId` (`email`) of `companyId` in `agency`, as the portal's actor. */
export function clientAdminActor(agency: UploadActor["agency"], userId: string, email: string, companyId: string): UploadActor {
  return {
    user: { id: userId, email, name: "Client", locale: null, emailVerified: true, totpEnabled: false },
    agency,
    role: "client_admin",
    clientCompany: { id: companyId, legalNameZh: null, nameEn: null },
  };
}
