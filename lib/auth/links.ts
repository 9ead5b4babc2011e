/**
 * One-time links by e-mail (issue 5 §2): password reset (any account, an hour) and
 * sign-in links (client administrators only, 15 minutes). Tokens as in lib/auth/tokens.ts
 * (32 random bytes in the link, SHA-256 stored); issued and used through the SECURITY
 * DEFINER functions of 0008_sessions.sql.
 *
 * Asking for a link answers the same whether or not the address has an account (or may
 * have a link), so the form cannot be used to find out who does. Requests are throttled
 * per (e-mail, IP), scope "link": ten in a row block that pair for 15 minutes.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import type { Tx } from "@/db/tenant";
import { clock } from "@/lib/clock";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { newId } from "@/lib/ids";
import { enqueueMail } from "@/lib/mail/outbox";
import { renderMail } from "@/lib/mail/templates";
import { fieldErrorsOf } from "@/lib/members/schemas";
import { recordAccountEvent } from "./account-events";
import { emailRequestSchema, resetPasswordSchema } from "./account-schemas";
import { hashPassword } from "./password";
import { RESET_PASSWORD_PATH, SIGN_IN_LINK_PATH } from "./paths";
import { checkThrottle, recordFailure, type ThrottleKey } from "./throttle";
import { hashLinkToken, isLinkTokenShape, newLinkToken } from "./tokens";

export const PASSWORD_RESET_MINUTES = 60;
export const SIGN_IN_LINK_MINUTES = 15;


type LinkPurpose = "password_reset" | "sign_in_link";

function validation(error: Parameters<typeof fieldErrorsOf>[0]): AppError {
  return new AppError("VALIDATION", "invalid link form", { fields: fieldErrorsOf(error) });
}

function absolute(path: string): string {
  return new URL(path, env().APP_URL).toString();
}

/** Thrown inside a transaction to undo it: nothing is issued, and nothing is said. */
class Withheld extends Error {}

/**
 * Issues a `purpose` link for `email` and mails it, in one transaction, unless the
 * address may not have one. The same result either way; RATE_LIMITED after too many
 * requests for this address from this IP.
 */
async function requestLink(
  purpose: LinkPurpose,
  raw: unknown,
  locale: Locale,
  ip: string | null,
  mail: (tx: Tx, to: { email: string; name: string; locale: Locale }, url: string) => Promise<unknown>,
  allowed: (tx: Tx, userId: string) => Promise<boolean> = async () => true,
): Promise<{ email: string }> {
  const parsed = emailRequestSchema.safeParse(raw);
  if (!parsed.success) throw validation(parsed.error);
  const email = parsed.data.email;

  const key: ThrottleKey = { scope: "link", email, ip };
  const verdict = await checkThrottle(key);
  if (!verdict.allowed) {
    throw new AppError("RATE_LIMITED", "link requests throttled", { retryAfterSeconds: verdict.retryAfterSeconds });
  }
  // Every request counts, answered or not: the counter limits how often anyone can mail an address.
  await recordFailure(key);

  const minutes = purpose === "password_reset" ? PASSWORD_RESET_MINUTES : SIGN_IN_LINK_MINUTES;
  const path = purpose === "password_reset" ? RESET_PASSWORD_PATH : SIGN_IN_LINK_PATH;
  const { token, hash } = newLinkToken();
  const now = clock.now();
  try {
    await db().transaction(async (tx) => {
      const { rows } = await tx.execute<{ user_id: string; name: string; locale: string | null }>(
        sql`select user_id, name, locale from weidesk_issue_user_token(
              ${email}, ${purpose}, ${newId()}, ${hash}, ${new Date(now.getTime() + minutes * 60_000)}, ${now})`,
      );
      const issued = rows[0];
      if (!issued) return;
      if (!(await allowed(tx, issued.user_id))) throw new Withheld();
      // The address as the account has it (the form's may differ in case).
      const account = await tx.execute<{ email: string }>(sql`select email from weidesk_session_lookup(${issued.user_id})`);
      await mail(
        tx,
        {
          email: account.rows[0]?.email ?? email,
          name: issued.name,
          locale: isLocale(issued.locale) ? issued.locale : locale,
        },
        absolute(`${path}/${token}`),
      );
    });
  } catch (error) {
    if (!(error instanceof Withheld)) throw error;
  }
  return { email };
}

/** "Forgot password": mails a reset link, valid for an hour, if the address has an account. */
export function requestPasswordReset(raw: unknown, locale: Locale, ip: string | null): Promise<{ email: string }> {
  return requestLink("password_reset", raw, locale, ip, (tx, to, url) =>
    enqueueMail(tx, renderMail("passwordReset", to.locale, to.email, { name: to.name, url, minutes: PASSWORD_RESET_MINUTES })),
  );
}

async function hasTotp(tx: Tx, userId: string): Promise<boolean> {
  const { rows } = await tx.execute<{ totp_enabled: boolean }>(
    sql`select totp_enabled from weidesk_session_lookup(${userId})`,
  );
  return rows[0]?.totp_enabled === true;
}

/**
 * Mails a sign-in link, valid for 15 minutes, if the address belongs to an active client
 * administrator (weidesk_issue_user_token decides) without a second factor: a link
 * proves only the mailbox, so someone who turned TOTP on signs in with password and code.
 */
export function requestSignInLink(raw: unknown, locale: Locale, ip: string | null): Promise<{ email: string }> {
  return requestLink(
    "sign_in_link",
    raw,
    locale,
    ip,
    (tx, to, url) =>
      enqueueMail(tx, renderMail("signInLink", to.locale, to.email, { name: to.name, url, minutes: SIGN_IN_LINK_MINUTES })),
    async (tx, userId) => !(await hasTotp(tx, userId)),
  );
}

/**
 * Follows a sign-in link: used up, the user's address counted as verified, the sign-in
 * audited in their agencies. The user and session version to issue the session with, or
 * null (unknown, used, expired, or the account has since turned TOTP on).
 */
export async function followSignInLink(
  token: string,
  requestId: string | null,
): Promise<{ id: string; sessionVersion: number } | null> {
  if (!isLinkTokenShape(token)) return null;
  try {
    return await db().transaction(async (tx) => {
      const { rows } = await tx.execute<{ user_id: string; session_version: number }>(
        sql`select user_id, session_version from weidesk_use_sign_in_link(${hashLinkToken(token)}, ${clock.now()})`,
      );
      const row = rows[0];
      if (!row) return null;
      if (await hasTotp(tx, row.user_id)) throw new Withheld();
      await tx.execute(sql`select set_config('app.user_id', ${row.user_id}, true)`);
      await recordAccountEvent(tx, "session.sign_in_link", requestId);
      return { id: row.user_id, sessionVersion: row.session_version };
    });
  } catch (error) {
    if (error instanceof Withheld) return null;
    throw error;
  }
}

/**
 * Follows a password reset link with the new password: every session of the account
 * ends, and the reset is audited in its agencies. False when the link is unknown, used
 * or expired; field errors for a password that will not do.
 */
export async function resetPassword(token: string, raw: unknown, requestId: string | null): Promise<boolean> {
  const parsed = resetPasswordSchema.safeParse(raw);
  if (!parsed.success) throw validation(parsed.error);
  if (!isLinkTokenShape(token)) return false;
  const passwordHash = await hashPassword(parsed.data.password);
  return db().transaction(async (tx) => {
    const { rows } = await tx.execute<{ user_id: string }>(
      sql`select user_id from weidesk_reset_password(${hashLinkToken(token)}, ${passwordHash}, ${clock.now()})`,
    );
    const userId = rows[0]?.user_id;
    if (!userId) return false;
    await tx.execute(sql`select set_config('app.user_id', ${userId}, true)`);
    await recordAccountEvent(tx, "password.reset", requestId);
    return true;
  });
}
