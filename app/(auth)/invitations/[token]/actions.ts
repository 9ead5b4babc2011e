"use server";

import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { type ActionFailure, runAction } from "@/lib/actions/result";
import { homePathFor, signInPath } from "@/lib/auth/paths";
import { getCurrentUser } from "@/lib/auth/session";
import { errorMessageKey } from "@/lib/errors";
import { acceptInvitationAsNewUser, acceptInvitationAsUser } from "@/lib/members/accounts";

/**
 * The signed-in user accepts, then lands in the agency (the portal for a client
 * administrator). Only under the invited address: the service refuses anyone else
 * (FORBIDDEN, invitations.errors.otherAccount), whatever the page showed them.
 */
export async function acceptInvitationAction(token: string): Promise<ActionFailure> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, code: "UNAUTHENTICATED", message: errorMessageKey("UNAUTHENTICATED") };
  const result = await runAction(() => acceptInvitationAsUser(typeof token === "string" ? token : "", user));
  if (!result.ok) return result;
  redirect(homePathFor(result.data.agencySlug, result.data.role));
}

/**
 * Someone without an account: the account (its e-mail verified by the link) and the
 * membership in one go, then sign-in with the new password, which leads into the agency.
 */
export async function createAccountAndAcceptAction(input: { token: string; name: string; password: string }): Promise<ActionFailure> {
  const result = await runAction(async () => acceptInvitationAsNewUser(input, await getLocale()));
  if (!result.ok) return result;
  redirect(signInPath({ reason: "account-created", next: homePathFor(result.data.agencySlug, result.data.role) }));
}
