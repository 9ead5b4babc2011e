/**
 * The fields of an API token, checked by the tokens form before it submits, by the
 * server actions, and by the CLI (one schema at every boundary). Issue messages are
 * catalogue keys under apiTokens.errors. Client-side safe: no server imports.
 */
import { z } from "@/lib/validation/zod";

export const API_TOKEN_MESSAGES = {
  nameRequired: "apiTokens.errors.nameRequired",
  nameTooLong: "apiTokens.errors.nameTooLong",
  expiryInvalid: "apiTokens.errors.expiryInvalid",
  alreadyRevoked: "apiTokens.errors.alreadyRevoked",
} as const;

const m = API_TOKEN_MESSAGES;
const NO_NUL = /^[^\u0000]*$/;

/** The lifetimes a token may have, in days; null is a token that never expires. */
export const apiTokenExpiryDays = [30, 90, 365] as const;
export type ApiTokenExpiryDays = (typeof apiTokenExpiryDays)[number];

export const API_TOKEN_NAME_MAX = 100;

export const createApiTokenSchema = z.object({
  /** What the token is for ("Reporting script"), so its owner recognises it in the list. */
  name: z
    .string({ error: m.nameRequired })
    .trim()
    .min(1, { error: m.nameRequired })
    .max(API_TOKEN_NAME_MAX, { error: m.nameTooLong })
    .regex(NO_NUL, { error: m.nameRequired }),
  expiresInDays: z.union([...apiTokenExpiryDays.map((days) => z.literal(days)), z.null()], { error: m.expiryInvalid }),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

export const apiTokenIdSchema = z.object({ tokenId: z.uuid() });
