/**
 * What /api/v1/companies takes and answers beside the form's own schemas
 * (lib/clients/schemas.ts): the bulk bodies, the path parameter, and the response
 * DTOs the routes build from the services' rows (dates as ISO 8601 strings).
 * lib/api/openapi.ts documents the API from these very objects. Pure: no server imports.
 */
import { z } from "@/lib/validation/zod";
import { API_MESSAGES, problemSchema } from "@/lib/api/schemas";
import { companyKinds, subjectTypes } from "./kinds";
import { CLIENT_MESSAGES } from "./schemas";

const BULK_MAX = 500;
const dateTime = z.iso.datetime({ offset: true });

/* --------------------------------------------------------------- requests */

export const companyIdParamsSchema = z.object({ id: z.uuid().meta({ description: "The client company's id." }) });

const bulkIds = z
  .array(z.uuid({ error: "clients.errors.noneSelected" }), { error: "clients.errors.noneSelected" })
  .min(1, { error: "clients.errors.noneSelected" })
  .max(BULK_MAX, { error: "clients.errors.tooManySelected" })
  .meta({ description: `The companies, 1–${BULK_MAX}. Ids of another agency change nothing and are not counted.` });

/** POST /companies/archive: archive (or restore) several companies at once, all or none. */
export const archiveCompaniesSchema = z.object({
  ids: bulkIds,
  archived: z
    .boolean({ error: API_MESSAGES.invalidValue })
    .meta({ description: "true archives the companies; false restores archived ones." }),
});

/** POST /companies/assign: give several companies to one member (or to nobody), all or none. */
export const assignCompaniesSchema = z.object({
  ids: bulkIds,
  assigneeUserId: z
    .uuid({ error: CLIENT_MESSAGES.assignee })
    .nullable()
    .meta({ description: "An active owner, admin or staff member's user id, or null to unassign." }),
});

/* -------------------------------------------------------------- responses */

const assigneeSchema = z
  .object({ id: z.uuid(), name: z.string() })
  .nullable()
  .meta({ description: "The member who looks after the company, or null." });

export const companySchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(companyKinds),
    subjectType: z.enum(subjectTypes),
    legalNameZh: z.string().nullable(),
    nameEn: z.string().nullable(),
    uscc: z.string().nullable().meta({ description: "The Unified Social Credit Code, normalised (upper case, half-width)." }),
    usccOverrideReason: z
      .string()
      .nullable()
      .meta({ description: "Why a USCC whose check character fails was kept; null when it passes." }),
    orgCode: z.string().nullable(),
    registrationNumber: z.string().nullable(),
    country: z.string().nullable(),
    foreignRegistrationNumber: z.string().nullable(),
    industry: z.string().nullable(),
    scale: z.string().nullable(),
    address: z.string().nullable(),
    assignee: assigneeSchema,
    archivedAt: dateTime.nullable(),
    version: z.int().min(1).meta({ description: "Send it back with an edit; a stale one gets 409 `STALE_VERSION`." }),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .meta({ description: "A client company of the agency." });
export type CompanyDto = z.output<typeof companySchema>;

export const companyListItemSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(companyKinds),
    legalNameZh: z.string().nullable(),
    nameEn: z.string().nullable(),
    uscc: z.string().nullable(),
    assignee: assigneeSchema,
    registrations: z.int().min(0).meta({ description: "Registration cards of the company." }),
    archivedAt: dateTime.nullable(),
    createdAt: dateTime,
    updatedAt: dateTime,
    version: z.int().min(1),
  })
  .meta({ description: "A client company as the list shows it." });

export const companyPageSchema = z.object({
  data: z.array(companyListItemSchema),
  next: z
    .string()
    .nullable()
    .meta({ description: "The cursor of the next page (pass it as `after` with the same sort and filters), or null on the last." }),
  total: z.int().min(0).meta({ description: "Companies matching the filters, counted up to 10 000." }),
  totalCapped: z.boolean().meta({ description: "true when more than 10 000 match (`total` is then 10 000)." }),
});

export const bulkResultSchema = z.object({
  changed: z.int().min(0).meta({ description: "How many companies changed (those already so are not counted)." }),
});

/** A 409 STALE_VERSION of an edit: the problem, plus the company as it stands and who changed it. */
export const staleCompanyProblemSchema = problemSchema
  .extend({
    current: companySchema.optional().meta({ description: "STALE_VERSION only: the company as it stands now." }),
    changedBy: z.string().nullable().optional().meta({ description: "STALE_VERSION only: who saved it last, if known." }),
    changedAt: dateTime.nullable().optional().meta({ description: "STALE_VERSION only: when, if known." }),
  })
  .meta({ description: "An error, as RFC 9457 problem details; a stale edit carries the current company." });
