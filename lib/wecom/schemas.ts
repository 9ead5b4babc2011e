/**
 * What creating a WeCom corp takes (issue 6, design.md §3), shared by the dialog on the
 * client page, the server action and POST /api/v1/wecom-corps: the company, its
 * administrator (one of the company's people; may be appointed later, the pipeline's
 * second stage), the corp's name, short name, industry, scale, tier and region. The corp
 * ID and the verification come later, from WeCom. Messages are catalogue keys. Pure: no
 * server imports, so the dialog shows the same warnings as the answer carries.
 */
import { z } from "@/lib/validation/zod";
import { verificationStatuses, type CompanyKind, type IdType } from "@/lib/clients/kinds";
import { VALIDATION_MESSAGES } from "@/lib/validation/schemas";

export const WECOM_MESSAGES = {
  invalidValue: "apiTokens.api.invalidValue",
  tooLong: "wecomForm.errors.tooLong",
  adminNotLinked: "wecomForm.errors.adminNotLinked",
} as const;

/** Staff scale as WeCom's form asks it; the bounds that matter are 200 and 1,000 members (domain.md §3.4). */
export const wecomScales = ["up_to_50", "51_200", "201_500", "501_1000", "over_1000"] as const;
export type WecomScale = (typeof wecomScales)[number];

export const wecomTiers = ["free", "paid"] as const;
export type WecomTier = (typeof wecomTiers)[number];

/** Trimmed text, blank → undefined, at most `max` characters. */
function optionalText(max: number) {
  return z.preprocess(
    (value) => (typeof value === "string" ? value.trim() || undefined : (value ?? undefined)),
    z.string({ error: WECOM_MESSAGES.invalidValue }).max(max, { error: WECOM_MESSAGES.tooLong }).optional(),
  );
}

export const createWecomCorpSchema = z.object({
  clientCompanyId: z
    .uuid({ error: WECOM_MESSAGES.invalidValue })
    .meta({ description: "The client company the corp is registered for (its subject)." }),
  adminPersonId: z
    .preprocess((value) => (value === "" ? undefined : value), z.uuid({ error: WECOM_MESSAGES.invalidValue }).nullable().optional())
    .meta({
      description:
        "The corp's administrator: a person linked to the company, who registers the corp with their own WeChat and " +
        "mobile. May be left out and appointed later.",
    }),
  corpName: z
    .preprocess(
      (value) => (typeof value === "string" ? value.trim() : value),
      z
        .string({ error: VALIDATION_MESSAGES.required })
        .min(1, { error: VALIDATION_MESSAGES.required })
        .max(200, { error: WECOM_MESSAGES.tooLong }),
    )
    .meta({ description: "The corp's name: for verification, the subject's name as on its licence.", examples: ["深圳市前海云帆科技有限公司"] }),
  shortName: optionalText(50).meta({ description: "The short name (简称) members see." }),
  industry: optionalText(100).meta({ description: "The industry, as WeCom's form asks it." }),
  scale: z.enum(wecomScales, { error: WECOM_MESSAGES.invalidValue }).optional().meta({
    description: "Staff scale. An unverified corp holds at most 200 members; verification costs a scale fee above 1,000.",
  }),
  tier: z.enum(wecomTiers, { error: WECOM_MESSAGES.invalidValue }).default("free").meta({ description: "Free or paid; free by default." }),
  region: optionalText(100).meta({ description: "Where the corp is (province and city, or the country).", examples: ["广东省深圳市"] }),
});
export type CreateWecomCorpInput = z.input<typeof createWecomCorpSchema>;
export type CreateWecomCorpValues = z.output<typeof createWecomCorpSchema>;

/** The path of /wecom-corps/{id}: an id that is not a UUID is the same 404 as an unknown one. */
export const wecomCorpIdParamsSchema = z.object({ id: z.uuid().meta({ description: "The WeCom corp's id." }) });

/* ---------------------------------------------------------------- warnings */

/**
 * What domain.md says about a WeCom corp that does not stop it being created, but that
 * staff should know before they start (each is a catalogue key under wecomForm.warnings).
 */
export const wecomWarnings = [
  "no_admin",
  "admin_no_mobile",
  "admin_not_resident_id",
  "individual_no_licence",
  "overseas_verification",
  "name_differs",
  "over_200_members",
  "scale_fee",
  "free_via_official_account",
] as const;
export type WecomWarning = (typeof wecomWarnings)[number];

export type WecomWarningContext = {
  companyKind: CompanyKind;
  /** The company's Chinese and English names, as recorded. */
  companyNames: (string | null)[];
  /** The administrator chosen, if any. */
  admin: { hasMobile: boolean; idType: IdType } | null;
  /** Whether the company has a verified Official Account (WeCom verification may then be free). */
  hasVerifiedOfficialAccount: boolean;
};

/** Names compared as WeChat reads them: no spaces, full-width brackets as half-width, case-blind. */
function comparableName(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .toLowerCase();
}

/**
 * The warnings for a corp (domain.md §3.4, §7 Q8): the administrator registers it with
 * their own name and mobile; verification needs a licence and a letter (a Chinese
 * individual has no licence; outside China it is a separate, paid process); its name is
 * checked against the licence; an unverified corp holds 200 members; above 1,000 the
 * verification carries a scale fee; a verified Official Account of the same subject may
 * make it free.
 */
export function wecomWarningsFor(
  corp: { corpName?: string | null; scale?: WecomScale | null; adminPersonId?: string | null },
  context: WecomWarningContext,
): WecomWarning[] {
  const warnings: WecomWarning[] = [];
  if (!corp.adminPersonId) warnings.push("no_admin");
  else if (context.admin) {
    if (!context.admin.hasMobile) warnings.push("admin_no_mobile");
    if (context.admin.idType !== "prc_resident_id") warnings.push("admin_not_resident_id");
  }
  if (context.companyKind === "cn_individual") warnings.push("individual_no_licence");
  if (context.companyKind === "overseas") warnings.push("overseas_verification");
  const names = context.companyNames.filter((name): name is string => !!name).map(comparableName);
  if (corp.corpName && corp.corpName.trim() && names.length > 0 && !names.includes(comparableName(corp.corpName))) {
    warnings.push("name_differs");
  }
  if (corp.scale === "201_500" || corp.scale === "501_1000" || corp.scale === "over_1000") warnings.push("over_200_members");
  if (corp.scale === "over_1000") warnings.push("scale_fee");
  if (context.hasVerifiedOfficialAccount && context.companyKind !== "cn_individual") warnings.push("free_via_official_account");
  return warnings;
}

/* -------------------------------------------------------------- responses */

export const wecomCorpSchema = z
  .object({
    id: z.uuid(),
    registrationId: z.uuid().meta({ description: "The registration card of the `wecom` pipeline." }),
    clientCompanyId: z.uuid(),
    pipeline: z.literal("wecom"),
    stage: z.string().meta({ description: "The card's stage; a new corp starts in `intake`." }),
    version: z.int().meta({ description: "The card's version." }),
    adminPersonId: z.uuid().nullable(),
    corpName: z.string(),
    shortName: z.string().nullable(),
    industry: z.string().nullable(),
    scale: z.enum(wecomScales).nullable(),
    tier: z.enum(wecomTiers),
    region: z.string().nullable(),
    corpId: z.string().nullable().meta({ description: "WeCom's corp ID, once the corp exists there." }),
    verificationStatus: z.enum(verificationStatuses),
    verificationExpiresAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    warnings: z.array(z.enum(wecomWarnings)).meta({
      description:
        "What to know before going on (nothing here stopped the corp being created): `no_admin` (none appointed yet), " +
        "`admin_no_mobile` (WeCom registers the administrator by mobile), `admin_not_resident_id` (WeChat binds a " +
        "mainland resident ID), `individual_no_licence` (verification needs a business licence), " +
        "`overseas_verification` (outside China verification is separate and paid), `name_differs` (verification " +
        "checks the name against the licence), `over_200_members` (an unverified corp holds 200 members), " +
        "`scale_fee` (verification above 1,000 members costs more), `free_via_official_account` (a verified Official " +
        "Account of the same subject may verify it for free).",
    }),
  })
  .meta({ description: "A WeCom corp with its registration card." });
