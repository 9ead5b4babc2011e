"use server";

/**
 * Saved views of the staff lists (issue 6 §4). Each action is a public endpoint: it finds
 * the caller's staff membership (another agency, or none: 404; a client administrator:
 * the portal), then hands the raw input to lib/saved-views/service.ts, which validates it
 * and reads and writes only the caller's own views (the database's policy says so too).
 * Every staff-side role may, managers included: a view is the member's own, not the
 * agency's business data (design.md §1).
 */
import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { requireStaffMembership, type MembershipContext } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { SavedView } from "@/lib/saved-views/schemas";
import { createSavedView, deleteSavedView, updateSavedView } from "@/lib/saved-views/service";

async function act(agencySlug: unknown, work: (context: MembershipContext) => Promise<SavedView>): Promise<ActionResult<SavedView>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const result = await runAction(() => work(context));
  // The list's page reads the views (its menu, and where a plain visit goes).
  if (result.ok) revalidatePath(`/${context.agency.slug}/${result.data.list}`);
  return result;
}

function idOf(input: unknown): string {
  const id = (input as { id?: unknown } | null)?.id;
  if (typeof id !== "string") throw new AppError("BAD_REQUEST", "malformed saved view action input");
  return id;
}

/** `{ list, name, query, isDefault }`: saves the view on screen as the caller's. */
export async function saveViewAction(agencySlug: string, input: unknown): Promise<ActionResult<SavedView>> {
  return act(agencySlug, (context) => createSavedView(context, input));
}

/** `{ id, name?, query?, isDefault? }`: renames the caller's view, or makes it the default or not. */
export async function updateViewAction(agencySlug: string, input: unknown): Promise<ActionResult<SavedView>> {
  return act(agencySlug, (context) => {
    const { id, ...changes } = { ...(input as Record<string, unknown>), id: idOf(input) };
    return updateSavedView(context, id, changes);
  });
}

/** `{ id }`: deletes the caller's view. */
export async function deleteViewAction(agencySlug: string, input: unknown): Promise<ActionResult<SavedView>> {
  return act(agencySlug, (context) => deleteSavedView(context, idOf(input)));
}
