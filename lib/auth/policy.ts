/**
 * How long a session lives and when it ends (design.md §7). The session cookie is a
 * JWT that carries identity only: the user id, the session version it was issued under
 * and when the user signed in. Everything else (name, role, membership) is read from
 * the database on each request.
 */
import { z } from "@/lib/validation/zod";

/** Idle limit (rolling): the cookie is re-issued on each page load and lapses after this long unused. */
export const SESSION_IDLE_SECONDS = 30 * 60;
export const SESSION_IDLE_MS = SESSION_IDLE_SECONDS * 1000;

/** Absolute limit from sign-in, whatever the activity; checked against lib/clock. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

/** What requireUser reads out of a decoded session (zod: the cookie is input like any other). */
export const sessionClaimsSchema = z.object({
  userId: z.uuid(),
  sessionVersion: z.number().int().positive(),
  signedInAt: z.number().int().nonnegative(),
  /** Last seen (lib/clock), renewed with the cookie on each page load: the idle limit. */
  seenAt: z.number().int().nonnegative().optional(),
});
export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

/** The user's row as weidesk_session_lookup returns it, or null when there is none. */
export type StoredSession = { sessionVersion: number } | null;

/**
 * Whether a session is still good: the user exists, their session version has not been
 * bumped since (sign-out, a password change, being disabled or given another role bump
 * it), it was used within the idle limit, and the absolute limit has not passed.
 */
export function isSessionCurrent(claims: SessionClaims, stored: StoredSession, now: Date): boolean {
  if (!stored || stored.sessionVersion !== claims.sessionVersion) return false;
  const seenAt = claims.seenAt ?? claims.signedInAt;
  return now.getTime() - claims.signedInAt < SESSION_ABSOLUTE_MS && now.getTime() - seenAt < SESSION_IDLE_MS;
}
