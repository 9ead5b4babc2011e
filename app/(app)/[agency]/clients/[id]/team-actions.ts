"use server";

/**
 * A client's team from its page (issue 6 §5). Each action finds the caller's membership
 * first (another agency, or none: 404); the service checks client:update (a manager gets
 * FORBIDDEN) and that the caller may see the company (NOT_FOUND otherwise), and writes
 * the change with its audit events in one transaction.
 */
import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { runAction, textArgument, type ActionResult } from "@/lib/actions/result";
import { requestMeta } from "@/lib/auth/request-meta";
import { requireStaffMembership } from "@/lib/auth/session";
import { addTeamMembers, removeTeamMember, type ClientTeam } from "@/lib/clients/team";

/** `companyId` and `{ userIds }`: colleagues to add to the team. */
export async function addTeamMembersAction(agencySlug: string, companyId: string, input: unknown): Promise<ActionResult<ClientTeam>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { requestId } = await requestMeta();
  const userIds = (input as { userIds?: unknown } | null)?.userIds;
  const result = await runAction(() =>
    addTeamMembers(context, textArgument(companyId), Array.isArray(userIds) ? userIds.map(textArgument) : [], { requestId }),
  );
  if (result.ok) revalidatePath(`/${context.agency.slug}/clients/${companyId}`);
  return result;
}

/** `companyId` and the user id to take off the team. */
export async function removeTeamMemberAction(agencySlug: string, companyId: string, userId: string): Promise<ActionResult<ClientTeam>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { requestId } = await requestMeta();
  const result = await runAction(() => removeTeamMember(context, textArgument(companyId), textArgument(userId), { requestId }));
  if (result.ok) revalidatePath(`/${context.agency.slug}/clients/${companyId}`);
  return result;
}
