/**
 * The checks behind the Auth.js Credentials providers (lib/auth/next-auth.ts):
 *
 * - "credentials": e-mail and password, looked up through weidesk_sign_in_lookup; an
 *   unknown e-mail verifies a dummy hash, so a wrong e-mail and a wrong password take as
 *   long and answer the same (design.md §7). With TOTP on, the right password alone is
 *   not enough: TotpRequired asks for a code, TotpInvalid refuses a wrong or used one
 *   (the sign-in route turns them into 401 TOTP_REQUIRED / TOTP_INVALID). Neither is
 *   thrown unless the password was right.
 * - "sign-in-link": a one-time link mailed to a client administrator (lib/auth/links.ts).
 * - "session-renewal": issues a fresh session to a user who just changed their password
 *   or second factor (which ended every session of theirs); only the server can make
 *   the sealed renewal it needs, and it never leaves the server.
 */
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
// From @auth/core directly (next-auth re-exports this very class): next-auth itself
// imports next/server, which plain Node (the integration tests) cannot resolve.
import { CredentialsSignin } from "@auth/core/errors";
import { clock } from "@/lib/clock";
import { env } from "@/lib/env";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { clientIp } from "./client-ip";
import { followSignInLink } from "./links";
import { verifyPassword } from "./password";
import { signInSchema } from "./sign-in-schema";
import { checkThrottle, recordFailure, recordSuccess } from "./throttle";
import { verifySecondFactor } from "./totp";
import { findCredentials, findSessionUser } from "./users";

export type AuthorizedUser = { id: string; sessionVersion: number };

/** The password was right; the account has TOTP on and no code came with it. */
export class TotpRequired extends CredentialsSignin {
  override code = "totp_required";
}

/** The password was right; the code was wrong, used before, or not a recovery code of this account. */
export class TotpInvalid extends CredentialsSignin {
  override code = "totp_invalid";
}

/** The password was right; too many wrong codes for this account from here lately (throttle scope "totp"). */
export class TotpRateLimited extends CredentialsSignin {
  override code = "totp_rate_limited";
}

function requestIdOf(request: Request | undefined): string | null {
  return request?.headers.get(REQUEST_ID_HEADER) ?? null;
}

/**
 * The user these credentials belong to, or null, never saying which part was wrong.
 * `request` (Auth.js passes the incoming one's headers) gives the client IP for the
 * code throttle and the request id for the audit log.
 */
export async function authorizeCredentials(input: unknown, request?: Request): Promise<AuthorizedUser | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const stored = await findCredentials(parsed.data.email);
  const matches = await verifyPassword(stored?.passwordHash, parsed.data.password);
  if (!stored || !matches) return null;
  const user = { id: stored.userId, sessionVersion: stored.sessionVersion };
  if (!stored.totpEnabled) return user;

  const code = parsed.data.code;
  if (!code) throw new TotpRequired();
  // Ten wrong codes in a row block this (account, IP) pair for a while: with three
  // steps accepted, guessing a code would otherwise take about 330 000 tries on average.
  const key = {
    scope: "totp" as const,
    email: parsed.data.email,
    ip: request ? clientIp(request.headers, env().TRUST_PROXY) : null,
  };
  if (!(await checkThrottle(key)).allowed) throw new TotpRateLimited();
  const factor = await verifySecondFactor(stored.userId, code, requestIdOf(request));
  if (!factor) {
    await recordFailure(key);
    throw new TotpInvalid();
  }
  await recordSuccess(key);
  return user;
}

/**
 * Who followed which link, for the server action that called signIn("sign-in-link") to
 * find where to send them (signIn answers with no user). Entries live for one request:
 * the action takes its own right after signIn returns.
 */
const followedLinks = new Map<string, AuthorizedUser>();

/** Follows a one-time sign-in link (the token from its URL): the user, or null (used, expired, unknown). */
export async function authorizeSignInLink(input: unknown, request?: Request): Promise<AuthorizedUser | null> {
  const token = (input as { token?: unknown } | null)?.token;
  if (typeof token !== "string") return null;
  const user = await followSignInLink(token, requestIdOf(request));
  if (user) followedLinks.set(token, user);
  return user;
}

/** The user a sign-in link just signed in (once), for the action that followed it. */
export function takeFollowedSignInLink(token: string): AuthorizedUser | null {
  const user = followedLinks.get(token) ?? null;
  followedLinks.delete(token);
  return user;
}

/* ------------------------------------------------------------ session renewal */

/** A renewal is used at once, on the server; this only bounds a leaked one. */
export const RENEWAL_TTL_MS = 60_000;

function renewalMac(payload: string): Buffer {
  return createHmac("sha256", env().AUTH_SECRET).update(`session-renewal\u0000${payload}`).digest();
}

/**
 * A renewal for `userId` at `sessionVersion`, for signIn("session-renewal", { renewal }).
 * Handed to a browser only where the action that uses it also checks the browser's
 * (now stale) session is this user's (account security's TOTP enrolment).
 */
export function sealSessionRenewal(userId: string, sessionVersion: number, ttlMs = RENEWAL_TTL_MS): string {
  const payload = `${userId}.${sessionVersion}.${clock.now().getTime() + ttlMs}`;
  return `${payload}.${renewalMac(payload).toString("base64url")}`;
}

/**
 * The user of a sealed renewal, if it is genuine, unexpired, and the account's session
 * version is still the one it was sealed for (a later sign-out everywhere wins).
 */
export async function authorizeSessionRenewal(input: unknown): Promise<AuthorizedUser | null> {
  const renewal = (input as { renewal?: unknown } | null)?.renewal;
  if (typeof renewal !== "string" || renewal.length > 200) return null;
  const parts = renewal.split(".");
  if (parts.length !== 4) return null;
  const [userId, version, expires, mac] = parts as [string, string, string, string];
  const expected = renewalMac(`${userId}.${version}.${expires}`);
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (Number(expires) <= clock.now().getTime()) return null;
  const stored = await findSessionUser(userId);
  if (!stored || stored.sessionVersion !== Number(version)) return null;
  return { id: stored.id, sessionVersion: stored.sessionVersion };
}
