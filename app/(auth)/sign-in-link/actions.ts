"use server";

import { CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { type ActionResult, runAction } from "@/lib/actions/result";
import { takeFollowedSignInLink } from "@/lib/auth/credentials";
import { requestSignInLink } from "@/lib/auth/links";
import { landingPathFor } from "@/lib/auth/membership";
import { clearAuthJsSideCookies, signIn } from "@/lib/auth/next-auth";
import { SIGN_IN_LINK_PATH } from "@/lib/auth/paths";
import { requestMeta } from "@/lib/auth/request-meta";
import { checkThrottle, recordFailure } from "@/lib/auth/throttle";
import { isLinkTokenShape } from "@/lib/auth/tokens";

/**
 * `{ email }`: mails a one-time sign-in link if the address belongs to an active client
 * administrator without two-factor authentication. The same answer either way; too many
 * requests for one address from one place answer RATE_LIMITED.
 */
export async function requestSignInLinkAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  const [locale, meta] = await Promise.all([getLocale(), requestMeta()]);
  return runAction(() => requestSignInLink(input, locale, meta.ip));
}

/** Failed link-follows per IP share one counter (scope "link"): guessing tokens gets nowhere fast. */
const FOLLOW = "(following a link)";

/**
 * Follows a sign-in link: only the page's button posts here (mail scanners open links
 * with GET, which changes nothing). Signs in through the "sign-in-link" provider and
 * lands where a password sign-in would; a used, expired or unknown link goes back to
 * its page, which says so.
 */
export async function signInWithLinkAction(token: unknown): Promise<never> {
  if (typeof token !== "string" || !isLinkTokenShape(token)) redirect(`${SIGN_IN_LINK_PATH}/invalid?failed=1`);
  const failed = `${SIGN_IN_LINK_PATH}/${token}?failed=1`;
  const { ip } = await requestMeta();
  // Per IP only, and only when the IP is known: an (e-mail, IP) pair has no e-mail here.
  const key = ip ? { scope: "link" as const, email: FOLLOW, ip } : null;
  if (key && !(await checkThrottle(key)).allowed) redirect(failed);
  try {
    await signIn("sign-in-link", { token, redirect: false });
  } catch (error) {
    if (!(error instanceof CredentialsSignin)) throw error;
    if (key) await recordFailure(key);
    redirect(failed);
  }
  await clearAuthJsSideCookies();
  const user = takeFollowedSignInLink(token);
  redirect(user ? await landingPathFor(user.id) : "/");
}
