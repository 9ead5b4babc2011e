/**
 * The agency's security policy (issue 5 §1): whether owners and admins must sign in
 * with a second factor. lib/auth/session.ts enforces it on their requests (sending
 * those without one to set it up); this is where an owner or admin turns it on or off.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "@/lib/validation/zod";
import { agencies } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record";
import type { MembershipContext } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/rbac/permissions";

export const securitySettingsSchema = z.object({ requireTotpForAdmins: z.boolean() });
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

/**
 * Sets whether the agency requires TOTP of its owners and admins, with an
 * "agency.settings_change" audit event (before and after) when it changes.
 * Precondition: an active staff membership of the agency; settings:manage is checked here.
 */
export async function updateSecuritySettings(
  context: MembershipContext,
  raw: unknown,
  requestId: string | null = null,
): Promise<SecuritySettings> {
  assertCan(context.role, "settings:manage");
  const parsed = securitySettingsSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("BAD_REQUEST", "invalid security settings");
  const next = parsed.data.requireTotpForAdmins;
  const agencyId = context.agency.id;
  await withTenant({ agencyId, userId: context.user.id }, async (tx) => {
    const [current] = await tx
      .select({ requireTotpForAdmins: agencies.requireTotpForAdmins })
      .from(agencies)
      .where(eq(agencies.id, agencyId));
    if (!current) throw new AppError("NOT_FOUND", "agency not found");
    if (current.requireTotpForAdmins === next) return;
    await tx.update(agencies).set({ requireTotpForAdmins: next }).where(eq(agencies.id, agencyId));
    await recordAudit(tx, {
      agencyId,
      actorUserId: context.user.id,
      action: "agency.settings_change",
      targetType: "agency",
      targetId: agencyId,
      // Keys the audit page shows (it hides any that look like a secret, "totp" among them).
      data: { setting: "requireTwoFactorForAdmins", from: current.requireTotpForAdmins, to: next },
      requestId,
    });
  });
  return { requireTotpForAdmins: next };
}
