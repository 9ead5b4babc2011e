/**
 * The database roles of design.md §4.1 and how to reach them. DATABASE_URL names the
 * server and database (and an account that may create roles, for migrations); the app
 * and the worker connect as their own LOGIN roles, never as a superuser that switches
 * with SET ROLE.
 */
export const LOGIN_ROLES = ["weidesk_owner", "weidesk_app", "weidesk_worker"] as const;
export type LoginRole = (typeof LOGIN_ROLES)[number];

/** The same server and database as `url`, as another role. */
export function urlForRole(url: string, role: LoginRole, password: string | undefined): string {
  const parsed = new URL(url);
  parsed.username = role;
  parsed.password = password ? encodeURIComponent(password) : "";
  return parsed.toString();
}
