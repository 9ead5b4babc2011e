"use server";

/**
 * Official Accounts and WeCom corps from the client page (issue 6 §3). Each action finds
 * the caller's staff membership (another agency or none: 404) and hands the input to
 * the service (lib/accounts/service.ts, lib/wecom/service.ts), which checks the
 * permission and does the write and its audit event in one transaction. A refusal at an
 * ID's two-account cap answers ID_CAP_REACHED with the holders, for the dialog to name
 * and link them.
 */
import { notFound } from "next/navigation";
import { failureOf, type ActionFailure, type ActionResult } from "@/lib/actions/result";
import {
  changeOperator,
  createOfficialAccount,
  type CreatedOfficialAccount,
  type IdSlotHolder,
  type OfficialAccountCard,
} from "@/lib/accounts/service";
import { requireStaffMembership } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { createWecomCorp, type WecomCorp } from "@/lib/wecom/service";

export type CreateAccountFailure = ActionFailure & { holders?: IdSlotHolder[] };

/** A refusal, with the holders of a full ID under `capMessage`. */
function accountFailure(error: unknown, capMessage: string): CreateAccountFailure {
  const failure = failureOf(error);
  if (error instanceof AppError && error.code === "ID_CAP_REACHED") {
    return { ...failure, message: capMessage, holders: error.details.holders as IdSlotHolder[] };
  }
  return failure;
}

export async function createOfficialAccountAction(
  agencySlug: string,
  input: unknown,
): Promise<ActionResult<CreatedOfficialAccount> | CreateAccountFailure> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  try {
    return { ok: true, data: await createOfficialAccount(context, input) };
  } catch (error) {
    return accountFailure(error, "accountForm.errors.capReached");
  }
}

/**
 * The operator change (换绑) of one Official Account: `{ officialAccountId, version,
 * operatorPersonId }`. The account's slot moves to the new operator's ID; a full ID is
 * refused naming its holders, and nothing changes.
 */
export async function changeOperatorAction(
  agencySlug: string,
  input: unknown,
): Promise<ActionResult<OfficialAccountCard> | CreateAccountFailure> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { officialAccountId, ...body } = (input ?? {}) as { officialAccountId?: unknown };
  try {
    return { ok: true, data: await changeOperator(context, typeof officialAccountId === "string" ? officialAccountId : "", body) };
  } catch (error) {
    return accountFailure(error, "operatorChange.errors.capReached");
  }
}

/** A WeCom corp and its card in the first stage of the `wecom` pipeline. */
export async function createWecomCorpAction(agencySlug: string, input: unknown): Promise<ActionResult<WecomCorp>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  try {
    return { ok: true, data: await createWecomCorp(context, input) };
  } catch (error) {
    return failureOf(error);
  }
}
