/** The upload intent's checks before anything is made (design.md §6), and its messages in both languages. */
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";
import { MAX_IMAGE_BYTES, MAX_PDF_BYTES } from "./kinds";
import { idempotencyKeySchema, refusalMessageKey, UPLOAD_MESSAGES, uploadIntentInputSchema, uploadRefusals } from "./upload-schemas";

const companyId = "0190a0b0-0000-7000-8000-000000000001";
const personId = "0190a0b0-0000-7000-8000-000000000002";
const base = { companyId, kind: "business_licence", fileName: "licence.jpg", contentType: "image/jpeg", size: 1000 };

function fieldsOf(input: unknown): Record<string, string> {
  const parsed = uploadIntentInputSchema.safeParse(input);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
}

function lookup(catalogue: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogue);
}

describe("the upload intent's body", () => {
  it("takes images up to 2 MiB and PDFs up to 20 MiB, and nothing else", () => {
    expect(fieldsOf({ ...base, size: MAX_IMAGE_BYTES })).toEqual({});
    expect(fieldsOf({ ...base, contentType: "image/gif", size: MAX_IMAGE_BYTES + 1 })).toEqual({ size: UPLOAD_MESSAGES.imageTooLarge });
    expect(fieldsOf({ ...base, contentType: "image/bmp", size: MAX_IMAGE_BYTES + 1 })).toEqual({ size: UPLOAD_MESSAGES.imageTooLarge });
    expect(fieldsOf({ ...base, contentType: "application/pdf", size: MAX_PDF_BYTES })).toEqual({});
    expect(fieldsOf({ ...base, contentType: "application/pdf", size: MAX_PDF_BYTES + 1 })).toEqual({ size: UPLOAD_MESSAGES.pdfTooLarge });
    for (const contentType of ["image/png", "image/webp", "image/heic", "image/svg+xml", "text/html", "application/octet-stream"]) {
      expect(fieldsOf({ ...base, contentType })).toEqual({ contentType: UPLOAD_MESSAGES.typeUnsupported });
    }
    expect(fieldsOf({ ...base, size: 0 })).toEqual({ size: UPLOAD_MESSAGES.sizeInvalid });
    expect(fieldsOf({ ...base, size: 1.5 })).toEqual({ size: UPLOAD_MESSAGES.sizeInvalid });
  });

  it("wants a person for ID photos only", () => {
    expect(fieldsOf({ ...base, kind: "id_holding_photo" })).toEqual({ personId: UPLOAD_MESSAGES.personRequired });
    expect(fieldsOf({ ...base, kind: "id_holding_photo", personId })).toEqual({});
    expect(fieldsOf({ ...base, personId })).toEqual({ personId: UPLOAD_MESSAGES.personNotAllowed });
  });

  it("refuses file names with control characters or path separators", () => {
    for (const fileName of ["", "a/b.jpg", "a\\b.jpg", "a\u0000.jpg", "x".repeat(256)]) {
      expect(fieldsOf({ ...base, fileName })).toEqual({ fileName: UPLOAD_MESSAGES.fileNameInvalid });
    }
    expect(fieldsOf({ ...base, fileName: "营业执照 2026.jpg" })).toEqual({});
  });

  it("takes Idempotency-Keys of 1 to 255 visible ASCII characters", () => {
    expect(idempotencyKeySchema.safeParse("0190a0b0-upload-1").success).toBe(true);
    for (const key of [undefined, "", "has space", "x".repeat(256), "键"]) expect(idempotencyKeySchema.safeParse(key).success).toBe(false);
  });
});

describe("the upload messages", () => {
  const keys = [...Object.values(UPLOAD_MESSAGES), ...uploadRefusals.map(refusalMessageKey)];

  it("exist in both languages, the Chinese in Chinese", () => {
    for (const key of keys) {
      expect({ key, en: typeof lookup(en, key) }).toEqual({ key, en: "string" });
      expect({ key, zh: /[\u4e00-\u9fff]/.test(String(lookup(zh, key))) }).toEqual({ key, zh: true });
    }
  });
});
