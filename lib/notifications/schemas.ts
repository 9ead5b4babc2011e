/**
 * What the notifications inbox, its actions and /api/v1/notifications take and answer:
 * the list's query (filter and keyset cursor, also the page's URL), the "mark all read"
 * input, the opaque cursor and the API's DTO. lib/api/openapi.ts documents the API from
 * these very objects. Pure: no server imports.
 */
import { z } from "@/lib/validation/zod";

/** A notification in words (lib/notifications/wording.ts), as the bell and the inbox show it. */
export type NotificationView = {
  id: string;
  title: string;
  body: string;
  /** A path on this site, or null when it links nowhere. */
  href: string | null;
  createdAt: string;
  read: boolean;
};

/** A path on this site, for a notification's link (never another origin: "//host" and "/\\host" are refused). */
export function safeHref(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 500) return null;
  return /^\/(?![/\\])\S*$/.test(value) ? value : null;
}

/** Notifications per page of the inbox and the API. */
export const NOTIFICATIONS_PAGE_SIZE = 20;
/** The unread count is counted up to here; the bell shows 99+ beyond 99. */
export const UNREAD_COUNT_CAP = 100;

/** The position of one notification in (created_at desc, id desc) order; `at` keeps microseconds. */
export type NotificationCursor = { at: string; id: string };

const cursorShape = z.object({
  at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/),
  id: z.uuid(),
});

export function encodeNotificationCursor(cursor: NotificationCursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`, "utf8").toString("base64url");
}

/** The cursor a page or an API answer handed out, or null for anything else. */
export function decodeNotificationCursor(raw: string): NotificationCursor | null {
  if (raw.length > 200) return null;
  const [at, id, ...rest] = Buffer.from(raw, "base64url").toString("utf8").split("|");
  if (rest.length > 0) return null;
  const parsed = cursorShape.safeParse({ at, id });
  return parsed.success ? parsed.data : null;
}

const cursorField = z
  .string()
  .max(200)
  .refine((value) => decodeNotificationCursor(value) !== null, { message: "notifications.errors.cursor" })
  .meta({ description: "The `next` of the previous page: where the following (older) page starts." });

/** The inbox's view and the API's query: `unread=1` for the unread only, `cursor` for the next page. */
export const notificationListQuerySchema = z.object({
  unread: z
    .enum(["1", "0", "true", "false"])
    .optional()
    .transform((value) => value === "1" || value === "true")
    .meta({ description: "`1` (or `true`): only the unread ones. Default: all." }),
  cursor: cursorField.optional(),
});
export type NotificationListQuery = z.output<typeof notificationListQuerySchema> & { limit?: number };

export const notificationIdParamsSchema = z.object({ id: z.uuid().meta({ description: "The notification's id." }) });

/** "Mark all as read": those created up to the moment the list was shown (one that arrived since stays unread). */
export const markAllReadSchema = z.object({
  upTo: z.iso.datetime({ offset: true }).meta({
    description: "Mark those created up to this instant (when the list was read); default: now.",
  }),
});
export const markAllReadBodySchema = markAllReadSchema.partial();

export const notificationSchema = z
  .object({
    id: z.uuid(),
    kind: z.string().meta({
      description:
        "What it is about: a reminder kind (`document_request_due`, `review_overdue`, `weekly_digest`, …) or an older kind.",
    }),
    data: z.record(z.string(), z.unknown()).meta({
      description:
        "What it names: for reminders `company`, `href` (the app path it links to), `dueAt`, `dueDate`, `pipeline`, " +
        "`stage`, `days`, `account`, `kinds`, `week` as they apply.",
    }),
    createdAt: z.iso.datetime({ offset: true }),
    readAt: z.iso.datetime({ offset: true }).nullable().meta({ description: "When it was first marked read; null while unread." }),
  })
  .meta({ description: "One of the token's member's own notifications." });

export const notificationListSchema = z.object({
  data: z.array(notificationSchema),
  unread: z.int().meta({ description: `How many are unread, counted up to ${UNREAD_COUNT_CAP}.` }),
  next: z.string().nullable().meta({ description: "Pass as `cursor` for the next (older) page; null on the last page." }),
});

export const markAllReadResultSchema = z.object({ marked: z.int().meta({ description: "How many were marked read." }) });

/** Where a user chooses which reminders reach them, and how; the inbox links there. */
export { NOTIFICATION_PREFERENCES_PATH } from "@/lib/auth/paths";
