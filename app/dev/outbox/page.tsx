import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { connection } from "next/server";
import { env } from "@/lib/env";
import { listOutbox } from "@/lib/mail/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("devOutbox");
  return { title: t("title"), robots: { index: false } };
}

const LINK = /(https?:\/\/[^\s<>"]+)/g;

/**
 * The development outbox: every e-mail the app "sent", newest first, with working
 * links, so a newcomer can accept invitations and reset passwords without SMTP.
 * Answers 404 unless MAIL_OUTBOX=1.
 */
export default async function OutboxPage() {
  await connection();
  if (!env().MAIL_OUTBOX) notFound();
  const [t, format, messages] = await Promise.all([getTranslations("devOutbox"), getFormatter(), listOutbox()]);

  return (
    <main id="main" className="mx-auto w-full max-w-4xl px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-1 text-muted-foreground">{t("description")}</p>
      {messages.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-border p-8 text-center text-muted-foreground">
          {t("empty")}
        </p>
      ) : (
        <ol className="mt-6 space-y-4">
          {messages.map((message) => (
            <li key={message.id} className="rounded-lg border border-border p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-medium">{message.subject}</h2>
                <time dateTime={message.createdAt.toISOString()} className="text-xs text-muted-foreground">
                  {format.dateTime(message.createdAt, { dateStyle: "medium", timeStyle: "medium" })}
                </time>
              </div>
              <p className="mt-1 text-xs text-muted-foreground">
                {t("meta", { to: message.to, kind: message.kind, locale: message.locale })}
              </p>
              <div className="mt-3 text-sm break-words whitespace-pre-wrap">
                {message.text.split(LINK).map((part, i) =>
                  i % 2 === 1 ? (
                    <a key={i} href={part} className="text-primary underline underline-offset-2">
                      {part}
                    </a>
                  ) : (
                    part
                  ),
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
