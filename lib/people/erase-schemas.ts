/**
 * The shapes of a person's erasure (lib/people/erase.ts), for the service, the API and
 * its OpenAPI document. Pure: no server imports.
 */
import { z } from "@/lib/validation/zod";

/**
 * What an erased person's name becomes. Pages show "Erased person" in the reader's
 * language (personErase.erasedName) wherever erased_at is set; this neutral mark is for
 * any place that shows the stored name as it is.
 */
export const ERASED_NAME = "—";

/** Why the person was erased: a fixed choice, so no free text (with names in it) reaches the audit log. */
export const erasureReasons = ["person_request", "no_longer_needed", "other"] as const;
export type ErasureReason = (typeof erasureReasons)[number];

export const ERASE_MESSAGES = {
  nameMismatch: "personErase.errors.nameMismatch",
  alreadyErased: "personErase.errors.alreadyErased",
  operatesAccounts: "personErase.errors.operatesAccounts",
  reason: "personErase.errors.reason",
} as const;

export const erasePersonSchema = z
  .object({
    confirmName: z
      .string({ error: ERASE_MESSAGES.nameMismatch })
      .max(200, { error: ERASE_MESSAGES.nameMismatch })
      .meta({ description: "The person's name exactly as recorded: the confirmation that this is the person meant." }),
    reason: z
      .enum(erasureReasons, { error: ERASE_MESSAGES.reason })
      .optional()
      .meta({ description: "Why: `person_request` (they asked), `no_longer_needed`, or `other`. Kept in the audit log." }),
  })
  .meta({ description: "An erasure, confirmed by the person's name." });

export const erasureBlockerSchema = z
  .object({
    kind: z.enum(["official_account", "wecom_corp"]),
    id: z.uuid(),
    name: z.string().nullable(),
    registrationId: z.uuid(),
    stage: z.string(),
    company: z.object({ id: z.uuid(), name: z.string() }),
  })
  .meta({ description: "An active account the person operates (or a WeCom corp they administer): it must be abandoned, or its operator changed, first." });
export type ErasureBlocker = z.infer<typeof erasureBlockerSchema>;

export const erasureOutcomeSchema = z
  .object({
    personId: z.uuid(),
    erasedAt: z.iso.datetime({ offset: true }),
    objectsDeleted: z.number().int().meta({ description: "How many document objects (every version of the person's documents) the erasure destroys." }),
    objectsPending: z
      .number()
      .int()
      .meta({ description: "Of those, how many the store did not delete at once; a background job keeps deleting them." }),
  })
  .meta({ description: "The person was erased: their ID data, name and contact details are gone." });
