"use server";

import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { signInPath, VERIFY_EMAIL_PATH } from "@/lib/auth/paths";
import { getCurrentUser } from "@/lib/auth/session";
import { isLinkTokenShape } from "@/lib/auth/tokens";
import { resendEmailVerification, verifyEmail } from "@/lib/members/accounts";

/**
 * A fresh e-mail check link for the signed-in user, then back to the page, which says
 * it was sent. Already verified: on to the app. A plain form posts here, so it works
 * before the page's JavaScript has loaded.
 */
export async function resendVerificationAction(): Promise<void> {
  const user = await getCurrentUser();
  if (!user) redirect(signInPath({ next: VERIFY_EMAIL_PATH }));
  if (user.emailVerified) redirect("/");
  const sent = await resendEmailVerification(user, await getLocale());
  redirect(sent ? `${VERIFY_EMAIL_PATH}?resent=1` : "/");
}

/**
 * Follows an e-mail check link. Only a POST from the confirmation page gets here: mail
 * scanners that open the link (a GET) must not use it up. Verified: to sign-in, or
 * straight into the app for someone signed in; otherwise back to the link's page,
 * which then explains that it is used or expired.
 */
export async function confirmEmailAction(token: string): Promise<void> {
  const shaped = typeof token === "string" && isLinkTokenShape(token);
  const verified = shaped ? await verifyEmail(token) : null;
  if (!verified) redirect(`${VERIFY_EMAIL_PATH}/${shaped ? token : "invalid"}?failed=1`);
  const user = await getCurrentUser();
  redirect(user ? "/" : signInPath({ reason: "verified" }));
}
