/**
 * Reviewing a document (issue 8 §3): staff approve the latest version of a document, or
 * reject it with a reason the client is shown, and set its flags (signed, chopped, colour
 * scan) and expiry date. One transaction: the review (append-only), the document's status,
 * flags, expiry and version, the audit event, the fulfilment of its request, and, when the
 * approval completes a card's required documents, the card's move (agencies.
 * advance_on_documents) through the stage machine's guard (lib/registration/move.ts), or
 * else the move is only offered.
 *
 * A document whose expiry date has passed counts as not approved (its status stays
 * approved; its expiry flag says "expired"), as the board and the move guard count it.
 */
import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { agencies, documentQuarantines, documentRegistrations, documentRequests, documentReviews, documents, documentVersions } from "@/db/schema";
import { withTenant, type Tx } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { assertCan } from "@/lib/rbac/permissions";
import { lockCard, moveLockedCard } from "@/lib/registration/move";
import { guardStage, pipelineStages, type Stage } from "@/lib/registration/pipelines";
import { readCard, type ReadContext, type RegistrationCard } from "@/lib/registration/queries";
import { checkMove, moveContextOf } from "@/lib/registration/transitions";
import { z } from "@/lib/validation/zod";
import type { DocumentDto, ReviewOutcome } from "./document-types";
import { agencyToday, isFulfilled, isUuid, loadDocuments, staffTenant, type DocumentsActor } from "./read";
import { REVIEW_MESSAGES as m, reviewInputSchema } from "./request-schemas";
import { parseOrInvalid } from "./requests";

type NextMove = ReviewOutcome["nextMoves"][number];

const versionNotFound = () => new AppError("NOT_FOUND", "no such document version", { messageKey: m.versionNotFound });

function conflict(reason: "notLatest" | "quarantined" | "stale", message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError("CONFLICT", message, { messageKey: m[reason], reason, ...extra });
}

const complete = (card: RegistrationCard) => card.documents.missing.length === 0 && card.documents.approved >= card.documents.required;

/**
 * The move an approval made possible for `card`: into its pipeline's guard stage (the
 * move the documents guard refused), or, for a card in its documents stage, on to the
 * next stage; null when the stage machine allows neither.
 */
function documentMove(card: RegistrationCard, actor: DocumentsActor, now: Date): Stage | null {
  const context = moveContextOf(card, { userId: actor.user.id, role: actor.role }, now);
  const guard = guardStage[card.pipeline];
  if (checkMove(card, guard, context).ok) return guard;
  if (card.stage !== "documents") return null;
  const stages = pipelineStages[card.pipeline] as readonly Stage[];
  const next = stages[stages.indexOf("documents") + 1];
  return next && checkMove(card, next, context).ok ? next : null;
}

/**
 * Reviews version `versionId` (input: reviewInputSchema). Needs `document:review`.
 * Errors: VALIDATION (fields: decision, reason — required to reject, at most 1 000
 * characters —, expiresOn, version); NOT_FOUND (another agency's or an unassigned
 * client's version, a non-UUID); CONFLICT with details.reason: "notLatest" (a newer
 * version exists), "quarantined" (its bytes changed in the store), "stale" (the
 * document's version moved on: details.current is the document as it stands).
 */
export async function reviewDocumentVersion(
  actor: DocumentsActor,
  versionId: string,
  raw: unknown,
  options: { requestId?: string | null } = {},
): Promise<ReviewOutcome> {
  const tenant = staffTenant(actor, "document:review");
  const input = parseOrInvalid(reviewInputSchema, raw, "review");
  if (!isUuid(versionId)) throw versionNotFound();
  const agencyId = actor.agency.id;
  const today = agencyToday(actor);
  const now = clock.now();
  const ctx: ReadContext = { agencyId, userId: actor.user.id, now, timeZone: actor.agency.timeZone };

  return withTenant(tenant, async (tx) => {
    const [version] = await tx
      .select({ documentId: documentVersions.documentId, companyId: documentVersions.clientCompanyId })
      .from(documentVersions)
      .where(and(eq(documentVersions.agencyId, agencyId), eq(documentVersions.id, versionId)));
    if (!version) throw versionNotFound();
    const [document] = await tx
      .select()
      .from(documents)
      .where(and(eq(documents.agencyId, agencyId), eq(documents.id, version.documentId)))
      .for("update");
    if (!document) throw versionNotFound();
    const [latest] = await tx
      .select({ id: documentVersions.id })
      .from(documentVersions)
      .where(and(eq(documentVersions.agencyId, agencyId), eq(documentVersions.documentId, document.id)))
      .orderBy(desc(documentVersions.uploadedAt), desc(documentVersions.id))
      .limit(1);
    if (latest?.id !== versionId) throw conflict("notLatest", `version ${versionId} is not the latest of document ${document.id}`);
    const [quarantine] = await tx
      .select({ id: documentQuarantines.id })
      .from(documentQuarantines)
      .where(and(eq(documentQuarantines.agencyId, agencyId), eq(documentQuarantines.documentVersionId, versionId)));
    if (quarantine || document.status === "quarantined") throw conflict("quarantined", `version ${versionId} is quarantined`);
    if (document.version !== input.version) {
      const [current] = await loadDocuments(tx, agencyId, { ids: [document.id] }, today);
      throw conflict("stale", `document ${document.id} is at version ${document.version}, not ${input.version}`, { current });
    }

    // The cards the document serves, locked and read as they stand before the review.
    const links = await tx
      .select({ registrationId: documentRegistrations.registrationId })
      .from(documentRegistrations)
      .where(and(eq(documentRegistrations.agencyId, agencyId), eq(documentRegistrations.documentId, document.id)))
      .orderBy(documentRegistrations.registrationId);
    const before = new Map<string, RegistrationCard>();
    for (const { registrationId } of links) {
      const card = await lockCard(tx, ctx, registrationId);
      if (card) before.set(registrationId, card);
    }

    const approve = input.decision === "approve";
    await tx.insert(documentReviews).values({
      id: newId(),
      agencyId,
      clientCompanyId: document.clientCompanyId,
      documentVersionId: versionId,
      decision: input.decision,
      reason: approve ? input.reason : input.reason!,
      reviewerUserId: actor.user.id,
      at: now,
    });
    const flags = {
      signed: input.signed ?? document.signed,
      chopped: input.chopped ?? document.chopped,
      colourScan: input.colourScan ?? document.colourScan,
      expiresOn: input.expiresOn === undefined ? document.expiresOn : input.expiresOn,
    };
    await tx
      .update(documents)
      .set({ status: approve ? "approved" : "rejected", ...flags, version: sql`${documents.version} + 1`, updatedAt: now })
      .where(and(eq(documents.agencyId, agencyId), eq(documents.id, document.id)));
    await recordAudit(tx, {
      agencyId,
      actorUserId: actor.user.id,
      action: "document.review",
      targetType: "document",
      targetId: document.id,
      data: { versionId, kind: document.kind, decision: input.decision, ...(input.reason ? { reason: input.reason } : {}), ...flags },
      requestId: options.requestId,
    });
    if (document.documentRequestId) await refreshRequest(tx, agencyId, document.documentRequestId, today);

    const nextMoves: NextMove[] = [];
    if (approve) {
      const [agency] = await tx.select({ advance: agencies.advanceOnDocuments }).from(agencies).where(eq(agencies.id, agencyId));
      for (const [registrationId, was] of before) {
        if (complete(was)) continue;
        const card = await readCard(tx, ctx, registrationId);
        if (!card || !complete(card)) continue;
        const to = documentMove(card, actor, now);
        if (!to) continue;
        if (agency?.advance) {
          await moveLockedCard(tx, { user: actor.user, agency: actor.agency, role: actor.role }, ctx, card, { to, version: card.version }, options);
        }
        nextMoves.push({ registrationId, from: card.stage, to, moved: !!agency?.advance });
      }
    }
    const [reviewed] = await loadDocuments(tx, agencyId, { ids: [document.id] }, today);
    return { document: reviewed!, nextMove: nextMoves[0] ?? null, nextMoves };
  });
}

/** Marks an open request fulfilled once every kind has an approved, unexpired document, and open again if no longer. */
async function refreshRequest(tx: Tx, agencyId: string, requestId: string, today: string): Promise<void> {
  const [request] = await tx
    .select({ kinds: documentRequests.kinds, status: documentRequests.status })
    .from(documentRequests)
    .where(and(eq(documentRequests.agencyId, agencyId), eq(documentRequests.id, requestId)))
    .for("update");
  if (!request || request.status === "cancelled") return;
  const status = (await isFulfilled(tx, agencyId, requestId, request.kinds, today)) ? "fulfilled" : "open";
  if (status === request.status) return;
  await tx
    .update(documentRequests)
    .set({ status })
    .where(and(eq(documentRequests.agencyId, agencyId), eq(documentRequests.id, requestId)));
}

/**
 * Whether approving a stage's last required document moves the card by itself (true) or
 * only offers the move (false): agencies.advance_on_documents. Needs `settings:manage`;
 * audited as agency.settings_change. Answers the value now set.
 */
export async function setAdvanceOnDocuments(actor: DocumentsActor, value: unknown, options: { requestId?: string | null } = {}): Promise<boolean> {
  assertCan(actor.role, "settings:manage");
  const parsed = z.boolean().safeParse(value);
  if (!parsed.success) throw new AppError("VALIDATION", "advanceOnDocuments must be a boolean", { fields: { advanceOnDocuments: m.settingInvalid } });
  const agencyId = actor.agency.id;
  return withTenant({ agencyId, userId: actor.user.id }, async (tx) => {
    const [agency] = await tx.select({ advance: agencies.advanceOnDocuments }).from(agencies).where(eq(agencies.id, agencyId)).for("update");
    if (!agency) throw new AppError("NOT_FOUND", "no such agency");
    if (agency.advance === parsed.data) return parsed.data;
    await tx.update(agencies).set({ advanceOnDocuments: parsed.data }).where(eq(agencies.id, agencyId));
    await recordAudit(tx, {
      agencyId,
      actorUserId: actor.user.id,
      action: "agency.settings_change",
      targetType: "agency",
      targetId: agencyId,
      data: { advanceOnDocuments: { before: agency.advance, after: parsed.data } },
      requestId: options.requestId,
    });
    return parsed.data;
  });
}

export type { DocumentDto };
