"use server";

/**
 * The portal's document actions (issue 8 §2, §5): the two upload steps and a comment on
 * a request. Each finds the caller's portal membership (staff are sent to the staff app,
 * another agency is 404), then calls the service, which checks the role and keeps a
 * client administrator to their own company (another company's request or upload: NOT_FOUND).
 */
import { notFound } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { requestMeta } from "@/lib/auth/request-meta";
import { requirePortalMembership, type MembershipContext } from "@/lib/auth/session";
import { addRequestComment } from "@/lib/documents/comments";
import { completeUpload, createUploadIntent } from "@/lib/documents/upload";

async function act<T>(agencySlug: unknown, work: (context: MembershipContext) => Promise<T>): Promise<ActionResult<T>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requirePortalMembership(agencySlug);
  return runAction(() => work(context));
}

/**
 * The intent for one file: `input` as POST /api/v1/uploads takes it, `idempotencyKey` made
 * once per chosen file by the browser. Answers the intent's id and, while pending, the
 * presigned POST (never more of the intent than the browser needs).
 */
export async function createUploadIntentAction(
  agencySlug: string,
  input: unknown,
  idempotencyKey: unknown,
): Promise<ActionResult<{ id: string; upload: { url: string; fields: Record<string, string> } | null }>> {
  return act(agencySlug, async (context) => {
    const { intent } = await createUploadIntent(context, input, { idempotencyKey: typeof idempotencyKey === "string" ? idempotencyKey : null });
    return { id: intent.id, upload: intent.upload ? { url: intent.upload.url, fields: intent.upload.fields } : null };
  });
}

/** Complete: the file checked and recorded as a new version waiting for review, or refused saying why (on `file`). */
export async function completeUploadAction(
  agencySlug: string,
  intentId: unknown,
): Promise<ActionResult<{ documentId: string; versionId: string }>> {
  return act(agencySlug, async (context) => {
    const { requestId } = await requestMeta();
    const done = await completeUpload(context, intentId, { requestId });
    return { documentId: done.documentId, versionId: done.versionId };
  });
}

/** `{ body }` → a comment on the company's request. */
export async function addRequestCommentAction(agencySlug: string, requestId: unknown, input: unknown): Promise<ActionResult<null>> {
  return act(agencySlug, async (context) => {
    const { requestId: httpRequestId } = await requestMeta();
    await addRequestComment(context, typeof requestId === "string" ? requestId : "", (input as { body?: unknown } | null)?.body, {
      requestId: httpRequestId,
    });
    return null;
  });
}
