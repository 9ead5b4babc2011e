import { getTranslations } from "next-intl/server";
import { problem, seeOther } from "@/lib/auth/http";
import { clearAuthJsSideCookies, signOut } from "@/lib/auth/next-auth";
import { checkSameOrigin } from "@/lib/auth/origin";
import { getCurrentUser } from "@/lib/auth/session";
import { endMySessions } from "@/lib/auth/sessions";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { signInPath } from "@/lib/auth/paths";
import { env } from "@/lib/env";
import { requestLogger } from "@/lib/logger";

export const dynamic = "force-dynamic";

/**
 * Sign-out: a POST from a page of this site (a form in the user menu) ends every
 * session of the user (their session version is bumped: other browsers are signed out
 * on their next request too), clears the cookie and sends the browser to sign-in. GET is not accepted, so a link or an
 * image on another page cannot sign anyone out.
 */
export async function POST(request: Request) {
  const origin = checkSameOrigin(request.headers, env().APP_URL);
  if (!origin.ok) {
    requestLogger(request.headers).warn({ reason: origin.reason }, "sign-out refused: not from this site");
    const t = await getTranslations("auth.signIn");
    return problem(403, "FORBIDDEN", t("errors.forbidden"));
  }
  // Every session of the user ends, not only this browser's cookie.
  const user = await getCurrentUser();
  if (user) await endMySessions(user.id, request.headers.get(REQUEST_ID_HEADER));
  await signOut({ redirect: false });
  await clearAuthJsSideCookies();
  return seeOther(signInPath({ reason: "signed-out" }));
}
