/**
 * Single-use link tokens (e-mail check, invitations, later password resets): 32 random
 * bytes, base64url in the link, only their SHA-256 stored. A leaked database row
 * cannot be turned back into a working link.
 */
import { createHash, randomBytes } from "node:crypto";

export type LinkToken = { token: string; hash: Buffer };

export function newLinkToken(): LinkToken {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}

/** A token as it appears in a link: 43 base64url characters; anything else is not one of ours. */
export function isLinkTokenShape(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
