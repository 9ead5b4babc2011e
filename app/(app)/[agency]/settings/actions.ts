"use server";

import { notFound, redirect } from "next/navigation";
import { runAction, type ActionFailure } from "@/lib/actions/result";
import { AGENCY_PICKER_PATH } from "@/lib/auth/paths";
import { requireStaffMembership } from "@/lib/auth/session";
import { deleteAgency } from "@/lib/members/service";

/**
 * `{ confirmation }` (the agency's slug, typed by the owner). Ends every member's access at
 * once and queues the purge for 30 days later; the owner then lands on their agency list.
 * Only a refusal comes back: success redirects.
 */
export async function deleteAgencyAction(agencySlug: string, input: unknown): Promise<ActionFailure> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const result = await runAction(() => deleteAgency(context, input));
  if (result.ok) redirect(AGENCY_PICKER_PATH);
  return result;
}
