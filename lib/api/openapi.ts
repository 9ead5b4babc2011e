/**
 * The OpenAPI 3.1 document of /api/v1, built with zod-openapi from the schemas the
 * handlers parse with (lib/api/schemas.ts), so what is documented is what is checked.
 * Served, without a token, at GET /api/v1/openapi.json; `npm run cli -- openapi` prints it and writes the
 * e2e client's types (e2e/support/api-types.ts). Pure: no server imports, no env.
 */
import { createDocument, type ZodOpenApiResponseObject } from "zod-openapi";
import { z } from "@/lib/validation/zod";
import {
  accountIdParamsSchema,
  accountMoveSchema,
  changeOperatorSchema,
  createdExternalAccountSchema,
  createdOfficialAccountSchema,
  createExternalAccountSchema,
  createOfficialAccountSchema,
  idSlotHolderSchema,
  officialAccountCardSchema,
  personIdParamsSchema,
} from "@/lib/accounts/schemas";
import {
  officialAccountProfileSchema,
  updatedOfficialAccountSchema,
  updateOfficialAccountSchema,
} from "@/lib/accounts/profile-schemas";
import {
  archiveCompaniesSchema,
  assignCompaniesSchema,
  bulkResultSchema,
  companyIdParamsSchema,
  companyPageSchema,
  companySchema,
  staleCompanyProblemSchema,
} from "@/lib/clients/api-schemas";
import { companyListQuerySchema, createCompanySchema, updateCompanySchema } from "@/lib/clients/schemas";
import { teamBodySchema, teamSchema } from "@/lib/clients/team-schemas";
import {
  createdPersonSchema,
  createPersonSchema,
  editablePersonSchema,
  personListSchema,
  personSchema,
  updatePersonSchema,
} from "@/lib/people/schemas";
import { erasePersonSchema, erasureBlockerSchema, erasureOutcomeSchema } from "@/lib/people/erase-schemas";
import { createWecomCorpSchema, wecomCorpIdParamsSchema, wecomCorpSchema } from "@/lib/wecom/schemas";
import {
  createSavedViewBodySchema,
  savedViewIdParamsSchema,
  savedViewListParamsSchema,
  savedViewListSchema,
  savedViewSchema,
  updateSavedViewBodySchema,
} from "@/lib/saved-views/api-schemas";
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
import {
  holidayBodySchema,
  holidayDateParamsSchema,
  holidayInputSchema,
  holidayListQuerySchema,
  holidaySchema,
  holidayYearListSchema,
} from "@/lib/registration/holidays-schemas";
import {
  moveProblemSchema,
  moveRegistrationSchema,
  bulkActionSchema,
  bulkProblemSchema,
  registrationBulkResultSchema,
  setWaitingSchema,
  registrationCardSchema,
  registrationEventListSchema,
  registrationIdParamsSchema,
  registrationListQuerySchema,
  registrationPageSchema,
} from "@/lib/registration/api-schemas";
import { moveRefusals } from "@/lib/registration/transitions";
import { downloadLinkSchema, downloadQuerySchema } from "@/lib/documents/download-schemas";
import {
  completedUploadSchema,
  uploadIdParamsSchema,
  uploadIntentInputSchema,
  uploadIntentSchema,
  uploadRefusals,
} from "@/lib/documents/upload-schemas";
import {
  companyDocumentsSchema,
  documentRequestBodyRefinedSchema,
  documentRequestSchema,
  documentSchema,
  idParamsSchema as documentIdParams,
  requestCommentInputSchema,
  requestCommentSchema,
  reviewInputSchema,
  reviewOutcomeSchema,
  reviewQueueItemSchema,
  reviewQueueQuerySchema,
} from "@/lib/documents/request-schemas";
import { dashboardCsvParamsSchema, dashboardSchema } from "@/lib/dashboard/api-schemas";
import { dashboardQuerySchema } from "@/lib/dashboard/filters";
import {
  markAllReadBodySchema,
  markAllReadResultSchema,
  notificationIdParamsSchema,
  notificationListQuerySchema,
  notificationListSchema,
  notificationSchema,
} from "@/lib/notifications/schemas";

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

/**
 * A 409 of abandoning or restoring: a stale version gives the `current` card; a full ID, the
 * `holders`; a move the stage machine refuses, its `reason`.
 */
const accountConflictProblemSchema = idCapProblemSchema
  .extend({
    current: officialAccountCardSchema
      .optional()
      .meta({ description: "STALE_VERSION only: the account and its card as they stand now." }),
    reason: z
      .enum(moveRefusals)
      .optional()
      .meta({ description: "A move the pipeline refuses (`CONFLICT`): why, a key under `registrationMoves.refusals` (also `messageKey`)." }),
  })
  .meta({ description: "An error, as RFC 9457 problem details; a stale version carries the current card." });

/**
 * A 409 or 422 of an Official Account's profile edit: a stale version carries the
 * `current` profile, who and when; a refusal by WeChat's calendar rules, when the field
 * may change again.
 */
const accountProfileProblemSchema = problemSchema
  .extend({
    current: officialAccountProfileSchema.optional().meta({ description: "STALE_VERSION only: the profile as it stands now." }),
    changedBy: z.string().nullable().optional().meta({ description: "STALE_VERSION only: who saved it last, if known." }),
    changedAt: z.iso.datetime({ offset: true }).nullable().optional().meta({ description: "STALE_VERSION only: when, if known." }),
    nextAllowedAt: z
      .object({
        name: z.iso.datetime({ offset: true }).optional(),
        introduction: z.iso.datetime({ offset: true }).optional(),
      })
      .optional()
      .meta({
        description:
          "A field WeChat's calendar rules refuse (the introduction once a month, an individual's two renames a year): " +
          "when it may change again, in the agency's time zone.",
      }),
  })
  .meta({ description: "An error, as RFC 9457 problem details; a stale edit carries the current profile." });

/** A 409 of a person's edit: a stale version carries the `current` person (masked ID only), who and when. */
const stalePersonProblemSchema = problemSchema
  .extend({
    current: editablePersonSchema.optional().meta({ description: "STALE_VERSION only: the person as they stand now." }),
    changedBy: z.string().nullable().optional().meta({ description: "STALE_VERSION only: who saved them last, if known." }),
    changedAt: z.iso.datetime({ offset: true }).nullable().optional().meta({ description: "STALE_VERSION only: when, if known." }),
  })
  .meta({ description: "An error, as RFC 9457 problem details; a stale edit carries the current person." });

/** A 409 of an erasure: the problem, plus the active accounts that keep the person from being erased. */
const erasureConflictProblemSchema = problemSchema
  .extend({
    accounts: z
      .array(erasureBlockerSchema)
      .optional()
      .meta({ description: "While the person operates active accounts: those accounts, to abandon or hand to another operator first." }),
  })
  .meta({ description: "An error, as RFC 9457 problem details; a refused erasure names the accounts in the way." });

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
      { name: "Companies", description: "The agency's client companies: the subjects accounts are registered for." },
      { name: "People", description: "People of the agency: operators, legal representatives, contacts." },
      { name: "Official Accounts", description: "Official Accounts being registered, each with its registration card." },
      { name: "WeCom", description: "WeCom corps being registered, each with its registration card." },
      {
        name: "Registrations",
        description:
          "Registration cards on the pipelines' boards: list and read them, follow their moves, and move them with " +
          "the version last read. The pipeline's rules decide which moves are allowed.",
      },
      {
        name: "Holidays",
        description:
          "The agency's holiday calendar: the public holidays and make-up working days (调休上班日) that deadlines " +
          "count business days by. Every agency starts with the national calendar, copied from the State Council " +
          "notices; every staff-side role reads it, owners and admins change it.",
      },
      {
        name: "Saved views",
        description:
          "The token's member's own saved views of the staff lists (clients, people, accounts): personal, so a token " +
          "reads and changes only its member's views, whatever the role.",
      },
      {
        name: "Dashboard",
        description:
          "The managers' dashboard: funnel, deadlines, cycle time, time in stage, throughput, documents, open work, " +
          "verifications and ID slots, for a range of dates in the agency's time zone, one pipeline and one assignee. " +
          "Every staff-side role reads it; staff get their own slice (the assignee is always themselves).",
      },
      {
        name: "Notifications",
        description:
          "The token's member's own notifications in the token's agency (reminders of deadlines, expiring " +
          "verifications, document requests, the weekly digest): personal, so a token reads and marks only its " +
          "member's, whatever the role.",
      },
      {
        name: "Uploads",
        description:
          "Documents' bytes, in two steps: declare the file (an intent, with an Idempotency-Key) and POST it to the " +
          "presigned form the intent answers, then complete. Complete is the enforcement of record: it checks the size, " +
          "the type by the file's first bytes (never its name) and the SHA-256, whatever the store let through.",
      },
      {
        name: "Documents",
        description:
          "Document requests to a client company (singly or a pipeline's required set) with their comment threads, " +
          "the company's documents with every version (nothing is overwritten) and review: approve, or reject with a " +
          "reason the client sees. Approving a card's last required document offers, or by the agency's setting makes, " +
          "the move its stage machine's guard was holding back.",
      },
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
        Company: companySchema,
        Person: personSchema,
        SavedView: savedViewSchema,
        Notification: notificationSchema,
        IdSlotHolder: idSlotHolderSchema,
        WecomCorp: wecomCorpSchema,
        Holiday: holidaySchema,
        RegistrationCard: registrationCardSchema,
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
      "/companies": {
        get: {
          operationId: "listCompanies",
          summary: "List the agency's client companies",
          description:
            "The clients list, one keyset page at a time: sort by `name` (the Chinese name, else the English one), " +
            "`created` or `updated`, either way; filter by `kind`, `assignee` (a user id, or `none`), `archived` " +
            "(`active` by default), `pipeline` / `stage` of any of the company's cards, and `overdue=1` (or `true`): " +
            "companies with a card past its due date that is not done, on hold, rejected or abandoned. `q` finds Chinese names " +
            "(two characters are enough, in order), English names, credit and registration codes (full-width and " +
            "lower case too) and the exact WeChat ID or original ID of one of the company's accounts. Pass the " +
            "answer's `next` as `after` for the following page (also in the Link header); values the list does not " +
            "know fall back to its defaults. Needs `client:read`.",
          tags: ["Companies"],
          requestParams: { query: companyListQuerySchema },
          responses: {
            "200": {
              description: "One page of companies, and how many match.",
              headers: z.object({
                Link: z.string().optional().meta({ description: 'The next page, as `<url>; rel="next"`.' }),
              }),
              content: json(companyPageSchema),
            },
            ...authProblems,
            "422": problem("The `after` cursor is not one of this sort's."),
          },
        },
        post: {
          operationId: "createCompany",
          summary: "Add a client company",
          description:
            "The same fields and checks as the company form: the kind decides what is required. A credit code " +
            "whose check character fails is refused on `uscc` unless `usccOverrideReason` says why it is kept " +
            "(pilot-era codes fail it); one already in the agency is refused on `uscc`. Needs `client:create`.",
          tags: ["Companies"],
          requestBody: { required: true, content: json(createCompanySchema) },
          responses: {
            "201": {
              description: "The company was added.",
              headers: z.object({ Location: z.string().meta({ description: "The company's URL." }) }),
              content: json(companySchema),
            },
            ...authProblems,
            ...bodyProblems,
          },
        },
      },
      "/companies/{id}": {
        get: {
          operationId: "getCompany",
          summary: "Read a client company",
          description: "Needs `client:read`.",
          tags: ["Companies"],
          requestParams: { path: companyIdParamsSchema },
          responses: {
            "200": { description: "The company.", content: json(companySchema) },
            ...authProblems,
            "404": problem("No such client company in this agency."),
          },
        },
        patch: {
          operationId: "updateCompany",
          summary: "Edit a client company",
          description:
            "Send the whole company, as the form does, with the `version` it was read at; fields left out are " +
            "cleared (the subject type and the assignee are kept when left out). The kind cannot change. If someone " +
            "saved it meanwhile, 409 `STALE_VERSION` gives the `current` company, who changed it and when, and " +
            "nothing is overwritten. Needs `client:update`.",
          tags: ["Companies"],
          requestParams: { path: companyIdParamsSchema },
          requestBody: { required: true, content: json(updateCompanySchema) },
          responses: {
            "200": { description: "The company as saved, with its new version.", content: json(companySchema) },
            ...authProblems,
            "404": problem("No such client company in this agency."),
            "409": {
              description: "The company changed since it was read (`STALE_VERSION`).",
              content: { "application/problem+json": { schema: staleCompanyProblemSchema } },
            },
            ...bodyProblems,
          },
        },
      },
      "/companies/archive": {
        post: {
          operationId: "archiveCompanies",
          summary: "Archive or restore client companies",
          description:
            "All the companies change in one transaction, or none; each one changed gets its audit event. Needs " +
            "`client:update`.",
          tags: ["Companies"],
          requestBody: { required: true, content: json(archiveCompaniesSchema) },
          responses: {
            "200": { description: "How many companies changed.", content: json(bulkResultSchema) },
            ...authProblems,
            ...bodyProblems,
          },
        },
      },
      "/companies/assign": {
        post: {
          operationId: "assignCompanies",
          summary: "Assign client companies",
          description:
            "Gives the companies to one active owner, admin or staff member, or to nobody, in one transaction: an " +
            "assignee who may not be one is refused on `assigneeUserId` and no company changes. Each one changed " +
            "gets its audit event. Needs `client:update`.",
          tags: ["Companies"],
          requestBody: { required: true, content: json(assignCompaniesSchema) },
          responses: {
            "200": { description: "How many companies changed.", content: json(bulkResultSchema) },
            ...authProblems,
            ...bodyProblems,
          },
        },
      },
      "/companies/{id}/team": {
        get: {
          operationId: "getCompanyTeam",
          summary: "Read a client company's team",
          description:
            "The assignee and the team members besides them. When the agency restricts staff to their assigned " +
            "clients, a staff member sees a company only as its assignee or on its team; any other is 404. Needs " +
            "`client:read`.",
          tags: ["Companies"],
          requestParams: { path: companyIdParamsSchema },
          responses: {
            "200": { description: "The team.", content: json(teamSchema) },
            ...authProblems,
            "404": problem("No such client company in this agency, or not one the caller may see."),
          },
        },
        put: {
          operationId: "replaceCompanyTeam",
          summary: "Set a client company's team",
          description:
            "Makes the team exactly `userIds` (the assignee is set on the company, not here), in one transaction " +
            "with an audit event per person added or removed. Anyone who is not an active owner, admin or staff " +
            "member is refused on `userIds` and nothing changes. Needs `client:update`.",
          tags: ["Companies"],
          requestParams: { path: companyIdParamsSchema },
          requestBody: { required: true, content: json(teamBodySchema) },
          responses: {
            "200": { description: "The team as saved.", content: json(teamSchema) },
            ...authProblems,
            "404": problem("No such client company in this agency, or not one the caller may see."),
            ...bodyProblems,
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
            "(Weidesk's or external) is refused with 409 `ID_CAP_REACHED` naming the holders. WeChat's newer caps " +
            "(one account per individual subject, two per credit code, one per login e-mail, five per mobile number) " +
            "never refuse: the answer's `warnings` name those the account meets. Needs `account:write` and " +
            "`registration:create`.",
          tags: ["Official Accounts"],
          requestBody: { required: true, content: json(createOfficialAccountSchema) },
          responses: {
            "201": { description: "The account and its card were made, with its `warnings`.", content: json(createdOfficialAccountSchema) },
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
      "/official-accounts/{id}": {
        get: {
          operationId: "getOfficialAccount",
          summary: "Read an Official Account's profile",
          description:
            "The name, introduction, login e-mail, WeChat ID, original ID and registration date, with the name history " +
            "(newest first), when the introduction may next change and, for a registered Chinese individual, the renames " +
            "left this year. Needs `account:read`.",
          tags: ["Official Accounts"],
          requestParams: { path: accountIdParamsSchema },
          responses: {
            "200": { description: "The profile.", content: json(officialAccountProfileSchema) },
            ...authProblems,
            "404": problem("No such Official Account in this agency."),
          },
        },
        patch: {
          operationId: "updateOfficialAccount",
          summary: "Edit an Official Account's profile",
          description:
            "Send the fields to change with the account's `version` as read; fields left out are kept, null clears one " +
            "(not a name once given, nor a registration date once set). Every new name joins the history. After " +
            "registration WeChat's calendar rules apply, in the agency's time zone: the introduction changes at most " +
            "once per calendar month, and a Chinese individual's account is renamed at most twice per calendar year; " +
            "another change is 422 on the field with `nextAllowedAt`. An organisation renamed after registration gets " +
            "the warning `org_rename_at_verification`. If someone saved the account meanwhile, 409 `STALE_VERSION` " +
            "gives the `current` profile, who changed it and when, and nothing is overwritten. The audit event names " +
            "the fields changed, never their values. Needs `account:write`.",
          tags: ["Official Accounts"],
          requestParams: { path: accountIdParamsSchema },
          requestBody: { required: true, content: json(updateOfficialAccountSchema) },
          responses: {
            "200": { description: "The profile as saved, with its new version and warnings.", content: json(updatedOfficialAccountSchema) },
            ...authProblems,
            "404": problem("No such Official Account in this agency."),
            "409": {
              description: "The account changed since it was read (`STALE_VERSION`).",
              content: { "application/problem+json": { schema: accountProfileProblemSchema } },
            },
            ...bodyProblems,
            "422": {
              description:
                "Some fields are not valid: `fields` names each, with its message key and English text; a change WeChat's " +
                "calendar rules refuse also gives `nextAllowedAt`.",
              content: { "application/problem+json": { schema: accountProfileProblemSchema } },
            },
          },
        },
      },
      "/official-accounts/{id}/abandon": {
        post: {
          operationId: "abandonOfficialAccount",
          summary: "Abandon an Official Account",
          description:
            "Moves the account's card to `abandoned` (the stage it left is kept, to restore it to) and frees the " +
            "operator's ID slot, so the ID may take another account. The move follows the pipeline's rules, as on " +
            "the board (`POST /registrations/{id}/move`): a registered account is final and cannot be abandoned. " +
            "Send the card's `version` as last read. Needs `registration:move`.",
          tags: ["Official Accounts"],
          requestParams: { path: accountIdParamsSchema },
          requestBody: { required: true, content: json(accountMoveSchema) },
          responses: {
            "200": { description: "The account was abandoned and its slot freed.", content: json(officialAccountCardSchema) },
            ...authProblems,
            "404": problem("No such Official Account in this agency."),
            "409": {
              description:
                "The card changed since it was read (`STALE_VERSION`, with the `current` card), it is already " +
                "abandoned (`CONFLICT`), or the pipeline refuses the move (`CONFLICT` with its `reason`, e.g. `finished`).",
              content: { "application/problem+json": { schema: accountConflictProblemSchema } },
            },
            ...bodyProblems,
          },
        },
      },
      "/official-accounts/{id}/restore": {
        post: {
          operationId: "restoreOfficialAccount",
          summary: "Restore an abandoned Official Account",
          description:
            "Moves the card back to the stage it was abandoned from, with that stage's deadline, and the operator's " +
            "ID takes a slot again. If the ID's two slots were taken meanwhile, it is refused with `ID_CAP_REACHED` " +
            "naming the holders, and nothing changes. Needs `registration:move`.",
          tags: ["Official Accounts"],
          requestParams: { path: accountIdParamsSchema },
          requestBody: { required: true, content: json(accountMoveSchema) },
          responses: {
            "200": { description: "The account was restored and holds a slot again.", content: json(officialAccountCardSchema) },
            ...authProblems,
            "404": problem("No such Official Account in this agency."),
            "409": {
              description:
                "The operator's ID already operates two accounts (`ID_CAP_REACHED`, with the `holders`), the card " +
                "changed since it was read (`STALE_VERSION`, with the `current` card), or it is not abandoned, or its " +
                "operator was erased (`CONFLICT`).",
              content: { "application/problem+json": { schema: accountConflictProblemSchema } },
            },
            ...bodyProblems,
          },
        },
      },
      "/official-accounts/{id}/operator": {
        post: {
          operationId: "changeOfficialAccountOperator",
          summary: "Change an Official Account's operator (换绑)",
          description:
            "The account's slot moves from the old operator's resident ID to the new one's, in one transaction. If the " +
            "new ID already operates two accounts, it is refused with `ID_CAP_REACHED` naming the holders, and nothing " +
            "changes. An abandoned or rejected account holds no slot and takes none. Needs `account:write`.",
          tags: ["Official Accounts"],
          requestParams: { path: accountIdParamsSchema },
          requestBody: { required: true, content: json(changeOperatorSchema) },
          responses: {
            "200": { description: "The operator was changed; the card's version went up.", content: json(officialAccountCardSchema) },
            ...authProblems,
            "404": problem("No such Official Account in this agency."),
            "409": {
              description:
                "The new operator's ID already operates two accounts (`ID_CAP_REACHED`, with the `holders`), or the card " +
                "changed since it was read (`STALE_VERSION`, with the `current` card).",
              content: { "application/problem+json": { schema: accountConflictProblemSchema } },
            },
            ...bodyProblems,
          },
        },
      },
      "/wecom-corps": {
        post: {
          operationId: "createWecomCorp",
          summary: "Create a WeCom corp",
          description:
            "Creates the corp and its registration card in the first stage (`intake`) of the `wecom` pipeline, in one " +
            "transaction. The administrator, when given, must be one of the company's people; it may be appointed " +
            "later. The corp ID and the verification come later, from WeCom. The answer's `warnings` say what to know " +
            "before going on. Needs `account:write` and `registration:create`.",
          tags: ["WeCom"],
          requestBody: { required: true, content: json(createWecomCorpSchema) },
          responses: {
            "201": {
              description: "The corp and its card were made.",
              headers: z.object({ Location: z.string().meta({ description: "The corp's URL." }) }),
              content: json(wecomCorpSchema),
            },
            ...authProblems,
            "404": problem("No such client company in this agency."),
            ...bodyProblems,
          },
        },
      },
      "/wecom-corps/{id}": {
        get: {
          operationId: "getWecomCorp",
          summary: "Read a WeCom corp",
          description: "The corp with its card's stage and version, and its `warnings`. Needs `account:read`.",
          tags: ["WeCom"],
          requestParams: { path: wecomCorpIdParamsSchema },
          responses: {
            "200": { description: "The corp.", content: json(wecomCorpSchema) },
            ...authProblems,
            "404": problem("No such WeCom corp in this agency."),
          },
        },
      },
      "/people/{id}": {
        get: {
          operationId: "getPerson",
          summary: "Read a person",
          description: "The person's editable record with the masked ID number only. Needs `person:read`.",
          tags: ["People"],
          requestParams: { path: personIdParamsSchema },
          responses: {
            "200": { description: "The person.", content: json(editablePersonSchema) },
            ...authProblems,
            "404": problem("No such person in this agency."),
          },
        },
        patch: {
          operationId: "updatePerson",
          summary: "Edit a person",
          description:
            "Send the whole editable person, as the form does, with the `version` it was read at; optional fields left " +
            "out or blank are cleared. The ID type and number cannot change (sending either is refused on that field); " +
            "a resident ID's birth date comes from its number. If someone saved the person meanwhile, 409 " +
            "`STALE_VERSION` gives the `current` person, who changed them and when, and nothing is overwritten. An " +
            "erased person is 409 `CONFLICT`. The audit event names the fields changed, never their values. Needs " +
            "`person:write`.",
          tags: ["People"],
          requestParams: { path: personIdParamsSchema },
          // Its birth-date check needs today's date; the document takes the shape at build time.
          requestBody: { required: true, content: json(updatePersonSchema(new Date(0))) },
          responses: {
            "200": { description: "The person as saved, with its new version.", content: json(editablePersonSchema) },
            ...authProblems,
            "404": problem("No such person in this agency."),
            "409": {
              description: "The person changed since they were read (`STALE_VERSION`), or was erased (`CONFLICT`).",
              content: { "application/problem+json": { schema: stalePersonProblemSchema } },
            },
            ...bodyProblems,
          },
        },
      },
      "/people/{id}/external-accounts": {
        post: {
          operationId: "createExternalAccount",
          summary: "Record an account the person operates outside Weidesk",
          description:
            "An Official Account the person already operates takes one of their resident ID's two slots, like the " +
            "agency's own: a third is refused with 409 `ID_CAP_REACHED` naming the holders. Needs `account:write`.",
          tags: ["People"],
          requestParams: { path: personIdParamsSchema },
          requestBody: { required: true, content: json(createExternalAccountSchema) },
          responses: {
            "201": { description: "The account was recorded.", content: json(createdExternalAccountSchema) },
            ...authProblems,
            "404": problem("No such person in this agency."),
            "409": {
              description: "The person's ID already operates two Official Accounts (`ID_CAP_REACHED`).",
              content: { "application/problem+json": { schema: idCapProblemSchema } },
            },
            ...bodyProblems,
          },
        },
      },
      "/people/{id}/erase": {
        post: {
          operationId: "erasePerson",
          summary: "Erase a person",
          description:
            "Destroys the person's ID number (ciphertext, fingerprint and mask), name, contact details, birth date and ID " +
            "expiry, the files of their documents (every version), the accounts recorded as operated outside Weidesk with " +
            "their slots, and their links to companies; writes an erasure record and an audit event. Cannot be undone; the " +
            "same ID may be recorded again afterwards. Refused while the person operates an active Official Account or " +
            "administers an active WeCom corp. Send the person's name as `confirmName`. Needs `person:erase` (owners and admins).",
          tags: ["People"],
          requestParams: { path: personIdParamsSchema },
          requestBody: { required: true, content: json(erasePersonSchema) },
          responses: {
            "200": { description: "The person was erased.", content: json(erasureOutcomeSchema) },
            ...authProblems,
            "404": problem("No such person in this agency."),
            "409": {
              description:
                "The person is already erased (`CONFLICT`), or still operates active accounts (`CONFLICT`, with the `accounts`).",
              content: { "application/problem+json": { schema: erasureConflictProblemSchema } },
            },
            ...bodyProblems,
          },
        },
      },
      "/saved-views": {
        get: {
          operationId: "listSavedViews",
          summary: "List your saved views of a list",
          description: "The token's member's own views of one staff list, by name. Any staff-side role.",
          tags: ["Saved views"],
          requestParams: { query: savedViewListParamsSchema },
          responses: {
            "200": { description: "The views.", content: json(savedViewListSchema) },
            ...authProblems,
            "422": problem("`list` is missing or not one of the lists."),
          },
        },
        post: {
          operationId: "createSavedView",
          summary: "Save a view",
          description:
            "Saves a list's query string under a name, as the token's member's own view; `isDefault` makes the list " +
            "open with it (and unsets the previous default). Any staff-side role, managers included.",
          tags: ["Saved views"],
          requestBody: { required: true, content: json(createSavedViewBodySchema) },
          responses: {
            "201": {
              description: "The view as saved.",
              headers: z.object({ Location: z.string().meta({ description: "The view's URL." }) }),
              content: json(savedViewSchema),
            },
            ...authProblems,
            ...bodyProblems,
          },
        },
      },
      "/saved-views/{id}": {
        patch: {
          operationId: "updateSavedView",
          summary: "Rename a saved view, change its query, or make it the default",
          description: "Only the token's member's own views; making one the default unsets the list's previous default.",
          tags: ["Saved views"],
          requestParams: { path: savedViewIdParamsSchema },
          requestBody: { required: true, content: json(updateSavedViewBodySchema) },
          responses: {
            "200": { description: "The view as saved.", content: json(savedViewSchema) },
            ...authProblems,
            "404": problem("No such view among the token's member's own."),
            "409": problem("Another default was set for the list at the same moment: try again."),
            ...bodyProblems,
          },
        },
        delete: {
          operationId: "deleteSavedView",
          summary: "Delete a saved view",
          description: "Only the token's member's own views.",
          tags: ["Saved views"],
          requestParams: { path: savedViewIdParamsSchema },
          responses: {
            "204": { description: "Deleted." },
            ...authProblems,
            "404": problem("No such view among the token's member's own."),
          },
        },
      },
      "/notifications": {
        get: {
          operationId: "listNotifications",
          summary: "List your notifications",
          description:
            "The token's member's own notifications, newest first, 20 a page: pass the answer's `next` as `cursor` " +
            "for the following page; `unread=1` keeps the unread ones. Also answers the unread count. Any staff-side role.",
          tags: ["Notifications"],
          requestParams: { query: notificationListQuerySchema },
          responses: {
            "200": { description: "One page of notifications.", content: json(notificationListSchema) },
            ...authProblems,
            "422": problem("`unread` is not 1/0/true/false, or `cursor` is not one this API handed out."),
          },
        },
      },
      "/notifications/{id}/read": {
        post: {
          operationId: "markNotificationRead",
          summary: "Mark a notification read",
          description: "Only the token's member's own; one already read keeps its first read time.",
          tags: ["Notifications"],
          requestParams: { path: notificationIdParamsSchema },
          responses: {
            "200": { description: "The notification, read.", content: json(notificationSchema) },
            ...authProblems,
            "404": problem("No such notification among the token's member's own."),
          },
        },
      },
      "/notifications/read-all": {
        post: {
          operationId: "markAllNotificationsRead",
          summary: "Mark all your notifications read",
          description:
            "Marks read every unread notification of the token's member created up to `upTo` (default: now). " +
            "The body may be left out.",
          tags: ["Notifications"],
          requestBody: { required: false, content: json(markAllReadBodySchema) },
          responses: {
            "200": { description: "How many were marked read.", content: json(markAllReadResultSchema) },
            ...authProblems,
            ...bodyProblems,
          },
        },
      },
      "/registrations": {
        get: {
          operationId: "listRegistrations",
          summary: "List registration cards",
          description:
            "The agency's cards by due date (cards without one last), then id, one keyset page at a time: pass the " +
            "answer's `next` as `after` for the following page (also in the Link header). Filters as on the board: " +
            "`pipeline`, `stage`, `assignee` (a user id, `mine` or `none`), `client`, `overdue`, `soon`, `waiting`, " +
            "`type`; values the list does not know fall back to any. A staff member restricted to their clients sees " +
            "only theirs. Needs `registration:read`.",
          tags: ["Registrations"],
          requestParams: { query: registrationListQuerySchema },
          responses: {
            "200": {
              description: "One page of cards, and how many match.",
              headers: z.object({
                Link: z.string().optional().meta({ description: 'The next page, as `<url>; rel="next"`.' }),
              }),
              content: json(registrationPageSchema),
            },
            ...authProblems,
            "422": problem("The `after` cursor is not one of this list's."),
          },
        },
      },
      "/registrations/{id}": {
        get: {
          operationId: "getRegistration",
          summary: "Read a registration card",
          description: "The card with its company, account, assignee, due date, documents and last move. Needs `registration:read`.",
          tags: ["Registrations"],
          requestParams: { path: registrationIdParamsSchema },
          responses: {
            "200": { description: "The card.", content: json(registrationCardSchema) },
            ...authProblems,
            "404": problem("No such card in this agency, or not one the caller may see."),
          },
        },
      },
      "/registrations/{id}/events": {
        get: {
          operationId: "listRegistrationEvents",
          summary: "Read a card's stage timeline",
          description:
            "Every move of the card, oldest first: from and to, who, when, the note, and how long the card stayed in " +
            "the stage it entered. Needs `registration:read`.",
          tags: ["Registrations"],
          requestParams: { path: registrationIdParamsSchema },
          responses: {
            "200": { description: "The timeline.", content: json(registrationEventListSchema) },
            ...authProblems,
            "404": problem("No such card in this agency, or not one the caller may see."),
          },
        },
      },
      "/registrations/{id}/move": {
        post: {
          operationId: "moveRegistration",
          summary: "Move a registration card",
          description:
            "Moves the card to `to` with the `version` last read, in one transaction with its timeline event and audit " +
            "event. The pipeline decides: forward one stage (a few skips are allowed), back one stage where that can be " +
            "redone, on hold, rejected (while WeChat decides), abandoned, and back from those to the stage the card " +
            "left; entering the stage that submits to WeChat needs the required documents approved. Entering rejected " +
            "or abandoned frees an Official Account's ID slot; leaving them takes one again. Needs `registration:move`.",
          tags: ["Registrations"],
          requestParams: { path: registrationIdParamsSchema },
          requestBody: { required: true, content: json(moveRegistrationSchema) },
          responses: {
            "200": { description: "The card as moved, with its new version.", content: json(registrationCardSchema) },
            ...authProblems,
            "404": problem("No such card in this agency, or not one the caller may see."),
            "409": {
              description:
                "The card changed since it was read (`STALE_VERSION`, with the `current` card, `movedBy` and `movedAt`), " +
                "the pipeline refuses the move (`CONFLICT`, with its `reason` and, for the documents, `missingDocuments`), " +
                "or the operator's ID already operates two accounts (`ID_CAP_REACHED`, with the `holders`).",
              content: { "application/problem+json": { schema: moveProblemSchema } },
            },
            ...bodyProblems,
          },
        },
      },
      "/registrations/{id}/waiting": {
        post: {
          operationId: "setRegistrationWaiting",
          summary: "Set or clear a card's waiting flag",
          description:
            "Flags the card as waiting for the client or for WeChat from now (`waitingSince`), or clears the flag with " +
            "`none`, with the `version` last read and an audit event. Setting the flag it already has changes nothing. " +
            "Needs `registration:move`.",
          tags: ["Registrations"],
          requestParams: { path: registrationIdParamsSchema },
          requestBody: { required: true, content: json(setWaitingSchema) },
          responses: {
            "200": { description: "The card as it now stands, with its new version.", content: json(registrationCardSchema) },
            ...authProblems,
            "404": problem("No such card in this agency, or not one the caller may see."),
            "409": {
              description: "The card changed since it was read (`STALE_VERSION`, with the `current` card, `movedBy` and `movedAt`).",
              content: { "application/problem+json": { schema: moveProblemSchema } },
            },
            ...bodyProblems,
          },
        },
      },
      "/registrations/bulk": {
        post: {
          operationId: "bulkRegistrations",
          summary: "Assign, move or flag several cards at once",
          description:
            "One action on the selected cards, each with the `version` last read, in one transaction: all or nothing. " +
            "`assign` to an active owner, admin or staff member (or `null`), `move` to a stage (each card through the " +
            "move's rules and effects, with its timeline and audit events), `waiting` to set or clear the flag. If any " +
            "card fails, nothing is written and the 409 lists each failed card and why. Needs `registration:move`.",
          tags: ["Registrations"],
          requestBody: { required: true, content: json(bulkActionSchema) },
          responses: {
            "200": { description: "Every card as it now stands, in the order sent.", content: json(registrationBulkResultSchema) },
            ...authProblems,
            "404": problem("One of the cards is not in this agency, or not one the caller may see; nothing was written."),
            "409": {
              description:
                "Some cards could not be changed (`CONFLICT`, with `failures`: each card's id, `code` — `STALE_VERSION`, " +
                "`CONFLICT` with the move's `reason`, or `ID_CAP_REACHED` — and `messageKey`); nothing was written.",
              content: { "application/problem+json": { schema: bulkProblemSchema } },
            },
            ...bodyProblems,
          },
        },
      },
      "/holidays": {
        get: {
          operationId: "listHolidays",
          summary: "Read a year of the holiday calendar",
          description:
            "The agency's public holidays and make-up working days of one year, by date, with the State Council notice " +
            "the year's national calendar follows and how many of its days the agency's calendar lacks. Business days " +
            "are Monday to Friday, minus holidays, plus make-up working days. Needs `registration:read` (every staff-side role).",
          tags: ["Holidays"],
          requestParams: { query: holidayListQuerySchema },
          responses: {
            "200": { description: "The year's days.", content: json(holidayYearListSchema) },
            ...authProblems,
            "422": problem("`year` is not a year from 2000 to 2100."),
          },
        },
        post: {
          operationId: "createHoliday",
          summary: "Add a day to the holiday calendar",
          description:
            "Adds a holiday or a make-up working day (a Saturday or Sunday only). A date already in the calendar is " +
            "refused on `date`; change it with PUT instead. Deadlines set from then on count it; those set before stay. " +
            "Needs `settings:manage` (owners and admins).",
          tags: ["Holidays"],
          requestBody: { required: true, content: json(holidayInputSchema) },
          responses: {
            "201": {
              description: "The day as added.",
              headers: z.object({ Location: z.string().meta({ description: "The day's URL." }) }),
              content: json(holidaySchema),
            },
            ...authProblems,
            ...bodyProblems,
          },
        },
      },
      "/holidays/{date}": {
        put: {
          operationId: "putHoliday",
          summary: "Set a day of the holiday calendar",
          description:
            "Makes the day a holiday or a make-up working day (a Saturday or Sunday only) with this name, adding it when " +
            "the calendar lacks it. Needs `settings:manage` (owners and admins).",
          tags: ["Holidays"],
          requestParams: { path: holidayDateParamsSchema },
          requestBody: { required: true, content: json(holidayBodySchema) },
          responses: {
            "200": { description: "The day was changed.", content: json(holidaySchema) },
            "201": { description: "The day was added.", content: json(holidaySchema) },
            ...authProblems,
            "404": problem("The path names no date from 2000 to 2100."),
            ...bodyProblems,
          },
        },
        delete: {
          operationId: "deleteHoliday",
          summary: "Remove a day from the holiday calendar",
          description: "The day becomes an ordinary weekday or weekend day again. Needs `settings:manage` (owners and admins).",
          tags: ["Holidays"],
          requestParams: { path: holidayDateParamsSchema },
          responses: {
            "204": { description: "Removed." },
            ...authProblems,
            "404": problem("The calendar has no such day."),
          },
        },
      },
      "/uploads": {
        post: {
          operationId: "createUploadIntent",
          summary: "Declare an upload",
          description:
            "Declares a document's file for a client company (a new document, or with `documentId` a new version of " +
            "one) and answers a presigned POST to its staging key, valid for 2 minutes: send its `fields` and then the " +
            "file as `multipart/form-data` to its `url`. The policy fixes the key, the Content-Type and the size (1 byte " +
            "to 2 MiB for JPEG, BMP and GIF images, 20 MiB for PDFs); then call complete within 30 minutes. The " +
            "`Idempotency-Key` header is required: the same key with the same body answers the same intent (200, with a " +
            "fresh presigned POST while it is pending), with another body 422. Needs `document:upload` (owners, admins, staff).",
          tags: ["Uploads"],
          requestParams: {
            header: z.object({
              "Idempotency-Key": z
                .string()
                .min(1)
                .max(255)
                .meta({ description: "1–255 visible ASCII characters, new for each file; a retry sends the same." }),
            }),
          },
          requestBody: { required: true, content: json(uploadIntentInputSchema) },
          responses: {
            "200": { description: "The intent this key made before (same body).", content: json(uploadIntentSchema) },
            "201": { description: "The new intent.", content: json(uploadIntentSchema) },
            ...authProblems,
            "404": problem("No such company in this agency."),
            ...bodyProblems,
          },
        },
      },
      "/uploads/{id}/complete": {
        post: {
          operationId: "completeUpload",
          summary: "Complete an upload",
          description:
            "Checks the uploaded file: its size (within the type's limit and as declared), its type by its first bytes " +
            "(a PDF named .jpg, an HTML or SVG file or a program is refused), its SHA-256; then copies it to the " +
            "document's final key and records the version, which waits for review. A refusal deletes the uploaded file " +
            "and answers 422 with the reason as `messageKey` (`documentUpload.refusals.<reason>`, reasons: " +
            uploadRefusals.map((reason) => `\`${reason}\``).join(", ") +
            "); only `notUploaded` leaves the intent pending. Calling it again answers the same as the first time. " +
            "Needs `document:upload`; only the intent's own member may complete it.",
          tags: ["Uploads"],
          requestParams: { path: uploadIdParamsSchema },
          responses: {
            "200": { description: "The version made.", content: json(completedUploadSchema) },
            ...authProblems,
            "404": problem("No such upload intent of this member."),
            "422": problem("The file was refused, or the intent expired: `messageKey` names the reason."),
          },
        },
      },
      "/document-versions/{id}/download": {
        get: {
          operationId: "downloadDocumentVersion",
          summary: "Download a document version",
          description:
            "A presigned GET of the version's file, valid for 60 seconds, served as an attachment with the type its bytes " +
            "proved at upload (never the name's). Before signing, the stored object's size and ETag are compared with those " +
            "recorded at upload: if they no longer match (or the object is gone) the version is quarantined and never " +
            "served again (409, `documentDownload.errors.quarantined`). With `?redirect=1` the answer is a 303 to the URL. " +
            "Needs `document:read`.",
          tags: ["Documents"],
          requestParams: { path: documentIdParams("document version"), query: downloadQuerySchema },
          responses: {
            "200": { description: "The link.", content: json(downloadLinkSchema) },
            "303": { description: "With `?redirect=1`: `Location` is the link." },
            ...authProblems,
            "404": problem("No such document version in this agency (or not one of a restricted member's clients)."),
            "409": problem("The version is quarantined: its stored bytes changed after upload."),
          },
        },
      },
      "/companies/{id}/document-requests": {
        get: {
          operationId: "listDocumentRequests",
          summary: "List a company's document requests",
          description:
            "The company's requests, newest first, each with its status (open, fulfilled once every kind has an approved, " +
            "unexpired document, or cancelled) and per kind the document answering it. Needs `document:read`.",
          tags: ["Documents"],
          requestParams: { path: documentIdParams("client company") },
          responses: {
            "200": { description: "The requests.", content: json(z.array(documentRequestSchema)) },
            ...authProblems,
            "404": problem("No such company in this agency (or not one of a restricted member's clients)."),
          },
        },
        post: {
          operationId: "createDocumentRequest",
          summary: "Ask a company for documents",
          description:
            "Asks for `kinds`, or with `useRequiredSet` the required documents of the registration's pipeline (both may be " +
            "given: each kind is asked once), with a due date and a message. Documents uploaded for the request serve its " +
            "registration. Needs `document:request` (owners, admins, staff).",
          tags: ["Documents"],
          requestParams: { path: documentIdParams("client company") },
          requestBody: { required: true, content: json(documentRequestBodyRefinedSchema) },
          responses: {
            "201": { description: "The request.", content: json(documentRequestSchema) },
            ...authProblems,
            "404": problem("No such company in this agency."),
            ...bodyProblems,
          },
        },
      },
      "/companies/{id}/documents": {
        get: {
          operationId: "listCompanyDocuments",
          summary: "List a company's requests and documents",
          description:
            "The company's requests and its documents, each document with its versions newest first, their reviews, " +
            "flags and expiry (expired documents count as not approved). Needs `document:read`.",
          tags: ["Documents"],
          requestParams: { path: documentIdParams("client company") },
          responses: {
            "200": { description: "Requests and documents.", content: json(companyDocumentsSchema) },
            ...authProblems,
            "404": problem("No such company in this agency."),
          },
        },
      },
      "/document-requests/{id}/cancel": {
        post: {
          operationId: "cancelDocumentRequest",
          summary: "Cancel a document request",
          description: "Cancels an open request. Needs `document:request`.",
          tags: ["Documents"],
          requestParams: { path: documentIdParams("document request") },
          responses: {
            "200": { description: "The cancelled request.", content: json(documentRequestSchema) },
            ...authProblems,
            "404": problem("No such request in this agency."),
            "409": problem("The request is fulfilled or cancelled already."),
          },
        },
      },
      "/document-requests/{id}/comments": {
        get: {
          operationId: "listDocumentRequestComments",
          summary: "Read a request's comments",
          description: "The comments of staff and the client's administrator on the request, oldest first. Needs `document:read`.",
          tags: ["Documents"],
          requestParams: { path: documentIdParams("document request") },
          responses: {
            "200": { description: "The comments.", content: json(z.array(requestCommentSchema)) },
            ...authProblems,
            "404": problem("No such request in this agency."),
          },
        },
        post: {
          operationId: "addDocumentRequestComment",
          summary: "Comment on a request",
          description: "Adds a comment the client's administrator sees. Needs `document:request`.",
          tags: ["Documents"],
          requestParams: { path: documentIdParams("document request") },
          requestBody: { required: true, content: json(requestCommentInputSchema) },
          responses: {
            "201": { description: "The comment.", content: json(requestCommentSchema) },
            ...authProblems,
            "404": problem("No such request in this agency."),
            "409": problem("The request is cancelled."),
            ...bodyProblems,
          },
        },
      },
      "/documents/review-queue": {
        get: {
          operationId: "listReviewQueue",
          summary: "Documents waiting for review",
          description:
            "Documents whose latest version waits for review, oldest first, one page at a time: the `Link` header names " +
            "the next page when this one is full. Needs `document:review`.",
          tags: ["Documents"],
          requestParams: { query: reviewQueueQuerySchema },
          responses: {
            "200": {
              description: "One page of the queue.",
              headers: z.object({
                Link: z.string().optional().meta({ description: 'The next page, as `<url>; rel="next"`.' }),
              }),
              content: json(z.array(reviewQueueItemSchema)),
            },
            ...authProblems,
            "422": problem("The cursor or the limit is not valid."),
          },
        },
      },
      "/documents/{id}": {
        get: {
          operationId: "getDocument",
          summary: "Read a document",
          description: "One document with its versions newest first and their reviews. Needs `document:read`.",
          tags: ["Documents"],
          requestParams: { path: documentIdParams("document") },
          responses: {
            "200": { description: "The document.", content: json(documentSchema) },
            ...authProblems,
            "404": problem("No such document in this agency."),
          },
        },
      },
      "/document-versions/{id}/review": {
        post: {
          operationId: "reviewDocumentVersion",
          summary: "Approve or reject a document's version",
          description:
            "Reviews the document's latest version: approve, or reject with a `reason` the client sees; sets the flags " +
            "(signed, chopped, colour scan) and the expiry date. `version` is the document's as read. When the approval " +
            "completes a card's required documents, `nextMove` is the move its guard now allows: made (`moved: true`) when " +
            "the agency advances cards on documents, else offered. Needs `document:review` (owners, admins, staff).",
          tags: ["Documents"],
          requestParams: { path: documentIdParams("document version") },
          requestBody: { required: true, content: json(reviewInputSchema) },
          responses: {
            "200": { description: "The document as reviewed, and the move now possible.", content: json(reviewOutcomeSchema) },
            ...authProblems,
            "404": problem("No such version in this agency."),
            "409": problem(
              "Refused: `reason` is `notLatest` (a newer version exists), `quarantined` (its file changed in storage) or " +
                "`stale` (the document changed since it was read: `current` is the document now).",
            ),
            ...bodyProblems,
          },
        },
      },
      "/dashboard": {
        get: {
          operationId: "getDashboard",
          summary: "Read the dashboard",
          description:
            "Every figure of the dashboard for the filters (default: the 90 days ending today in the agency's time zone, " +
            "every pipeline, everyone). Durations are hours, percentiles interpolated; a figure with no sample is null. " +
            "Needs `dashboard:view`; a staff member's answer is their own slice, whatever `assignee` says.",
          tags: ["Dashboard"],
          requestParams: { query: dashboardQuerySchema },
          responses: {
            "200": { description: "The figures.", content: json(dashboardSchema) },
            ...authProblems,
            "422": problem("A filter is not valid (a date that does not exist, `from` after `to`, a range over two years, an unknown pipeline)."),
          },
        },
      },
      "/dashboard/{widget}.csv": {
        get: {
          operationId: "exportDashboardWidget",
          summary: "Export one dashboard widget as CSV",
          description:
            "One widget of the dashboard as CSV (UTF-8 with a byte order mark, a header row in the member's language, " +
            "hours with one decimal), for the same filters as `getDashboard`. Needs `dashboard:view`; staff get their own slice.",
          tags: ["Dashboard"],
          requestParams: { path: dashboardCsvParamsSchema, query: dashboardQuerySchema },
          responses: {
            "200": {
              description: "The widget's rows.",
              headers: z.object({
                "Content-Disposition": z.string().meta({ description: 'attachment; filename="dashboard-<widget>-<from>-<to>.csv"' }),
              }),
              content: { "text/csv": { schema: z.string() } },
            },
            ...authProblems,
            "404": problem("No such widget."),
            "422": problem("A filter is not valid."),
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
