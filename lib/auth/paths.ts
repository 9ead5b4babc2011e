/**
 * Where sign-in sends people, and the one check that keeps `?next=` from becoming an
 * open redirect. Client-side safe (the sign-in form uses it too).
 */
import type { Role } from "@/lib/rbac/roles";

export const SIGN_IN_PATH = "/sign-in";
export const SIGN_OUT_PATH = "/api/auth/sign-out";
export const SIGN_IN_API_PATH = "/api/auth/sign-in";
export const AGENCY_PICKER_PATH = "/agencies";
export const SIGN_UP_PATH = "/sign-up";
/** Where a signed-in owner whose e-mail is not verified yet is asked to follow the link. */
export const VERIFY_EMAIL_PATH = "/verify-email";

/** Forgotten password: ask for a reset link; the link itself is RESET_PASSWORD_PATH/<token>. */
export const FORGOT_PASSWORD_PATH = "/forgot-password";
export const RESET_PASSWORD_PATH = "/reset-password";
/** One-time sign-in links for client administrators: ask for one; the link is SIGN_IN_LINK_PATH/<token>. */
export const SIGN_IN_LINK_PATH = "/sign-in-link";
/** The signed-in user's password and second factor. */
export const ACCOUNT_SECURITY_PATH = "/account/security";
/** The signed-in user's notification settings, per agency (app/account/preferences). */
export const NOTIFICATION_PREFERENCES_PATH = "/account/preferences";

/** The request's path and query, set by proxy.ts for server components (they can't see the URL). */
export const REQUEST_PATH_HEADER = "x-request-path";

/** Why sign-in was shown, when it wasn't the visitor's own idea. */
export const signInReasons = ["session-ended", "signed-out", "verified", "account-created", "password-reset"] as const;
export type SignInReason = (typeof signInReasons)[number];

/** What went wrong with a sign-in posted without JavaScript (the form shows it after the redirect). */
export const signInErrors = ["credentials", "invalid", "rate-limited", "unavailable", "totp-required", "totp-invalid"] as const;
export type SignInError = (typeof signInErrors)[number];

export function signInPath({
  next,
  reason,
  error,
}: { next?: string | null; reason?: SignInReason; error?: SignInError } = {}): string {
  const query = new URLSearchParams();
  const safeNext = safeNextPath(next);
  if (safeNext) query.set("next", safeNext);
  if (reason) query.set("reason", reason);
  if (error) query.set("error", error);
  const search = query.toString();
  return search ? `${SIGN_IN_PATH}?${search}` : SIGN_IN_PATH;
}

/** The home of a member: the staff app, or the portal for a client administrator. */
export function homePathFor(agencySlug: string, role: Role): string {
  return role === "client_admin" ? `/portal/${agencySlug}` : `/${agencySlug}`;
}

const ORIGIN = "http://weidesk.invalid";

/**
 * `next` as a path on this site, or null. Refuses anything that leaves the origin
 * (`//evil.example`, `/\evil.example`, `https://…`, `javascript:`), control characters,
 * and the sign-in and API paths (a loop, or a JSON answer instead of a page).
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || next.length > 2048 || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return null;
  let url: URL;
  try {
    url = new URL(next, ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== ORIGIN) return null;
  const path = url.pathname;
  if (path === SIGN_IN_PATH || path.startsWith(`${SIGN_IN_PATH}/`) || path === "/api" || path.startsWith("/api/")) return null;
  return `${path}${url.search}`;
}

/**
 * Paths a signed-out visitor may open; everything else sends them to sign-in first.
 * /dev/ holds development tools (the mail outbox) that answer 404 unless enabled.
 */
export function isPublicPath(pathname: string): boolean {
  if (pathname === "/" || pathname === SIGN_IN_PATH || pathname === SIGN_UP_PATH) return true;
  // E-mail check and invitation links work signed out (the pages ask for what they need).
  if (pathname === VERIFY_EMAIL_PATH || pathname.startsWith(`${VERIFY_EMAIL_PATH}/`) || pathname.startsWith("/invitations/")) return true;
  // Forgotten passwords and sign-in links are for people who cannot sign in.
  if (pathname === FORGOT_PASSWORD_PATH || pathname.startsWith(`${RESET_PASSWORD_PATH}/`)) return true;
  if (pathname === SIGN_IN_LINK_PATH || pathname.startsWith(`${SIGN_IN_LINK_PATH}/`)) return true;
  if (pathname.startsWith("/api/") || pathname.startsWith("/dev/")) return true;
  // Files from public/ (robots.txt, icons): a dot in the last segment, which no slug has.
  return /\/[^/]*\.[^/]*$/.test(pathname);
}
