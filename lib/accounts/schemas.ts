/**
 * What creating an Official Account takes (issue 6), shared by the API and the
 * OpenAPI document: the client company, the account type (fixed once chosen; a Chinese
 * individual gets Subscription only, an overseas company Service only — checked by the
 * service against the company's kind), the operator, an optional name and login e-mail.
 * Messages are catalogue keys. Pure: no server imports, so the dialog and the API share
 * the rules of the warnings (domain.md B2–B4) that never stop an account being created.
 */
import { z } from "@/lib/validation/zod";
import { accountTypes, type CompanyKind, type SubjectType } from "@/lib/clients/kinds";
import type { Pipeline } from "@/lib/registration/pipelines";
import { optionalField, VALIDATION_MESSAGES } from "@/lib/validation/schemas";

export const ACCOUNT_MESSAGES = {
  invalidValue: "apiTokens.api.invalidValue",
  accountTypeNotAllowed: "accounts.errors.accountTypeNotAllowed",
  operatorNotFound: "accounts.errors.operatorNotFound",
  operatorUnderage: "accounts.errors.operatorUnderage",
  notAbandonable: "accounts.errors.notAbandonable",
  notAbandoned: "accounts.errors.notAbandoned",
  sameOperator: "accounts.errors.sameOperator",
  operatorErased: "accounts.errors.operatorErased",
  loginEmail: "accountForm.errors.loginEmail",
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

/** An e-mail address, trimmed; blank → none. */
const loginEmailField = optionalField(
  z
    .string({ error: ACCOUNT_MESSAGES.loginEmail })
    .trim()
    .max(254, { error: ACCOUNT_MESSAGES.loginEmail })
    .pipe(z.email({ error: ACCOUNT_MESSAGES.loginEmail })),
);

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
  loginEmail: loginEmailField.meta({
    description:
      "The e-mail address the account will log in with, if known. WeChat registers one account per address, and only " +
      "an address never bound to WeChat before: another account of the agency using it (any case) comes back as the " +
      "warning `login_email_used`.",
    examples: ["oa-yunfan@example.com"],
  }),
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

/* ---------------------------------------------------------------- warnings */

/**
 * WeChat's newer caps (domain.md B2–B4), which Weidesk cannot enforce (WeChat counts
 * accounts outside the agency too, and an enterprise may have its cap raised): they never
 * stop an account being created, but staff should know before they start. Each is a
 * catalogue key under accountForm.warnings.
 */
export const officialAccountWarnings = [
  "individual_subject_has_account",
  "credit_code_cap_extendable",
  "credit_code_cap",
  "login_email_used",
  "mobile_cap",
] as const;
export type OfficialAccountWarning = (typeof officialAccountWarnings)[number];

/**
 * Official Accounts per credit code by organisation subject type (B3): two since 16 Nov
 * 2018, fifty for government and media. Only an enterprise may ask WeChat for more.
 */
export const creditCodeCaps: Partial<Record<SubjectType, number>> = {
  enterprise: 2,
  individual_business: 2,
  other_org: 2,
  government: 50,
  media: 50,
};

/** Official Accounts per individual subject's resident ID since 16 Nov 2018 (B2). */
export const INDIVIDUAL_SUBJECT_CAP = 1;

/** Official Accounts one mobile number may serve (B4). */
export const MOBILE_CAP = 5;

/**
 * What the rules read, counted by the server (lib/accounts/warnings.ts) over the agency's
 * accounts that are neither abandoned nor rejected, the new one not included.
 */
export type OfficialAccountWarningContext = {
  companyKind: CompanyKind;
  subjectType: SubjectType;
  /**
   * The subject's accounts: for a Chinese individual, those of every such client whose
   * subject has the same resident ID (at least the company's own); for a Chinese
   * organisation, those of its credit code. 0 outside China.
   */
  subjectAccounts: number;
  /** Accounts with the login e-mail given, in any case (0 when none was given). */
  loginEmailAccounts: number;
  /** Accounts whose operator has the chosen operator's mobile number (0 when they have none). */
  mobileAccounts: number;
};

/**
 * The warnings for a new account: an individual subject that already has one (B2); a
 * credit code at its cap, which an enterprise may ask WeChat to raise and others may not
 * (B3); a login e-mail another account uses, or a mobile number that serves five (B4).
 */
export function officialAccountWarningsFor(
  account: { loginEmail?: string | null },
  context: OfficialAccountWarningContext,
): OfficialAccountWarning[] {
  const warnings: OfficialAccountWarning[] = [];
  if (context.companyKind === "cn_individual" && context.subjectAccounts >= INDIVIDUAL_SUBJECT_CAP) {
    warnings.push("individual_subject_has_account");
  }
  const cap = creditCodeCaps[context.subjectType];
  if (context.companyKind === "cn_org" && cap !== undefined && context.subjectAccounts >= cap) {
    warnings.push(context.subjectType === "enterprise" ? "credit_code_cap_extendable" : "credit_code_cap");
  }
  if (account.loginEmail?.trim() && context.loginEmailAccounts > 0) warnings.push("login_email_used");
  if (context.mobileAccounts >= MOBILE_CAP) warnings.push("mobile_cap");
  return warnings;
}

/** The warnings' description, for the OpenAPI document. */
const warningsDescription =
  "What to know before going on (nothing here stopped the account being created; WeChat's own counts also include " +
  "accounts outside the agency): `individual_subject_has_account` (a Chinese individual, by resident ID, is the " +
  "subject of one account at most since 16 Nov 2018), `credit_code_cap_extendable` (the credit code already has 2 " +
  "accounts, an enterprise's cap, which WeChat may raise on request in 1–3 business days), `credit_code_cap` (the " +
  "credit code already has as many accounts as its subject type may: 2, or 50 for government and media; an " +
  "individual business (个体户) or other organisation cannot ask for more), `login_email_used` (another account uses " +
  "the login e-mail: WeChat registers one account per address, never bound to WeChat before), `mobile_cap` (the " +
  "operator's mobile number already serves 5 accounts, the most WeChat allows). Abandoned and rejected accounts do " +
  "not count.";

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
    loginEmail: z.string().nullable().meta({ description: "The login e-mail, as given." }),
    version: z.int().meta({ description: "The card's version (1): send it to abandon the account." }),
    warnings: z.array(z.enum(officialAccountWarnings)).meta({ description: warningsDescription }),
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
