/**
 * A reminder's words in one language (issue 9 §3): the catalogue's `reminders.<kind>`
 * title and body, with the stage, pipeline and document kinds worded first (the names
 * the board and the portal use: portal.stages, clientsList.pipelines,
 * catalogue.documentKinds). The e-mail, the WeCom robot and the bell share it.
 */
import { createTranslator } from "next-intl";
import type { Locale } from "@/lib/i18n/config";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import type { ReminderData, ReminderKind } from "./kinds";

const catalogues = { en, "zh-CN": zhCN } as const;

export type ReminderWords = { title: string; body: string };

type Translate = (key: string, values?: Record<string, string | number>) => string;

function translator(locale: Locale): Translate {
  // Keys are built from data, so the translator is used untyped; the catalogue test checks every key exists.
  return createTranslator({ locale, messages: catalogues[locale] }) as unknown as Translate;
}

/** A key's words, or the key itself when the catalogue has none (an enum value added later). */
function wordOr(t: Translate, key: string, fallback: string): string {
  try {
    const value = t(key);
    return value === key ? fallback : value;
  } catch {
    return fallback;
  }
}

/** A YYYY-MM-DD date as the locale writes it (4 Dec 2026 · 2026年12月4日); anything else as it is. */
function localDate(locale: Locale, date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
}

/** The catalogue values of `data` in `locale`: every name a `reminders.<kind>` message may use. */
export function reminderValues(locale: Locale, data: ReminderData): Record<string, string | number> {
  const t = translator(locale);
  const kinds = (data.kinds ?? []).map((kind) => wordOr(t, `catalogue.documentKinds.${kind}`, kind));
  return {
    company: data.company,
    dueDate: data.dueDate ? localDate(locale, data.dueDate) : "",
    stageName: data.stage ? wordOr(t, `portal.stages.${data.stage}`, data.stage) : "",
    pipelineName: data.pipeline ? wordOr(t, `clientsList.pipelines.${data.pipeline}`, data.pipeline) : "",
    days: data.days ?? 0,
    account: data.account ?? data.company,
    kinds: kinds.join(locale === "zh-CN" ? "、" : ", "),
    week: data.week ?? "",
  };
}

/** The title and body of a reminder of `kind` about `data`, in `locale`. */
export function reminderWords(kind: ReminderKind, locale: Locale, data: ReminderData): ReminderWords {
  const t = translator(locale);
  const values = reminderValues(locale, data);
  return { title: t(`reminders.${kind}.title`, values), body: t(`reminders.${kind}.body`, values) };
}
