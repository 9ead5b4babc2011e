"use server";

/**
 * The signed-in user's password and second factor (issue 5 §1). Each action is a public
 * endpoint: it finds the signed-in user itself (requireUser: signed out, to sign-in) and
 * hands the raw input to lib/auth/account-security.ts, which validates it.
 *
 * A change ends every session of the user (its session version is bumped), this one
 * included; the action then signs this browser in afresh and redirects, so the page is
 * rendered with the new session. Turning TOTP on is the exception: the recovery codes
 * must come back to the page to be shown once, so that action returns them with a
 * sealed renewal, and finishTotpEnrolmentAction (the "I've saved them" button) signs in
 * afresh.
 */
import { CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { runAction, type ActionFailure, type ActionResult } from "@/lib/actions/result";
import { changePassword, turnOffTotp, turnOnTotp } from "@/lib/auth/account-security";
import { authorizeSessionRenewal, sealSessionRenewal } from "@/lib/auth/credentials";
import { auth, renewSession, renewSessionWith } from "@/lib/auth/next-auth";
import { ACCOUNT_SECURITY_PATH, signInPath } from "@/lib/auth/paths";
import { sessionClaimsSchema } from "@/lib/auth/policy";
import { requestMeta } from "@/lib/auth/request-meta";
import { requireUser } from "@/lib/auth/session";
import { startTotpEnrolment, type TotpEnrolment } from "@/lib/auth/totp";

export type AccountChange = "password" | "totp-on" | "totp-off";

/** How long the page may show the recovery codes before "I've saved them" must be pressed. */
const ENROLMENT_RENEWAL_MS = 30 * 60_000;

function sessionEnded(): never {
  redirect(signInPath({ next: ACCOUNT_SECURITY_PATH, reason: "session-ended" }));
}

/** Signs this browser in afresh at `version` and shows the page again, saying what changed. */
async function continueSignedIn(userId: string, version: number, done: AccountChange): Promise<never> {
  try {
    await renewSession(userId, version);
  } catch (error) {
    // Signed out everywhere in the meantime (the version moved again): sign in anew.
    if (error instanceof CredentialsSignin) sessionEnded();
    throw error;
  }
  redirect(`${ACCOUNT_SECURITY_PATH}?done=${done}`);
}

/** `{ currentPassword, newPassword }`. Only a refusal comes back: success redirects. */
export async function changePasswordAction(input: unknown): Promise<ActionFailure> {
  const user = await requireUser();
  const meta = await requestMeta();
  const result = await runAction(() => changePassword(user, input, meta));
  if (!result.ok) return result;
  return continueSignedIn(user.id, result.data, "password");
}

/** A new secret to scan (nothing is stored until the first code is confirmed). */
export async function startTotpEnrolmentAction(): Promise<ActionResult<TotpEnrolment>> {
  const user = await requireUser();
  return runAction(() => startTotpEnrolment(user));
}

/**
 * `{ enrolment, code }`: turns TOTP on. Returns the recovery codes, to be shown once,
 * and the renewal finishTotpEnrolmentAction needs (only good with this browser's session).
 */
export async function enableTotpAction(input: unknown): Promise<ActionResult<{ recoveryCodes: string[]; renewal: string }>> {
  const user = await requireUser();
  const meta = await requestMeta();
  return runAction(async () => {
    const { recoveryCodes, sessionVersion } = await turnOnTotp(user, input, meta);
    return { recoveryCodes, renewal: sealSessionRenewal(user.id, sessionVersion, ENROLMENT_RENEWAL_MS) };
  });
}

/**
 * After the recovery codes were shown: signs this browser in afresh. The session it has
 * is stale (turning TOTP on ended it), so requireUser would refuse it; instead the
 * renewal must be genuine and this browser's session cookie must be of the same user
 * (a renewal copied to another browser is no use there).
 */
export async function finishTotpEnrolmentAction(renewal: unknown): Promise<never> {
  const claims = sessionClaimsSchema.safeParse(await auth());
  const renewed = claims.success ? await authorizeSessionRenewal({ renewal }) : null;
  if (!claims.success || !renewed || renewed.id !== claims.data.userId) sessionEnded();
  try {
    await renewSessionWith(renewal as string);
  } catch (error) {
    if (error instanceof CredentialsSignin) sessionEnded();
    throw error;
  }
  redirect(`${ACCOUNT_SECURITY_PATH}?done=totp-on`);
}

/** `{ password }`: turns TOTP off. Only a refusal comes back: success redirects. */
export async function disableTotpAction(input: unknown): Promise<ActionFailure> {
  const user = await requireUser();
  const meta = await requestMeta();
  const result = await runAction(() => turnOffTotp(user, input, meta));
  if (!result.ok) return result;
  return continueSignedIn(user.id, result.data, "totp-off");
}
