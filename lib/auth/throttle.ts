/**
 * Sign-in throttling (design.md §7): per (e-mail, IP) pair and per IP per day, the IP
 * taken from X-Forwarded-For only as far as TRUST_PROXY allows. Not built yet (a later
 * issue); this is the shape the sign-in route handler already answers to: a refusal
 * becomes 429 with Retry-After, before any password is checked.
 */
import "server-only";

export type ThrottleKey = { email: string; ip: string | null };
export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export async function checkSignInThrottle(_key: ThrottleKey): Promise<ThrottleVerdict> {
  return { allowed: true };
}

/** Records a failed attempt against the key; the counters come with the throttle itself. */
export async function recordSignInFailure(_key: ThrottleKey): Promise<void> {}
