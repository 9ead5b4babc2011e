/**
 * ID numbers at rest (design.md §3): AES-256-GCM ciphertext tagged with its key id,
 * so keys can rotate, and an HMAC of the normalised number for uniqueness and exact
 * search without decrypting. Keys come from PII_KEYS ("id:base64,id:base64", the
 * first encrypts) and PII_HMAC_KEY; neither ever reaches a log.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

export type PiiKeys = { current: string; keys: Map<string, Buffer>; hmacKey: Buffer };

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function parsePiiKeys(keysSpec: string, hmacKeyBase64: string): PiiKeys {
  const keys = new Map<string, Buffer>();
  let current: string | undefined;
  for (const entry of keysSpec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [id, material] = entry.split(":");
    const key = Buffer.from(material ?? "", "base64");
    if (!id || key.length !== 32) throw new Error("PII_KEYS entries must be id:<32 bytes in base64>");
    keys.set(id, key);
    current ??= id;
  }
  const hmacKey = Buffer.from(hmacKeyBase64, "base64");
  if (!current) throw new Error("PII_KEYS has no key");
  if (hmacKey.length < 32) throw new Error("PII_HMAC_KEY must be at least 32 bytes in base64");
  return { current, keys, hmacKey };
}

/** iv ‖ tag ‖ ciphertext, encrypted with the current key. */
export function encryptPii(keys: PiiKeys, plaintext: string): { ciphertext: Buffer; keyId: string } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keys.keys.get(keys.current)!, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return { ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]), keyId: keys.current };
}

export function decryptPii(keys: PiiKeys, ciphertext: Buffer, keyId: string): string {
  const key = keys.keys.get(keyId);
  if (!key) throw new Error(`no PII key with id ${keyId}`);
  const decipher = createDecipheriv("aes-256-gcm", key, ciphertext.subarray(0, IV_BYTES));
  decipher.setAuthTag(ciphertext.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(ciphertext.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
}

/** The HMAC of an already normalised ID number (lib/validation/normalise.ts). */
export function hmacPii(keys: PiiKeys, normalised: string): Buffer {
  return createHmac("sha256", keys.hmacKey).update(normalised, "utf8").digest();
}

/** Fresh key material, for `npm run dev` and the tests. */
export function generatePiiKeySpec(): { PII_KEYS: string; PII_HMAC_KEY: string } {
  return {
    PII_KEYS: `k${Date.now().toString(36)}:${randomBytes(32).toString("base64")}`,
    PII_HMAC_KEY: randomBytes(32).toString("base64"),
  };
}
