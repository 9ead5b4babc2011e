/**
 * The signed-in user and their membership, for pages, layouts, server actions and route
 * handlers: each starts with requireUser or requireMembership (style.md §5, habit 2).
 * Cached per request with React's cache, so a layout and its page read the database
 * once. proxy.ts only redirects visitors with no session cookie; these are the checks
 * that count.
 */
import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { TenantContext } from "@/db/tenant";
import type { AgencySummary } from "@/lib/agencies/queries";
import { clock } from "@/lib/clock";
import { unavailableOr } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/config";
import { can, isStaffRole, type Action } from "@/lib/rbac/permissions";
import type { Role } from "@/lib/rbac/roles";
import { membershipIn } from "./membership";
import { auth } from "./next-auth";
import { ACCOUNT_SECURITY_PATH, homePathFor, REQUEST_PATH_HEADER, signInPath, VERIFY_EMAIL_PATH } from "./paths";
import { isSessionCurrent, sessionClaimsSchema } from "./policy";
import { findSessionContext, type UserAgency, type UserMembership } from "./users";

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  locale: Locale | null;
  emailVerified: boolean;
  totpEnabled: boolean;
};

type SessionState = {
  user: CurrentUser | null;
  /** The user's active memberships, read with the session (lib/auth/users.ts findSessionContext). */
  memberships: UserMembership[];
  /** A session cookie was there but no longer counts (version bumped, too old, user gone). */
  ended: boolean;
};

/**
 * The session of this request, checked against the database, with the user's memberships:
 * one statement for the user, the agency menu and the membership checks of the request.
 */
export const getSessionState = cache(async (): Promise<SessionState> => {
  const claims = sessionClaimsSchema.safeParse(await auth());
  if (!claims.success) return { user: null, memberships: [], ended: false };
  // The first database read of nearly every page: a database that is down says so here.
  const context = await findSessionContext(claims.data.userId).catch((error: unknown) => {
    throw unavailableOr(error);
  });
  const stored = context?.user;
  if (!stored || !isSessionCurrent(claims.data, stored, clock.now())) return { user: null, memberships: [], ended: true };
  return {
    user: {
      id: stored.id,
      email: stored.email,
      name: stored.name,
      locale: stored.locale,
      emailVerified: stored.emailVerified,
      totpEnabled: stored.totpEnabled,
    },
    memberships: context.memberships,
    ended: false,
  };
});

/** The signed-in user, or null. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  return (await getSessionState()).user;
}

/**
 * The signed-in user with a verified e-mail; anyone else goes to sign-in (and comes back
 * here afterwards), and an owner who signed up but has not followed the e-mail check
 * link yet goes to the page that asks them to (their agency is not usable until then).
 */
export async function requireUser(): Promise<CurrentUser> {
  return (await requireSession()).user;
}

/**
 * requireUser's check, answering the whole session state: one getSessionState call (cache
 * dedupes calls in a render, not in a server action, where each call is a statement).
 */
async function requireSession(): Promise<SessionState & { user: CurrentUser }> {
  const state = await getSessionState();
  const { user, ended } = state;
  if (user?.emailVerified) return { ...state, user };
  if (user) redirect(VERIFY_EMAIL_PATH);
  const next = (await headers()).get(REQUEST_PATH_HEADER);
  redirect(signInPath({ next, reason: ended ? "session-ended" : undefined }));
}

/** The agencies the signed-in user belongs to (the picker, the agency menu). */
export async function getUserAgencies(): Promise<UserAgency[]> {
  return (await requireSession()).memberships.map(({ agency, membership }) => ({
    agencyId: agency.id,
    slug: agency.slug,
    name: agency.name,
    role: membership.role,
    clientCompanyId: membership.clientCompany?.id ?? null,
  }));
}

export type MembershipContext = {
  user: CurrentUser;
  agency: AgencySummary;
  membershipId: string;
  role: Role;
  /** Client administrators only: the one company they belong to. */
  clientCompany: { id: string; legalNameZh: string | null; nameEn: string | null } | null;
};

/**
 * The signed-in user's active membership in the agency of `agencySlug`. Not signed in:
 * redirect to sign-in. Not a member, or no such agency: 404, the same page either way.
 */
export const requireMembership = cache(async (agencySlug: string): Promise<MembershipContext> => {
  const { user, memberships } = await requireSession();
  const resolved = membershipIn(memberships, agencySlug);
  if (!resolved) notFound();
  const { agency, membership } = resolved;
  // The agency's rule: its owners and admins work only with a second factor.
  if (agency.requireTotpForAdmins && (membership.role === "owner" || membership.role === "admin") && !user.totpEnabled) {
    redirect(`${ACCOUNT_SECURITY_PATH}?required=1`);
  }
  return { user, agency, membershipId: membership.id, role: membership.role, clientCompany: membership.clientCompany };
});

/** A member who works in the staff app; a client administrator is sent to the portal. */
export async function requireStaffMembership(agencySlug: string): Promise<MembershipContext> {
  const context = await requireMembership(agencySlug);
  if (!isStaffRole(context.role)) redirect(homePathFor(context.agency.slug, context.role));
  return context;
}

/**
 * A staff member who may `action`; other roles get the 404 page, as for a page that
 * does not exist (the sidebar never shows them the link).
 */
export async function requireStaffPermission(agencySlug: string, action: Action): Promise<MembershipContext> {
  const context = await requireStaffMembership(agencySlug);
  if (!can(context.role, action)) notFound();
  return context;
}

/** A client administrator of the agency; staff who open the portal go to the staff app. */
export async function requirePortalMembership(agencySlug: string): Promise<MembershipContext> {
  const context = await requireMembership(agencySlug);
  if (context.role !== "client_admin" || !context.clientCompany) redirect(homePathFor(context.agency.slug, context.role));
  return context;
}

/** The withTenant context of a member: their agency, their company, read-only for managers. */
export function tenantContextOf(context: MembershipContext): TenantContext {
  return {
    agencyId: context.agency.id,
    userId: context.user.id,
    clientCompanyId: context.clientCompany?.id ?? null,
    readOnly: context.role === "manager",
  };
}
