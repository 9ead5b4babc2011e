/**
 * Editing an Official Account after it was created (issue 6 §3, design.md §4.3): its
 * name, introduction, login e-mail, WeChat ID, original ID and registration date, with
 * the `version` it was read at. Shared by the edit dialog, the server action, the API
 * and the OpenAPI document. WeChat's own limits apply: a name of 4–30 characters where
 * a CJK character counts 2 (domain.md B8), an introduction of at most 120 characters
 * (B9), a WeChat ID of 6–20 letters, digits, _ or - starting with a letter, an original
 * ID of gh_ and 12 hex digits. Messages are catalogue keys. Pure: no server imports.
 */
import { accountTypes, companyKinds } from "@/lib/clients/kinds";
import { z } from "@/lib/validation/zod";

export const PROFILE_MESSAGES = {
  invalidValue: "apiTokens.api.invalidValue",
  nameLength: "accountEdit.errors.nameLength",
  nameRequired: "accountEdit.errors.nameRequired",
  introductionLength: "accountEdit.errors.introductionLength",
  email: "accountEdit.errors.email",
  wechatId: "accountEdit.errors.wechatId",
  originalId: "accountEdit.errors.originalId",
  date: "accountEdit.errors.date",
  futureDate: "accountEdit.errors.futureDate",
  registeredAtKept: "accountEdit.errors.registeredAtKept",
  introductionOncePerMonth: "accountEdit.errors.introductionOncePerMonth",
  renameLimit: "accountEdit.errors.renameLimit",
  stale: "accountEdit.errors.stale",
} as const;

/** The fields an edit may change, in form order. */
export const profileFields = ["name", "introduction", "loginEmail", "wechatId", "originalId", "registeredAt"] as const;
export type ProfileField = (typeof profileFields)[number];

/** After registration, a Chinese individual's account may be renamed this often per calendar year (domain.md B8). */
export const INDIVIDUAL_RENAMES_PER_YEAR = 2;
export const NAME_MIN_WIDTH = 4;
export const NAME_MAX_WIDTH = 30;
export const INTRODUCTION_MAX_LENGTH = 120;

/** What the answer of an edit may warn about: an organisation's new name waits for (re)verification or the annual review. */
export const profileWarnings = ["org_rename_at_verification"] as const;
export type ProfileWarning = (typeof profileWarnings)[number];

// East Asian wide and full-width characters: CJK ideographs and their extensions,
// kana, Hangul, CJK punctuation and full-width forms. WeChat counts each as 2.
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;

/** A name's length as WeChat counts it: a CJK character is 2, anything else 1. */
export function nameWidth(name: string): number {
  let width = 0;
  for (const character of name) width += WIDE.test(character) ? 2 : 1;
  return width;
}

/** Characters as the database's char_length counts them (code points, not UTF-16 units). */
export function characterCount(text: string): number {
  return [...text].length;
}

/**
 * An Official Account's name as WeChat takes it (domain.md B8): 4–30 characters, a CJK
 * character counting 2; trimmed, inner runs of white space made one space.
 */
export const accountNameSchema = z
  .string({ error: PROFILE_MESSAGES.nameLength })
  .transform((value) => value.trim().replace(/\s+/g, " "))
  .refine((value) => nameWidth(value) >= NAME_MIN_WIDTH && nameWidth(value) <= NAME_MAX_WIDTH, { error: PROFILE_MESSAGES.nameLength })
  .meta({
    description: "4–30 characters, a Chinese (CJK) character counting 2, as WeChat counts them.",
    examples: ["青禾科技服务"],
  });

export const introductionSchema = z
  .string({ error: PROFILE_MESSAGES.introductionLength })
  .trim()
  .refine((value) => characterCount(value) <= INTRODUCTION_MAX_LENGTH, { error: PROFILE_MESSAGES.introductionLength });

export const loginEmailSchema = z
  .string({ error: PROFILE_MESSAGES.email })
  .trim()
  .max(254, { error: PROFILE_MESSAGES.email })
  .pipe(z.email({ error: PROFILE_MESSAGES.email }));

/** WeChat's rule for a WeChat ID (微信号): 6–20 letters, digits, _ or -, starting with a letter. */
export const WECHAT_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{5,19}$/;
export const wechatIdSchema = z
  .string({ error: PROFILE_MESSAGES.wechatId })
  .trim()
  .regex(WECHAT_ID_PATTERN, { error: PROFILE_MESSAGES.wechatId });

/** The original ID (原始ID): gh_ and 12 hexadecimal digits, stored in lower case. */
export const ORIGINAL_ID_PATTERN = /^gh_[0-9a-f]{12}$/;
export const originalIdSchema = z
  .string({ error: PROFILE_MESSAGES.originalId })
  .transform((value) => value.trim().toLowerCase())
  .refine((value) => ORIGINAL_ID_PATTERN.test(value), { error: PROFILE_MESSAGES.originalId });

/** A calendar date "YYYY-MM-DD" that exists; full-width digits and / or . separators are normalised. */
export const calendarDateSchema = z.string({ error: PROFILE_MESSAGES.date }).transform((input, ctx) => {
  const value = input
    .replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[/.\uff0f\uff0e]/g, "-")
    .trim();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    ctx.addIssue({ code: "custom", message: PROFILE_MESSAGES.date, input });
    return z.NEVER;
  }
  return value;
});

/**
 * A field an edit may leave out (kept as it is), clear (null or blank) or set. Blank
 * strings read as null, so a form's emptied input clears the field.
 */
function editable<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? null : value), schema.nullable().optional());
}

/**
 * The body of PATCH /official-accounts/{id} and of the edit dialog. Fields left out are
 * kept; null (or blank) clears one. A name, once the account has one, and a registration
 * date, once set, cannot be cleared.
 */
export const updateOfficialAccountSchema = z.object({
  version: z.coerce
    .number({ error: PROFILE_MESSAGES.invalidValue })
    .int({ error: PROFILE_MESSAGES.invalidValue })
    .min(1, { error: PROFILE_MESSAGES.invalidValue })
    .meta({ description: "The account's `version` as last read: a newer one in the database answers 409 `STALE_VERSION`." }),
  name: editable(accountNameSchema).meta({
    description:
      "The account's name: 4–30 characters, a CJK character counting 2. Kept in the name history. After registration " +
      "a Chinese individual may rename twice per calendar year; an organisation's new name is taken by WeChat only at " +
      "(re)verification or the annual review (the answer warns `org_rename_at_verification`).",
  }),
  introduction: editable(introductionSchema).meta({
    description:
      "The introduction (功能介绍), at most 120 characters. After registration it may change once per calendar month " +
      "(in the agency's time zone); a second change in a month is refused on the field.",
  }),
  loginEmail: editable(loginEmailSchema).meta({ description: "The e-mail address the account signs in with." }),
  wechatId: editable(wechatIdSchema).meta({
    description: "The WeChat ID (微信号): 6–20 letters, digits, _ or -, starting with a letter.",
    examples: ["qinghe_tech"],
  }),
  originalId: editable(originalIdSchema).meta({
    description: "The original ID (原始ID): gh_ and 12 hexadecimal digits.",
    examples: ["gh_0123456789ab"],
  }),
  registeredAt: editable(calendarDateSchema).meta({
    description: "The day WeChat registered the account, YYYY-MM-DD in the agency's time zone; not in the future. Once set, it cannot be cleared.",
    examples: ["2026-03-18"],
  }),
});
export type UpdateOfficialAccountInput = z.input<typeof updateOfficialAccountSchema>;
export type UpdateOfficialAccountValues = z.output<typeof updateOfficialAccountSchema>;

/* -------------------------------------------------------------- responses */

export const accountNameChangeSchema = z
  .object({
    name: z.string(),
    changedAt: z.iso.datetime({ offset: true }),
    changedBy: z
      .object({ id: z.uuid(), name: z.string() })
      .nullable()
      .meta({ description: "Who set this name (an empty name: someone no longer in the agency); null for the system." }),
  })
  .meta({ description: "One name the account has had, and when it was set." });

export const officialAccountProfileSchema = z
  .object({
    id: z.uuid(),
    clientCompanyId: z.uuid(),
    subjectKind: z.enum(companyKinds),
    accountType: z.enum(accountTypes).nullable(),
    name: z.string().nullable(),
    introduction: z.string().nullable(),
    loginEmail: z.string().nullable(),
    wechatId: z.string().nullable(),
    originalId: z.string().nullable(),
    registeredAt: z.string().nullable().meta({ description: "YYYY-MM-DD in the agency's time zone; null until registered." }),
    introChangedAt: z.iso
      .datetime({ offset: true })
      .nullable()
      .meta({ description: "When the introduction last changed after registration." }),
    introNextChangeAt: z.iso.datetime({ offset: true }).nullable().meta({
      description:
        "When the introduction may change again: the first day of next month (agency's time zone) once it changed this " +
        "month after registration; null while it may change now.",
    }),
    renamesLeftThisYear: z.int().nullable().meta({
      description: "A registered Chinese individual's account: renames left this calendar year (of 2). Null when not limited.",
    }),
    nameNextChangeAt: z.iso.datetime({ offset: true }).nullable().meta({
      description: "When no rename is left this year: the first day of next year (agency's time zone); else null.",
    }),
    names: z.array(accountNameChangeSchema).meta({ description: "The name history, newest first." }),
    version: z.int().meta({ description: "Send it with the next edit." }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ description: "An Official Account's profile, with its name history and when its rules allow the next change." });
export type OfficialAccountProfile = z.output<typeof officialAccountProfileSchema>;

export const updatedOfficialAccountSchema = officialAccountProfileSchema
  .extend({
    warnings: z.array(z.enum(profileWarnings)).meta({
      description:
        "What to know about the edit: `org_rename_at_verification` — an organisation renamed after registration; WeChat " +
        "takes the new name only at (re)verification or the annual review.",
    }),
  })
  .meta({ description: "The profile as saved, with its new version and any warnings." });
export type UpdatedOfficialAccount = z.output<typeof updatedOfficialAccountSchema>;
