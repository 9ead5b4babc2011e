/**
 * What /api/v1/registrations takes and answers (issue 7 §8): the list's query, the move's
 * body (shared with the board's server action), and the DTOs of a card, a page and a
 * timeline event, with the problems a move may answer. lib/api/openapi.ts documents the
 * API from these very objects. Pure: no server imports.
 */
import { z } from "@/lib/validation/zod";
import { idSlotHolderSchema } from "@/lib/accounts/schemas";
import { API_MESSAGES, problemSchema } from "@/lib/api/schemas";
import { accountTypes, verificationStatuses } from "@/lib/clients/kinds";
import { documentKinds } from "@/lib/documents/kinds";
import { VALIDATION_MESSAGES } from "@/lib/validation/schemas";
import { VERIFICATION_WARNING_DAYS } from "./deadlines";
import { allStages, pipelines, products, waitingStates, type Pipeline, type Stage } from "./pipelines";
import { moveRefusals } from "./transitions";

const dateTime = z.iso.datetime({ offset: true });
const stages = allStages as [Stage, ...Stage[]];
const stage = z.enum(stages);
const pipelineEnum = z.enum(pipelines as [Pipeline, ...Pipeline[]]);

/* --------------------------------------------------------------- requests */

export const MOVE_NOTE_MAX = 500;

/** A move: where to, the card's version as last read, and an optional note kept with the move. */
export const moveRegistrationSchema = z.object({
  to: z
    .enum(stages, { error: API_MESSAGES.invalidValue })
    .meta({ description: "The stage to move to: one of the card's pipeline, or on_hold, rejected, abandoned." }),
  version: z
    .int({ error: API_MESSAGES.invalidValue })
    .min(1, { error: API_MESSAGES.invalidValue })
    .meta({ description: "The card's version as last read; a stale one gets 409 `STALE_VERSION` with the current card." }),
  note: z
    .string({ error: API_MESSAGES.invalidValue })
    .trim()
    .min(1, { error: VALIDATION_MESSAGES.required })
    .max(MOVE_NOTE_MAX, { error: API_MESSAGES.invalidValue })
    .optional()
    .meta({ description: "Why, kept with the move in the card's timeline." }),
});
export type MoveRegistrationInput = z.input<typeof moveRegistrationSchema>;

const cardVersion = z
  .int({ error: API_MESSAGES.invalidValue })
  .min(1, { error: API_MESSAGES.invalidValue })
  .meta({ description: "The card's version as last read; a stale one gets 409 `STALE_VERSION`." });

/** Set or clear a card's waiting flag (issue 7 §4): `none` clears it. */
export const setWaitingSchema = z.object({
  waiting: z
    .enum(waitingStates, { error: API_MESSAGES.invalidValue })
    .meta({ description: "`client` or `wechat` to flag the card as waiting for them (the date is kept), `none` to clear." }),
  version: cardVersion,
});
export type SetWaitingInput = z.input<typeof setWaitingSchema>;

/** The most cards one bulk action takes. */
export const BULK_MAX_CARDS = 100;

const bulkCards = z
  .array(z.object({ id: z.uuid({ error: API_MESSAGES.invalidValue }), version: cardVersion }), { error: API_MESSAGES.invalidValue })
  .min(1, { error: VALIDATION_MESSAGES.required })
  .max(BULK_MAX_CARDS, { error: API_MESSAGES.invalidValue })
  .refine((cards) => new Set(cards.map((card) => card.id)).size === cards.length, { error: API_MESSAGES.invalidValue })
  .meta({ description: `The selected cards (1–${BULK_MAX_CARDS}, each once), each with its version as last read.` });

/**
 * A bulk action on selected cards (issue 7 §4): all or nothing. `assign` to an active
 * owner, admin or staff member (or null: nobody), `move` to a stage (each card through the
 * move's rules), `waiting` to set or clear the flag.
 */
export const bulkActionSchema = z.discriminatedUnion(
  "action",
  [
    z.object({
      action: z.literal("assign"),
      cards: bulkCards,
      assignee: z.uuid({ error: API_MESSAGES.invalidValue }).nullable().meta({ description: "The member's user id, or null to unassign." }),
    }),
    z.object({
      action: z.literal("move"),
      cards: bulkCards,
      to: z.enum(stages, { error: API_MESSAGES.invalidValue }).meta({ description: "The stage every card moves to." }),
      note: z
        .string({ error: API_MESSAGES.invalidValue })
        .trim()
        .min(1, { error: VALIDATION_MESSAGES.required })
        .max(MOVE_NOTE_MAX, { error: API_MESSAGES.invalidValue })
        .optional()
        .meta({ description: "Why, kept with each move." }),
    }),
    z.object({
      action: z.literal("waiting"),
      cards: bulkCards,
      waiting: z.enum(waitingStates, { error: API_MESSAGES.invalidValue }).meta({ description: "`client`, `wechat`, or `none` to clear." }),
    }),
  ],
  { error: API_MESSAGES.invalidValue },
);
export type BulkActionInput = z.input<typeof bulkActionSchema>;

export const registrationIdParamsSchema = z.object({ id: z.uuid().meta({ description: "The registration's (card's) id." }) });

export const REGISTRATIONS_API_MAX_LIMIT = 200;

const flag = z
  .enum(["1", "true"])
  .transform(() => true as const)
  .optional()
  .catch(undefined);

/**
 * GET /registrations: the board's filters (lib/registration/board-query.ts), a pipeline
 * and stage, the keyset cursor and the page size. A value the list does not know falls
 * back to "any", as in the board's URL.
 */
export const registrationListQuerySchema = z.object({
  pipeline: pipelineEnum.optional().catch(undefined).meta({ description: "One pipeline's cards." }),
  stage: stage.optional().catch(undefined).meta({ description: "One stage's (or side state's) cards." }),
  assignee: z
    .union([z.uuid(), z.literal("none"), z.literal("mine")])
    .optional()
    .catch(undefined)
    .meta({ description: "A member's user id, `mine` (the token's member) or `none` (unassigned)." }),
  client: z.uuid().optional().catch(undefined).meta({ description: "One client company's cards." }),
  overdue: flag.meta({ description: "`1`: only cards past their due date." }),
  soon: flag.meta({ description: "`1`: only cards due today or in the next two days (the agency's time zone)." }),
  waiting: z
    .enum(["any", "client", "wechat"])
    .optional()
    .catch(undefined)
    .meta({ description: "Only cards waiting: for anyone (`any`), for the client, or for WeChat." }),
  type: z.enum(["service", "subscription"]).optional().catch(undefined).meta({ description: "Official Accounts of this type only." }),
  after: z.string().max(400).optional().catch(undefined).meta({ description: "The `next` cursor of the previous page." }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(REGISTRATIONS_API_MAX_LIMIT)
    .default(50)
    .catch(50)
    .meta({
      description: `Cards per page, 1–${REGISTRATIONS_API_MAX_LIMIT} (default 50).`,
      override: ({ jsonSchema }) => {
        Object.assign(jsonSchema, { type: "integer", minimum: 1, maximum: REGISTRATIONS_API_MAX_LIMIT, default: 50 });
      },
    }),
});
export type RegistrationListQueryInput = z.output<typeof registrationListQuerySchema>;

/* -------------------------------------------------------------- responses */

const personRef = z.object({ id: z.uuid(), name: z.string() });

export const registrationCardSchema = z
  .object({
    id: z.uuid(),
    pipeline: pipelineEnum,
    product: z.enum(products),
    stage,
    resumeStage: stage.nullable().meta({ description: "In a side state: the working stage the card goes back to." }),
    stageEnteredAt: dateTime,
    dueAt: dateTime.nullable(),
    due: z
      .enum(["overdue", "soon"])
      .nullable()
      .meta({ description: "`overdue` past the due date, `soon` due today or in the next two days (agency time zone)." }),
    waiting: z.enum(waitingStates),
    waitingSince: dateTime.nullable().meta({ description: "When the waiting flag was set; null when not waiting." }),
    stale: z.boolean().meta({ description: "Idle in a working stage longer than the agency's stale threshold (not final, not a side state)." }),
    version: z.int().min(1).meta({ description: "Send it back with a move." }),
    company: z.object({ id: z.uuid(), name: z.string() }),
    account: z
      .object({
        kind: z.enum(products),
        id: z.uuid().nullable().meta({ description: "The Official Account's or WeCom corp's id." }),
        name: z.string().nullable(),
        type: z.enum(accountTypes).nullable().meta({ description: "Official Accounts only." }),
      })
      .meta({ description: "The account the card registers." }),
    assignee: personRef.nullable(),
    verification: z
      .object({
        status: z.enum(verificationStatuses).meta({ description: "`verified` past its expiry reads `expired`." }),
        expiresAt: dateTime.nullable(),
        daysLeft: z.int().nullable().meta({ description: "Whole days until the expiry, rounded up (0 or less once past); null without an expiry." }),
        threshold: z
          .literal([...VERIFICATION_WARNING_DAYS])
          .nullable()
          .meta({ description: "The nearest reminder reached: 90, 30 or 7 days before the expiry; null before 90 days and once expired." }),
        expired: z.boolean(),
      })
      .nullable()
      .meta({ description: "The account's yearly WeChat verification; null while the card has no account." }),
    documents: z
      .object({
        required: z.int().min(0),
        approved: z.int().min(0),
        missing: z.array(z.enum(documentKinds)).meta({ description: "Required kinds not approved yet." }),
      })
      .meta({ description: "The pipeline's required documents: all approved before the guard stage." }),
    lastMove: z
      .object({
        from: stage.nullable(),
        to: stage,
        by: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
        at: dateTime,
      })
      .nullable()
      .meta({ description: "The card's newest move." }),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .meta({ description: "A registration card: one account being registered, on its pipeline's board." });

export const registrationPageSchema = z.object({
  data: z.array(registrationCardSchema),
  next: z.string().nullable().meta({ description: "The cursor of the next page (pass it as `after` with the same filters), or null." }),
  total: z.int().min(0).meta({ description: "Cards matching the filters, counted up to 10 000." }),
  totalCapped: z.boolean().meta({ description: "true when more than 10 000 match." }),
});

export const registrationEventSchema = z
  .object({
    id: z.uuid(),
    at: dateTime,
    from: stage.nullable().meta({ description: "null for the card's first event." }),
    to: stage,
    note: z.string().nullable(),
    actor: z
      .object({ id: z.uuid(), name: z.string().nullable().meta({ description: "null once no longer a member." }) })
      .nullable()
      .meta({ description: "Who moved the card; null for the system." }),
    leftAt: dateTime.nullable().meta({ description: "When the card left `to`; null while it is still there." }),
    secondsInStage: z.int().min(0).meta({ description: "How long the card stayed in `to` (until now if still there)." }),
  })
  .meta({ description: "One move of a card: its stage timeline." });

/** Why one card of a bulk action failed. */
export const bulkFailureSchema = z
  .object({
    id: z.uuid(),
    code: z.enum(["STALE_VERSION", "CONFLICT", "ID_CAP_REACHED"]),
    messageKey: z.string().meta({ description: "The catalogue key of why." }),
    reason: z.enum(moveRefusals).optional().meta({ description: "A refused move: why." }),
    currentVersion: z.int().optional().meta({ description: "STALE_VERSION: the card's version now." }),
  })
  .meta({ description: "One card a bulk action could not change." });

export const registrationBulkResultSchema = z.object({ data: z.array(registrationCardSchema).meta({ description: "The cards as they now stand." }) });

/** A 409 of a bulk action: nothing was written; `failures` names each card that failed and why. */
export const bulkProblemSchema = problemSchema
  .extend({ failures: z.array(bulkFailureSchema).optional().meta({ description: "Every card that failed; nothing was written." }) })
  .meta({ description: "An error, as RFC 9457 problem details; a failed bulk action lists its cards." });

export const registrationEventListSchema = z.object({ data: z.array(registrationEventSchema) });

/** A 409 of a move: a stale version with the card as it stands and who moved it; a refused move with why. */
export const moveProblemSchema = problemSchema
  .extend({
    current: registrationCardSchema.optional().meta({ description: "STALE_VERSION only: the card as it stands now." }),
    movedBy: z
      .object({ id: z.uuid(), name: z.string().nullable() })
      .nullable()
      .optional()
      .meta({ description: "STALE_VERSION only: who moved the card last, if known." }),
    movedAt: dateTime.nullable().optional().meta({ description: "STALE_VERSION only: when." }),
    reason: z
      .enum(moveRefusals)
      .optional()
      .meta({ description: "A refused move (`CONFLICT`): why, a key under `registrationMoves.refusals` (also `messageKey`)." }),
    missingDocuments: z
      .array(z.enum(documentKinds))
      .optional()
      .meta({ description: "`documentsNotApproved` only: the required kinds still to approve." }),
    holders: z
      .array(idSlotHolderSchema)
      .optional()
      .meta({ description: "ID_CAP_REACHED only: the accounts holding the operator's ID slots." }),
  })
  .meta({ description: "An error, as RFC 9457 problem details; a stale or refused move says why." });
