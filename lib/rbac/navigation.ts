/**
 * The staff app's navigation and the permission each entry needs: the sidebar shows a
 * role only what it may open. Pages check the same permission themselves, since a
 * hidden link is no protection.
 */
import { can, isStaffRole, type Action } from "./permissions";
import type { Role } from "./roles";

export const workNavigation = [
  { key: "home", segment: "", needs: "registration:read" },
  { key: "clients", segment: "clients", needs: "client:read" },
  { key: "people", segment: "people", needs: "person:read" },
  { key: "accounts", segment: "accounts", needs: "account:read" },
  { key: "registrations", segment: "registrations", needs: "registration:read" },
  { key: "documents", segment: "documents", needs: "document:read" },
  { key: "dashboard", segment: "dashboard", needs: "dashboard:view" },
  { key: "notifications", segment: "notifications", needs: "notification:read" },
] as const satisfies readonly NavigationEntry[];

export const adminNavigation = [
  { key: "audit", segment: "audit", needs: "audit:read" },
  { key: "settings", segment: "settings", needs: "settings:manage" },
] as const satisfies readonly NavigationEntry[];

/**
 * The member's own things, reached from the user menu rather than the sidebar. API
 * tokens: every staff role manages its own, so the page is not under /settings.
 */
export const personalNavigation = [
  { key: "apiTokens", segment: "api-tokens", needs: "api-token:manage" },
] as const satisfies readonly NavigationEntry[];

type NavigationEntry = { key: string; segment: string; needs: Action };

export type NavigationKey = (typeof workNavigation)[number]["key"] | (typeof adminNavigation)[number]["key"];

/** The navigation keys `role` sees, in sidebar order (none for client administrators: the portal is theirs). */
export function navigationFor(role: Role): NavigationKey[] {
  if (!isStaffRole(role)) return [];
  return [...workNavigation, ...adminNavigation].filter((entry) => can(role, entry.needs)).map((entry) => entry.key);
}

/** The permission a staff page needs, by its first path segment below /<agency> ("" is home). */
export function pagePermission(segment: string): Action | undefined {
  return [...workNavigation, ...adminNavigation, ...personalNavigation].find((entry) => entry.segment === segment)?.needs;
}
