"use server";

import { redirect } from "next/navigation";
import { runAction, type ActionFailure } from "@/lib/actions/result";
import { resetPassword } from "@/lib/auth/links";
import { RESET_PASSWORD_PATH, signInPath } from "@/lib/auth/paths";
import { requestMeta } from "@/lib/auth/request-meta";
import { isLinkTokenShape } from "@/lib/auth/tokens";

/**
 * `{ password }` for the reset link's `token`: the new password, every session of the
 * account ended, then sign-in. A password that will not do comes back as field errors;
 * a used, expired or unknown link goes back to its page, which says so.
 */
export async function resetPasswordAction(token: unknown, input: unknown): Promise<ActionFailure> {
  if (typeof token !== "string" || !isLinkTokenShape(token)) redirect(`${RESET_PASSWORD_PATH}/invalid?failed=1`);
  const failed = `${RESET_PASSWORD_PATH}/${token}?failed=1`;
  const { requestId } = await requestMeta();
  const result = await runAction(() => resetPassword(token, input, requestId));
  if (!result.ok) return result;
  redirect(result.data ? signInPath({ reason: "password-reset" }) : failed);
}
