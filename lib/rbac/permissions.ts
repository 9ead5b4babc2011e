/**
 * What each role may do in its agency (design.md §1, ux.md §1): a small table the UI
 * uses to hide what a role may not do, and that pages and actions check with assertCan.
 * The full role × route × scope matrix comes with the features; an action missing from
 * a role's list is refused.
 *
 * Client-side safe: no server imports, so client components may call can() too.
 */
import { AppError } from "@/lib/errors";
import type { Role } from "./roles";

export const actions = [
  "client:read",
  "client:create",
  "client:update",
  "person:read",
  "person:write",
  "person:reveal-id",
  /** Destroying a person's ID data and documents for good (design.md §3): owners and admins only. */
  "person:erase",
  "account:read",
  "account:write",
  "registration:read",
  "registration:create",
  "registration:move",
  "document:read",
  "document:request",
  "document:review",
  "document:upload",
  "note:write",
  "dashboard:view",
  "notification:read",
  "export:csv",
  "member:manage",
  "ownership:transfer",
  "agency:delete",
  "audit:read",
  "settings:manage",
  "portal:view",
  /** Their own API tokens (design.md §1: every role may change its own things); client administrators have none. */
  "api-token:manage",
] as const;
export type Action = (typeof actions)[number];

/** Reading the agency's business data: every staff-side role. */
const read: Action[] = [
  "client:read",
  "person:read",
  "account:read",
  "registration:read",
  "document:read",
  "dashboard:view",
  "notification:read",
];

/** Changing it: staff and up; managers change nothing (design.md §1). */
const work: Action[] = [
  "client:create",
  "client:update",
  "person:write",
  "person:reveal-id",
  "account:write",
  "registration:create",
  "registration:move",
  "document:request",
  "document:review",
  "document:upload",
  "note:write",
];

/** The business writes: what a manager is refused with 403 (the authorisation matrix checks it). */
export const businessWrites: readonly Action[] = work;

const administer: Action[] = ["member:manage", "audit:read", "settings:manage"];

/**
 * Irreversible destruction of personal data: the agency's data controllers, as the
 * settings' data section (ux.md) is theirs. Staff record and correct people, but an
 * erasure cannot be undone and ends the ID's history in the agency, so it is not theirs.
 */
const destroy: Action[] = ["person:erase"];

/** What every staff-side role may do for itself, whatever its role. */
const own: Action[] = ["api-token:manage"];

const table: Record<Role, ReadonlySet<Action>> = {
  owner: new Set([...read, ...work, "export:csv", ...administer, ...destroy, "ownership:transfer", "agency:delete", ...own]),
  admin: new Set([...read, ...work, "export:csv", ...administer, ...destroy, ...own]),
  staff: new Set([...read, ...work, ...own]),
  manager: new Set([...read, "export:csv", ...own]),
  // Scoped to their one company by the database (the RESTRICTIVE policies), and only in the portal.
  client_admin: new Set(["portal:view", "document:upload", "notification:read"]),
};

/** Whether `role` may do `action` in its agency. */
export function can(role: Role, action: Action): boolean {
  return table[role].has(action);
}

/** Throws FORBIDDEN unless `role` may do `action`; for server actions and route handlers. */
export function assertCan(role: Role, action: Action): void {
  if (!can(role, action)) throw new AppError("FORBIDDEN", `${role} may not ${action}`, { role, action });
}

/** The roles that work in the staff app under /<agency>; client administrators use /portal/<agency>. */
export const staffRoles = ["owner", "admin", "staff", "manager"] as const satisfies readonly Role[];
export type StaffRole = (typeof staffRoles)[number];

export function isStaffRole(role: Role): role is StaffRole {
  return (staffRoles as readonly Role[]).includes(role);
}
