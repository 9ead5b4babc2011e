import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { generatePiiKeySpec, parsePiiKeys } from "@/lib/crypto/pii";
import { emailRequestSchema, changePasswordSchema, enableTotpSchema, ACCOUNT_MESSAGES } from "./account-schemas";
import { isPublicPath } from "./paths";
import { SIGN_IN_MESSAGES, signInSchema } from "./sign-in-schema";
import {
  formatSecret,
  hashRecoveryCode,
  isTotpCodeShape,
  matchTotpStep,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  openEnrolment,
  RECOVERY_CODE_COUNT,
  sealEnrolment,
  totpCodeAt,
  totpQrDataUrl,
  totpStep,
  totpUri,
} from "./totp";

const at = new Date("2026-05-04T02:00:10Z");
const STEP_MS = 30_000;

function keys() {
  const spec = generatePiiKeySpec();
  return parsePiiKeys(spec.PII_KEYS, spec.PII_HMAC_KEY);
}

describe("TOTP", () => {
  it("makes a 160-bit base32 secret and an otpauth URI an authenticator app reads", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(totpUri(secret, "owner@yunfan.example"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Weidesk:owner@yunfan.example");
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      issuer: "Weidesk",
      secret,
      algorithm: "SHA1",
      digits: "6",
      period: "30",
    });
  });

  it("draws the URI as an SVG QR code in a data URL", async () => {
    const url = await totpQrDataUrl(totpUri(newTotpSecret(), "a@b.cn"));
    expect(url).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(url.split(",")[1]!, "base64").toString("utf8")).toContain("<svg");
  });

  it("groups the secret in fours for typing", () => {
    expect(formatSecret("ABCDEFGHIJKLMNOP")).toBe("ABCD EFGH IJKL MNOP");
  });

  it("accepts the code of this step and of one step either side, naming the step, and nothing further", () => {
    const secret = newTotpSecret();
    const step = totpStep(at);
    expect(matchTotpStep(secret, totpCodeAt(secret, at), at)).toBe(step);
    expect(matchTotpStep(secret, totpCodeAt(secret, new Date(at.getTime() - STEP_MS)), at)).toBe(step - 1);
    expect(matchTotpStep(secret, totpCodeAt(secret, new Date(at.getTime() + STEP_MS)), at)).toBe(step + 1);
    const farCode = totpCodeAt(secret, new Date(at.getTime() + 3 * STEP_MS));
    const nearCodes = [-1, 0, 1].map((d) => totpCodeAt(secret, new Date(at.getTime() + d * STEP_MS)));
    if (!nearCodes.includes(farCode)) expect(matchTotpStep(secret, farCode, at)).toBeNull();
  });

  it("agrees with another implementation (the codes an app shows)", () => {
    const secret = newTotpSecret();
    const app = new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 });
    expect(matchTotpStep(secret, app.generate({ timestamp: at.getTime() }), at)).toBe(totpStep(at));
  });

  it("takes a code with spaces, and refuses anything but six digits", () => {
    const secret = newTotpSecret();
    const code = totpCodeAt(secret, at);
    expect(matchTotpStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, at)).toBe(totpStep(at));
    for (const wrong of ["", "12345", "1234567", "abcdef", `${code}\u0000`]) expect(matchTotpStep(secret, wrong, at), wrong).toBeNull();
    expect(isTotpCodeShape("123 456")).toBe(true);
    expect(isTotpCodeShape("abcd-efgh-jkmn")).toBe(false);
  });
});

describe("recovery codes", () => {
  it("makes ten distinct codes like xxxx-xxxx-xxxx without look-alike characters", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
  });

  it("reads a code however it was typed, and refuses what cannot be one", () => {
    expect(normaliseRecoveryCode(" ABCD-efgh-JKMN ")).toBe("abcd-efgh-jkmn");
    expect(normaliseRecoveryCode("abcdefghjkmn")).toBe("abcd-efgh-jkmn");
    expect(normaliseRecoveryCode("abcd efgh jkmn")).toBe("abcd-efgh-jkmn");
    for (const wrong of ["", "abcd-efgh", "abcd-efgh-jkmn-pqrs", "abcd-efgh-ijkl", "0bcd-efgh-jkmn", "123456"]) {
      expect(normaliseRecoveryCode(wrong), wrong).toBeNull();
    }
  });

  it("stores a SHA-256 of the canonical form only", () => {
    const hash = hashRecoveryCode("abcd-efgh-jkmn");
    expect(hash).toHaveLength(32);
    expect(hash.equals(hashRecoveryCode(normaliseRecoveryCode("ABCDEFGHJKMN")!))).toBe(true);
    expect(hash.toString("utf8")).not.toContain("abcd");
  });
});

describe("sealed enrolments", () => {
  const userId = "0195f3a4-7b2c-7d3e-8f40-123456789abc";
  const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

  it("gives the secret back to the same user before it expires", () => {
    const k = keys();
    const sealed = sealEnrolment(k, { userId, secret, expiresAt: new Date(at.getTime() + 60_000) });
    expect(sealed).not.toContain(secret);
    expect(openEnrolment(k, sealed, userId, at)).toBe(secret);
    expect(openEnrolment(k, sealed, userId, new Date(at.getTime() + 60_000))).toBe("expired");
  });

  it("refuses another user's, a tampered one, another key's and junk", () => {
    const k = keys();
    const sealed = sealEnrolment(k, { userId, secret, expiresAt: new Date(at.getTime() + 60_000) });
    expect(openEnrolment(k, sealed, "0195f3a4-7b2c-7d3e-8f40-aaaaaaaaaaaa", at)).toBeNull();
    const last = sealed.at(-2) === "A" ? "B" : "A";
    expect(openEnrolment(k, `${sealed.slice(0, -2)}${last}${sealed.at(-1)}`, userId, at)).toBeNull();
    expect(openEnrolment(keys(), sealed, userId, at)).toBeNull();
    for (const junk of ["", ".", "x.y", "a".repeat(2000)]) expect(openEnrolment(k, junk, userId, at), junk).toBeNull();
  });
});

describe("forms", () => {
  it("takes an optional, trimmed code at sign-in, empty meaning none", () => {
    const base = { email: "a@b.cn", password: "x" };
    expect(signInSchema.parse({ ...base, code: " 123 456 " }).code).toBe("123 456");
    expect(signInSchema.parse({ ...base, code: "  " }).code).toBeUndefined();
    expect(signInSchema.parse(base)).toEqual(base);
    const tooLong = signInSchema.safeParse({ ...base, code: "1".repeat(21) });
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues[0]?.message).toBe(SIGN_IN_MESSAGES.codeInvalid);
  });

  it("refuses a new password equal to the current one, or too short", () => {
    const same = changePasswordSchema.safeParse({ currentPassword: "a long enough password", newPassword: "a long enough password" });
    expect(same.error?.issues.map((issue) => issue.message)).toEqual([ACCOUNT_MESSAGES.samePassword]);
    expect(changePasswordSchema.safeParse({ currentPassword: "", newPassword: "short" }).error?.issues).toHaveLength(2);
  });

  it("wants digits for the first code and an address for a link", () => {
    expect(enableTotpSchema.safeParse({ enrolment: "k.x", code: "12a456" }).success).toBe(false);
    expect(enableTotpSchema.parse({ enrolment: "k.x", code: " 123456 " }).code).toBe("123456");
    expect(emailRequestSchema.safeParse({ email: "not-an-address" }).success).toBe(false);
  });
});

describe("public paths", () => {
  it("lets the forgotten-password and sign-in-link pages through signed out", () => {
    for (const path of ["/forgot-password", "/reset-password/abc", "/sign-in-link", "/sign-in-link/abc"]) {
      expect(isPublicPath(path), path).toBe(true);
    }
  });

  it("keeps the account pages behind sign-in", () => {
    for (const path of ["/account/security", "/account", "/reset-password", "/sign-in-links"]) expect(isPublicPath(path), path).toBe(false);
  });
});
