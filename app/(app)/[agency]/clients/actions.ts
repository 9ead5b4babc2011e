"use server";

/**
 * The clients list's bulk actions (issue 6 §4): archive, restore, assign. Each is a
 * public endpoint: it finds the caller's membership (another agency, or none: 404),
 * checks client:update (a manager gets FORBIDDEN back: they belong here, they just
 * change nothing), then hands the raw input to lib/clients/service.ts, which validates
 * it and writes every row and its audit event in one transaction.
 */
import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { requestMeta } from "@/lib/auth/request-meta";
import { requireStaffMembership, type MembershipContext } from "@/lib/auth/session";
import { assignCompanies, setCompaniesArchived } from "@/lib/clients/service";
import { assertCan } from "@/lib/rbac/permissions";

type Changed = { changed: number };

async function act(agencySlug: unknown, work: (context: MembershipContext, requestId: string | null) => Promise<Changed>) {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { requestId } = await requestMeta();
  const result = await runAction(() => {
    assertCan(context.role, "client:update");
    return work(context, requestId);
  });
  if (result.ok) revalidatePath(`/${context.agency.slug}/clients`);
  return result;
}

function idsOf(input: unknown): unknown {
  return (input as { ids?: unknown } | null)?.ids;
}

/** `{ ids }`: archives the active ones among them; answers how many changed. */
export async function archiveClientsAction(agencySlug: unknown, input: unknown): Promise<ActionResult<Changed>> {
  return act(agencySlug, (context, requestId) => setCompaniesArchived(context, idsOf(input), true, { requestId }));
}

/** `{ ids }`: restores the archived ones among them; answers how many changed. */
export async function restoreClientsAction(agencySlug: unknown, input: unknown): Promise<ActionResult<Changed>> {
  return act(agencySlug, (context, requestId) => setCompaniesArchived(context, idsOf(input), false, { requestId }));
}

/** `{ ids, assigneeUserId }`: an active owner, admin or staff member, or null for nobody. */
export async function assignClientsAction(agencySlug: unknown, input: unknown): Promise<ActionResult<Changed>> {
  return act(agencySlug, (context, requestId) => {
    const raw = (input as { assigneeUserId?: unknown } | null)?.assigneeUserId;
    const assignee = raw === null || raw === undefined || raw === "" ? null : String(raw);
    return assignCompanies(context, idsOf(input), assignee, { requestId });
  });
}
