/**
 * Agency slugs: the first segment of every staff URL (/<slug>/clients). The database
 * checks the same rules (agencies_slug_format, agencies_slug_not_reserved in
 * db/migrations/0008_sessions.sql); this list and that constraint must agree, which
 * lib/members/sign-up.int.test.ts checks slug by slug.
 */

/** Top-level paths of the app, now or later: never an agency. */
export const reservedSlugs = [
  "account", "admin", "agencies", "api", "app", "assets", "auth", "billing", "dashboard", "dev", "docs",
  "forgot-password", "help", "invitations", "login", "logout", "mail", "new", "portal", "public", "register",
  "reset-password", "settings", "sign-in", "sign-in-link", "sign-out", "sign-up", "static", "status", "support",
  "verify-email", "weidesk", "www",
] as const;

const reserved: ReadonlySet<string> = new Set(reservedSlugs);

// The database's own rule (agencies_slug_format): 3–40 of a–z, 0–9 and inner hyphens.
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/;

export function isReservedSlug(slug: string): boolean {
  return reserved.has(slug);
}

/** A slug suggestion from an agency name: ASCII letters and digits, hyphens between words. */
export function suggestSlug(name: string): string {
  return name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}
