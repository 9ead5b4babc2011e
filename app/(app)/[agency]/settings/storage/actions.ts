"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { requireStaffMembership } from "@/lib/auth/session";
import { runReconciliationNow } from "@/lib/documents/storage-report";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/rbac/permissions";
import { z } from "@/lib/validation/zod";

/** The button sends `{ run: true }`: anything else is refused before the store is touched. */
const runInput = z.object({ run: z.literal(true) });

/**
 * "Run reconciliation now" on the storage page (`{ run: true }`): the agency's
 * reconciliation at once (with its staging sweep), as the worker's daily job would. Another agency (or none): 404; a
 * role without settings:manage gets FORBIDDEN back. On success the page is rendered afresh.
 */
export async function runReconciliationAction(agencySlug: unknown, input: unknown): Promise<ActionResult<{ id: string; findings: number }>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const result = await runAction(async () => {
    assertCan(context.role, "settings:manage");
    if (!runInput.safeParse(input).success) throw new AppError("VALIDATION", "reconciliation run without { run: true }");
    const report = await runReconciliationNow(context);
    return { id: report.id, findings: report.findings.length };
  });
  if (result.ok) revalidatePath(`/${context.agency.slug}/settings/storage`);
  return result;
}
