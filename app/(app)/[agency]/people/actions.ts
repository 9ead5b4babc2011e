"use server";

/**
 * People (issue 6 §2). Each action finds the caller's staff membership (another agency
 * or none: 404), then calls lib/people/queries.ts, which checks the permission. The
 * full ID number of a search arrives here in the POST body only: it is hashed at once
 * and never put in a URL, a log or an answer. Reveal and export are audited reveals.
 */
import { notFound, redirect, unstable_rethrow } from "next/navigation";
import { failureOf, runAction, type ActionFailure, type ActionResult } from "@/lib/actions/result";
import { createExternalAccount, type IdSlotHolder } from "@/lib/accounts/service";
import { requireStaffMembership, type MembershipContext } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { personRoles, type PersonRole } from "@/lib/clients/kinds";
import { exportPerson, findPersonByIdNumber, revealIdNumber } from "@/lib/people/queries";
import { createPerson, updatePerson } from "@/lib/people/service";
import type { EditablePerson } from "@/lib/people/schemas";
import { requestMeta } from "@/lib/auth/request-meta";
import { erasePerson, type ErasureBlocker, type ErasureOutcome } from "@/lib/people/erase";

async function act<T>(agencySlug: unknown, work: (context: MembershipContext) => Promise<T>): Promise<ActionResult<T>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  return runAction(() => work(context));
}

function personIdOf(input: unknown): string {
  const id = (input as { personId?: unknown } | null)?.personId;
  if (typeof id !== "string") throw new AppError("BAD_REQUEST", "malformed person action input");
  return id;
}

/** `{ idNumber }` → the person's page, or "nobody recorded with this number" on the field. */
export async function findPersonByIdNumberAction(agencySlug: string, input: unknown): Promise<ActionResult<null>> {
  let found: { id: string } | null = null;
  const result = await act(agencySlug, async (context) => {
    found = await findPersonByIdNumber(context, (input as { idNumber?: unknown } | null)?.idNumber);
    if (!found) {
      throw new AppError("NOT_FOUND", "no person with this ID number", {
        fields: { idNumber: "peoplePages.errors.noMatch" },
        messageKey: "peoplePages.errors.noMatch",
      });
    }
    return null;
  });
  if (result.ok && found) redirect(`/${agencySlug}/people/${(found as { id: string }).id}`);
  return result;
}

/** `{ personId }` → the clear ID number, audited (person:reveal-id). */
export async function revealIdNumberAction(agencySlug: string, input: unknown): Promise<ActionResult<{ idNumber: string }>> {
  return act(agencySlug, (context) => revealIdNumber(context, personIdOf(input)));
}

/** `{ personId }` → everything held about the person as JSON text, audited (person:reveal-id). */
export async function exportPersonAction(agencySlug: string, input: unknown): Promise<ActionResult<{ json: string }>> {
  return act(agencySlug, async (context) => ({
    json: JSON.stringify(await exportPerson(context, personIdOf(input)), null, 2),
  }));
}

/**
 * `{ name, idType, idNumber, mobile?, clientCompanyId?, role? }` → the new person, linked
 * to the company in that role in the same transaction (person:write).
 */
export async function createPersonAction(
  agencySlug: string,
  input: unknown,
): Promise<ActionResult<{ id: string; name: string; idMask: string }>> {
  return act(agencySlug, (context) => {
    const { clientCompanyId, role, ...person } = (input ?? {}) as Record<string, unknown>;
    const link =
      typeof clientCompanyId === "string" && typeof role === "string" && (personRoles as readonly string[]).includes(role)
        ? { clientCompanyId, role: role as PersonRole }
        : undefined;
    if (clientCompanyId !== undefined && !link) throw new AppError("BAD_REQUEST", "malformed company link");
    return createPerson(context, person, { link });
  });
}

/**
 * `{ personId, name, wechatId? }` → an Official Account the person operates outside
 * Weidesk, taking one of their ID's slots (account:write). A full ID answers
 * ID_CAP_REACHED with the holders.
 */
export async function recordExternalAccountAction(
  agencySlug: string,
  input: unknown,
): Promise<ActionResult<{ id: string }> | (ActionFailure & { holders?: IdSlotHolder[] })> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  try {
    const { personId: _personId, ...account } = (input ?? {}) as Record<string, unknown>;
    const created = await createExternalAccount(context, personIdOf(input), { ...account, wechatId: account.wechatId || undefined });
    return { ok: true, data: { id: created.id } };
  } catch (error) {
    const failure = failureOf(error);
    if (error instanceof AppError && error.code === "ID_CAP_REACHED") {
      return { ...failure, message: "accountForm.errors.capReached", holders: error.details.holders as IdSlotHolder[] };
    }
    return failure;
  }
}

/**
 * `{ personId, confirmName, reason? }` → erases the person for good (person:erase: owners
 * and admins). While they operate an active account, CONFLICT with those `accounts`.
 */
export async function erasePersonAction(
  agencySlug: string,
  input: unknown,
): Promise<ActionResult<ErasureOutcome> | (ActionFailure & { accounts?: ErasureBlocker[] })> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  try {
    const { personId: _personId, ...body } = (input ?? {}) as Record<string, unknown>;
    return { ok: true, data: await erasePerson(context, personIdOf(input), body) };
  } catch (error) {
    const failure = failureOf(error);
    if (error instanceof AppError && Array.isArray(error.details.accounts)) {
      return { ...failure, accounts: error.details.accounts as ErasureBlocker[] };
    }
    return failure;
  }
}

/** The refusal of a person's edit; `stale` when someone saved the person first. */
export type UpdatePersonFailure = ActionFailure & {
  stale?: { current: EditablePerson; changedBy: string | null; changedAt: string | null };
};

/**
 * `personId` and the edit form's body with the `version` it started from (person:write)
 * → the person's page. An edit someone else's save overtook answers the newer values,
 * who saved them and when, so the form shows both; nothing is overwritten unseen.
 */
export async function updatePersonAction(agencySlug: string, personId: string, input: unknown): Promise<UpdatePersonFailure> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { requestId } = await requestMeta();
  try {
    await updatePerson(context, String(personId), input, { requestId });
  } catch (error) {
    unstable_rethrow(error);
    const failure: UpdatePersonFailure = failureOf(error);
    if (error instanceof AppError && error.code === "STALE_VERSION") {
      const details = error.details as { current?: EditablePerson; changedBy?: string | null; changedAt?: string | null };
      if (details.current) {
        failure.stale = { current: details.current, changedBy: details.changedBy ?? null, changedAt: details.changedAt ?? null };
      }
    }
    return failure;
  }
  redirect(`/${context.agency.slug}/people/${personId}?saved=updated`);
}
