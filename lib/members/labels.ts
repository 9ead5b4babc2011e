/** A role's name in a given language (for mail, where there is no request locale). */
import type { Locale } from "@/lib/i18n/config";
import type { Role } from "@/lib/rbac/roles";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";

const catalogues = { en, "zh-CN": zhCN } as const;

export function roleLabel(role: Role, locale: Locale): string {
  return catalogues[locale].roles[role];
}
