import { describe, expect, it } from "vitest";
import { decryptPii, encryptPii, generatePiiKeySpec, hmacPii, parsePiiKeys } from "./pii";

const spec = generatePiiKeySpec();
const keys = parsePiiKeys(spec.PII_KEYS, spec.PII_HMAC_KEY);

describe("PII encryption", () => {
  it("round-trips and never repeats a ciphertext", () => {
    const a = encryptPii(keys, "11010519491231002X");
    const b = encryptPii(keys, "11010519491231002X");
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(decryptPii(keys, a.ciphertext, a.keyId)).toBe("11010519491231002X");
  });

  it("detects tampering", () => {
    const { ciphertext, keyId } = encryptPii(keys, "440524188001010014");
    ciphertext[ciphertext.length - 1]! ^= 1;
    expect(() => decryptPii(keys, ciphertext, keyId)).toThrow();
  });

  it("decrypts with an older key after rotation", () => {
    const old = encryptPii(keys, "360426199101010071");
    const rotated = parsePiiKeys(`k2:${Buffer.alloc(32, 7).toString("base64")},${spec.PII_KEYS}`, spec.PII_HMAC_KEY);
    expect(rotated.current).toBe("k2");
    expect(decryptPii(rotated, old.ciphertext, old.keyId)).toBe("360426199101010071");
  });

  it("gives the same HMAC for the same number and a different one otherwise", () => {
    expect(hmacPii(keys, "11010519491231002X").equals(hmacPii(keys, "11010519491231002X"))).toBe(true);
    expect(hmacPii(keys, "11010519491231002X").equals(hmacPii(keys, "440524188001010014"))).toBe(false);
  });

  it("refuses malformed keys", () => {
    expect(() => parsePiiKeys("k1:short", spec.PII_HMAC_KEY)).toThrow(/32 bytes/);
    expect(() => parsePiiKeys(spec.PII_KEYS, "c2hvcnQ=")).toThrow(/PII_HMAC_KEY/);
  });
});
