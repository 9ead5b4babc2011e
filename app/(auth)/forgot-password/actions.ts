"use server";

import { getLocale } from "next-intl/server";
import { type ActionResult, runAction } from "@/lib/actions/result";
import { requestPasswordReset } from "@/lib/auth/links";
import { requestMeta } from "@/lib/auth/request-meta";

/**
 * `{ email }`: mails a password reset link if the address has an account. The answer is
 * the same either way ("check your inbox"); too many requests for one address from one
 * place answer RATE_LIMITED. The mail goes out in the account's language, else the page's.
 */
export async function requestPasswordResetAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  const [locale, meta] = await Promise.all([getLocale(), requestMeta()]);
  return runAction(() => requestPasswordReset(input, locale, meta.ip));
}
