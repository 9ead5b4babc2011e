/** What the server gives the company form besides the company (server only). */
import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import type { CompanyKind } from "@/lib/clients/kinds";

/** The kinds' names in the language the reader is not using, for the form's kind choices. */
export async function kindsInOtherLanguage(): Promise<{ locale: string; kinds: Record<CompanyKind, string> }> {
  const locale = (await getLocale()) === "zh-CN" ? "en" : "zh-CN";
  const t = await getTranslations({ locale, namespace: "clientForm" });
  return { locale, kinds: { cn_org: t("kinds.cn_org.title"), cn_individual: t("kinds.cn_individual.title"), overseas: t("kinds.overseas.title") } };
}
