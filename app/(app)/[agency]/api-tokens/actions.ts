"use server";

/**
 * API tokens (issue 5 §5). Each action is a public endpoint: it finds the caller's
 * staff membership (another agency, or none: 404), checks "api-token:manage" (a client
 * administrator never gets here: the portal is theirs), then hands the raw input to
 * lib/api/tokens.ts, which validates it with the shared schema and writes the token and
 * its audit event in one transaction.
 */
import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { apiTokenIdSchema } from "@/lib/api/token-schemas";
import { createApiToken, revokeApiToken } from "@/lib/api/tokens";
import { requireStaffMembership, type MembershipContext } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/rbac/permissions";

async function act<T>(agencySlug: unknown, work: (context: MembershipContext) => Promise<T>): Promise<ActionResult<T>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const result = await runAction(() => {
    assertCan(context.role, "api-token:manage");
    return work(context);
  });
  if (result.ok) revalidatePath(`/${context.agency.slug}/api-tokens`);
  return result;
}

/**
 * `{ name, expiresInDays }` (30, 90, 365 or null). Answers the token itself, once: it is
 * stored only as a hash, so this answer is the only place it ever appears.
 */
export async function createApiTokenAction(
  agencySlug: string,
  input: unknown,
): Promise<ActionResult<{ id: string; name: string; token: string; expiresAt: Date | null }>> {
  return act(agencySlug, async (context) => {
    const created = await createApiToken(context, input);
    return { id: created.id, name: created.name, token: created.token, expiresAt: created.expiresAt };
  });
}

/** `{ tokenId }`: the member's own token, or for owners and admins anyone's in the agency. */
export async function revokeApiTokenAction(agencySlug: string, input: unknown): Promise<ActionResult<null>> {
  return act(agencySlug, async (context) => {
    const parsed = apiTokenIdSchema.safeParse(input);
    if (!parsed.success) throw new AppError("BAD_REQUEST", "malformed API token action input");
    await revokeApiToken(context, parsed.data.tokenId);
    return null;
  });
}
