/**
 * The message catalogues, so specs expect what messages/*.json says: when the UI and
 * the catalogue disagree, the test fails. Keys are checked at compile time.
 */
import en from "../../messages/en.json" with { type: "json" };
import zhCN from "../../messages/zh-CN.json" with { type: "json" };

export const locales = ["en", "zh-CN"] as const;
export type Locale = (typeof locales)[number];

export type Messages = typeof en;
export const catalogues: Record<Locale, Messages> = { en, "zh-CN": zhCN };

/** Messages of one locale; `messages("zh-CN").nav.clients`. */
export function messages(locale: Locale): Messages {
  return catalogues[locale];
}

/** Fills ICU-style `{name}` placeholders (the catalogue has no plurals in what specs read). */
export function format(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}

/** Matches a string exactly, as a RegExp for Playwright's name/text options. */
export function exact(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);
}
