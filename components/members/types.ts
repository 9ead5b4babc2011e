import type { Locale } from "@/lib/i18n/config";
import type { CompanyOption, InvitationRow, MemberRow } from "@/lib/members/service";
import type { Role } from "@/lib/rbac/roles";

export type { CompanyOption, InvitationRow, MemberRow };

/** Who is looking at the page: their own row and, for a non-owner, ownership stay out of reach. */
export type Viewer = { membershipId: string; role: Role };

export type LanguageOption = { value: Locale; label: string };

/** Roles an invitation or a role change may give: ownership is transferred, never given. */
export const assignableRoleChoices = ["admin", "staff", "manager", "client_admin"] as const;
export type RoleChoice = (typeof assignableRoleChoices)[number];

/** Roles that may hold clients and cards (the database's weidesk_check_assignee). */
export const workHolderRoles: readonly Role[] = ["owner", "admin", "staff"];

/** Sidebar order of the roles, for sorting by role. */
export const roleRank: Record<Role, number> = { owner: 0, admin: 1, staff: 2, manager: 3, client_admin: 4 };

export function assignedWork(member: Pick<MemberRow, "assignedClients" | "assignedRegistrations">): number {
  return member.assignedClients + member.assignedRegistrations;
}

/** Whether the viewer may change, disable or remove `member` (never an owner, never themselves). */
export function isManageable(member: MemberRow, viewer: Viewer): boolean {
  return member.role !== "owner" && member.membershipId !== viewer.membershipId;
}

/** Whether the viewer, an owner, may hand the agency to `member`. */
export function canReceiveOwnership(member: MemberRow, viewer: Viewer): boolean {
  return (
    viewer.role === "owner" &&
    member.membershipId !== viewer.membershipId &&
    member.status === "active" &&
    (member.role === "admin" || member.role === "staff" || member.role === "manager")
  );
}

/** Who may take over `member`'s clients and cards: other active owners, admins and staff. */
export function heirsFor(member: MemberRow, members: readonly MemberRow[]): MemberRow[] {
  return members.filter(
    (other) =>
      other.membershipId !== member.membershipId && other.status === "active" && workHolderRoles.includes(other.role),
  );
}
