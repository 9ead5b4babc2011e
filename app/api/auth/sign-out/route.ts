import { getTranslations } from "next-intl/server";
import { problem, seeOther } from "@/lib/auth/http";
import { clearAuthJsSideCookies, signOut } from "@/lib/auth/next-auth";
import { checkSameOrigin } from "@/lib/auth/origin";
import { signInPath } from "@/lib/auth/paths";
import { env } from "@/lib/env";
import { requestLogger } from "@/lib/logger";

export const dynamic = "force-dynamic";

/**
 * Sign-out: a POST from a page of this site (a form in the user menu) clears the
 * session cookie and sends the browser to sign-in. GET is not accepted, so a link or an
 * image on another page cannot sign anyone out.
 */
export async function POST(request: Request) {
  const origin = checkSameOrigin(request.headers, env().APP_URL);
  if (!origin.ok) {
    requestLogger(request.headers).warn({ reason: origin.reason }, "sign-out refused: not from this site");
    const t = await getTranslations("auth.signIn");
    return problem(403, "FORBIDDEN", t("errors.forbidden"));
  }
  await signOut({ redirect: false });
  await clearAuthJsSideCookies();
  return seeOther(signInPath({ reason: "signed-out" }));
}
