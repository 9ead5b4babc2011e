/**
 * The OpenAPI 3.1 document of /api/v1, built with zod-openapi from the schemas the
 * handlers parse with (lib/api/schemas.ts), so what is documented is what is checked.
 * Served, without a token, at GET /api/v1/openapi.json; `npm run cli -- openapi` prints it and writes the
 * e2e client's types (e2e/support/api-types.ts). Pure: no server imports, no env.
 */
import { createDocument, type ZodOpenApiResponseObject } from "zod-openapi";
import { z } from "@/lib/validation/zod";
import { createdOfficialAccountSchema, createOfficialAccountSchema, idSlotHolderSchema } from "@/lib/accounts/schemas";
import { createdPersonSchema, createPersonSchema, personListSchema, personSchema } from "@/lib/people/schemas";
import {
  auditEventPageSchema,
  auditEventSchema,
  auditEventsQuerySchema,
  createInvitationBodySchema,
  idParamsSchema,
  invitationListSchema,
  invitationSchema,
  memberListSchema,
  memberSchema,
  problemSchema,
} from "./schemas";

export const API_VERSION = "1.0.0";
export const API_BASE_PATH = "/api/v1";

const problemContent = { "application/problem+json": { schema: problemSchema } };

function problem(description: string): ZodOpenApiResponseObject {
  return { description, content: problemContent };
}

/** The refusals every authenticated operation may answer. */
const authProblems = {
  "401": problem("No token, or a token that is unknown, revoked or expired, or whose member is no longer active."),
  "403": problem("The token's member may not do this (their role decides, as in the app)."),
};

const bodyProblems = {
  "400": problem("The body is not valid JSON."),
  "413": problem("The body is larger than 16 KiB."),
  "415": problem("The body is not application/json."),
  "422": problem("Some fields are not valid: `fields` names each, with its message key and English text."),
};

/** A 409 ID_CAP_REACHED: the problem, plus the accounts holding the ID's two slots. */
const idCapProblemSchema = problemSchema
  .extend({
    holders: z
      .array(idSlotHolderSchema)
      .optional()
      .meta({ description: "ID_CAP_REACHED only: the accounts (in Weidesk or external) holding the ID's slots." }),
  })
  .meta({ description: "An error, as RFC 9457 problem details; a refused third account names the holders." });

const json = <S extends z.ZodType>(schema: S) => ({ "application/json": { schema } });

/** The OpenAPI document, with `appUrl` (APP_URL) as its server. */
export function buildOpenApiDocument(appUrl: string) {
  const server = new URL(API_BASE_PATH, appUrl).toString();
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Weidesk API",
      version: API_VERSION,
      description:
        "The JSON API of one Weidesk agency. Authenticate with an API token (made on the API tokens page, " +
        "or with `npm run cli -- token create`) as `Authorization: Bearer wdk_…`. A token acts as its member, " +
        "with the member's current role: the same permissions as in the app. Errors are RFC 9457 problem " +
        "details. Ids of another agency answer 404.",
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
    },
    servers: [{ url: server, description: "This Weidesk server" }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: "Members", description: "The agency's members and pending invitations (owners and admins)." },
      { name: "Audit", description: "The agency's audit log (owners and admins)." },
      { name: "People", description: "People of the agency: operators, legal representatives, contacts." },
      { name: "Official Accounts", description: "Official Accounts being registered, each with its registration card." },
    ],
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "wdk_ followed by 43 base64url characters",
          description: "An API token. It is shown once, when it is made.",
        },
      },
      schemas: {
        Member: memberSchema,
        Invitation: invitationSchema,
        AuditEvent: auditEventSchema,
        Person: personSchema,
        IdSlotHolder: idSlotHolderSchema,
        Problem: problemSchema,
      },
    },
    paths: {
      "/members": {
        get: {
          operationId: "listMembers",
          summary: "List the agency's members",
          description: "Every member, active or disabled, owners first, then by name. Needs `member:manage`.",
          tags: ["Members"],
          responses: {
            "200": { description: "The members.", content: json(memberListSchema) },
            ...authProblems,
          },
        },
      },
      "/invitations": {
        get: {
          operationId: "listInvitations",
          summary: "List pending invitations",
          description: "Invitations not yet accepted or revoked, newest first, expired ones included. Needs `member:manage`.",
          tags: ["Members"],
          responses: {
            "200": { description: "The pending invitations.", content: json(invitationListSchema) },
            ...authProblems,
          },
        },
        post: {
          operationId: "createInvitation",
          summary: "Invite someone",
          description:
            "Mails an invitation link that works for 7 days. The same fields and checks as the members page. " +
            "Needs `member:manage`.",
          tags: ["Members"],
          requestBody: { required: true, content: json(createInvitationBodySchema) },
          responses: {
            "201": {
              description: "The invitation was made and mailed.",
              headers: z.object({
                Location: z.string().meta({ description: "The invitation's URL (DELETE it to revoke)." }),
              }),
              content: json(invitationSchema),
            },
            ...authProblems,
            ...bodyProblems,
          },
        },
      },
      "/invitations/{id}": {
        delete: {
          operationId: "revokeInvitation",
          summary: "Revoke a pending invitation",
          description: "Its link stops working at once. Needs `member:manage`.",
          tags: ["Members"],
          requestParams: { path: idParamsSchema },
          responses: {
            "204": { description: "Revoked." },
            ...authProblems,
            "404": problem("No such invitation in this agency."),
            "409": problem("The invitation was already accepted or revoked."),
          },
        },
      },
      "/people": {
        get: {
          operationId: "listPeople",
          summary: "List the agency's people",
          description: "Newest first, at most 500, with masked ID numbers only. Needs `person:read`.",
          tags: ["People"],
          responses: {
            "200": { description: "The people.", content: json(personListSchema) },
            ...authProblems,
          },
        },
        post: {
          operationId: "createPerson",
          summary: "Record a person",
          description:
            "Records a person with their resident ID, which is checked (format, province, birth date, check " +
            "character) and stored encrypted; answers carry only its mask. An ID already recorded in the agency " +
            "is refused on `idNumber`. Needs `person:write`.",
          tags: ["People"],
          // Its birth-date check needs today's date; the document takes the shape at build time.
          requestBody: { required: true, content: json(createPersonSchema(new Date(0))) },
          responses: {
            "201": { description: "The person was recorded.", content: json(createdPersonSchema) },
            ...authProblems,
            ...bodyProblems,
          },
        },
      },
      "/official-accounts": {
        post: {
          operationId: "createOfficialAccount",
          summary: "Create an Official Account",
          description:
            "Creates the account and its registration card in the first stage of the pipeline of the company's " +
            "kind, in one transaction. The operator's resident ID takes one of its two slots; a third account " +
            "(Weidesk's or external) is refused with 409 `ID_CAP_REACHED` naming the holders. Needs " +
            "`account:write` and `registration:create`.",
          tags: ["Official Accounts"],
          requestBody: { required: true, content: json(createOfficialAccountSchema) },
          responses: {
            "201": { description: "The account and its card were made.", content: json(createdOfficialAccountSchema) },
            ...authProblems,
            "404": problem("No such client company in this agency."),
            "409": {
              description: "The operator's ID already operates two Official Accounts (`ID_CAP_REACHED`).",
              content: { "application/problem+json": { schema: idCapProblemSchema } },
            },
            ...bodyProblems,
          },
        },
      },
      "/audit-events": {
        get: {
          operationId: "listAuditEvents",
          summary: "Read the audit log",
          description:
            "Events newest first, narrowed by the audit page's filters, one page at a time: pass the answer's " +
            "`next` as `cursor` for the following page (also in the Link header). Needs `audit:read`.",
          tags: ["Audit"],
          requestParams: { query: auditEventsQuerySchema },
          responses: {
            "200": {
              description: "One page of events.",
              headers: z.object({
                Link: z.string().optional().meta({ description: 'The next page, as `<url>; rel="next"`.' }),
              }),
              content: json(auditEventPageSchema),
            },
            ...authProblems,
            "422": problem("A filter, the cursor or the limit is not valid."),
          },
        },
      },
    },
  });
}
