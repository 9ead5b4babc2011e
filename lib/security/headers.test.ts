import { describe, expect, it } from "vitest";
import { API_CONTENT_SECURITY_POLICY, contentSecurityPolicy, newNonce, securityHeaders } from "./headers";

describe("contentSecurityPolicy", () => {
  it("lets scripts run only with the nonce, and nothing frame the page", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", development: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
  });

  it("allows eval only in development, and the document store where uploads go", () => {
    expect(contentSecurityPolicy({ nonce: "n", development: true })).toContain("'unsafe-eval'");
    const csp = contentSecurityPolicy({ nonce: "n", development: false, storageOrigin: "https://cos.example.com" });
    expect(csp).toContain("connect-src 'self' https://cos.example.com");
    expect(csp).toContain("img-src 'self' data: blob: https://cos.example.com");
  });
});

describe("newNonce", () => {
  it("is fresh every time and 128 bits long", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("securityHeaders", () => {
  it("sets HSTS, nosniff, no framing and a referrer policy", () => {
    expect(securityHeaders()).toMatchObject({
      "Strict-Transport-Security": expect.stringMatching(/^max-age=\d{8}/),
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
    expect(API_CONTENT_SECURITY_POLICY).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
