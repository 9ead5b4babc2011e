import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { REQUEST_PATH_HEADER } from "@/lib/auth/paths";
import { requireStaffMembership, requireStaffPermission, type MembershipContext } from "@/lib/auth/session";
import { requireClientPage } from "@/lib/clients/detail";
import { requireDocumentPage } from "@/lib/documents/document-page";
import { requirePersonPage } from "@/lib/people/queries";
import { requireRegistrationPage } from "@/lib/registration/card-detail";
import { pagePermission } from "@/lib/rbac/navigation";
import { can } from "@/lib/rbac/permissions";

/**
 * Every page of the staff app starts here. The layout's check does not cover a page (on
 * client-side navigation only the page renders), so each page checks for itself that
 * the member may open its section; the lookups are cached per request. Not signed in: sign-in. Not a member, no such
 * agency, or a role without the permission: 404. A client administrator: the portal.
 */
export async function requireSection(slug: string, segment: string): Promise<MembershipContext> {
  const action = pagePermission(segment);
  return action ? requireStaffPermission(slug, action) : requireStaffMembership(slug);
}

/**
 * The layout's check, for the section the request is for (proxy.ts passes the path).
 * Pages check again for themselves; checking here too means a full page load of a
 * section the role may not open answers 404 before the shell starts streaming (a
 * page's own notFound() inside loading.tsx's boundary would arrive with a 200).
 */
export async function requireSectionOfRequest(slug: string): Promise<MembershipContext> {
  const path = (await headers()).get(REQUEST_PATH_HEADER) ?? "";
  const [, first, segment = "", ...rest] = (path.split("?")[0] ?? "").split("/");
  if (first !== slug) return requireStaffMembership(slug);
  const context = await requireSection(slug, segment);
  // One client's pages: another agency's company, or a form the role may not use, is 404 here too.
  if (segment === "clients") await requireClientPage(context, rest);
  // One person's page: another agency's person, or no such person, is 404 here too.
  if (segment === "people" && rest[0]) {
    // The edit form is for those who write people (a manager reads only): 404 here too.
    if (rest[1] === "edit" && !can(context.role, "person:write")) notFound();
    await requirePersonPage(context, decodeURIComponent(rest[0]));
  }
  // One card's page: another agency's card, one a restricted member may not see, or no such card: 404 here too.
  if (segment === "registrations" && rest[0]) await requireRegistrationPage(context, decodeURIComponent(rest[0]));
  // One document's review page: another agency's document, a hidden client's, or no such document: 404 here too.
  if (segment === "documents") await requireDocumentPage(context, rest);
  return context;
}
