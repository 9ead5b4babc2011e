/**
 * What creating a person takes (issue 6), shared by the API and, later, the people
 * form: the name, the ID type and number (a PRC resident ID is checked and normalised
 * by the shared schema, full-width input included), and an optional mainland mobile.
 * Messages are catalogue keys. Pure: no server imports.
 */
import { z } from "@/lib/validation/zod";
import { idTypes } from "@/lib/clients/kinds";
import { mobileSchema, optionalField, residentIdSchema, VALIDATION_MESSAGES } from "@/lib/validation/schemas";

export const PEOPLE_MESSAGES = {
  idNumberRecorded: "people.errors.idNumberRecorded",
  operatorUnderage: "people.errors.operatorUnderage",
} as const;

/** The ID types this slice takes: only PRC resident IDs, whose number can be checked. */
export const creatableIdTypes = ["prc_resident_id"] as const satisfies readonly (typeof idTypes)[number][];

/** The body of POST /people, checked against `today` (a birth date cannot be in the future). */
export function createPersonSchema(today: Date) {
  return z.object({
    name: z
      .string({ error: VALIDATION_MESSAGES.required })
      .trim()
      .min(1, { error: VALIDATION_MESSAGES.required })
      .max(100, { error: VALIDATION_MESSAGES.required })
      .meta({ description: "The person's name as on the ID.", examples: ["王小明"] }),
    idType: z
      .enum(creatableIdTypes, { error: VALIDATION_MESSAGES.required })
      .meta({ description: "The ID type; only `prc_resident_id` for now." }),
    idNumber: residentIdSchema(today).meta({
      description:
        "The 18-character resident ID number (full-width input is normalised). Stored encrypted; never returned: " +
        "answers carry only `idMask`.",
      examples: ["110105199001011234"],
    }),
    mobile: optionalField(mobileSchema).meta({ description: "A mainland mobile number; stored as E.164." }),
  });
}
export type CreatePersonInput = z.input<ReturnType<typeof createPersonSchema>>;

/* -------------------------------------------------------------- responses */

export const createdPersonSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    idMask: z.string().meta({ description: "The ID number masked for display (first 6 and last 4 kept)." }),
  })
  .meta({ description: "A person just recorded. The ID number itself is never returned." });

export const personSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    idType: z.enum(idTypes),
    idMask: z.string().nullable().meta({ description: "The masked ID number; null once erased." }),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ description: "A person of the agency, with the masked ID only." });
export const personListSchema = z.object({ data: z.array(personSchema) });
