/**
 * The browser-security headers of every response (issue 5, OWASP ASVS 5.0 §3.4), set
 * in proxy.ts: a nonce-based Content-Security-Policy (scripts run only with this
 * request's nonce, and what they load: 'strict-dynamic'), HSTS, nosniff, no framing, a
 * referrer policy. Pure functions, so the policy is unit-tested.
 */

/** The request header that carries the nonce to server components (app/layout.tsx). */
export const NONCE_HEADER = "x-nonce";

/** A fresh, unguessable nonce for one response (128 bits, base64). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export type CspOptions = {
  nonce: string;
  /** `next dev` evaluates code for fast refresh: 'unsafe-eval' there only. */
  development: boolean;
  /** Where browsers upload and download documents (S3), when it is not this origin. */
  storageOrigin?: string | null;
};

/** The Content-Security-Policy of an HTML page. */
export function contentSecurityPolicy({ nonce, development, storageOrigin }: CspOptions): string {
  const storage = storageOrigin ? ` ${storageOrigin}` : "";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // React renders style attributes (widths, transforms); no script can hide in them.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${storage}`,
    "font-src 'self'",
    `connect-src 'self'${storage}${development ? " ws: wss:" : ""}`,
    `form-action 'self'${storage}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

/** The policy of a JSON or file response: nothing may run or frame it. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** The headers every response carries besides the CSP. */
export function securityHeaders(): Record<string, string> {
  return {
    // Ignored by browsers over plain http; binding once the site is served over https.
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
}
