"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { runAction, type ActionFailure, type ActionResult } from "@/lib/actions/result";
import { AGENCY_PICKER_PATH } from "@/lib/auth/paths";
import { requestMeta } from "@/lib/auth/request-meta";
import { requireStaffMembership } from "@/lib/auth/session";
import { updateStaffRestriction, type StaffRestriction } from "@/lib/clients/team";
import { deleteAgency } from "@/lib/members/service";
import { assertCan } from "@/lib/rbac/permissions";

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

/**
 * `{ restrictStaffToAssigned }`: whether staff see only the clients they are assigned to
 * or on the team of (issue 6 §5). Another agency (or none): 404; a role without
 * settings:manage gets FORBIDDEN back. On success the settings page is rendered afresh.
 */
export async function updateStaffRestrictionAction(agencySlug: unknown, input: unknown): Promise<ActionResult<StaffRestriction>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { requestId } = await requestMeta();
  const result = await runAction(async () => {
    assertCan(context.role, "settings:manage");
    return updateStaffRestriction(context, input, requestId);
  });
  if (result.ok) revalidatePath(`/${context.agency.slug}`, "layout");
  return result;
}
