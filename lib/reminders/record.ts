/**
 * The reminder protocol (issue 9 §3), shared by the sweep (lib/reminders/sweep.ts) and the
 * weekly digest:
 *
 * 1. Exactly once — recordReminder(tx, …), inside ONE withWorker(agencyId) transaction:
 *    `insert into reminders … on conflict (agency_id, key) do nothing returning id`; when
 *    nothing comes back the reminder was already sent and nothing else is written (answers
 *    null). Otherwise, in the same transaction, each recipient gets the in-app notification
 *    (notifications.reminder_id) and the e-mail (mail_outbox.reminder_id), each as their
 *    preferences say (notification_preferences, topic from topicOfKind; no row: both on),
 *    in their own language. The unique indexes (reminder_id, user_id) and
 *    (reminder_id, to_address) back this in the database. A rollback leaves nothing.
 * 2. At most once — after that transaction commits, callRobot(…) posts to the agency's
 *    WeCom group robot (if it has one; lib/reminders/robot.ts) with a 5 s timeout and records robot_status
 *    'sent' / 'failed' in a second short transaction. Never retried: a later sweep finds
 *    the reminders row and skips it; a process killed between the commit and the call
 *    leaves robot_status null for good.
 *
 * For the weekly digest (helper D):
 *
 *   const recorded = await withWorker(agencyId, async (tx) => {
 *     const recipients = await loadRecipients(tx, agency, userIds);   // active members only
 *     return recordReminder(tx, { agencyId, agencyName, now }, {
 *       kind: "weekly_digest", key: `weekly_digest:${week}`, data: { company: agencyName, href, week },
 *     }, recipients, (recipient, data) => ({ title: …, body: … }));   // render: optional
 *   });
 *   if (recorded) await callRobot(agency, recorded, reminderWords("weekly_digest", agency.defaultLocale, data));
 *
 * `render` defaults to reminderWords(kind, recipient.locale, data) (the catalogue's
 * `reminders.<kind>` title and body); a digest passes its own to list its items. The
 * e-mail is the `reminder` mail template around those words, linking to the data's
 * `portalHref` (a client administrator's copy) or `href`, made absolute with APP_URL.
 */
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { agencies, memberships, notifications, reminders, users } from "@/db/schema";
import { withWorker, type Tx } from "@/db/tenant";
import { env } from "@/lib/env";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/logger";
import { enqueueMail } from "@/lib/mail/outbox";
import { renderMail } from "@/lib/mail/templates";
import { preferencesOf } from "./preferences";
import { postRobotMessage } from "./robot";
import { topicOfKind, type ReminderData, type ReminderKind } from "./kinds";
import { reminderWords, type ReminderWords } from "./words";

/** What one reminder is about: `key` names the deadline (unique per agency). */
export type ReminderRecord = {
  kind: ReminderKind;
  key: string;
  clientCompanyId?: string | null;
  registrationId?: string | null;
  documentRequestId?: string | null;
  /** The deadline or expiry it is about. */
  dueAt?: Date | null;
  data: ReminderData;
};

/** Who is told, in which language; `data` overrides the reminder's for this one person (a client administrator's portalHref). */
export type ReminderRecipient = {
  userId: string;
  email: string;
  name: string;
  locale: Locale;
  data?: ReminderData;
};

export type RenderReminder = (recipient: ReminderRecipient, data: ReminderData) => ReminderWords;

export type RecordContext = { agencyId: string; agencyName: string; now: Date };

/** A recorded reminder: its id, and who got what (for logs and tests). */
export type RecordedReminder = { id: string; kind: ReminderKind; data: ReminderData; notified: string[]; mailed: string[] };

/** The agency as the reminders need it. */
export type ReminderAgency = {
  id: string;
  slug: string;
  name: string;
  defaultLocale: Locale;
  timeZone: string;
  overseasFollowUpDays: number;
  wecomRobotWebhookUrl: string | null;
};

export async function loadReminderAgency(tx: Tx, agencyId: string): Promise<ReminderAgency | null> {
  const [row] = await tx
    .select({
      id: agencies.id,
      slug: agencies.slug,
      name: agencies.name,
      defaultLocale: agencies.defaultLocale,
      timeZone: agencies.timeZone,
      overseasFollowUpDays: agencies.overseasFollowUpDays,
      wecomRobotWebhookUrl: agencies.wecomRobotWebhookUrl,
      deletedAt: agencies.deletedAt,
    })
    .from(agencies)
    .where(eq(agencies.id, agencyId));
  if (!row || row.deletedAt) return null;
  const { deletedAt: _deleted, ...agency } = row;
  return agency;
}

/**
 * The users of `userIds` with an active membership of the agency, as recipients in their
 * own language (users.locale, else the agency's default). Others are left out.
 */
export async function loadRecipients(tx: Tx, agency: Pick<ReminderAgency, "id" | "defaultLocale">, userIds: readonly string[]): Promise<ReminderRecipient[]> {
  const ids = [...new Set(userIds)];
  if (!ids.length) return [];
  const rows = await tx
    .select({ userId: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.agencyId, agency.id), eq(memberships.status, "active"), inArray(memberships.userId, ids)))
    .orderBy(users.id);
  return rows.map((row) => ({ userId: row.userId, email: row.email, name: row.name, locale: isLocale(row.locale) ? row.locale : agency.defaultLocale }));
}

/** `path` (an app path) on the app's public origin. */
export function absoluteUrl(path: string): string {
  return new URL(path, env().APP_URL).toString();
}

const defaultRender =
  (kind: ReminderKind): RenderReminder =>
  (recipient, data) =>
    reminderWords(kind, recipient.locale, data);

/**
 * Step 1 of the protocol (see above), inside the caller's transaction: answers the
 * recorded reminder, or null when its key was recorded before (nothing written).
 */
export async function recordReminder(
  tx: Tx,
  context: RecordContext,
  reminder: ReminderRecord,
  recipients: readonly ReminderRecipient[],
  render: RenderReminder = defaultRender(reminder.kind),
): Promise<RecordedReminder | null> {
  const id = newId();
  const inserted = await tx
    .insert(reminders)
    .values({
      id,
      agencyId: context.agencyId,
      kind: reminder.kind,
      key: reminder.key,
      clientCompanyId: reminder.clientCompanyId ?? null,
      registrationId: reminder.registrationId ?? null,
      documentRequestId: reminder.documentRequestId ?? null,
      dueAt: reminder.dueAt ?? null,
      data: reminder.data,
      sentAt: context.now,
    })
    .onConflictDoNothing({ target: [reminders.agencyId, reminders.key] })
    .returning({ id: reminders.id });
  if (!inserted.length) return null;

  const unique = [...new Map(recipients.map((recipient) => [recipient.userId, recipient])).values()];
  const topic = topicOfKind[reminder.kind];
  const preferenceOf = await preferencesOf(
    tx,
    context.agencyId,
    unique.map((recipient) => recipient.userId),
    topic,
  );

  const notified: string[] = [];
  const mailed: string[] = [];
  const mailedTo = new Set<string>();
  for (const recipient of unique) {
    const preference = preferenceOf.get(recipient.userId)!;
    const data = recipient.data ?? reminder.data;
    if (preference.inApp) {
      await tx.insert(notifications).values({
        id: newId(),
        agencyId: context.agencyId,
        userId: recipient.userId,
        kind: reminder.kind,
        data,
        createdAt: context.now,
        reminderId: id,
      });
      notified.push(recipient.userId);
    }
    const address = recipient.email.toLowerCase();
    if (preference.email && !mailedTo.has(address)) {
      mailedTo.add(address);
      const words = render(recipient, data);
      const mail = renderMail("reminder", recipient.locale, recipient.email, {
        name: recipient.name,
        title: words.title,
        body: words.body,
        agencyName: context.agencyName,
        url: absoluteUrl(data.portalHref ?? data.href),
      });
      await enqueueMail(tx, { ...mail, kind: `reminder.${reminder.kind}` }, { reminderId: id });
      mailed.push(recipient.email);
    }
  }
  return { id, kind: reminder.kind, data: reminder.data, notified, mailed };
}

/* ------------------------------------------------------------ the WeCom robot */

/** The robot's text: title, body and the link (the group is the agency's staff: the staff page). */
export function robotText(words: ReminderWords, url: string): string {
  return `${words.title}\n${words.body}\n${url}`;
}

/**
 * Step 2 of the protocol (see above), after the commit of recordReminder's transaction:
 * posts the reminder to the agency's robot (lib/reminders/robot.ts: WeCom's origin only,
 * 5 s timeout, no redirects) in the agency's language and records the outcome in a
 * second short transaction; never retried. Does nothing when the agency has no robot.
 * Answers the status recorded.
 */
export async function callRobot(
  agency: Pick<ReminderAgency, "id" | "wecomRobotWebhookUrl">,
  recorded: Pick<RecordedReminder, "id" | "data">,
  words: ReminderWords,
  now: Date,
): Promise<"sent" | "failed" | null> {
  if (!agency.wecomRobotWebhookUrl) return null;
  const result = await postRobotMessage(agency.wecomRobotWebhookUrl, robotText(words, absoluteUrl(recorded.data.href)));
  const error = result.ok ? null : `${result.reason}: ${result.detail}`.slice(0, 500);
  if (error) logger.warn({ agencyId: agency.id, reminderId: recorded.id, err: { message: error } }, "reminder robot call failed");
  const status = error ? "failed" : "sent";
  await withWorker(agency.id, (tx) =>
    tx
      .update(reminders)
      .set({ robotStatus: status, robotAt: now, robotError: error })
      .where(and(eq(reminders.agencyId, agency.id), eq(reminders.id, recorded.id), sql`${reminders.robotStatus} is null`)),
  );
  return status;
}
