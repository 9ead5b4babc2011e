/**
 * The seeded demo data the specs sign in as (db/seed.ts is the one source): every role
 * in the demo agency, and the staff user who also works for a second agency.
 */
import { DEMO_AGENCY, DEMO_CLIENT_COMPANY, DEMO_USERS, SECOND_AGENCY } from "../../db/seed";
import type { Messages } from "./messages";

export { DEMO_AGENCY, DEMO_CLIENT_COMPANY, SECOND_AGENCY };

export type DemoRole = "owner" | "admin" | "staff" | "manager" | "client_admin";
export type DemoUser = { email: string; name: string; role: DemoRole };

export function demoUser(role: DemoRole): DemoUser {
  const user = DEMO_USERS.find((candidate) => candidate.role === role);
  if (!user) throw new Error(`The seed has no ${role}.`);
  return { email: user.email, name: user.name, role };
}

/** The role's name in the UI (ux.md §3). */
export function roleLabel(m: Messages, role: DemoRole): string {
  return m.roles[role];
}

/** Who the shell specs sign in as: sees every page of the staff app. */
export const SHELL_USER = demoUser("owner");
