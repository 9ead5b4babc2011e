/**
 * Outgoing mail, outbox style: a message is written in the transaction that decides to
 * send it, so it goes out exactly when that commits (and never for a rolled-back one).
 * The worker delivers it over SMTP (lib/mail/deliver.ts); with MAIL_OUTBOX=1 it stays
 * in the table and /dev/outbox shows it, so a newcomer can click the links.
 */
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/tenant";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import type { Locale } from "@/lib/i18n/config";

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  locale: Locale;
  /** What kind of mail this is (invitation, password_reset…), for the outbox page and logs. */
  kind: string;
};

/**
 * Queues `message` inside the caller's transaction. `reminderId`: the reminder it tells of
 * (mail_outbox.reminder_id; unique with the address, so a reminder mails each address once).
 */
export async function enqueueMail(tx: Pick<Tx, "execute">, message: MailMessage, options: { reminderId?: string } = {}): Promise<string> {
  const id = newId();
  await tx.execute(sql`
    insert into mail_outbox (id, to_address, subject, text_body, html_body, locale, kind, created_at, reminder_id)
    values (${id}, ${message.to}, ${message.subject}, ${message.text}, ${message.html ?? null},
            ${message.locale}, ${message.kind}, ${clock.now()}, ${options.reminderId ?? null})`);
  return id;
}
