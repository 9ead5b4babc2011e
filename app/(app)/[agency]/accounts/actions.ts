"use server";

/**
 * Official Accounts from the client page (issue 6 §3). The action finds the caller's
 * staff membership (another agency or none: 404) and hands the input to
 * lib/accounts/service.ts, which checks the permission, the company's kind against the
 * type, the operator's age, and takes the ID slot in the same transaction as the card.
 * A third account for one ID answers ID_CAP_REACHED with the holders, for the form to
 * name and link them.
 */
import { notFound } from "next/navigation";
import { failureOf, type ActionFailure, type ActionResult } from "@/lib/actions/result";
import { createOfficialAccount, type CreatedOfficialAccount, type IdSlotHolder } from "@/lib/accounts/service";
import { requireStaffMembership } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

export type CreateAccountFailure = ActionFailure & { holders?: IdSlotHolder[] };

export async function createOfficialAccountAction(
  agencySlug: string,
  input: unknown,
): Promise<ActionResult<CreatedOfficialAccount> | CreateAccountFailure> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  try {
    return { ok: true, data: await createOfficialAccount(context, input) };
  } catch (error) {
    const failure = failureOf(error);
    if (error instanceof AppError && error.code === "ID_CAP_REACHED") {
      return { ...failure, message: "accountForm.errors.capReached", holders: error.details.holders as IdSlotHolder[] };
    }
    return failure;
  }
}
