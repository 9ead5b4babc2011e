/**
 * What the staff document pages read besides the services (issue 8): one document per
 * request, shared by the layout's check and the page, and the agency's "move a card on
 * by itself" setting for the settings page.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { notFound } from "next/navigation";
import { cache } from "react";
import { agencies } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import type { MembershipContext } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/rbac/permissions";
import type { DocumentDto } from "./document-types";
import { getDocument, type DocumentsActor } from "./requests";

/**
 * Document `id` for this request, read once however many callers ask (the layout's check
 * and the page: both hold the same cached membership object). NOT_FOUND for another agency's, a hidden client's or a non-UUID.
 */
export const loadDocumentOfRequest = cache((actor: DocumentsActor, id: string): Promise<DocumentDto> => getDocument(actor, id));

/** The layout's check of /<agency>/documents/<id>: a document the member may not see is the 404 page. */
export async function requireDocumentPage(context: MembershipContext, rest: readonly string[]): Promise<void> {
  const [first] = rest;
  // versions/<id>/download is a route handler of its own, checked there.
  if (!first || first === "versions") return;
  try {
    await loadDocumentOfRequest(context, decodeURIComponent(first));
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** Whether approving a stage's last required document moves the card by itself (agencies.advance_on_documents). */
export async function getAdvanceOnDocuments(actor: DocumentsActor): Promise<boolean> {
  assertCan(actor.role, "settings:manage");
  const [row] = await withTenant({ agencyId: actor.agency.id, userId: actor.user.id, readOnly: true }, (tx) =>
    tx.select({ advance: agencies.advanceOnDocuments }).from(agencies).where(eq(agencies.id, actor.agency.id)),
  );
  if (!row) throw new AppError("NOT_FOUND", "agency not found");
  return row.advance;
}
