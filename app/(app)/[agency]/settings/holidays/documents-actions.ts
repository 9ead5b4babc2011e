"use server";

/**
 * The agency's documents setting beside its deadlines (issue 8): whether approving a
 * stage's last required document moves the card on by itself. Another agency (or none):
 * 404; a role without settings:manage gets FORBIDDEN back.
 */
import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { requestMeta } from "@/lib/auth/request-meta";
import { requireStaffMembership } from "@/lib/auth/session";
import { setAdvanceOnDocuments } from "@/lib/documents/review";

/** `{ advanceOnDocuments }`: true moves cards on by themselves; false only offers the move. */
export async function updateAdvanceOnDocumentsAction(agencySlug: unknown, input: unknown): Promise<ActionResult<{ advanceOnDocuments: boolean }>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { requestId } = await requestMeta();
  const value = input && typeof input === "object" ? (input as { advanceOnDocuments?: unknown }).advanceOnDocuments : undefined;
  const result = await runAction(async () => ({ advanceOnDocuments: await setAdvanceOnDocuments(context, value, { requestId }) }));
  if (result.ok) revalidatePath(`/${context.agency.slug}/settings/holidays`);
  return result;
}
