/**
 * The second factor (issue 5 §1): TOTP codes from an authenticator app (RFC 6238, SHA-1,
 * 6 digits, 30-second steps, as every app supports), and ten single-use recovery codes.
 *
 * - The secret is stored encrypted (lib/crypto/pii.ts, AES-256-GCM with a key id); the
 *   database functions of 0008_sessions.sql move it without ever decrypting it.
 * - A code is accepted within one step either side of lib/clock's time (clock drift) and
 *   only once: weidesk_totp_use_step keeps the last step used, and refuses it or an
 *   earlier one again (a code seen over someone's shoulder cannot be replayed).
 * - Recovery codes are shown once, when TOTP is turned on, and stored as SHA-256.
 * - Turning TOTP on needs a first code from the app (so a user cannot lock themselves
 *   out with a secret they never scanned); turning it off needs the current password.
 *   Both end the user's other sessions; the caller signs this one in afresh.
 */
import "server-only";
import { createHash, randomInt } from "node:crypto";
import { sql } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { db } from "@/db/client";
import { clock } from "@/lib/clock";
import { decryptPii, encryptPii, parsePiiKeys, type PiiKeys } from "@/lib/crypto/pii";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { asUser, recordAccountEvent } from "./account-events";

export const TOTP_ISSUER = "Weidesk";
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** Steps accepted either side of now. */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
/** How long a started enrolment (the QR code on screen) may wait for its first code. */
export const ENROLMENT_MINUTES = 15;

/** Message keys (messages/*.json) for what the security page's forms are told. */
export const TOTP_MESSAGES = {
  codeRequired: "accountSecurity.errors.codeRequired",
  codeInvalid: "accountSecurity.errors.codeInvalid",
  enrolmentExpired: "accountSecurity.errors.enrolmentExpired",
  alreadyEnabled: "accountSecurity.errors.alreadyEnabled",
} as const;

/* ------------------------------------------------------------------ pure parts */

/** A fresh secret: 20 random bytes (RFC 4226's recommended length), in base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secret: string, email: string): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: email,
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, email: string): string {
  return totpOf(secret, email).toString();
}

/** The URI as a QR code: an SVG image in a data URL. */
export async function totpQrDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
}

/** The secret in groups of four, easier to type into an app by hand. */
export function formatSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/** The time step `at` falls in. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for `at` (tests, and nothing else: the server never shows a code). */
export function totpCodeAt(secret: string, at: Date): string {
  return totpOf(secret, "-").generate({ timestamp: at.getTime() });
}

/** Six digits, spaces allowed ("123 456", as some apps show them). */
export function isTotpCodeShape(input: string): boolean {
  return /^\d{6}$/.test(input.replace(/\s+/g, ""));
}

/**
 * The step `code` belongs to, within TOTP_WINDOW steps of `at`, or null. Whether the
 * step was used before is the database's to say (weidesk_totp_use_step).
 */
export function matchTotpStep(secret: string, code: string, at: Date): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpOf(secret, "-").validate({ token, timestamp: at.getTime(), window: TOTP_WINDOW });
  return delta === null ? null : totpStep(at) + delta;
}

/** Lower-case letters and digits without the look-alikes (0/o, 1/l/i). */
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const RECOVERY_GROUPS = 3;
const RECOVERY_GROUP_LENGTH = 4;

/** Ten fresh recovery codes, "xxxx-xxxx-xxxx" (about 59 bits each). */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    const groups = Array.from({ length: RECOVERY_GROUPS }, () =>
      Array.from({ length: RECOVERY_GROUP_LENGTH }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join(""),
    );
    codes.add(groups.join("-"));
  }
  return [...codes];
}

/**
 * A recovery code as typed (any case, spaces or hyphens anywhere) in its canonical
 * form, or null when it cannot be one.
 */
export function normaliseRecoveryCode(input: string): string | null {
  const compact = input.toLowerCase().replace(/[\s-]+/g, "");
  if (compact.length !== RECOVERY_GROUPS * RECOVERY_GROUP_LENGTH) return null;
  if (![...compact].every((c) => RECOVERY_ALPHABET.includes(c))) return null;
  return compact.match(new RegExp(`.{${RECOVERY_GROUP_LENGTH}}`, "g"))!.join("-");
}

/** What is stored of a recovery code: the SHA-256 of its canonical form. */
export function hashRecoveryCode(canonical: string): Buffer {
  return createHash("sha256").update(canonical, "utf8").digest();
}

/**
 * An enrolment in progress travels through the browser (the secret is on screen
 * anyway) sealed with the PII key: the server takes back only a secret it issued, to
 * this user, in the last ENROLMENT_MINUTES.
 */
export function sealEnrolment(keys: PiiKeys, enrolment: { userId: string; secret: string; expiresAt: Date }): string {
  const { ciphertext, keyId } = encryptPii(
    keys,
    JSON.stringify({ u: enrolment.userId, s: enrolment.secret, e: enrolment.expiresAt.getTime() }),
  );
  return `${keyId}.${ciphertext.toString("base64url")}`;
}

/** The secret of a sealed enrolment for `userId`, "expired", or null when it is not one of ours. */
export function openEnrolment(keys: PiiKeys, sealed: string, userId: string, now: Date): string | "expired" | null {
  const dot = sealed.indexOf(".");
  if (dot <= 0 || sealed.length > 1024) return null;
  try {
    const plain = JSON.parse(decryptPii(keys, Buffer.from(sealed.slice(dot + 1), "base64url"), sealed.slice(0, dot))) as {
      u?: unknown;
      s?: unknown;
      e?: unknown;
    };
    if (plain.u !== userId || typeof plain.s !== "string" || typeof plain.e !== "number") return null;
    return plain.e > now.getTime() ? plain.s : "expired";
  } catch {
    // A wrong key id, a tampered ciphertext (the GCM tag fails) or not JSON.
    return null;
  }
}

/* ---------------------------------------------------------- with the database */

const globalForKeys = globalThis as unknown as { weideskPiiKeys?: { spec: string; keys: PiiKeys } };

/** The PII keys of the environment, parsed once. */
export function piiKeys(): PiiKeys {
  const config = env();
  const spec = `${config.PII_KEYS}|${config.PII_HMAC_KEY}`;
  if (globalForKeys.weideskPiiKeys?.spec !== spec) {
    globalForKeys.weideskPiiKeys = { spec, keys: parsePiiKeys(config.PII_KEYS, config.PII_HMAC_KEY) };
  }
  return globalForKeys.weideskPiiKeys.keys;
}

type TotpState = { secret: string; lastStep: number | null };

async function totpState(userId: string): Promise<TotpState | null> {
  const { rows } = await db().execute<{ secret_ciphertext: Buffer; key_id: string; last_step: string | number | null }>(
    sql`select secret_ciphertext, key_id, last_step from weidesk_totp_state(${userId})`,
  );
  const row = rows[0];
  if (!row) return null;
  return {
    secret: decryptPii(piiKeys(), Buffer.from(row.secret_ciphertext), row.key_id),
    lastStep: row.last_step === null ? null : Number(row.last_step),
  };
}

export type SecondFactor = "totp" | "recovery_code";

/**
 * Checks a second factor at sign-in, after the password: a TOTP code (used up), or a
 * recovery code (spent, and audited in each of the user's agencies). Null when it is
 * wrong, used before, or the user has no second factor.
 */
export async function verifySecondFactor(
  userId: string,
  code: string,
  requestId?: string | null,
): Promise<SecondFactor | null> {
  if (isTotpCodeShape(code)) {
    const state = await totpState(userId);
    if (!state) return null;
    const step = matchTotpStep(state.secret, code, clock.now());
    if (step === null) return null;
    const { rows } = await db().execute<{ used: boolean }>(sql`select weidesk_totp_use_step(${userId}, ${step}) as used`);
    return rows[0]?.used ? "totp" : null;
  }
  const canonical = normaliseRecoveryCode(code);
  if (!canonical) return null;
  return asUser(userId, async (tx) => {
    const { rows } = await tx.execute<{ spent: boolean }>(
      sql`select weidesk_use_recovery_code(${userId}, ${hashRecoveryCode(canonical)}, ${clock.now()}) as spent`,
    );
    if (!rows[0]?.spent) return null;
    const left = await tx.execute<{ left: number }>(sql`select weidesk_recovery_codes_left() as left`);
    await recordAccountEvent(tx, "totp.recovery_code_used", requestId, { left: left.rows[0]?.left ?? 0 });
    return "recovery_code" as const;
  });
}

export type TotpEnrolment = {
  /** Sealed, for the form to send back with the first code. */
  enrolment: string;
  /** Base32, in groups of four, for typing into an app. */
  secret: string;
  uri: string;
  qrDataUrl: string;
};

/** Starts turning TOTP on for the signed-in `user`: a new secret, nothing stored yet. */
export async function startTotpEnrolment(user: { id: string; email: string }): Promise<TotpEnrolment> {
  const secret = newTotpSecret();
  const uri = totpUri(secret, user.email);
  const expiresAt = new Date(clock.now().getTime() + ENROLMENT_MINUTES * 60_000);
  return {
    enrolment: sealEnrolment(piiKeys(), { userId: user.id, secret, expiresAt }),
    secret: formatSecret(secret),
    uri,
    qrDataUrl: await totpQrDataUrl(uri),
  };
}

function codeError(message: string): AppError {
  return new AppError("VALIDATION", `totp: ${message}`, { fields: { code: message } });
}

/**
 * Turns TOTP on for the signed-in user, given the sealed enrolment and a first code
 * from the app; returns the recovery codes (shown once) and the new session version
 * (every other session has ended).
 */
export async function enableTotp(
  user: { id: string },
  input: { enrolment: string; code: string },
  requestId?: string | null,
): Promise<{ recoveryCodes: string[]; sessionVersion: number }> {
  const now = clock.now();
  const secret = openEnrolment(piiKeys(), input.enrolment, user.id, now);
  if (secret === "expired") throw codeError(TOTP_MESSAGES.enrolmentExpired);
  if (!secret) throw new AppError("BAD_REQUEST", "totp: not an enrolment of this user");
  if (!input.code.trim()) throw codeError(TOTP_MESSAGES.codeRequired);
  const step = matchTotpStep(secret, input.code, now);
  if (step === null) throw codeError(TOTP_MESSAGES.codeInvalid);
  if (await totpState(user.id)) throw new AppError("CONFLICT", "totp: already enabled", { messageKey: TOTP_MESSAGES.alreadyEnabled });

  const recoveryCodes = newRecoveryCodes();
  const { ciphertext, keyId } = encryptPii(piiKeys(), secret);
  const hashes = recoveryCodes.map(hashRecoveryCode);
  const sessionVersion = await asUser(user.id, async (tx) => {
    const { rows } = await tx.execute<{ version: number }>(
      sql`select weidesk_enable_totp(${ciphertext}, ${keyId}, ${step},
            array[${sql.join(hashes.map((hash) => sql`${hash}::bytea`), sql`, `)}]::bytea[], ${now}) as version`,
    );
    await recordAccountEvent(tx, "totp.enable", requestId);
    return rows[0]!.version;
  });
  return { recoveryCodes, sessionVersion };
}

/**
 * Turns TOTP off for the signed-in user. The caller checked their password. Ends the
 * user's other sessions too (weidesk_disable_totp leaves the version alone): a second
 * factor going away is as much a change of the keys as a new password.
 */
export async function disableTotpFor(userId: string, requestId?: string | null): Promise<number> {
  return asUser(userId, async (tx) => {
    await tx.execute(sql`select weidesk_disable_totp()`);
    await tx.execute(sql`select weidesk_end_my_sessions()`);
    await recordAccountEvent(tx, "totp.disable", requestId);
    const { rows } = await tx.execute<{ version: number }>(
      sql`select session_version as version from weidesk_session_lookup(${userId})`,
    );
    return rows[0]!.version;
  });
}

/** The signed-in user's second factor: on since when, and how many recovery codes are left. */
export async function totpStatus(userId: string): Promise<{ enabled: boolean; enabledAt: Date | null; recoveryCodesLeft: number }> {
  return asUser(userId, async (tx) => {
    const { rows } = await tx.execute<{ enabled_at: Date | string | null; left: number }>(
      sql`select (select totp_enabled_at from users where id = ${userId}) as enabled_at,
                 weidesk_recovery_codes_left() as left`,
    );
    const row = rows[0];
    const enabledAt = row?.enabled_at ? new Date(row.enabled_at) : null;
    return { enabled: enabledAt !== null, enabledAt, recoveryCodesLeft: row?.left ?? 0 };
  });
}
