import { CredentialsSignin } from "next-auth";
import { getTranslations } from "next-intl/server";
import { fieldErrorsOf, signInSchema } from "@/lib/auth/sign-in-schema";
import { isFormPost, json, problem, readBody, seeOther } from "@/lib/auth/http";
import { landingPathFor } from "@/lib/auth/membership";
import { clearAuthJsSideCookies, signIn } from "@/lib/auth/next-auth";
import { checkSameOrigin } from "@/lib/auth/origin";
import { signInPath, type SignInError } from "@/lib/auth/paths";
import { clientIp } from "@/lib/auth/client-ip";
import { checkSignInThrottle, recordSignInFailure, recordSuccess } from "@/lib/auth/throttle";
import { findCredentials, recordSignIn } from "@/lib/auth/users";
import { clock } from "@/lib/clock";
import { env } from "@/lib/env";
import { requestLogger } from "@/lib/logger";

export const dynamic = "force-dynamic";

// An e-mail, a password and a path fit in far less; argon2 never sees a megabyte.
const MAX_BODY_BYTES = 8 * 1024;

/**
 * Sign-in with e-mail and password (design.md §7). The form posts JSON and gets
 * { redirectTo } or a problem+json; a plain HTML form post (no JavaScript) gets 303
 * redirects instead. Wrong e-mail and wrong password answer the same 401, and cost
 * the same time (a dummy hash is verified for unknown e-mails).
 *
 * 403 not from this site · 413/415/400 body · 422 fields (every field's message key) ·
 * 429 throttled (Retry-After) · 401 wrong credentials · 503 the database is down.
 */
export async function POST(request: Request) {
  const log = requestLogger(request.headers);
  const t = await getTranslations("auth.signIn");
  const fromForm = isFormPost(request);

  const origin = checkSameOrigin(request.headers, env().APP_URL);
  if (!origin.ok) {
    log.warn({ reason: origin.reason }, "sign-in refused: not from this site");
    return problem(403, "FORBIDDEN", t("errors.forbidden"));
  }

  const body = await readBody(request, MAX_BODY_BYTES);
  if (!body.ok) return problem(body.status, "BAD_REQUEST", t("errors.invalid"));
  // Kept even when the fields are wrong, so a form post without JavaScript comes back to the same place.
  const next = signInSchema.shape.next.parse((body.value as { next?: unknown } | null)?.next) ?? null;
  const fail = (error: SignInError, response: Response) => (fromForm ? seeOther(signInPath({ next, error })) : response);

  const parsed = signInSchema.safeParse(body.value);
  if (!parsed.success) {
    return fail("invalid", problem(422, "VALIDATION", t("errors.invalid"), { fields: fieldErrorsOf(parsed.error) }));
  }
  const { email, password } = parsed.data;

  const throttleKey = { email, ip: clientIp(request.headers, env().TRUST_PROXY) };
  const throttle = await checkSignInThrottle(throttleKey);
  if (!throttle.allowed) {
    log.info("sign-in refused: throttled");
    const retryAfter = String(throttle.retryAfterSeconds);
    const refusal = problem(429, "RATE_LIMITED", t("errors.rateLimited"), { retryAfter: throttle.retryAfterSeconds }, {
      "Retry-After": retryAfter,
    });
    return fail("rate-limited", refusal);
  }

  try {
    await signIn("credentials", { email, password, code: parsed.data.code, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      // The password was right; the second factor is asked for (no failure counted) or was wrong (counted).
      if (error.code === "totp_rate_limited") {
        log.info("sign-in refused: too many second-factor codes");
        return fail("rate-limited", problem(429, "RATE_LIMITED", t("errors.rateLimited"), {}, { "Retry-After": String(15 * 60) }));
      }
      if (error.code === "totp_required") {
        log.info("sign-in: second factor required");
        return fail("totp-required", problem(401, "TOTP_REQUIRED", t("errors.totpRequired")));
      }
      await recordSignInFailure(throttleKey);
      if (error.code === "totp_invalid") {
        log.info("sign-in refused: wrong second-factor code");
        return fail("totp-invalid", problem(401, "TOTP_INVALID", t("errors.totpInvalid")));
      }
      log.info("sign-in refused: wrong e-mail or password");
      return fail("credentials", problem(401, "INVALID_CREDENTIALS", t("errors.credentials")));
    }
    log.error({ err: { message: error instanceof Error ? error.message : String(error) } }, "sign-in failed");
    return fail("unavailable", problem(503, "UNAVAILABLE", t("errors.unavailable"), {}, { "Retry-After": "5" }));
  }

  await recordSuccess(throttleKey);
  await clearAuthJsSideCookies();
  // The new session cookie is set on this response; the user id comes from the same lookup.
  const account = await findCredentials(email);
  if (account) await recordSignIn(account.userId, clock.now());
  const redirectTo = account ? await landingPathFor(account.userId, parsed.data.next) : "/";
  log.info("signed in");
  return fromForm ? seeOther(redirectTo) : json({ redirectTo });
}
