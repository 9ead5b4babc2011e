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
