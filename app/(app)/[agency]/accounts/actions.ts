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
  abandonOfficialAccount,
  changeOperator,
  createOfficialAccount,
  restoreOfficialAccount,
  type CreatedOfficialAccount,
  type IdSlotHolder,
  type OfficialAccountCard,
} from "@/lib/accounts/service";
import { previewOfficialAccountWarnings, type AccountWarningsPreview } from "@/lib/accounts/warnings";
import { getOfficialAccountProfile, updateOfficialAccount, type NextAllowed } from "@/lib/accounts/profile";
import type { OfficialAccountProfile, UpdatedOfficialAccount } from "@/lib/accounts/profile-schemas";
import { requestMeta } from "@/lib/auth/request-meta";
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
 * The warnings a new Official Account would get (domain.md B2–B4) for the dialog's inputs
 * so far — `{ clientCompanyId, operatorPersonId?, loginEmail? }` — read-only, asked as they
 * change so the warnings show before the user submits.
 */
export async function previewAccountWarningsAction(agencySlug: string, input: unknown): Promise<ActionResult<AccountWarningsPreview>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  try {
    return { ok: true, data: await previewOfficialAccountWarnings(context, input) };
  } catch (error) {
    return failureOf(error);
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

/**
 * Abandoning (`move: "abandon"`) or restoring (`move: "restore"`) one Official Account:
 * `{ officialAccountId, version, reason? }`. Both are moves of its card by the stage
 * machine, so a refused one answers the machine's message (registrationMoves.refusals.*:
 * a registered account is final); a restore onto a full ID names the holders.
 */
export async function moveAccountAction(
  agencySlug: string,
  move: "abandon" | "restore",
  input: unknown,
): Promise<ActionResult<OfficialAccountCard> | CreateAccountFailure> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  if (move !== "abandon" && move !== "restore") return failureOf(new AppError("VALIDATION", `unknown account move ${String(move)}`));
  const { requestId } = await requestMeta();
  const { officialAccountId, ...body } = (input ?? {}) as { officialAccountId?: unknown };
  const id = typeof officialAccountId === "string" ? officialAccountId : "";
  try {
    const card =
      move === "restore"
        ? await restoreOfficialAccount(context, id, body, { requestId })
        : await abandonOfficialAccount(context, id, body, { requestId });
    return { ok: true, data: card };
  } catch (error) {
    return accountFailure(error, "accountMove.errors.capReached");
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

/** One Official Account's profile for its edit dialog (account:read): name history, and when its rules allow the next change. */
export async function getOfficialAccountProfileAction(
  agencySlug: string,
  officialAccountId: string,
): Promise<ActionResult<OfficialAccountProfile>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  try {
    return { ok: true, data: await getOfficialAccountProfile(context, String(officialAccountId)) };
  } catch (error) {
    return failureOf(error);
  }
}

/**
 * The refusal of a profile edit: `stale` when someone saved the account first (the
 * current profile, who and when), `nextAllowedAt` when WeChat's calendar rules refuse
 * the introduction or the name (when each may change again).
 */
export type UpdateAccountFailure = ActionFailure & {
  stale?: { current: OfficialAccountProfile; changedBy: string | null; changedAt: string | null };
  nextAllowedAt?: NextAllowed;
};

/**
 * `officialAccountId` and the edit dialog's body with the account's `version`
 * (account:write) → the profile as saved, with its warnings. Nothing is overwritten
 * unseen: an edit someone else's save overtook answers their values, who and when.
 */
export async function updateOfficialAccountAction(
  agencySlug: string,
  officialAccountId: string,
  input: unknown,
): Promise<ActionResult<UpdatedOfficialAccount> | UpdateAccountFailure> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { requestId } = await requestMeta();
  try {
    return { ok: true, data: await updateOfficialAccount(context, String(officialAccountId), input, { requestId }) };
  } catch (error) {
    const failure: UpdateAccountFailure = failureOf(error);
    if (error instanceof AppError && error.code === "STALE_VERSION") {
      const details = error.details as { current?: OfficialAccountProfile; changedBy?: string | null; changedAt?: string | null };
      if (details.current) {
        failure.stale = { current: details.current, changedBy: details.changedBy ?? null, changedAt: details.changedAt ?? null };
      }
    }
    if (error instanceof AppError && error.details.nextAllowedAt) failure.nextAllowedAt = error.details.nextAllowedAt as NextAllowed;
    return failure;
  }
}
