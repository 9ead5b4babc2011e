"use server";

/**
 * Editing a client company and adding internal notes (issue 6 §1, §8). Each action
 * finds the caller's membership first (another agency, or none: 404); the services
 * check the permission (a manager gets FORBIDDEN) and that the company is the
 * agency's (NOT_FOUND otherwise). An edit made from an old version gets the newer
 * values back with who saved them and when, so the form can show both: nothing is
 * overwritten without the user seeing what they would overwrite.
 */
import { revalidatePath } from "next/cache";
import { notFound, redirect, unstable_rethrow } from "next/navigation";
import { failureOf, runAction, textArgument, type ActionFailure, type ActionResult } from "@/lib/actions/result";
import { requestMeta } from "@/lib/auth/request-meta";
import { requireStaffMembership } from "@/lib/auth/session";
import { addNote } from "@/lib/clients/detail";
import { updateCompany, type SerialisedCompany } from "@/lib/clients/service";
import { AppError } from "@/lib/errors";

/** The refusal of an edit; `stale` when someone saved the company first. */
export type UpdateCompanyFailure = ActionFailure & {
  stale?: { current: SerialisedCompany; changedBy: string | null; changedAt: string | null };
};

/** `companyId` and the company form's body with the `version` it started from. */
export async function updateCompanyAction(
  agencySlug: string,
  companyId: string,
  input: unknown,
): Promise<UpdateCompanyFailure> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { requestId } = await requestMeta();
  try {
    await updateCompany(context, textArgument(companyId), input, { requestId });
  } catch (error) {
    unstable_rethrow(error);
    const failure: UpdateCompanyFailure = failureOf(error);
    if (error instanceof AppError && error.code === "STALE_VERSION") {
      const details = error.details as { current?: SerialisedCompany; changedBy?: string | null; changedAt?: string | null };
      if (details.current) {
        failure.stale = { current: details.current, changedBy: details.changedBy ?? null, changedAt: details.changedAt ?? null };
      }
    }
    return failure;
  }
  redirect(`/${context.agency.slug}/clients/${companyId}?saved=updated`);
}

/** `companyId` and `{ body }`: an internal note, for staff only. */
export async function addNoteAction(agencySlug: string, companyId: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { requestId } = await requestMeta();
  const result = await runAction(() => addNote(context, textArgument(companyId), input, { requestId }));
  if (result.ok) revalidatePath(`/${context.agency.slug}/clients/${companyId}`);
  return result;
}
