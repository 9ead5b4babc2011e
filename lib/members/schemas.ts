/**
 * The fields of sign-up, invitations and member changes, checked by the forms before
 * they submit and by the server actions when they arrive (one schema at every
 * boundary). Issue messages are catalogue keys under memberForms.errors.
 */
import { z } from "@/lib/validation/zod";
import { isReservedSlug, SLUG_PATTERN } from "@/lib/agencies/slug";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { locales } from "@/lib/i18n/config";
import { roles } from "@/lib/rbac/roles";

export const MEMBER_FORM_MESSAGES = {
  nameRequired: "memberForms.errors.nameRequired",
  nameTooLong: "memberForms.errors.nameTooLong",
  emailRequired: "memberForms.errors.emailRequired",
  emailInvalid: "memberForms.errors.emailInvalid",
  emailTaken: "memberForms.errors.emailTaken",
  passwordTooShort: "memberForms.errors.passwordTooShort",
  passwordTooLong: "memberForms.errors.passwordTooLong",
  agencyNameRequired: "memberForms.errors.agencyNameRequired",
  slugFormat: "memberForms.errors.slugFormat",
  slugReserved: "memberForms.errors.slugReserved",
  slugTaken: "memberForms.errors.slugTaken",
  timeZoneInvalid: "memberForms.errors.timeZoneInvalid",
  localeInvalid: "memberForms.errors.localeInvalid",
  roleInvalid: "memberForms.errors.roleInvalid",
  companyRequired: "memberForms.errors.companyRequired",
  alreadyMember: "memberForms.errors.alreadyMember",
  alreadyInvited: "memberForms.errors.alreadyInvited",
  reassignRequired: "memberForms.errors.reassignRequired",
  reassignInvalid: "memberForms.errors.reassignInvalid",
  confirmationMismatch: "memberForms.errors.confirmationMismatch",
} as const;
export type MemberFormMessageKey = (typeof MEMBER_FORM_MESSAGES)[keyof typeof MEMBER_FORM_MESSAGES];

const m = MEMBER_FORM_MESSAGES;
// The database's own rule (users_email_format), minus NUL, which PostgreSQL refuses.
const EMAIL = /^[^@\s\u0000]+@[^@\s\u0000]+$/;
const NO_NUL = /^[^\u0000]*$/;

export const emailSchema = z
  .string({ error: m.emailRequired })
  .trim()
  .min(1, { error: m.emailRequired })
  .max(254, { error: m.emailInvalid })
  .regex(EMAIL, { error: m.emailInvalid });

export const personNameSchema = z
  .string({ error: m.nameRequired })
  .trim()
  .min(1, { error: m.nameRequired })
  .max(100, { error: m.nameTooLong })
  .regex(NO_NUL, { error: m.nameRequired });

/** Never trimmed: spaces may be part of a password. Bounded so argon2 never hashes a megabyte. */
export const newPasswordSchema = z
  .string({ error: m.passwordTooShort })
  .min(MIN_PASSWORD_LENGTH, { error: m.passwordTooShort })
  .max(200, { error: m.passwordTooLong })
  .regex(NO_NUL, { error: m.passwordTooShort });

export const slugSchema = z
  .string({ error: m.slugFormat })
  .trim()
  .toLowerCase()
  .regex(SLUG_PATTERN, { error: m.slugFormat })
  .refine((slug) => !isReservedSlug(slug), { error: m.slugReserved });

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const signUpSchema = z.object({
  name: personNameSchema,
  email: emailSchema,
  password: newPasswordSchema,
  agencyName: z
    .string({ error: m.agencyNameRequired })
    .trim()
    .min(1, { error: m.agencyNameRequired })
    .max(120, { error: m.agencyNameRequired })
    .regex(NO_NUL, { error: m.agencyNameRequired }),
  slug: slugSchema,
  defaultLocale: z.enum(locales, { error: m.localeInvalid }),
  timeZone: z.string().trim().refine(isTimeZone, { error: m.timeZoneInvalid }),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

/** Roles an invitation may carry: ownership is transferred, never invited. */
export const invitableRoles = roles.filter((role) => role !== "owner");

export const inviteSchema = z
  .object({
    email: emailSchema,
    role: z.enum(invitableRoles as ["admin", "staff", "manager", "client_admin"], { error: m.roleInvalid }),
    clientCompanyId: z.uuid({ error: m.companyRequired }).nullish(),
  })
  .superRefine((value, ctx) => {
    if (value.role === "client_admin" && !value.clientCompanyId) {
      ctx.addIssue({ code: "custom", path: ["clientCompanyId"], message: m.companyRequired });
    }
  })
  .transform((value) => ({ ...value, clientCompanyId: value.role === "client_admin" ? value.clientCompanyId! : null }));
export type InviteInput = z.infer<typeof inviteSchema>;

export const changeRoleSchema = z
  .object({
    membershipId: z.uuid(),
    role: z.enum(invitableRoles as ["admin", "staff", "manager", "client_admin"], { error: m.roleInvalid }),
    clientCompanyId: z.uuid({ error: m.companyRequired }).nullish(),
    /** Where their clients and cards go when the new role cannot hold them (manager, client_admin). */
    reassignTo: z.uuid({ error: m.reassignInvalid }).nullish(),
  })
  .superRefine((value, ctx) => {
    if (value.role === "client_admin" && !value.clientCompanyId) {
      ctx.addIssue({ code: "custom", path: ["clientCompanyId"], message: m.companyRequired });
    }
  })
  .transform((value) => ({
    ...value,
    clientCompanyId: value.role === "client_admin" ? value.clientCompanyId! : null,
    reassignTo: value.reassignTo ?? null,
  }));
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;

export const offboardSchema = z.object({
  membershipId: z.uuid(),
  /** The member who takes over their clients and cards; required when they have any. */
  reassignTo: z
    .uuid({ error: m.reassignInvalid })
    .nullish()
    .transform((value) => value ?? null),
});
export type OffboardInput = z.infer<typeof offboardSchema>;

export const membershipIdSchema = z.object({ membershipId: z.uuid() });
export const invitationIdSchema = z.object({ invitationId: z.uuid() });

export const deleteAgencySchema = z.object({ confirmation: z.string().trim().max(100) });

export const acceptInvitationSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  name: personNameSchema,
  password: newPasswordSchema,
});
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;

export type FieldErrors = Record<string, string>;

/** The first message per field (the path's first segment), as forms show them. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    fields[field] ??= issue.message;
  }
  return fields;
}
