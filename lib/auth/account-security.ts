/**
 * What the signed-in user changes on /account/security: their password, and their
 * second factor (lib/auth/totp.ts). Each proves the current password (or a first code,
 * for TOTP), ends every other session of the user, and is audited in each of their
 * agencies. Callers then sign the current session in afresh (lib/auth/next-auth.ts
 * renewSession): its session version is stale too.
 *
 * Wrong current passwords count against the sign-in throttle of the account, so a
 * stolen session cannot be used to guess the password faster than sign-in could.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/members/schemas";
import { asUser, recordAccountEvent } from "./account-events";
import { ACCOUNT_MESSAGES, changePasswordSchema, disableTotpSchema, enableTotpSchema } from "./account-schemas";
import { hashPassword, verifyPassword } from "./password";
import { checkThrottle, recordFailure, recordSuccess, type ThrottleKey } from "./throttle";
import { disableTotpFor, enableTotp } from "./totp";
import { findCredentials } from "./users";

export type AccountUser = { id: string; email: string };
export type RequestMeta = { ip: string | null; requestId: string | null };

function fieldError(field: string, message: string): AppError {
  return new AppError("VALIDATION", `${field}: ${message}`, { fields: { [field]: message } });
}

/** Throws unless `password` is the user's current one (a field error on `field`). */
async function proveCurrentPassword(user: AccountUser, password: string, field: string, meta: RequestMeta): Promise<void> {
  const key: ThrottleKey = { scope: "sign-in", email: user.email, ip: meta.ip };
  const verdict = await checkThrottle(key);
  if (!verdict.allowed) {
    throw new AppError("RATE_LIMITED", "current password throttled", { retryAfterSeconds: verdict.retryAfterSeconds });
  }
  const stored = await findCredentials(user.email);
  const matches = await verifyPassword(stored?.passwordHash, password);
  if (!stored || stored.userId !== user.id || !matches) {
    await recordFailure(key);
    throw fieldError(field, ACCOUNT_MESSAGES.currentPasswordWrong);
  }
  await recordSuccess(key);
}

/** A new password for the signed-in user; returns the new session version. */
export async function changePassword(user: AccountUser, raw: unknown, meta: RequestMeta): Promise<number> {
  const parsed = changePasswordSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("VALIDATION", "invalid password change", { fields: fieldErrorsOf(parsed.error) });
  await proveCurrentPassword(user, parsed.data.currentPassword, "currentPassword", meta);
  const passwordHash = await hashPassword(parsed.data.newPassword);
  return asUser(user.id, async (tx) => {
    const { rows } = await tx.execute<{ version: number | null }>(sql`select weidesk_change_password(${passwordHash}) as version`);
    await recordAccountEvent(tx, "password.change", meta.requestId);
    const version = rows[0]?.version;
    if (typeof version !== "number") throw new AppError("INTERNAL", "change password: no such user");
    return version;
  });
}

/** Turns TOTP on (a sealed enrolment and a first code); the recovery codes to show once, and the new session version. */
export async function turnOnTotp(
  user: AccountUser,
  raw: unknown,
  meta: RequestMeta,
): Promise<{ recoveryCodes: string[]; sessionVersion: number }> {
  const parsed = enableTotpSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("VALIDATION", "invalid TOTP code", { fields: fieldErrorsOf(parsed.error) });
  return enableTotp(user, parsed.data, meta.requestId);
}

/** Turns TOTP off, given the current password; returns the new session version. */
export async function turnOffTotp(user: AccountUser, raw: unknown, meta: RequestMeta): Promise<number> {
  const parsed = disableTotpSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("VALIDATION", "invalid TOTP disable", { fields: fieldErrorsOf(parsed.error) });
  await proveCurrentPassword(user, parsed.data.password, "password", meta);
  return disableTotpFor(user.id, meta.requestId);
}
