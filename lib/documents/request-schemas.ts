/**
 * What the document requests, comments and reviews take and answer (issue 8 §1, §3): one
 * schema for the services, the JSON API and the OpenAPI document. Issue messages are
 * catalogue keys under documentRequests.errors and documentReview.errors. The response
 * schemas describe the DTOs of ./document-types.ts. Pure: no server imports.
 */
import { z } from "@/lib/validation/zod";
import { parseIsoDate } from "@/lib/validation/china-date";
import type { DocumentDto, DocumentRequestDto, RequestCommentDto, ReviewOutcome, ReviewQueueItem } from "./document-types";
import { documentKinds, documentStatuses } from "./kinds";
import { uploadTypeNames } from "./upload-schemas";

export const REQUEST_MESSAGES = {
  companyInvalid: "documentRequests.errors.companyInvalid",
  registrationInvalid: "documentRequests.errors.registrationInvalid",
  registrationNotFound: "documentRequests.errors.registrationNotFound",
  kindsRequired: "documentRequests.errors.kindsRequired",
  kindInvalid: "documentRequests.errors.kindInvalid",
  requiredSetNeedsRegistration: "documentRequests.errors.requiredSetNeedsRegistration",
  dueOnInvalid: "documentRequests.errors.dueOnInvalid",
  messageTooLong: "documentRequests.errors.messageTooLong",
  notFound: "documentRequests.errors.notFound",
  notOpen: "documentRequests.errors.notOpen",
  commentRequired: "documentRequests.errors.commentRequired",
  commentTooLong: "documentRequests.errors.commentTooLong",
  documentNotFound: "documentRequests.errors.documentNotFound",
  cursorInvalid: "documentRequests.errors.cursorInvalid",
  limitInvalid: "documentRequests.errors.limitInvalid",
} as const;

export const REVIEW_MESSAGES = {
  decisionInvalid: "documentReview.errors.decisionInvalid",
  reasonRequired: "documentReview.errors.reasonRequired",
  reasonTooLong: "documentReview.errors.reasonTooLong",
  flagInvalid: "documentReview.errors.flagInvalid",
  expiresOnInvalid: "documentReview.errors.expiresOnInvalid",
  versionInvalid: "documentReview.errors.versionInvalid",
  versionNotFound: "documentReview.errors.versionNotFound",
  notLatest: "documentReview.errors.notLatest",
  quarantined: "documentReview.errors.quarantined",
  stale: "documentReview.errors.stale",
  settingInvalid: "documentReview.errors.settingInvalid",
} as const;

const r = REQUEST_MESSAGES;
const v = REVIEW_MESSAGES;

export const MESSAGE_MAX = 2000;
export const COMMENT_MAX = 2000;
export const REASON_MAX = 1000;
export const REVIEW_QUEUE_MAX_LIMIT = 100;

/** A calendar date "YYYY-MM-DD" that exists (no 2026-02-30). */
const calendarDate = (error: string) =>
  z
    .string({ error })
    .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && parseIsoDate(value) !== null, { error })
    .meta({ format: "date", examples: ["2026-07-01"] });

/** Absent, null and blank text are all "none"; otherwise trimmed. */
const optionalText = (max: number, error: string) =>
  z
    .string({ error })
    .trim()
    .max(max, { error })
    .nullish()
    .transform((value) => (value ? value : null));

/** POST /companies/{id}/document-requests: what to ask for (the company is the path's). */
export const documentRequestBodySchema = z.object({
  registrationId: z
    .uuid({ error: r.registrationInvalid })
    .nullish()
    .meta({ description: "The company's registration the documents serve; needed with `useRequiredSet`." }),
  kinds: z
    .array(z.enum(documentKinds, { error: r.kindInvalid }), { error: r.kindsRequired })
    .max(documentKinds.length, { error: r.kindsRequired })
    .optional()
    .meta({ description: "The kinds asked for (design.md §6); merged with the required set when `useRequiredSet`." }),
  useRequiredSet: z
    .boolean({ error: r.kindsRequired })
    .optional()
    .meta({ description: "Ask for the required documents of the registration's pipeline (design.md §6)." }),
  dueOn: calendarDate(r.dueOnInvalid).nullish().meta({ description: "When the client should send them, a calendar date." }),
  message: optionalText(MESSAGE_MAX, r.messageTooLong).meta({ description: `A message to the client, up to ${MESSAGE_MAX} characters.` }),
});

function refineRequest(input: { registrationId?: string | null; kinds?: string[]; useRequiredSet?: boolean }, ctx: z.RefinementCtx) {
  if (input.useRequiredSet && !input.registrationId) {
    ctx.addIssue({ code: "custom", path: ["registrationId"], message: r.requiredSetNeedsRegistration });
  }
  if (!input.useRequiredSet && !input.kinds?.length) ctx.addIssue({ code: "custom", path: ["kinds"], message: r.kindsRequired });
}

/** The service's input: the body, with the company. */
export const createDocumentRequestSchema = documentRequestBodySchema
  .extend({ companyId: z.uuid({ error: r.companyInvalid }) })
  .superRefine(refineRequest);
export type CreateDocumentRequestInput = z.input<typeof createDocumentRequestSchema>;

export const documentRequestBodyRefinedSchema = documentRequestBodySchema.superRefine(refineRequest);

/** POST /document-requests/{id}/comments. */
export const requestCommentInputSchema = z.object({
  body: z
    .string({ error: r.commentRequired })
    .trim()
    .min(1, { error: r.commentRequired })
    .max(COMMENT_MAX, { error: r.commentTooLong })
    .meta({ description: `The comment, 1 to ${COMMENT_MAX} characters.` }),
});

const flag = (description: string) => z.boolean({ error: v.flagInvalid }).optional().meta({ description });

/** POST /document-versions/{id}/review. */
export const reviewInputSchema = z
  .object({
    decision: z.enum(["approve", "reject"], { error: v.decisionInvalid }),
    reason: z
      .string({ error: v.reasonRequired })
      .trim()
      .max(REASON_MAX, { error: v.reasonTooLong })
      .nullish()
      .transform((value) => (value ? value : null))
      .meta({ description: `Required to reject: what the client is shown, up to ${REASON_MAX} characters.` }),
    signed: flag("The document is signed (签字)."),
    chopped: flag("The document carries the company seal (公章)."),
    colourScan: flag("The scan is in colour (彩色扫描件)."),
    expiresOn: calendarDate(v.expiresOnInvalid)
      .nullish()
      .meta({ description: "The document's expiry date where one applies; null clears it, absent keeps it." }),
    version: z
      .number({ error: v.versionInvalid })
      .int({ error: v.versionInvalid })
      .min(1, { error: v.versionInvalid })
      .meta({ description: "The document's `version` as read: a stale one is 409 with the current document." }),
  })
  .superRefine((input, ctx) => {
    if (input.decision === "reject" && !input.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: v.reasonRequired });
  });
export type ReviewInput = z.input<typeof reviewInputSchema>;

export const reviewQueueQuerySchema = z.object({
  limit: z.coerce
    .number({ error: r.limitInvalid })
    .int({ error: r.limitInvalid })
    .min(1, { error: r.limitInvalid })
    .max(REVIEW_QUEUE_MAX_LIMIT, { error: r.limitInvalid })
    .optional()
    .meta({ description: `How many, 1 to ${REVIEW_QUEUE_MAX_LIMIT} (50 when left out).` }),
  cursor: z
    .string({ error: r.cursorInvalid })
    .max(200, { error: r.cursorInvalid })
    .optional()
    .meta({ description: "The `waitingSince` and document id of the last item seen, as `<iso>~<id>`: the queue after it." }),
});

export const idParamsSchema = (what: string) => z.object({ id: z.uuid().meta({ description: `The ${what}'s id.` }) });

/* ----------------------------------------------------------------- answers */

const isoDateTime = z.iso.datetime({ offset: true });
const dateOnly = z.iso.date();

export const documentPersonSchema = z.object({
  id: z.uuid(),
  name: z.string().meta({ description: "Empty when the reader may not see it (a client administrator reading a staff member)." }),
  side: z.enum(["staff", "client"]),
});

export const documentReviewSchema = z.object({
  decision: z.enum(["approve", "reject"]),
  reason: z.string().nullable(),
  reviewer: documentPersonSchema.nullable(),
  at: isoDateTime,
});

export const documentVersionSchema = z.object({
  id: z.uuid(),
  number: z.number().int().meta({ description: "1 for the first upload, then 2, 3…: nothing is overwritten." }),
  sizeBytes: z.number().int(),
  detectedType: z.enum(uploadTypeNames),
  originalName: z.string(),
  uploadedAt: isoDateTime,
  uploadedBy: documentPersonSchema.nullable(),
  quarantine: z
    .object({
      reason: z.enum(["size_mismatch", "etag_mismatch", "missing"]),
      at: isoDateTime,
      detectedBy: z.enum(["download", "reconciliation"]),
    })
    .nullable(),
  review: documentReviewSchema.nullable(),
});

export const documentSchema = z
  .object({
    id: z.uuid(),
    companyId: z.uuid(),
    kind: z.enum(documentKinds),
    person: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    requestId: z.uuid().nullable(),
    status: z.enum(documentStatuses),
    signed: z.boolean(),
    chopped: z.boolean(),
    colourScan: z.boolean(),
    expiresOn: dateOnly.nullable(),
    expiry: z
      .enum(["expired", "expiring"])
      .nullable()
      .meta({ description: "Past its expiry date (then it counts as not approved), or within 30 days of it." }),
    registrationIds: z.array(z.uuid()),
    versions: z.array(documentVersionSchema).meta({ description: "Newest first." }),
    version: z.number().int(),
    updatedAt: isoDateTime,
  })
  .meta({ id: "Document", description: "A client company's document, with every version and its review." });

export const documentRequestSchema = z
  .object({
    id: z.uuid(),
    companyId: z.uuid(),
    registrationId: z.uuid().nullable(),
    kinds: z.array(z.enum(documentKinds)),
    dueOn: dateOnly.nullable(),
    message: z.string().nullable(),
    status: z.enum(["open", "fulfilled", "cancelled"]),
    requestedBy: documentPersonSchema.nullable(),
    createdAt: isoDateTime,
    items: z.array(z.object({ kind: z.enum(documentKinds), documentId: z.uuid().nullable(), status: z.enum(documentStatuses) })),
    commentCount: z.number().int(),
  })
  .meta({ id: "DocumentRequest", description: "Documents asked of a client company; fulfilled once each kind has an approved document." });

export const requestCommentSchema = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  body: z.string(),
  author: documentPersonSchema.nullable(),
  createdAt: isoDateTime,
});

export const companyDocumentsSchema = z.object({
  requests: z.array(documentRequestSchema),
  documents: z.array(documentSchema),
});

export const reviewQueueItemSchema = z.object({
  document: documentSchema,
  company: z.object({ id: z.uuid(), name: z.string() }),
  waitingSince: isoDateTime,
});

export const nextMoveSchema = z.object({
  registrationId: z.uuid(),
  from: z.string(),
  to: z.string(),
  moved: z.boolean().meta({ description: "True when the agency moves cards on by itself (advance on documents)." }),
});

export const reviewOutcomeSchema = z.object({
  document: documentSchema,
  nextMove: nextMoveSchema
    .nullable()
    .meta({ description: "The card whose required documents are now all approved, and the move its guard now allows." }),
  nextMoves: z.array(nextMoveSchema).meta({ description: "Every such card, when the document serves several." }),
});

/* The answers' schemas describe the DTOs exactly (a compile-time check). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <T extends true>(value: T) => value;
same<Same<z.output<typeof documentSchema>, DocumentDto>>(true);
same<Same<z.output<typeof documentRequestSchema>, DocumentRequestDto>>(true);
same<Same<z.output<typeof requestCommentSchema>, RequestCommentDto>>(true);
same<Same<z.output<typeof reviewQueueItemSchema>, ReviewQueueItem>>(true);
same<Same<z.output<typeof reviewOutcomeSchema>, ReviewOutcome>>(true);
