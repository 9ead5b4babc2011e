/**
 * Which reminders are due at an instant (issue 9 §3). Pure: the sweep
 * (lib/reminders/sweep.ts) reads the candidates and the clock, these decide, so the
 * unit tests and the sweep share one rule. Each answer carries its `key`, which names the
 * deadline: a reminder is sent once per key (the reminders table's unique index).
 *
 * - A card's deadline (registrations.due_at, set on entering a stage with a deadline,
 *   lib/registration/deadlines.ts deadlineRule): the activation link 12 hours before and
 *   at the deadline; the subject check 2 days before and at the deadline; the review,
 *   the overseas follow-up and the WeCom verification at the deadline. Once the deadline
 *   has passed only the overdue reminder is due (a sweep that wakes late does not warn of
 *   what is already past). The key names the card and the due instant, so a card entering
 *   the stage again, or a deadline moved, gets reminders of its own.
 * - A verification's expiry (official_accounts and wecom_corps verification_expires_at):
 *   90, 30 and 7 days before (deadlines.ts verificationWarnings); a clock past several
 *   thresholds sends only the nearest one reached; past the expiry, verification_expired
 *   once per expiry.
 * - A document request's due date (document_requests.due_on, open): from the start of the
 *   day 2 days before (agency time zone), and overdue once the due date has ended there
 *   (after 23:59:59 local).
 */
import { deadlineRule, verificationWarnings, type DeadlineKind } from "@/lib/registration/deadlines";
import { addDays, endOfLocalDay, localDate, zonedInstant, type CivilDate } from "@/lib/registration/calendar";
import type { Pipeline, Stage } from "@/lib/registration/pipelines";
import type { ReminderKind } from "./kinds";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A reminder due now: its kind, key and deadline. */
export type DueReminder = { kind: ReminderKind; key: string; dueAt: Date };

/**
 * Per deadline kind: the reminder ahead of the deadline (its kind and how long before) and
 * the one at it. A card's "overdue" reminders fall at the deadline itself.
 */
export const cardReminderRules: Record<DeadlineKind, { ahead?: { kind: ReminderKind; leadMs: number }; at: ReminderKind }> = {
  activation_link: { ahead: { kind: "activation_link_due", leadMs: 12 * HOUR_MS }, at: "activation_link_overdue" },
  subject_check: { ahead: { kind: "subject_check_due", leadMs: 2 * DAY_MS }, at: "subject_check_overdue" },
  review: { at: "review_overdue" },
  follow_up: { at: "follow_up_due" },
  verification: { at: "wecom_verification_overdue" },
};

export type CardDeadline = { registrationId: string; pipeline: Pipeline; stage: Stage; dueAt: Date };

export const registrationKey = (registrationId: string, dueAt: Date, kind: ReminderKind) => `registration:${registrationId}:${dueAt.toISOString()}:${kind}`;

/** The reminder due at `now` for a card's deadline, or null (none yet, or the stage has no deadline). */
export function cardReminderAt(card: CardDeadline, now: Date, overseasFollowUpDays: number): DueReminder | null {
  const rule = deadlineRule(card.pipeline, card.stage, { overseasFollowUpDays });
  if (!rule) return null;
  const { ahead, at } = cardReminderRules[rule.kind];
  const due = card.dueAt.getTime();
  let kind: ReminderKind | null = null;
  if (now.getTime() >= due) kind = at;
  else if (ahead && now.getTime() >= due - ahead.leadMs) kind = ahead.kind;
  return kind ? { kind, key: registrationKey(card.registrationId, card.dueAt, kind), dueAt: card.dueAt } : null;
}

export type VerificationSource = "official_account" | "wecom_corp";
export type VerificationExpiry = { source: VerificationSource; id: string; expiresAt: Date };

export type DueVerificationReminder = DueReminder & { days: number | null };

/** The reminder due at `now` for a verification expiring at `expiresAt`, or null (more than 90 days left). */
export function verificationReminderAt(expiry: VerificationExpiry, now: Date): DueVerificationReminder | null {
  const warning = verificationWarnings(expiry.expiresAt, now);
  const base = `verification:${expiry.source}:${expiry.id}:${expiry.expiresAt.toISOString()}`;
  if (warning.expired) return { kind: "verification_expired", key: `${base}:expired`, dueAt: expiry.expiresAt, days: null };
  if (warning.threshold === null) return null;
  return { kind: "verification_expiring", key: `${base}:${warning.threshold}`, dueAt: expiry.expiresAt, days: warning.threshold };
}

/** A document request is reminded of this many days before its due date. */
export const DOCUMENT_REQUEST_LEAD_DAYS = 2;

export type RequestDue = { documentRequestId: string; dueOn: CivilDate };

/** When a request due on `dueOn` falls due (23:59:59 local) and when its first reminder is due (00:00 local, 2 days before). */
export function requestDeadlines(dueOn: CivilDate, timeZone: string): { remindFrom: Date; dueAt: Date } {
  return {
    remindFrom: zonedInstant(addDays(dueOn, -DOCUMENT_REQUEST_LEAD_DAYS), { hour: 0, minute: 0, second: 0 }, timeZone),
    dueAt: endOfLocalDay(dueOn, timeZone),
  };
}

/** The reminder due at `now` for an open request due on `dueOn` in `timeZone`, or null. */
export function requestReminderAt(request: RequestDue, now: Date, timeZone: string): DueReminder | null {
  const { remindFrom, dueAt } = requestDeadlines(request.dueOn, timeZone);
  let kind: ReminderKind | null = null;
  if (now.getTime() > dueAt.getTime()) kind = "document_request_overdue";
  else if (now.getTime() >= remindFrom.getTime()) kind = "document_request_due";
  return kind ? { kind, key: `document_request:${request.documentRequestId}:${request.dueOn}:${kind}`, dueAt } : null;
}

/** The due date as the words show it: the deadline's date in the agency's time zone. */
export const dueDateOf = (dueAt: Date, timeZone: string): CivilDate => localDate(dueAt, timeZone);
