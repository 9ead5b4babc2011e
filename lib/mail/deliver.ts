/**
 * Delivers queued mail over SMTP (nodemailer). Runs in the worker as weidesk_worker.
 * At least once: a crash between the SMTP answer and the commit can send a message
 * twice, which beats losing it. A sent message keeps its envelope for the record; its
 * body, which may hold a sign-in link, is blanked.
 */
import nodemailer, { type Transporter } from "nodemailer";
import type pg from "pg";
import { clock } from "@/lib/clock";

const MAX_ATTEMPTS = 8;

export function createTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl, { connectionTimeout: 10_000, socketTimeout: 20_000 } as never);
}

type Row = { id: string; to_address: string; subject: string; text_body: string; html_body: string | null };

/** Sends up to `limit` pending messages; returns how many went out. */
export async function deliverPendingMail(
  pool: pg.Pool,
  transport: Pick<Transporter, "sendMail">,
  from: string,
  limit = 20,
): Promise<number> {
  const client = await pool.connect();
  let sent = 0;
  try {
    await client.query("begin");
    // SKIP LOCKED: several workers share the queue without sending a message twice at once.
    const { rows } = await client.query<Row>(
      `select id, to_address, subject, text_body, html_body from mail_outbox
       where sent_at is null and attempts < $1 order by created_at limit $2 for update skip locked`,
      [MAX_ATTEMPTS, limit],
    );
    for (const row of rows) {
      try {
        await transport.sendMail({
          from,
          to: row.to_address,
          subject: row.subject,
          text: row.text_body,
          ...(row.html_body ? { html: row.html_body } : {}),
        });
        await client.query(
          `update mail_outbox set sent_at = $2, attempts = attempts + 1, last_error = null, text_body = '', html_body = null where id = $1`,
          [row.id, clock.now()],
        );
        sent += 1;
      } catch (error) {
        const reason = error instanceof Error ? error.message.slice(0, 500) : "send failed";
        await client.query(`update mail_outbox set attempts = attempts + 1, last_error = $2 where id = $1`, [row.id, reason]);
      }
    }
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  return sent;
}

/** Delivers pending mail every `intervalMs` until stopped (the worker's mail loop). */
export function startMailDelivery(
  pool: pg.Pool,
  transport: Pick<Transporter, "sendMail">,
  from: string,
  onError: (error: unknown) => void,
  intervalMs = 5_000,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return; // a slow SMTP server must not stack up rounds
    running = true;
    deliverPendingMail(pool, transport, from)
      .catch(onError)
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
