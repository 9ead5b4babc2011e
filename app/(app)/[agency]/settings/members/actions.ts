"use server";

/**
 * Members and invitations (issue 4 §2–3). Each action is a public endpoint: it finds the
 * caller's membership (another agency, or none: 404), then hands the raw input to
 * lib/members/service.ts, which checks the permission (a manager or staff member gets
 * FORBIDDEN back, not a 404: they do belong here) and validates with the shared schemas.
 */
import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { z } from "@/lib/validation/zod";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { requireStaffMembership, type MembershipContext } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { locales } from "@/lib/i18n/config";
import {
  fieldErrorsOf,
  invitationIdSchema,
  inviteSchema,
  MEMBER_FORM_MESSAGES,
  membershipIdSchema,
} from "@/lib/members/schemas";
import {
  changeRole,
  disableMember,
  enableMember,
  inviteMember,
  removeMember,
  resendInvitation,
  revokeInvitation,
  transferOwnership,
} from "@/lib/members/service";
import { type Action, assertCan } from "@/lib/rbac/permissions";

const localeSchema = z.enum(locales, { error: MEMBER_FORM_MESSAGES.localeInvalid });
const inviteLocaleSchema = z.object({ locale: localeSchema });
const resendSchema = invitationIdSchema.extend({ locale: localeSchema.optional() });

async function member(agencySlug: unknown): Promise<MembershipContext> {
  if (typeof agencySlug !== "string") notFound();
  return requireStaffMembership(agencySlug);
}

function membersPath(context: MembershipContext): string {
  return `/${context.agency.slug}/settings/members`;
}

/**
 * Runs `work` for the member; on success the members page is rendered afresh. The
 * permission is checked first (the service checks it again), so a role that may not
 * gets FORBIDDEN whatever it sent, never a hint about the input.
 */
async function act<T>(
  agencySlug: string,
  permission: Action,
  work: (context: MembershipContext) => Promise<T>,
): Promise<ActionResult<T>> {
  const context = await member(agencySlug);
  const result = await runAction(() => {
    assertCan(context.role, permission);
    return work(context);
  });
  if (result.ok) revalidatePath(membersPath(context));
  return result;
}

/** Ids that are not even UUIDs never reach the database. */
function parseOrRefuse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", "malformed member action input");
  return parsed.data;
}

/** `{ email, role, clientCompanyId?, locale }`: the invitation mail goes out in `locale`. */
export async function inviteMemberAction(agencySlug: string, input: unknown): Promise<ActionResult<{ email: string }>> {
  return act(agencySlug, "member:manage", async (context) => {
    const locale = inviteLocaleSchema.safeParse(input);
    if (!locale.success) {
      // Every field's message at once, not the language's alone.
      const rest = inviteSchema.safeParse(input);
      const fields = { ...(rest.success ? {} : fieldErrorsOf(rest.error)), ...fieldErrorsOf(locale.error) };
      throw new AppError("VALIDATION", "invalid invitation locale", { fields });
    }
    await inviteMember(context, input, locale.data.locale);
    return { email: inviteSchema.parse(input).email };
  });
}

/** `{ invitationId, locale? }`: a new link and a new week; the mail in `locale` or the agency's language. */
export async function resendInvitationAction(agencySlug: string, input: unknown): Promise<ActionResult<null>> {
  return act(agencySlug, "member:manage", async (context) => {
    const { invitationId, locale } = parseOrRefuse(resendSchema, input);
    await resendInvitation(context, invitationId, locale ?? context.agency.defaultLocale);
    return null;
  });
}

/** `{ invitationId }` */
export async function revokeInvitationAction(agencySlug: string, input: unknown): Promise<ActionResult<null>> {
  return act(agencySlug, "member:manage", async (context) => {
    const { invitationId } = parseOrRefuse(invitationIdSchema, input);
    await revokeInvitation(context, invitationId);
    return null;
  });
}

/** `{ membershipId, role, clientCompanyId?, reassignTo? }` */
export async function changeRoleAction(agencySlug: string, input: unknown): Promise<ActionResult<null>> {
  return act(agencySlug, "member:manage", async (context) => {
    await changeRole(context, input);
    return null;
  });
}

/** `{ membershipId, reassignTo? }` (required when they hold clients or registrations) */
export async function disableMemberAction(agencySlug: string, input: unknown): Promise<ActionResult<null>> {
  return act(agencySlug, "member:manage", async (context) => {
    await disableMember(context, input);
    return null;
  });
}

/** `{ membershipId }` */
export async function enableMemberAction(agencySlug: string, input: unknown): Promise<ActionResult<null>> {
  return act(agencySlug, "member:manage", async (context) => {
    const { membershipId } = parseOrRefuse(membershipIdSchema, input);
    await enableMember(context, membershipId);
    return null;
  });
}

/** `{ membershipId, reassignTo? }` (required when they hold clients or registrations) */
export async function removeMemberAction(agencySlug: string, input: unknown): Promise<ActionResult<null>> {
  return act(agencySlug, "member:manage", async (context) => {
    await removeMember(context, input);
    return null;
  });
}

/** `{ membershipId }`: the owner hands over the agency and becomes an admin. */
export async function transferOwnershipAction(agencySlug: string, input: unknown): Promise<ActionResult<null>> {
  return act(agencySlug, "ownership:transfer", async (context) => {
    const { membershipId } = parseOrRefuse(membershipIdSchema, input);
    await transferOwnership(context, membershipId);
    return null;
  });
}
