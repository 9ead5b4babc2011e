/**
 * The sign-in form's fields, checked by the form before it posts and by the route
 * handler when it arrives. Issue messages are catalogue keys (messages/*.json).
 */
import { z } from "@/lib/validation/zod";

export const SIGN_IN_MESSAGES = {
  emailRequired: "auth.signIn.errors.emailRequired",
  emailInvalid: "auth.signIn.errors.emailInvalid",
  passwordRequired: "auth.signIn.errors.passwordRequired",
  codeRequired: "auth.signIn.errors.codeRequired",
  codeInvalid: "auth.signIn.errors.codeInvalid",
} as const;
export type SignInMessageKey = (typeof SIGN_IN_MESSAGES)[keyof typeof SIGN_IN_MESSAGES];

// The database's own rule (users_email_format), minus NUL, which PostgreSQL refuses.
const EMAIL = /^[^@\s\u0000]+@[^@\s\u0000]+$/;

export const signInSchema = z.object({
  email: z
    .string({ error: SIGN_IN_MESSAGES.emailRequired })
    .trim()
    .min(1, { error: SIGN_IN_MESSAGES.emailRequired })
    .max(254, { error: SIGN_IN_MESSAGES.emailInvalid })
    .regex(EMAIL, { error: SIGN_IN_MESSAGES.emailInvalid }),
  // Never trimmed: spaces may be part of a password. It never reaches SQL; its length is
  // bounded by the route handler's body limit.
  password: z.string({ error: SIGN_IN_MESSAGES.passwordRequired }).min(1, { error: SIGN_IN_MESSAGES.passwordRequired }),
  /**
   * The second factor, asked for after the password when the account has TOTP on: six
   * digits from the authenticator app, or a recovery code ("abcd-efgh-jkmn"). Empty
   * means none.
   */
  code: z
    .string()
    .trim()
    .max(20, { error: SIGN_IN_MESSAGES.codeInvalid })
    .regex(/^[^\u0000]*$/, { error: SIGN_IN_MESSAGES.codeInvalid })
    .optional()
    .transform((code) => code || undefined),
  /** Where to go afterwards; checked again with safeNextPath. */
  next: z.string().max(2048).optional().catch(undefined),
});
export type SignInInput = z.infer<typeof signInSchema>;

export type SignInFieldErrors = Partial<Record<"email" | "password" | "code", SignInMessageKey>>;

/** The first message per field, as the form shows them. */
export function fieldErrorsOf(error: z.ZodError): SignInFieldErrors {
  const fields: SignInFieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if ((field === "email" || field === "password" || field === "code") && !fields[field]) {
      fields[field] = issue.message as SignInMessageKey;
    }
  }
  return fields;
}
