/** The company form's fields and values, shared by the form and its conflict panel. */
import type { useTranslations } from "next-intl";
import type { CompanyKind } from "@/lib/clients/kinds";
import { companyDetailFields, companyScales } from "@/lib/clients/schemas";
import type { SerialisedCompany } from "@/lib/clients/service";

export const companyFieldNames = [...companyDetailFields, "assigneeUserId"] as const;
export type CompanyFieldName = (typeof companyFieldNames)[number];
export type CompanyValues = Record<CompanyFieldName, string>;

/** The fields each kind asks for, in form order (the reason only when the credit code needs one). */
export const fieldsByKind: Record<CompanyKind, readonly CompanyFieldName[]> = {
  cn_org: [
    "subjectType",
    "legalNameZh",
    "nameEn",
    "uscc",
    "usccOverrideReason",
    "orgCode",
    "registrationNumber",
    "industry",
    "scale",
    "address",
    "assigneeUserId",
  ],
  cn_individual: ["legalNameZh", "nameEn", "address", "assigneeUserId"],
  overseas: ["nameEn", "legalNameZh", "country", "foreignRegistrationNumber", "industry", "scale", "address", "assigneeUserId"],
};

export type AssigneeChoice = { id: string; name: string };

export const emptyValues: CompanyValues = Object.fromEntries(companyFieldNames.map((name) => [name, ""])) as CompanyValues;

/** A saved company as the form's values. */
export function valuesOf(company: SerialisedCompany): CompanyValues {
  return {
    subjectType: company.subjectType,
    legalNameZh: company.legalNameZh ?? "",
    nameEn: company.nameEn ?? "",
    uscc: company.uscc ?? "",
    usccOverrideReason: company.usccOverrideReason ?? "",
    orgCode: company.orgCode ?? "",
    registrationNumber: company.registrationNumber ?? "",
    country: company.country ?? "",
    foreignRegistrationNumber: company.foreignRegistrationNumber ?? "",
    industry: company.industry ?? "",
    // Only the sizes the form offers; an older free-text size shows as a hint (legacyScaleOf).
    scale: company.scale && (companyScales as readonly string[]).includes(company.scale) ? company.scale : "",
    address: company.address ?? "",
    assigneeUserId: company.assignee?.id ?? "",
  };
}

/** A field's label: the name fields say what they hold for each kind. */
export function fieldLabel(
  t: ReturnType<typeof useTranslations<"clientForm">>,
  name: CompanyFieldName,
  kind: CompanyKind | null,
): string {
  if ((name === "legalNameZh" || name === "nameEn") && kind) return t(`fields.${name}.${kind}`);
  if (name === "legalNameZh" || name === "nameEn") return t(`fields.${name}.cn_org`);
  return t(`fields.${name}`);
}


/** A size recorded before the form's choices (free text), for the hint under the size field. */
export function legacyScaleOf(company: SerialisedCompany | undefined): string | null {
  const scale = company?.scale;
  return scale && !(companyScales as readonly string[]).includes(scale) ? scale : null;
}
