"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { type SecuritySettings, updateSecuritySettings } from "@/lib/agencies/security";
import { requestMeta } from "@/lib/auth/request-meta";
import { requireStaffMembership } from "@/lib/auth/session";
import { assertCan } from "@/lib/rbac/permissions";

/**
 * `{ requireTotpForAdmins }`: whether owners and admins must use two-factor
 * authentication. Another agency (or none): 404; a role without settings:manage gets
 * FORBIDDEN back. On success the settings page is rendered afresh.
 */
export async function updateSecuritySettingsAction(agencySlug: unknown, input: unknown): Promise<ActionResult<SecuritySettings>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { requestId } = await requestMeta();
  const result = await runAction(async () => {
    assertCan(context.role, "settings:manage");
    return updateSecuritySettings(context, input, requestId);
  });
  if (result.ok) revalidatePath(`/${context.agency.slug}/settings`);
  return result;
}
