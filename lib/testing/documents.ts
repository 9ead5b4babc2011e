/**
 * Documents for the tests, made the way the app makes them: an upload intent, the file
 * sent with its presigned form to the real store (s3rver), then complete.
 */
import { expect } from "vitest";
import { completeUpload, createUploadIntent, type UploadActor } from "@/lib/documents/upload";
import type { CompletedUpload, UploadIntentDto } from "@/lib/documents/upload-schemas";
import { newId } from "@/lib/ids";

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
};

/** Uploads a small JPEG as `actor` through intent, form and complete; answers what complete did. */
export async function uploadJpeg(actor: UploadActor, upload: TestUpload): Promise<CompletedUpload> {
  const fileName = upload.fileName ?? `${upload.kind}.jpg`;
  const { intent } = await createUploadIntent(
    actor,
    { ...upload, fileName, contentType: "image/jpeg", size: TEST_JPEG.length },
    { idempotencyKey: `test-${newId()}` },
  );
  await sendForm(intent.upload, TEST_JPEG, fileName, "image/jpeg");
  return completeUpload(actor, intent.id);
}
