/** The five roles of design.md §1. One user has one role per agency. */
export const roles = ["owner", "admin", "staff", "manager", "client_admin"] as const;
export type Role = (typeof roles)[number];

export const membershipStatuses = ["active", "disabled"] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];
