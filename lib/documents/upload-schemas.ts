/**
 * What the upload steps take and answer (design.md §6): the intent's body, the presigned
 * POST it answers, and the answer of complete. One schema for the service, the JSON API
 * and the OpenAPI document. Issue messages are catalogue keys under documentUpload.errors.
 * Pure: no server imports.
 */
import { z } from "@/lib/validation/zod";
import { documentKinds, MAX_IMAGE_BYTES, MAX_PDF_BYTES, personDocumentKinds, type DocumentKind } from "./kinds";

export const UPLOAD_MESSAGES = {
  companyInvalid: "documentUpload.errors.companyInvalid",
  kindInvalid: "documentUpload.errors.kindInvalid",
  personRequired: "documentUpload.errors.personRequired",
  personNotAllowed: "documentUpload.errors.personNotAllowed",
  personNotFound: "documentUpload.errors.personNotFound",
  requestNotFound: "documentUpload.errors.requestNotFound",
  registrationNotFound: "documentUpload.errors.registrationNotFound",
  documentNotFound: "documentUpload.errors.documentNotFound",
  fileNameInvalid: "documentUpload.errors.fileNameInvalid",
  typeUnsupported: "documentUpload.errors.typeUnsupported",
  sizeInvalid: "documentUpload.errors.sizeInvalid",
  imageTooLarge: "documentUpload.errors.imageTooLarge",
  pdfTooLarge: "documentUpload.errors.pdfTooLarge",
  idempotencyKeyRequired: "documentUpload.errors.idempotencyKeyRequired",
  idempotencyKeyReused: "documentUpload.errors.idempotencyKeyReused",
  notFound: "documentUpload.errors.notFound",
} as const;
const m = UPLOAD_MESSAGES;

/** The types a document may have, each with its limit in bytes (design.md §6). */
export const uploadTypes = {
  "image/jpeg": { ext: "jpg", maxBytes: MAX_IMAGE_BYTES },
  "image/bmp": { ext: "bmp", maxBytes: MAX_IMAGE_BYTES },
  "image/gif": { ext: "gif", maxBytes: MAX_IMAGE_BYTES },
  "application/pdf": { ext: "pdf", maxBytes: MAX_PDF_BYTES },
} as const;
export type UploadType = keyof typeof uploadTypes;
export const uploadTypeNames = Object.keys(uploadTypes) as [UploadType, ...UploadType[]];

export function isUploadType(value: string): value is UploadType {
  return Object.hasOwn(uploadTypes, value);
}

/**
 * Why complete refused an upload: each a key under documentUpload.refusals, the message
 * the client is shown. The bytes decide, never the name or the declared type alone.
 */
export const uploadRefusals = [
  /** Nothing at the staging key (yet): the intent stays pending until it expires. */
  "notUploaded",
  /** Completed more than 30 minutes after the intent. */
  "expired",
  /** Larger than its type allows (2 MiB for images, 20 MiB for PDFs). */
  "tooLarge",
  /** Not the size declared in the intent. */
  "sizeMismatch",
  /** Not a JPEG, BMP, GIF or PDF by its first bytes (an HTML page, an SVG, a program…). */
  "typeNotAllowed",
  /** Another allowed type than the one declared (a PDF named .jpg). */
  "typeMismatch",
  /** The object changed while it was being checked. */
  "changed",
] as const;
export type UploadRefusal = (typeof uploadRefusals)[number];

export const refusalMessageKey = (reason: UploadRefusal) => `documentUpload.refusals.${reason}` as const;

/** 1–255 visible ASCII characters, as HTTP header values are best kept. */
export const idempotencyKeySchema = z
  .string({ error: m.idempotencyKeyRequired })
  .regex(/^[\x21-\x7e]{1,255}$/, { error: m.idempotencyKeyRequired });

const fileNameSchema = z
  .string({ error: m.fileNameInvalid })
  .trim()
  .min(1, { error: m.fileNameInvalid })
  .max(255, { error: m.fileNameInvalid })
  // Control characters (NUL among them, which PostgreSQL refuses) and path separators.
  .refine((name) => !/[\x00-\x1f\x7f/\\]/.test(name), { error: m.fileNameInvalid })
  .meta({ description: "The file's name on the uploader's device, kept as the version's original name. Never used to tell its type." });

/** POST /uploads: what the client means to upload, and where it belongs. */
export const uploadIntentInputSchema = z
  .object({
    companyId: z.uuid({ error: m.companyInvalid }).meta({ description: "The client company the document belongs to (or that asked for the ID photo)." }),
    kind: z.enum(documentKinds, { error: m.kindInvalid }).meta({ description: "The document's kind (design.md §6)." }),
    documentId: z
      .uuid({ error: m.documentNotFound })
      .optional()
      .meta({ description: "A new version of this document of the company (same kind); omitted for a new document." }),
    personId: z
      .uuid({ error: m.personNotFound })
      .optional()
      .meta({ description: "ID photos only (`id_card_front`, `id_card_back`, `id_holding_photo`): the person they show, linked to the company." }),
    requestId: z.uuid({ error: m.requestNotFound }).optional().meta({ description: "The company's document request this answers." }),
    registrationIds: z
      .array(z.uuid({ error: m.registrationNotFound }), { error: m.registrationNotFound })
      .max(20, { error: m.registrationNotFound })
      .optional()
      .meta({ description: "The company's registrations the document serves (a licence may serve an Official Account and a WeCom corp)." }),
    fileName: fileNameSchema,
    contentType: z
      .enum(uploadTypeNames, { error: m.typeUnsupported })
      .meta({ description: "The declared type: JPEG, BMP or GIF images, or PDF. The presigned POST fixes it; complete checks the bytes agree." }),
    size: z
      .number({ error: m.sizeInvalid })
      .int({ error: m.sizeInvalid })
      .min(1, { error: m.sizeInvalid })
      .max(MAX_PDF_BYTES, { error: m.pdfTooLarge })
      .meta({ description: `The file's size in bytes: images up to ${MAX_IMAGE_BYTES} (2 MiB), PDFs up to ${MAX_PDF_BYTES} (20 MiB).` }),
  })
  .superRefine((input, ctx) => {
    const isPersonKind = (personDocumentKinds as readonly DocumentKind[]).includes(input.kind);
    if (isPersonKind && !input.personId) ctx.addIssue({ code: "custom", path: ["personId"], message: m.personRequired });
    if (!isPersonKind && input.personId) ctx.addIssue({ code: "custom", path: ["personId"], message: m.personNotAllowed });
    if (isUploadType(input.contentType) && input.size > uploadTypes[input.contentType].maxBytes) {
      ctx.addIssue({ code: "custom", path: ["size"], message: input.contentType === "application/pdf" ? m.pdfTooLarge : m.imageTooLarge });
    }
  });
export type UploadIntentInput = z.output<typeof uploadIntentInputSchema>;

export const uploadIdParamsSchema = z.object({ id: z.uuid().meta({ description: "The upload intent's id." }) });

export const uploadStatuses = ["pending", "completed", "refused", "expired"] as const;
export type UploadStatus = (typeof uploadStatuses)[number];

export const presignedPostSchema = z
  .object({
    url: z.url().meta({ description: "Where to POST the form (multipart/form-data)." }),
    fields: z
      .record(z.string(), z.string())
      .meta({ description: "The form's fields, sent as they are and before the `file` field, which must come last." }),
    expiresAt: z.iso.datetime({ offset: true }).meta({ description: "The form's policy expires 2 minutes after it was made." }),
  })
  .meta({
    description:
      "A presigned POST to the upload's staging key. Its policy fixes the key, the Content-Type and the size " +
      "(1 byte up to the type's limit) on stores that enforce policies; complete checks everything again.",
  });

export const uploadIntentSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(uploadStatuses),
    companyId: z.uuid(),
    documentId: z.uuid().meta({ description: "The document the upload becomes a version of (made by complete when new)." }),
    kind: z.enum(documentKinds),
    fileName: z.string(),
    contentType: z.enum(uploadTypeNames),
    size: z.number().int(),
    expiresAt: z.iso.datetime({ offset: true }).meta({ description: "Complete must come before this: 30 minutes after the intent." }),
    upload: presignedPostSchema
      .nullable()
      .meta({ description: "While pending: a fresh presigned POST (each repeat of the intent makes a new one). Null once completed or refused." }),
  })
  .meta({ description: "An upload intent: the declared file and where to upload it." });
export type UploadIntentDto = z.output<typeof uploadIntentSchema>;

export const completedUploadSchema = z
  .object({
    intentId: z.uuid(),
    documentId: z.uuid(),
    versionId: z.uuid(),
    status: z.literal("uploaded").meta({ description: "The document now waits for review." }),
    size: z.number().int(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/).meta({ description: "The SHA-256 of the bytes, hex." }),
    detectedType: z.enum(uploadTypeNames).meta({ description: "The type the bytes are, by their magic bytes." }),
    originalName: z.string(),
    uploadedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ description: "The version complete made; a repeated complete answers the same." });
export type CompletedUpload = z.output<typeof completedUploadSchema>;
