/**
 * What /api/v1 takes and answers, as zod schemas: the handlers parse requests with
 * them and lib/api/openapi.ts documents the API from the very same objects, so the
 * document cannot drift from the code. Request bodies reuse the forms' own schemas
 * (lib/members/schemas.ts). Response schemas describe the DTOs the mappers below build
 * from the services' rows (dates as ISO 8601 strings). Pure: no server imports.
 */
import { z } from "@/lib/validation/zod";
import { auditActions, auditTargetTypes } from "@/lib/audit/record";
import { AUDIT_PAGE_SIZE, SYSTEM_ACTOR } from "@/lib/audit/filters";
import type { AuditEventRow } from "@/lib/audit/queries";
import { locales } from "@/lib/i18n/config";
import { inviteSchema, MEMBER_FORM_MESSAGES } from "@/lib/members/schemas";
import type { InvitationRow, MemberRow } from "@/lib/members/service";
import { membershipStatuses, roles } from "@/lib/rbac/roles";
import { parseIsoDate } from "@/lib/validation/china-date";
import { problemCodes } from "./problem-codes";

/* --------------------------------------------------------------- requests */

export const API_MESSAGES = {
  invalidValue: "apiTokens.api.invalidValue",
  dateOrder: "apiTokens.api.dateOrder",
  invalidCursor: "apiTokens.api.invalidCursor",
  invalidLimit: "apiTokens.api.invalidLimit",
} as const;

/** POST /invitations: the members page's invitation fields, plus the language of the e-mail. */
export const createInvitationBodySchema = z.intersection(
  inviteSchema,
  z.object({
    locale: z
      .enum(locales, { error: MEMBER_FORM_MESSAGES.localeInvalid })
      .optional()
      .meta({ description: "The language of the invitation e-mail; the agency's language when left out." }),
  }),
);

/** A calendar date (YYYY-MM-DD) from 2000 on: the audit log's and the dashboard's date filters. */
export const isoDate = z
  .string({ error: API_MESSAGES.invalidValue })
  .refine(
    (value) => {
      const date = parseIsoDate(value);
      // Nothing in Weidesk predates 2000 (as on the audit page).
      return date !== null && date.year >= 2000 && date.year <= 9999;
    },
    { error: API_MESSAGES.invalidValue },
  )
  .meta({ format: "date", examples: ["2026-05-04"] });

export const AUDIT_API_MAX_LIMIT = 200;

/** GET /audit-events: the audit page's filters (lib/audit/filters.ts), a cursor and a page size. */
export const auditEventsQuerySchema = z
  .object({
    actor: z
      .union([z.literal(SYSTEM_ACTOR), z.uuid()], { error: API_MESSAGES.invalidValue })
      .optional()
      .meta({ description: `A user id, or "${SYSTEM_ACTOR}" for events without one (jobs).` }),
    action: z.enum(auditActions, { error: API_MESSAGES.invalidValue }).optional(),
    entity: z
      .enum(auditTargetTypes, { error: API_MESSAGES.invalidValue })
      .optional()
      .meta({ description: "What the events are about." }),
    from: isoDate.optional().meta({ description: "First calendar day, in the agency's time zone (inclusive)." }),
    to: isoDate.optional().meta({ description: "Last calendar day, in the agency's time zone (inclusive)." }),
    cursor: z
      .string({ error: API_MESSAGES.invalidCursor })
      .max(200, { error: API_MESSAGES.invalidCursor })
      .optional()
      .meta({ description: "The `next` cursor of the previous page." }),
    limit: z
      .string({ error: API_MESSAGES.invalidLimit })
      .regex(/^\d{1,3}$/, { error: API_MESSAGES.invalidLimit })
      .transform(Number)
      .refine((value) => value >= 1 && value <= AUDIT_API_MAX_LIMIT, { error: API_MESSAGES.invalidLimit })
      .optional()
      .meta({
        description: `Events per page, 1–${AUDIT_API_MAX_LIMIT} (default ${AUDIT_PAGE_SIZE}).`,
        // A query value is text; documented as the integer it stands for.
        override: ({ jsonSchema }) => {
          delete jsonSchema.pattern;
          Object.assign(jsonSchema, { type: "integer", minimum: 1, maximum: AUDIT_API_MAX_LIMIT, default: AUDIT_PAGE_SIZE });
        },
      }),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.from > value.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: API_MESSAGES.dateOrder });
    }
  });
export type AuditEventsQuery = z.output<typeof auditEventsQuerySchema>;

export const idParamsSchema = z.object({ id: z.uuid().meta({ description: "The invitation's id." }) });

/* -------------------------------------------------------------- responses */

const dateTime = z.iso.datetime({ offset: true });
const companyRef = z.object({ id: z.uuid(), name: z.string() });

export const memberSchema = z
  .object({
    id: z.uuid().meta({ description: "The membership's id." }),
    userId: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: z.enum(roles),
    status: z.enum(membershipStatuses),
    clientCompany: companyRef.nullable().meta({ description: "Client administrators only: their company." }),
    joinedAt: dateTime,
    lastSignInAt: dateTime.nullable(),
    assignedClients: z.int().min(0),
    assignedRegistrations: z.int().min(0),
  })
  .meta({ description: "A member of the agency." });
export type MemberDto = z.output<typeof memberSchema>;

export const invitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(roles),
    clientCompany: companyRef.nullable(),
    invitedBy: z.string().meta({ description: "The inviter's name." }),
    createdAt: dateTime,
    expiresAt: dateTime,
    expired: z.boolean(),
  })
  .meta({ description: "An invitation not yet accepted or revoked." });
export type InvitationDto = z.output<typeof invitationSchema>;

const auditActorSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("system") }),
    z.object({ kind: z.literal("user"), id: z.uuid(), name: z.string(), email: z.string() }),
    z.object({ kind: z.literal("former"), id: z.uuid() }),
  ])
  .meta({ description: "Who did it: the system (a job), a user, or someone no longer a member." });

export const auditEventSchema = z
  .object({
    id: z.uuid(),
    at: dateTime,
    actor: auditActorSchema,
    action: z.string().meta({ description: "One of the audit actions (the `action` filter's values)." }),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    details: z
      .array(z.object({ key: z.string(), values: z.array(z.string()) }))
      .meta({ description: "What changed, as short key/value pairs; secrets are never included." }),
  })
  .meta({ description: "One entry of the agency's audit log." });
export type AuditEventDto = z.output<typeof auditEventSchema>;

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    code: z.enum(problemCodes),
    detail: z.string().meta({ description: "What went wrong, in English." }),
    messageKey: z.string().meta({ description: "The catalogue key of `detail`, for clients with their own words." }),
    fields: z
      .record(z.string(), z.object({ key: z.string(), message: z.string() }))
      .optional()
      .meta({ description: "422 only: each field that needs attention, with its message key and English text." }),
    requestId: z.string().optional(),
  })
  .meta({ description: "An error, as RFC 9457 problem details." });

export const memberListSchema = z.object({ data: z.array(memberSchema) });
export const invitationListSchema = z.object({ data: z.array(invitationSchema) });
export const auditEventPageSchema = z.object({
  data: z.array(auditEventSchema),
  next: z.string().nullable().meta({ description: "The cursor of the next (older) page, or null on the last." }),
});

/* ----------------------------------------------------------------- mappers */

export function memberDto(row: MemberRow): MemberDto {
  return {
    id: row.membershipId,
    userId: row.userId,
    name: row.name,
    email: row.email,
    role: row.role,
    status: row.status,
    clientCompany: row.clientCompany,
    joinedAt: row.joinedAt.toISOString(),
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    assignedClients: row.assignedClients,
    assignedRegistrations: row.assignedRegistrations,
  };
}

export function invitationDto(row: InvitationRow): InvitationDto {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    clientCompany: row.clientCompany,
    invitedBy: row.invitedBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    expired: row.expired,
  };
}

export function auditEventDto(row: AuditEventRow): AuditEventDto {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    details: row.details,
  };
}
