/**
 * How long a session lives and when it ends (design.md §7). The session cookie is a
 * JWT that carries identity only: the user id, the session version it was issued under
 * and when the user signed in. Everything else (name, role, membership) is read from
 * the database on each request.
 */
import { z } from "zod";

/** Idle limit: the cookie is re-issued on each page view and lapses after this long unused. */
export const SESSION_IDLE_SECONDS = 7 * 24 * 60 * 60;

/** Absolute limit from sign-in, whatever the activity; checked against lib/clock. */
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000;

/** What requireUser reads out of a decoded session (zod: the cookie is input like any other). */
export const sessionClaimsSchema = z.object({
  userId: z.uuid(),
  sessionVersion: z.number().int().positive(),
  signedInAt: z.number().int().nonnegative(),
});
export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

/** The user's row as weidesk_session_lookup returns it, or null when there is none. */
export type StoredSession = { sessionVersion: number } | null;

/**
 * Whether a session is still good: the user exists, their session version has not been
 * bumped since (a password change or "sign out everywhere" bumps it), and the absolute
 * limit has not passed.
 */
export function isSessionCurrent(claims: SessionClaims, stored: StoredSession, now: Date): boolean {
  if (!stored || stored.sessionVersion !== claims.sessionVersion) return false;
  return now.getTime() - claims.signedInAt < SESSION_ABSOLUTE_MS;
}
