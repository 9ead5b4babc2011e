/** Small pure helpers of the client page and its forms. */
import type { CompanyKind } from "@/lib/clients/kinds";

/** The name a company goes by: its Chinese legal name, else its English one. */
export function companyDisplayName(company: { legalNameZh: string | null; nameEn: string | null }): string {
  return company.legalNameZh ?? company.nameEn ?? "—";
}

/** The tabs of the client page, in order (`?tab=`). */
export const companyTabs = ["overview", "people", "accounts", "documents", "notes", "timeline"] as const;
export type CompanyTab = (typeof companyTabs)[number];

export function companyTabOf(value: unknown): CompanyTab {
  return typeof value === "string" && (companyTabs as readonly string[]).includes(value) ? (value as CompanyTab) : "overview";
}

/** The badge colours of a kind: never the only signal (the badge says the kind in words). */
export const kindBadgeClass: Record<CompanyKind, string> = {
  cn_org: "border-sky-600/30 bg-sky-500/10 text-sky-800 dark:text-sky-300",
  cn_individual: "border-violet-600/30 bg-violet-500/10 text-violet-800 dark:text-violet-300",
  overseas: "border-emerald-600/30 bg-emerald-500/10 text-emerald-800 dark:text-emerald-300",
};
