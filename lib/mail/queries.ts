import "server-only";
import { workerPool } from "@/db/client";
import { env } from "@/lib/env";

export type OutboxMessage = {
  id: string;
  to: string;
  subject: string;
  text: string;
  kind: string;
  locale: string;
  createdAt: Date;
};

/**
 * The newest messages of the development outbox (/dev/outbox). Read as weidesk_worker:
 * web requests may only write mail, never read it back. Refuses unless MAIL_OUTBOX=1.
 */
export async function listOutbox(limit = 50): Promise<OutboxMessage[]> {
  if (!env().MAIL_OUTBOX) throw new Error("the outbox is only readable with MAIL_OUTBOX=1");
  const { rows } = await workerPool().query<{
    id: string;
    to_address: string;
    subject: string;
    text_body: string;
    kind: string;
    locale: string;
    created_at: Date;
  }>(
    `select id, to_address, subject, text_body, kind, locale, created_at from mail_outbox
     order by created_at desc limit $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    text: r.text_body,
    kind: r.kind,
    locale: r.locale,
    createdAt: r.created_at,
  }));
}
