"use server";

/**
 * The staff side of documents (issue 8): asking a client for documents, cancelling a
 * request, its comment thread, uploading on the client's behalf, reviewing an uploaded
 * version and, once a card's required documents are all approved, the move its guard now
 * allows. Each action finds the caller's staff membership first (another agency, or none:
 * 404; a client administrator goes to the portal); the services check the permission (a
 * manager reads but writes nothing: FORBIDDEN) and that the company, request or version
 * is one the member may see (NOT_FOUND otherwise).
 */
import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { failureOf, runAction, type ActionFailure, type ActionResult } from "@/lib/actions/result";
import { requestMeta } from "@/lib/auth/request-meta";
import { requireStaffMembership } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { addRequestComment, listRequestComments } from "@/lib/documents/comments";
import type { DocumentDto, DocumentRequestDto, RequestCommentDto, ReviewOutcome } from "@/lib/documents/document-types";
import { cancelDocumentRequest, createDocumentRequest } from "@/lib/documents/requests";
import { completeUpload, createUploadIntent } from "@/lib/documents/upload";
import { reviewDocumentVersion } from "@/lib/documents/review";
import { moveRegistration } from "@/lib/registration/move";
import { getRegistration } from "@/lib/registration/queries";
import type { Stage } from "@/lib/registration/pipelines";

const text = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * `companyId` and `{ kinds?, registrationId?, useRequiredSet?, dueOn?, message? }`: a
 * document request to the client. Field errors name kinds, registrationId, dueOn, message.
 */
export async function createDocumentRequestAction(
  agencySlug: string,
  companyId: unknown,
  input: unknown,
): Promise<ActionResult<DocumentRequestDto>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { requestId } = await requestMeta();
  const body = input && typeof input === "object" ? (input as Record<string, unknown>) : {};
  const result = await runAction(() => createDocumentRequest(context, { ...body, companyId: text(companyId) }, { requestId }));
  if (result.ok) revalidatePath(`/${context.agency.slug}/clients/${result.data.companyId}`);
  return result;
}

/** Request `requestId` cancelled: the client no longer sees it as asked for. */
export async function cancelDocumentRequestAction(agencySlug: string, documentRequestId: unknown): Promise<ActionResult<null>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { requestId } = await requestMeta();
  const result = await runAction(async () => {
    await cancelDocumentRequest(context, text(documentRequestId), { requestId });
    return null;
  });
  if (result.ok) revalidatePath(`/${context.agency.slug}/clients`, "layout");
  return result;
}

/** The comment thread of request `requestId`, oldest first. */
export async function listRequestCommentsAction(agencySlug: string, requestId: unknown): Promise<ActionResult<RequestCommentDto[]>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  return runAction(() => listRequestComments(context, text(requestId)));
}

/** `{ body }`: a comment on request `requestId`, which the client sees. */
export async function addRequestCommentAction(
  agencySlug: string,
  documentRequestId: unknown,
  input: unknown,
): Promise<ActionResult<RequestCommentDto>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { requestId } = await requestMeta();
  const body = input && typeof input === "object" ? (input as { body?: unknown }).body : undefined;
  return runAction(() => addRequestComment(context, text(documentRequestId), body, { requestId }));
}

/**
 * Staff uploading on a client's behalf (a file that came by email or WeChat): the intent
 * for one file, `input` as POST /api/v1/uploads takes it and `idempotencyKey` made once per
 * chosen file by the browser, as the portal's. A manager is refused (document:upload);
 * a company the member may not see answers NOT_FOUND. Answers the intent's id and, while
 * pending, the presigned POST only.
 */
export async function createStaffUploadIntentAction(
  agencySlug: string,
  input: unknown,
  idempotencyKey: unknown,
): Promise<ActionResult<{ id: string; upload: { url: string; fields: Record<string, string> } | null }>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  return runAction(async () => {
    const { intent } = await createUploadIntent(context, input, { idempotencyKey: typeof idempotencyKey === "string" ? idempotencyKey : null });
    return { id: intent.id, upload: intent.upload ? { url: intent.upload.url, fields: intent.upload.fields } : null };
  });
}

/** Complete a staff upload: a new version waiting for review, or refused saying why (on `file`). */
export async function completeStaffUploadAction(
  agencySlug: string,
  intentId: unknown,
): Promise<ActionResult<{ documentId: string; versionId: string }>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { requestId } = await requestMeta();
  const result = await runAction(async () => {
    const done = await completeUpload(context, intentId, { requestId });
    return { documentId: done.documentId, versionId: done.versionId };
  });
  if (result.ok) {
    revalidatePath(`/${context.agency.slug}/documents`, "layout");
    revalidatePath(`/${context.agency.slug}/clients`, "layout");
  }
  return result;
}

/** The card an offered or made move concerns, named for the sentence that offers it. */
export type OfferedMove = ReviewOutcome["nextMove"] & { cardName: string | null; pipeline: string; version: number };

export type ReviewActionResult = { document: DocumentDto; nextMove: OfferedMove | null };

/** A refused review: `current` is the document as it now stands when someone reviewed it first. */
export type ReviewFailure = ActionFailure & { current?: DocumentDto; reason?: string };

/**
 * `{ decision, reason?, signed?, chopped?, colourScan?, expiresOn?, version }` on version
 * `versionId`. A rejection needs a reason (field error `reason`); a stale `version`
 * answers CONFLICT (reason "stale") with the current document, as do a newer version
 * and a quarantined one (reasons "notLatest", "quarantined"). After an approval that completes a
 * card's required documents, the answer names the card and the move it may now make (or
 * made, when the agency moves cards on by itself).
 */
export async function reviewVersionAction(
  agencySlug: string,
  versionId: unknown,
  input: unknown,
): Promise<ActionResult<ReviewActionResult> | ReviewFailure> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { requestId } = await requestMeta();
  let outcome: ReviewOutcome;
  try {
    outcome = await reviewDocumentVersion(context, text(versionId), input, { requestId });
  } catch (error) {
    const failure: ReviewFailure = failureOf(error);
    if (error instanceof AppError && error.code === "CONFLICT") {
      const { current, reason } = error.details as { current?: DocumentDto; reason?: unknown };
      if (current) failure.current = current;
      if (typeof reason === "string") failure.reason = reason;
    }
    return failure;
  }
  let nextMove: OfferedMove | null = null;
  if (outcome.nextMove) {
    // The card as it now stands: its name for the sentence and its version for the move.
    const card = await getRegistration(context, outcome.nextMove.registrationId).catch(() => null);
    if (card) nextMove = { ...outcome.nextMove, cardName: card.account.name, pipeline: card.pipeline, version: card.version };
  }
  revalidatePath(`/${context.agency.slug}/documents`, "layout");
  revalidatePath(`/${context.agency.slug}/clients/${outcome.document.companyId}`);
  return { ok: true, data: { document: outcome.document, nextMove } };
}

/**
 * `{ registrationId, to, version }`: the move a review offered, made by the board's own
 * stage machine (lib/registration/move.ts), so its guards, deadlines and audit apply as
 * on the board. A card that moved meanwhile answers STALE_VERSION.
 */
export async function moveOfferedCardAction(agencySlug: string, input: unknown): Promise<ActionResult<{ registrationId: string; stage: Stage }>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { registrationId, to, version } = (input ?? {}) as { registrationId?: unknown; to?: unknown; version?: unknown };
  const { requestId } = await requestMeta();
  const result = await runAction(async () => {
    const card = await moveRegistration(context, text(registrationId), { to, version }, { requestId });
    return { registrationId: card.id, stage: card.stage };
  });
  if (result.ok) revalidatePath(`/${context.agency.slug}`, "layout");
  return result;
}
