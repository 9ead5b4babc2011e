/**
 * What a client company takes (issue 6, design.md §3), shared by the company form, its
 * server actions and the JSON API: one schema, field messages as catalogue keys.
 * Pure: no server imports, so the form may check as the user types.
 *
 * The kind decides the rest: a Chinese organisation (cn_org) needs its Chinese legal
 * name and USCC (whose check character, when wrong, is a warning staff may override
 * with a reason — pilot-era codes fail it, domain.md §6.2); a Chinese individual
 * (cn_individual) needs the Chinese name; a company outside China (overseas) needs a
 * name and its country.
 */
import { z } from "@/lib/validation/zod";
import { companyKinds, subjectTypes, type CompanyKind, type SubjectType } from "@/lib/clients/kinds";
import { orgCodeMatchesUscc } from "@/lib/validation/org-code";
import { allStages, pipelines } from "@/lib/registration/pipelines";
import { normaliseCode } from "@/lib/validation/normalise";
import { optionalField, orgCodeSchema, usccSchema, VALIDATION_MESSAGES } from "@/lib/validation/schemas";

export const CLIENT_MESSAGES = {
  nameRequired: "clients.errors.nameRequired",
  tooLong: "clients.errors.tooLong",
  subjectType: "clients.errors.subjectType",
  country: "clients.errors.country",
  registrationNumber: "clients.errors.registrationNumber",
  usccOverride: "clients.errors.usccOverride",
  usccTaken: "clients.errors.usccTaken",
  assignee: "clients.errors.assignee",
  kindFixed: "clients.errors.kindFixed",
} as const;

/** A company's own fields after its kind, in form and template order (the form and the CSV import share it). */
export const companyDetailFields = [
  "subjectType",
  "legalNameZh",
  "nameEn",
  "uscc",
  "usccOverrideReason",
  "orgCode",
  "registrationNumber",
  "country",
  "foreignRegistrationNumber",
  "industry",
  "scale",
  "address",
] as const;

/** The subject types each kind may have (domain.md §2). */
export const subjectTypesByKind: Record<CompanyKind, readonly SubjectType[]> = {
  cn_org: ["enterprise", "individual_business", "government", "media", "other_org"],
  cn_individual: ["individual"],
  overseas: ["overseas_company"],
};

export const companyScales = ["micro", "small", "medium", "large"] as const;

/** Trimmed text, blank → undefined, at most `max` characters. */
function optionalText(max: number) {
  return z.preprocess(
    (value) => (typeof value === "string" ? value.trim() || undefined : (value ?? undefined)),
    z.string({ error: VALIDATION_MESSAGES.required }).max(max, { error: CLIENT_MESSAGES.tooLong }).optional(),
  );
}

/** The fields every kind shares; `.superRefine` below makes the per-kind demands. */
const companyFields = {
  kind: z.enum(companyKinds, { error: VALIDATION_MESSAGES.required }).meta({
    description: "cn_org (Chinese organisation), cn_individual (Chinese individual) or overseas (outside China). Fixed once created.",
  }),
  subjectType: z.enum(subjectTypes, { error: CLIENT_MESSAGES.subjectType }).optional().meta({
    description: "The WeChat subject type; defaults to the kind's first (enterprise, individual, overseas_company).",
  }),
  legalNameZh: optionalText(200).meta({ description: "The Chinese legal name, as on the licence.", examples: ["深圳市前海云帆科技有限公司"] }),
  nameEn: optionalText(200).meta({ description: "The English name." }),
  uscc: optionalField(usccSchema).meta({
    description: "Unified Social Credit Code (cn_org). A wrong check character needs `usccOverrideReason`.",
    examples: ["91350100M000100Y43"],
  }),
  usccOverrideReason: optionalText(500).meta({ description: "Why a USCC whose check character fails is kept." }),
  orgCode: optionalField(orgCodeSchema).meta({ description: "Legacy organisation code; must equal USCC characters 9–17." }),
  registrationNumber: optionalText(15).meta({ description: "The 15-digit registration number of older licences." }),
  country: optionalText(2).meta({ description: "ISO 3166-1 alpha-2 country (overseas).", examples: ["SG"] }),
  foreignRegistrationNumber: optionalText(64),
  industry: optionalText(100),
  scale: z.enum(companyScales).optional(),
  address: optionalText(300),
  assigneeUserId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid({ error: CLIENT_MESSAGES.assignee }).nullable().optional()),
};

type CompanyDraft = {
  kind: CompanyKind;
  subjectType?: SubjectType;
  legalNameZh?: string;
  nameEn?: string;
  uscc?: z.output<typeof usccSchema>;
  usccOverrideReason?: string;
  orgCode?: string;
  registrationNumber?: string;
  country?: string;
};

function kindRules(company: CompanyDraft, ctx: z.RefinementCtx) {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (company.subjectType && !subjectTypesByKind[company.kind].includes(company.subjectType)) {
    issue("subjectType", CLIENT_MESSAGES.subjectType);
  }
  if (company.kind !== "overseas" && !company.legalNameZh) issue("legalNameZh", CLIENT_MESSAGES.nameRequired);
  if (company.kind === "overseas" && !company.legalNameZh && !company.nameEn) issue("nameEn", CLIENT_MESSAGES.nameRequired);
  if (company.kind === "cn_org" && !company.uscc) issue("uscc", VALIDATION_MESSAGES.required);
  if (company.uscc?.warning && !company.usccOverrideReason) issue("uscc", CLIENT_MESSAGES.usccOverride);
  if (company.orgCode && company.uscc && !orgCodeMatchesUscc(company.orgCode, company.uscc.value)) {
    issue("orgCode", VALIDATION_MESSAGES.orgCode.usccMismatch);
  }
  if (company.registrationNumber && !/^\d{15}$/.test(normaliseCode(company.registrationNumber))) {
    issue("registrationNumber", CLIENT_MESSAGES.registrationNumber);
  }
  if (company.kind === "overseas" && !company.country) issue("country", VALIDATION_MESSAGES.required);
  if (company.country && !/^[A-Za-z]{2}$/.test(company.country)) issue("country", CLIENT_MESSAGES.country);
}

/** The body of "create a client company" (form, action, POST /api/v1/companies). */
export const createCompanySchema = z.object(companyFields).superRefine(kindRules);
export type CreateCompanyInput = z.input<typeof createCompanySchema>;
export type CreateCompanyValues = z.output<typeof createCompanySchema>;

/**
 * The body of an edit: every field again (the form sends the whole company) plus the
 * version the user started from. The kind cannot change (design.md §4.3: the subject is
 * fixed once chosen); sending another one is refused by the service.
 */
export const updateCompanySchema = z
  .object({ ...companyFields, version: z.coerce.number({ error: VALIDATION_MESSAGES.required }).int().min(1) })
  .superRefine(kindRules);
export type UpdateCompanyValues = z.output<typeof updateCompanySchema>;

/** The row values a valid body stores (codes normalised, kind defaults filled). */
export function companyRow(values: CreateCompanyValues) {
  return {
    kind: values.kind,
    subjectType: values.subjectType ?? subjectTypesByKind[values.kind][0]!,
    legalNameZh: values.legalNameZh ?? null,
    nameEn: values.nameEn ?? null,
    uscc: values.uscc?.value ?? null,
    usccOverrideReason: values.uscc?.warning ? (values.usccOverrideReason ?? null) : null,
    legacyOrgCode: values.orgCode ?? null,
    registrationNumber: values.registrationNumber ? normaliseCode(values.registrationNumber) : null,
    country: values.country?.toUpperCase() ?? null,
    foreignRegistrationNumber: values.foreignRegistrationNumber ?? null,
    industry: values.industry ?? null,
    scale: values.scale ?? null,
    address: values.address ?? null,
  };
}

/* ------------------------------------------------------------------ list */

export const companySorts = ["name", "created", "updated"] as const;
export type CompanySort = (typeof companySorts)[number];

/** The clients list's state: every field lives in the URL (ux.md: a URL for every view). */
export const companyListQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  kind: z.enum(companyKinds).optional().catch(undefined),
  assignee: z.union([z.uuid(), z.literal("none")]).optional().catch(undefined),
  pipeline: z.enum(pipelines).optional().catch(undefined),
  stage: z.enum(allStages).optional().catch(undefined),
  /** Companies with a card past its due date and not yet done ("1"; "true" is read as "1"). */
  overdue: z
    .enum(["1", "true"])
    .transform(() => "1" as const)
    .optional()
    .catch(undefined),
  archived: z.enum(["active", "archived", "all"]).default("active").catch("active"),
  sort: z.enum(companySorts).default("name").catch("name"),
  dir: z.enum(["asc", "desc"]).default("asc").catch("asc"),
  after: z.string().max(400).optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(200).default(50).catch(50),
});
export type CompanyListQuery = z.output<typeof companyListQuerySchema>;
