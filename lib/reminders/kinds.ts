/**
 * What Weidesk reminds people of (issue 9 §3), and the shape every channel reads. One
 * reminder row per deadline (db/schema.ts `reminders`, unique `key`); its in-app
 * notifications carry the same `kind` and `data`, and the e-mail, the bell and the WeCom
 * robot all word it from the catalogue's `reminders.<kind>` entry (title and body, with
 * the data below as values), in the recipient's language (the robot: the agency's).
 */
import { notificationTopics, reminderKinds } from "@/db/schema";

export { notificationTopics, reminderKinds };
export type ReminderKind = (typeof reminderKinds)[number];
export type NotificationTopic = (typeof notificationTopics)[number];

/** Which preference topic governs a reminder kind (lib/reminders/preferences.ts). */
export const topicOfKind: Record<ReminderKind, NotificationTopic> = {
  activation_link_due: "registration_deadlines",
  activation_link_overdue: "registration_deadlines",
  subject_check_due: "registration_deadlines",
  subject_check_overdue: "registration_deadlines",
  review_overdue: "registration_deadlines",
  follow_up_due: "registration_deadlines",
  wecom_verification_overdue: "registration_deadlines",
  verification_expiring: "verification_expiry",
  verification_expired: "verification_expiry",
  document_request_due: "document_requests",
  document_request_overdue: "document_requests",
  weekly_digest: "weekly_digest",
};

/**
 * The data a reminder and its notifications carry (jsonb), and the catalogue's values:
 * every field a `reminders.<kind>` message may name is here, as a string or a number.
 * `href` is the app path (no origin) the bell and the e-mail link to; `portalHref` is set
 * for a client administrator's copy (a document request in the portal).
 */
export type ReminderData = {
  /** The client company's display name. */
  company: string;
  href: string;
  /** A client administrator's copy only: the portal page (/portal/<slug>/requests/<id>). */
  portalHref?: string;
  /** ISO instant of the deadline or expiry, and its date in the agency's time zone (YYYY-MM-DD). */
  dueAt?: string;
  dueDate?: string;
  /** The pipeline and stage, as keys (the bell words them from `catalogue`). */
  pipeline?: string;
  stage?: string;
  /** Days left before an expiry (90, 30, 7), for verification_expiring. */
  days?: number;
  /** The account's or corp's name, when it has one. */
  account?: string;
  /** Document kinds a request asks for, as keys. */
  kinds?: string[];
  /** weekly_digest: the ISO week (2026-W49). */
  week?: string;
};
