export const locales = ["en", "zh-CN"] as const;

export type Locale = (typeof locales)[number];

export const defaultLocale: Locale = "en";

/** The name next-intl's own routing uses, so a later switch to routing keeps users' choices. */
export const localeCookieName = "NEXT_LOCALE";

/** Agencies in mainland China are the norm; an agency's own time zone overrides this. */
export const defaultTimeZone = "Asia/Shanghai";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}
