/**
 * Every e-mail Weidesk sends, written from the catalogue (messages/*.json, namespace
 * "mail") in the recipient's language: the words live with the rest of the UI's,
 * reviewed the same way, and a missing key fails the catalogue test.
 */
import { createTranslator } from "next-intl";
import type { Locale } from "@/lib/i18n/config";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import type { MailMessage } from "./outbox";

const catalogues = { en, "zh-CN": zhCN } as const;

export type MailTemplates = {
  emailVerification: { name: string; agencyName: string; url: string; hours: number };
  signUpAccountExists: { signInUrl: string };
  invitation: { inviterName: string; agencyName: string; role: string; url: string; days: number };
  passwordReset: { name: string; url: string; minutes: number };
  signInLink: { name: string; url: string; minutes: number };
  /** A reminder (lib/reminders/record.ts): its title and body already worded (lib/reminders/words.ts); `url` is absolute. */
  reminder: { name: string; title: string; body: string; agencyName: string; url: string };
};
export type MailKind = keyof MailTemplates;

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The mail `kind` for `to`, in `locale`: subject, plain text, and a plain HTML twin with one button. */
export function renderMail<K extends MailKind>(kind: K, locale: Locale, to: string, params: MailTemplates[K]): MailMessage {
  // Keys are built from the kind, so the translator is used untyped; the catalogue test checks every key exists.
  const t = createTranslator({ locale, messages: catalogues[locale], namespace: "mail" }) as unknown as (
    key: string,
    values?: Record<string, string | number>,
  ) => string;
  const values = params as Record<string, string | number>;
  const subject = t(`${kind}.subject`, values);
  const paragraphs = [t(`${kind}.greeting`, values), t(`${kind}.body`, values)];
  const action = t(`${kind}.action`, values);
  const url = String(values.url ?? values.signInUrl);
  const closing = [t(`${kind}.closing`, values), t("signature")];
  const text = [...paragraphs, `${action}: ${url}`, ...closing].join("\n\n");
  const html = [
    `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;line-height:1.6;color:#111">`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 16px;border-radius:6px;background:#0f766e;color:#fff;text-decoration:none">${escapeHtml(action)}</a></p>`,
    `<p style="font-size:13px;color:#555">${escapeHtml(url)}</p>`,
    ...closing.map((p) => `<p>${escapeHtml(p)}</p>`),
    "</body></html>",
  ].join("\n");
  return { to, subject, text, html, locale, kind };
}

/** The weekly digest's figures (lib/reminders/digest.ts); hours unrounded, null when no sample. */
export type WeeklyDigestFigures = {
  started: number;
  completed: number;
  overdue: number;
  documentsApproved: number;
  documentsRejected: number;
  turnaroundMeanHours: number | null;
  completedByPipeline: { pipeline: string; completed: number }[];
};
export type WeeklyDigestParams = {
  name: string;
  agencyName: string;
  /** ISO week (2026-W49) and its Monday and Sunday (YYYY-MM-DD). */
  week: string;
  from: string;
  to: string;
  /** The dashboard for that week, absolute. */
  url: string;
  figures: WeeklyDigestFigures;
};

/**
 * The managers' weekly digest (issue 9 §4, catalogue "mail.weeklyDigest"): a greeting, a
 * table of the week's figures and one per pipeline, and a link to the dashboard. Every
 * value is escaped in the HTML twin.
 */
export function renderWeeklyDigestMail(locale: Locale, to: string, params: WeeklyDigestParams): MailMessage {
  const t = createTranslator({ locale, messages: catalogues[locale], namespace: "mail" }) as unknown as (
    key: string,
    values?: Record<string, string | number>,
  ) => string;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const date = (value: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${value}T00:00:00Z`));
  const values = { name: params.name, agencyName: params.agencyName, week: params.week, from: date(params.from), to: date(params.to) };
  const { figures } = params;
  const rows: [string, string][] = [
    [t("weeklyDigest.started"), number.format(figures.started)],
    [t("weeklyDigest.completed"), number.format(figures.completed)],
    [t("weeklyDigest.overdue"), number.format(figures.overdue)],
    [t("weeklyDigest.documentsApproved"), number.format(figures.documentsApproved)],
    [t("weeklyDigest.documentsRejected"), number.format(figures.documentsRejected)],
    [
      t("weeklyDigest.turnaround"),
      figures.turnaroundMeanHours === null
        ? t("weeklyDigest.noSample")
        : t("weeklyDigest.hours", { hours: number.format(figures.turnaroundMeanHours) }),
    ],
  ];
  const pipelineRows: [string, string][] = figures.completedByPipeline.map((row) => [
    t(`weeklyDigest.pipelines.${row.pipeline}`),
    number.format(row.completed),
  ]);
  const subject = t("weeklyDigest.subject", values);
  const paragraphs = [t("weeklyDigest.greeting", values), t("weeklyDigest.body", values)];
  const action = t("weeklyDigest.action", values);
  const closing = [t("weeklyDigest.closing", values), t("signature")];
  const lines = (list: [string, string][]) => list.map(([label, value]) => `${label}: ${value}`).join("\n");
  const text = [
    ...paragraphs,
    lines(rows),
    `${t("weeklyDigest.perPipeline")}\n${lines(pipelineRows)}`,
    `${action}: ${params.url}`,
    ...closing,
  ].join("\n\n");
  const table = (caption: string, list: [string, string][]) =>
    [
      `<table role="presentation" style="border-collapse:collapse;margin:12px 0;min-width:280px">`,
      `<caption style="text-align:left;font-weight:600;padding-bottom:4px">${escapeHtml(caption)}</caption>`,
      ...list.map(
        ([label, value]) =>
          `<tr><td style="padding:4px 16px 4px 0;border-bottom:1px solid #e5e5e5">${escapeHtml(label)}</td><td style="padding:4px 0;border-bottom:1px solid #e5e5e5;text-align:right;font-variant-numeric:tabular-nums">${escapeHtml(value)}</td></tr>`,
      ),
      "</table>",
    ].join("");
  const html = [
    `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;line-height:1.6;color:#111">`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    table(t("weeklyDigest.figures", values), rows),
    table(t("weeklyDigest.perPipeline"), pipelineRows),
    `<p><a href="${escapeHtml(params.url)}" style="display:inline-block;padding:10px 16px;border-radius:6px;background:#0f766e;color:#fff;text-decoration:none">${escapeHtml(action)}</a></p>`,
    ...closing.map((p) => `<p>${escapeHtml(p)}</p>`),
    "</body></html>",
  ].join("\n");
  return { to, subject, text, html, locale, kind: "weeklyDigest" };
}
