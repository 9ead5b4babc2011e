/**
 * Who the signed-in user is in an agency, and where they land after sign-in. Plain
 * functions over the database (no request APIs), so integration tests call them
 * directly; lib/auth/session.ts wraps them with redirects and per-request caching.
 */
import "server-only";
import { SLUG_PATTERN } from "@/lib/agencies/slug";
import { AGENCY_PICKER_PATH, homePathFor, safeNextPath } from "./paths";
import { listUserAgencies, listUserMemberships, type UserMembership } from "./users";


export function isAgencySlug(value: string): boolean {
  return SLUG_PATTERN.test(value);
}

export type ResolvedMembership = UserMembership;

/**
 * The agency behind `slug` and the user's active membership in it, or null. An unknown
 * slug, another agency, a disabled membership and a deleted agency all look the same to
 * the caller, so a page can answer 404 without hinting that the agency exists.
 */
export async function resolveMembership(userId: string, slug: string): Promise<ResolvedMembership | null> {
  if (!isAgencySlug(slug)) return null;
  return membershipIn(await listUserMemberships(userId), slug);
}

/** The same, among memberships already read (lib/auth/session.ts has them from the session's statement). */
export function membershipIn(memberships: readonly UserMembership[], slug: string): ResolvedMembership | null {
  if (!isAgencySlug(slug)) return null;
  return memberships.find((entry) => entry.agency.slug === slug) ?? null;
}

/**
 * Where a user goes after sign-in: `next` when it is a safe path on this site; else the
 * home of their only agency (the portal for a client administrator); else the picker,
 * which also explains a user who belongs to no agency.
 */
export async function landingPathFor(userId: string, next?: string | null): Promise<string> {
  const safe = safeNextPath(next);
  if (safe && safe !== "/") return safe;
  const agencies = await listUserAgencies(userId);
  const only = agencies.length === 1 ? agencies[0] : undefined;
  return only ? homePathFor(only.slug, only.role) : AGENCY_PICKER_PATH;
}
