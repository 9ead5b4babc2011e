/**
 * What creating an Official Account takes (issue 6), shared by the API and the
 * OpenAPI document: the client company, the account type (fixed once chosen; a Chinese
 * individual gets Subscription only, an overseas company Service only — checked by the
 * service against the company's kind), the operator and an optional name. Messages are
 * catalogue keys. Pure: no server imports.
 */
import { z } from "@/lib/validation/zod";
import { accountTypes, type CompanyKind } from "@/lib/clients/kinds";
import type { Pipeline } from "@/lib/registration/pipelines";
import { VALIDATION_MESSAGES } from "@/lib/validation/schemas";

export const ACCOUNT_MESSAGES = {
  invalidValue: "apiTokens.api.invalidValue",
  accountTypeNotAllowed: "accounts.errors.accountTypeNotAllowed",
  operatorNotFound: "accounts.errors.operatorNotFound",
  operatorUnderage: "accounts.errors.operatorUnderage",
  notAbandonable: "accounts.errors.notAbandonable",
  notAbandoned: "accounts.errors.notAbandoned",
  sameOperator: "accounts.errors.sameOperator",
  operatorErased: "accounts.errors.operatorErased",
} as const;

/** Types a new account may take; `enterprise_legacy` only exists on old accounts. */
export const creatableAccountTypes = ["service", "subscription"] as const;
export type CreatableAccountType = (typeof creatableAccountTypes)[number];

/** The pipeline of an Official Account of a company of each kind (design.md §5). */
export const officialAccountPipeline: Record<CompanyKind, Exclude<Pipeline, "wecom">> = {
  cn_org: "oa_cn_org",
  cn_individual: "oa_cn_individual",
  overseas: "oa_overseas",
};

/** The account types a company of each kind may register (domain.md B5). */
export const allowedAccountTypes: Record<CompanyKind, readonly CreatableAccountType[]> = {
  cn_org: ["service", "subscription"],
  cn_individual: ["subscription"],
  overseas: ["service"],
};

export const createOfficialAccountSchema = z.object({
  clientCompanyId: z
    .uuid({ error: ACCOUNT_MESSAGES.invalidValue })
    .meta({ description: "The client company the account is registered for (its subject)." }),
  accountType: z.enum(creatableAccountTypes, { error: ACCOUNT_MESSAGES.invalidValue }).meta({
    description:
      "Fixed once chosen. A Chinese individual may only have `subscription`; an overseas company only `service`.",
  }),
  operatorPersonId: z.uuid({ error: ACCOUNT_MESSAGES.invalidValue }).meta({
    description:
      "The person who operates the account (18 or older). A resident ID operates at most two Official Accounts " +
      "in the agency, Weidesk's and external ones together: a third is refused with 409 ID_CAP_REACHED.",
  }),
  name: z
    .string({ error: ACCOUNT_MESSAGES.invalidValue })
    .trim()
    .min(1, { error: VALIDATION_MESSAGES.required })
    .max(64, { error: ACCOUNT_MESSAGES.invalidValue })
    .optional()
    .meta({ description: "The intended account name, if known." }),
});
export type CreateOfficialAccountInput = z.input<typeof createOfficialAccountSchema>;

/**
 * Abandoning or restoring an account moves its card: the card's `version` as the client
 * last saw it (a stale one is refused with the current card), and an optional reason
 * kept as the move's note.
 */
export const accountMoveSchema = z.object({
  version: z
    .int({ error: ACCOUNT_MESSAGES.invalidValue })
    .min(1, { error: ACCOUNT_MESSAGES.invalidValue })
    .meta({ description: "The registration card's version as last read; a stale one gets 409 `STALE_VERSION`." }),
  reason: z
    .string({ error: ACCOUNT_MESSAGES.invalidValue })
    .trim()
    .min(1, { error: VALIDATION_MESSAGES.required })
    .max(500, { error: ACCOUNT_MESSAGES.invalidValue })
    .optional()
    .meta({ description: "Why, kept as the note of the card's move." }),
});
export type AccountMoveInput = z.input<typeof accountMoveSchema>;

/** The path of /official-accounts/{id}/…: an id that is not a UUID is the same 404 as an unknown one. */
export const accountIdParamsSchema = z.object({ id: z.uuid().meta({ description: "The Official Account's id." }) });

/** The path of /people/{id}/…. */
export const personIdParamsSchema = z.object({ id: z.uuid().meta({ description: "The person's id." }) });

/** An Official Account the ID already operates outside Weidesk: it takes one of the ID's two slots too. */
export const createExternalAccountSchema = z.object({
  name: z
    .string({ error: VALIDATION_MESSAGES.required })
    .trim()
    .min(1, { error: VALIDATION_MESSAGES.required })
    .max(64, { error: ACCOUNT_MESSAGES.invalidValue })
    .meta({ description: "The account's name, as WeChat shows it." }),
  wechatId: z
    .string({ error: ACCOUNT_MESSAGES.invalidValue })
    .trim()
    .min(1, { error: VALIDATION_MESSAGES.required })
    .max(64, { error: ACCOUNT_MESSAGES.invalidValue })
    .optional()
    .meta({ description: "Its WeChat ID, if known." }),
});
export type CreateExternalAccountInput = z.input<typeof createExternalAccountSchema>;

/* -------------------------------------------------------------- responses */

export const idSlotHolderSchema = z
  .object({
    kind: z.enum(["official_account", "external_account"]),
    id: z.uuid(),
    name: z.string().nullable(),
  })
  .meta({ description: "An account holding one of the ID's two slots." });

export const createdOfficialAccountSchema = z
  .object({
    id: z.uuid(),
    registrationId: z.uuid().meta({ description: "The registration card, in the first stage of its pipeline." }),
    clientCompanyId: z.uuid(),
    pipeline: z.enum(["oa_cn_org", "oa_cn_individual", "oa_overseas"]),
    stage: z.string(),
    accountType: z.enum(creatableAccountTypes),
    operatorPersonId: z.uuid(),
    name: z.string().nullable(),
    slot: z.union([z.literal(1), z.literal(2)]).nullable().meta({
      description: "Which of the operator ID's two slots the account took; null for an operator without a resident ID.",
    }),
    version: z.int().meta({ description: "The card's version (1): send it to abandon the account." }),
  })
  .meta({ description: "An Official Account just created, with its registration card." });

/**
 * An operator change (换绑): the new operator, with the card's `version` as last read.
 * The account's slot moves from the old operator's ID to the new one's in one
 * transaction; a full ID refuses it and nothing changes.
 */
export const changeOperatorSchema = z.object({
  version: z
    .int({ error: ACCOUNT_MESSAGES.invalidValue })
    .min(1, { error: ACCOUNT_MESSAGES.invalidValue })
    .meta({ description: "The registration card's version as last read; a stale one gets 409 `STALE_VERSION`." }),
  operatorPersonId: z.uuid({ error: ACCOUNT_MESSAGES.invalidValue }).meta({
    description: "The new operator: a person of the agency, 18 or older, whose resident ID has a slot free.",
  }),
});

export const officialAccountCardSchema = z
  .object({
    id: z.uuid(),
    registrationId: z.uuid(),
    clientCompanyId: z.uuid(),
    pipeline: z.enum(["oa_cn_org", "oa_cn_individual", "oa_overseas"]),
    stage: z.string().meta({ description: "The card's stage: `abandoned`, or the stage it came back to." }),
    resumeStage: z
      .string()
      .nullable()
      .meta({ description: "In a side state (abandoned, on hold, rejected): the stage the card goes back to." }),
    version: z.int().meta({ description: "The card's version after the move: send it with the next one." }),
    accountType: z.enum(accountTypes).nullable(),
    operatorPersonId: z.uuid().nullable(),
    name: z.string().nullable(),
    slot: z.union([z.literal(1), z.literal(2)]).nullable().meta({
      description: "The operator ID's slot the account holds: none once abandoned; taken again when restored.",
    }),
  })
  .meta({ description: "An Official Account with its registration card." });

export const createdExternalAccountSchema = z
  .object({
    id: z.uuid(),
    operatorPersonId: z.uuid(),
    name: z.string(),
    wechatId: z.string().nullable(),
    slot: z.union([z.literal(1), z.literal(2)]).nullable().meta({
      description: "The slot of the person's resident ID it took; null for a person without a resident ID.",
    }),
  })
  .meta({ description: "An Official Account the person operates outside Weidesk, just recorded." });
