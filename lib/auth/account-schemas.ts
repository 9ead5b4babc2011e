/**
 * The fields of the account security page, password reset and sign-in link forms,
 * checked by the forms before they submit and again by the server (one schema at every
 * boundary). Issue messages are catalogue keys (messages/*.json). Client-safe.
 */
import { z } from "@/lib/validation/zod";
import { emailSchema, newPasswordSchema } from "@/lib/members/schemas";

export const ACCOUNT_MESSAGES = {
  currentPasswordRequired: "accountSecurity.errors.currentPasswordRequired",
  currentPasswordWrong: "accountSecurity.errors.currentPasswordWrong",
  samePassword: "accountSecurity.errors.samePassword",
  codeRequired: "accountSecurity.errors.codeRequired",
  codeInvalid: "accountSecurity.errors.codeInvalid",
} as const;
const m = ACCOUNT_MESSAGES;

/** The current password, as typed: never trimmed, bounded like a new one. */
const currentPasswordSchema = z
  .string({ error: m.currentPasswordRequired })
  .min(1, { error: m.currentPasswordRequired })
  .max(200, { error: m.currentPasswordWrong });

export const changePasswordSchema = z
  .object({ currentPassword: currentPasswordSchema, newPassword: newPasswordSchema })
  .refine((value) => value.currentPassword !== value.newPassword, { path: ["newPassword"], error: m.samePassword });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const enableTotpSchema = z.object({
  /** The sealed enrolment the page was given (lib/auth/totp.ts). */
  enrolment: z.string().min(1).max(1024),
  code: z
    .string({ error: m.codeRequired })
    .trim()
    .min(1, { error: m.codeRequired })
    .max(20, { error: m.codeInvalid })
    .regex(/^[\d\s]+$/, { error: m.codeInvalid }),
});
export type EnableTotpInput = z.infer<typeof enableTotpSchema>;

export const disableTotpSchema = z.object({ password: currentPasswordSchema });

/** Forgot password, and asking for a sign-in link: an e-mail address. */
export const emailRequestSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z.object({ password: newPasswordSchema });
