/**
 * Throttling of guesses (design.md §7, issue 5): passwords at sign-in, TOTP codes and
 * one-time links. Two counters, in the auth_throttle table (so every instance shares
 * them), keyed by a keyed hash so the table holds no e-mail or IP:
 *
 * - per (scope, e-mail, IP): 10 consecutive failures block that pair for 15 minutes; a
 *   success clears it. Another IP (another pair) is not blocked: no permanent lock-out
 *   of an account by someone else's guesses.
 * - per (scope, IP): 100 failures in a day block that IP until the day's window ends.
 *   Only when the IP is known (TRUST_PROXY, lib/auth/client-ip.ts); otherwise per-IP
 *   limits are off and the per-account limit still applies.
 *
 * Times come from lib/clock.
 */
import "server-only";
import { createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { clock } from "@/lib/clock";
import { env } from "@/lib/env";

export const PAIR_LIMIT = 10;
export const PAIR_BLOCK_MS = 15 * 60 * 1000;
export const IP_DAILY_LIMIT = 100;
export const IP_WINDOW_MS = 24 * 60 * 60 * 1000;

/** What is being guessed: each has its own counters. */
export type ThrottleScope = "sign-in" | "totp" | "link";
export type ThrottleKey = { scope?: ThrottleScope; email: string; ip: string | null };
export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

function keyOf(...parts: string[]): Buffer {
  // Keyed with AUTH_SECRET: the table cannot be turned back into e-mails and IPs.
  return createHmac("sha256", env().AUTH_SECRET).update(parts.join("\u0000")).digest();
}

function keysOf(key: ThrottleKey): { pair: Buffer; ip: Buffer | null } {
  const scope = key.scope ?? "sign-in";
  const email = key.email.trim().toLowerCase();
  return {
    pair: keyOf("pair", scope, email, key.ip ?? "-"),
    ip: key.ip ? keyOf("ip", scope, key.ip) : null,
  };
}

/** Whether another attempt may be made now; when not, how long until it may. */
export async function checkThrottle(key: ThrottleKey): Promise<ThrottleVerdict> {
  const { pair, ip } = keysOf(key);
  const now = clock.now();
  const keys = ip ? [pair, ip] : [pair];
  const { rows } = await db().execute<{ blocked_until: Date | null }>(
    sql`select blocked_until from auth_throttle
        where key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)}) and blocked_until > ${now}`,
  );
  const until = Math.max(0, ...rows.map((row) => new Date(row.blocked_until!).getTime()));
  if (until <= now.getTime()) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
}

/** Counts a failed attempt against the pair and the IP; blocks either at its limit. */
export async function recordFailure(key: ThrottleKey): Promise<void> {
  const { pair, ip } = keysOf(key);
  const now = clock.now();
  // The pair: consecutive failures; at the limit, blocked and counting again from zero.
  await db().execute(sql`
    insert into auth_throttle as t (key, failures, window_started_at, blocked_until)
    values (${pair}, 1, ${now}, null)
    on conflict (key) do update set
      failures = case when t.failures + 1 >= ${PAIR_LIMIT} then 0 else t.failures + 1 end,
      blocked_until = case when t.failures + 1 >= ${PAIR_LIMIT}
                           then ${new Date(now.getTime() + PAIR_BLOCK_MS)}::timestamptz else t.blocked_until end`);
  if (!ip) return;
  // The IP: failures in a day-long window from the first one; at the limit, blocked to the window's end.
  await db().execute(sql`
    insert into auth_throttle as t (key, failures, window_started_at, blocked_until)
    values (${ip}, 1, ${now}, null)
    on conflict (key) do update set
      failures = case when t.window_started_at <= ${new Date(now.getTime() - IP_WINDOW_MS)}::timestamptz then 1 else t.failures + 1 end,
      window_started_at = case when t.window_started_at <= ${new Date(now.getTime() - IP_WINDOW_MS)}::timestamptz
                               then ${now}::timestamptz else t.window_started_at end,
      blocked_until = case
        when t.window_started_at > ${new Date(now.getTime() - IP_WINDOW_MS)}::timestamptz and t.failures + 1 >= ${IP_DAILY_LIMIT}
        then t.window_started_at + interval '1 day' else t.blocked_until end`);
}

/** A success clears the pair's consecutive failures (the IP's daily count stays). */
export async function recordSuccess(key: ThrottleKey): Promise<void> {
  const { pair } = keysOf(key);
  await db().execute(sql`delete from auth_throttle where key = ${pair} and (blocked_until is null or blocked_until <= ${clock.now()})`);
}

/** The sign-in route handler's names for these. */
export const checkSignInThrottle = checkThrottle;
export const recordSignInFailure = recordFailure;
