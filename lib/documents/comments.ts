/**
 * A document request's comment thread (issue 8 §1): staff who may request documents and
 * the company's own client administrator write to each other on the request. A client
 * administrator holds no staff permission: they are let in by their role and the company
 * of their tenant context, which row-level security enforces too (another company's
 * request is not there for them: NOT_FOUND). Staff comments are audited; a client
 * administrator's are not (the audit log's insert policy lets them write
 * document.upload events only), the comment row itself records who and when.
 */
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { documentRequestComments, documentRequests } from "@/db/schema";
import { withTenant, type TenantContext, type Tx } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { RequestCommentDto } from "./document-types";
import { isUuid, peopleOf, personOf, readerTenant, type DocumentsActor } from "./read";
import { REQUEST_MESSAGES as m, requestCommentInputSchema } from "./request-schemas";
import { parseOrInvalid, requestNotFound } from "./requests";

/** Staff with `staffAction`, or a client administrator of the request's company (checked in the query). */
function commenterTenant(actor: DocumentsActor, staffAction: "document:request" | "document:read"): TenantContext {
  return readerTenant(actor, staffAction);
}

/** The request as this tenant sees it, or NOT_FOUND. */
async function visibleRequest(tx: Tx, tenant: TenantContext, requestId: string, lock = false) {
  const query = tx
    .select({ id: documentRequests.id, companyId: documentRequests.clientCompanyId, status: documentRequests.status })
    .from(documentRequests)
    .where(and(eq(documentRequests.agencyId, tenant.agencyId), eq(documentRequests.id, requestId)));
  const [request] = lock ? await query.for("share") : await query;
  // Row-level security hides another company's request from a client administrator; the check says so twice.
  if (!request || (tenant.clientCompanyId && request.companyId !== tenant.clientCompanyId)) throw requestNotFound();
  return request;
}

async function commentsOf(tx: Tx, agencyId: string, where: { requestId: string } | { id: string }): Promise<RequestCommentDto[]> {
  const rows = await tx
    .select()
    .from(documentRequestComments)
    .where(
      and(
        eq(documentRequestComments.agencyId, agencyId),
        "id" in where ? eq(documentRequestComments.id, where.id) : eq(documentRequestComments.documentRequestId, where.requestId),
      ),
    )
    .orderBy(asc(documentRequestComments.createdAt), asc(documentRequestComments.id));
  const people = await peopleOf(tx, agencyId, rows.map((row) => row.authorUserId));
  return rows.map((row) => ({
    id: row.id,
    requestId: row.documentRequestId,
    body: row.body,
    author: personOf(people, row.authorUserId),
    createdAt: row.createdAt.toISOString(),
  }));
}

/**
 * Adds a comment (1–2 000 characters, trimmed) to a request that is not cancelled. Staff
 * with `document:request`, or the request's company's client administrator. NOT_FOUND
 * for a request they may not see; CONFLICT (notOpen) on a cancelled one.
 */
export async function addRequestComment(
  actor: DocumentsActor,
  requestId: string,
  body: unknown,
  options: { requestId?: string | null } = {},
): Promise<RequestCommentDto> {
  const tenant = commenterTenant(actor, "document:request");
  if (!isUuid(requestId)) throw requestNotFound();
  const input = parseOrInvalid(requestCommentInputSchema, { body }, "comment");
  const agencyId = actor.agency.id;
  return withTenant(tenant, async (tx) => {
    const request = await visibleRequest(tx, tenant, requestId, true);
    if (request.status === "cancelled") {
      throw new AppError("CONFLICT", `document request ${requestId} is cancelled`, { messageKey: m.notOpen, status: request.status });
    }
    const id = newId();
    await tx.insert(documentRequestComments).values({
      id,
      agencyId,
      clientCompanyId: request.companyId,
      documentRequestId: requestId,
      authorUserId: actor.user.id,
      body: input.body,
      createdAt: clock.now(),
    });
    if (!tenant.clientCompanyId) {
      await recordAudit(tx, {
        agencyId,
        actorUserId: actor.user.id,
        action: "document_request.comment",
        targetType: "document_request",
        targetId: requestId,
        data: { commentId: id },
        requestId: options.requestId,
      });
    }
    const [comment] = await commentsOf(tx, agencyId, { id });
    return comment!;
  });
}

/** A request's comments, oldest first: staff who may read documents, or the company's client administrator. */
export async function listRequestComments(actor: DocumentsActor, requestId: string): Promise<RequestCommentDto[]> {
  const tenant = commenterTenant(actor, "document:read");
  if (!isUuid(requestId)) throw requestNotFound();
  return withTenant({ ...tenant, readOnly: true }, async (tx) => {
    await visibleRequest(tx, tenant, requestId);
    return commentsOf(tx, actor.agency.id, { requestId });
  });
}
