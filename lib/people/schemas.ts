/**
 * What creating a person takes (issue 6), shared by the API and, later, the people
 * form: the name, the ID type and number (a PRC resident ID is checked and normalised
 * by the shared schema, full-width input included), and an optional mainland mobile.
 * Messages are catalogue keys. Pure: no server imports.
 */
import { z } from "@/lib/validation/zod";
import { idTypes } from "@/lib/clients/kinds";
import { fixedLineSchema, mobileSchema, optionalField, residentIdSchema, VALIDATION_MESSAGES } from "@/lib/validation/schemas";

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

/* ------------------------------------------------------------------ edit */

export const PERSON_EDIT_MESSAGES = {
  date: "personEditForm.errors.date",
  futureBirthDate: "personEditForm.errors.futureBirthDate",
  birthDateFromId: "personEditForm.errors.birthDateFromId",
  email: "personEditForm.errors.email",
  idNumberFixed: "personEditForm.errors.idNumberFixed",
  erased: "personEditForm.errors.erased",
  stale: "personEditForm.errors.stale",
} as const;

/** The fields an edit may change, in form order (the ID number and type are fixed). */
export const personEditFields = ["name", "idExpiresOn", "birthDate", "mobile", "fixedLine", "email"] as const;
export type PersonEditField = (typeof personEditFields)[number];

/** A calendar date "YYYY-MM-DD" that exists (2026-02-30 does not). */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A date field: blank is none; full-width digits and slashes are normalised to "YYYY-MM-DD". */
const dateField = (message: string) =>
  optionalField(
    z.string({ error: message }).transform((input, ctx) => {
      const value = input
        .replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
        .replace(/[/.\uff0f\uff0e]/g, "-")
        .trim();
      if (!isCalendarDate(value)) {
        ctx.addIssue({ code: "custom", message, input });
        return z.NEVER;
      }
      return value;
    }),
  );

/**
 * The body of PATCH /people/{id} and of the edit form: the whole person again with the
 * `version` it was read at. Optional fields left out or blank are cleared. The name and
 * mobile use the create schema's validators; the birth date is taken only for an ID
 * type it cannot be read from (a resident ID carries it). `today` bounds the birth date.
 */
export function updatePersonSchema(today: Date) {
  const created = createPersonSchema(today).shape;
  return z
    .object({
      name: created.name,
      idExpiresOn: dateField(PERSON_EDIT_MESSAGES.date).meta({
        description: "When the ID expires, as YYYY-MM-DD; left out or blank: not known.",
        examples: ["2036-05-01"],
      }),
      birthDate: dateField(PERSON_EDIT_MESSAGES.date).meta({
        description:
          "YYYY-MM-DD, only for an ID type the birth date cannot be read from; for a resident ID it comes from the " +
          "number, and another date is refused.",
      }),
      mobile: created.mobile,
      fixedLine: optionalField(fixedLineSchema).meta({
        description: "A mainland fixed-line number, stored as \"0755-23456789\" (with an extension: \"-123\").",
      }),
      email: optionalField(
        z
          .string()
          .trim()
          .max(254, { error: PERSON_EDIT_MESSAGES.email })
          .pipe(z.email({ error: PERSON_EDIT_MESSAGES.email })),
      ).meta({ description: "An e-mail address." }),
      version: z.coerce
        .number({ error: VALIDATION_MESSAGES.required })
        .int()
        .min(1)
        .meta({ description: "The version the person was read at: a newer one in the database answers 409." }),
    })
    .superRefine((values, ctx) => {
      if (values.birthDate !== undefined && values.birthDate > today.toISOString().slice(0, 10)) {
        ctx.addIssue({ code: "custom", message: PERSON_EDIT_MESSAGES.futureBirthDate, path: ["birthDate"] });
      }
    });
}
export type UpdatePersonInput = z.input<ReturnType<typeof updatePersonSchema>>;

export const editablePersonSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    idType: z.enum(idTypes),
    idMask: z.string().nullable().meta({ description: "The masked ID number (the number itself is never returned)." }),
    birthDate: z.string().nullable().meta({ description: "YYYY-MM-DD; for a resident ID, read from the number." }),
    idExpiresOn: z.string().nullable(),
    mobile: z.string().nullable().meta({ description: "E.164." }),
    fixedLine: z.string().nullable(),
    email: z.string().nullable(),
    erasedAt: z.iso.datetime({ offset: true }).nullable(),
    version: z.number().int(),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ description: "A person's editable record, with the masked ID only." });
export type EditablePerson = z.output<typeof editablePersonSchema>;
