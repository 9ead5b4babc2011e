/**
 * The signed-in user's notifications in one agency: the bell, the inbox page, the portal's
 * and the JSON API all read and mark them here. Each user's own only: every statement
 * names the agency and the user (for notifications_user_idx / notifications_unread_idx),
 * and the RESTRICTIVE own_notifications_* policies (0002_security.sql) hide every other
 * user's row, so another user's or another agency's id answers NOT_FOUND like an id that
 * does not exist. Marking read is the user's own thing, not the agency's business data,
 * so a manager may too: these transactions are never read-only (as lib/saved-views).
 * One statement each; only DTOs leave this module.
 */
import "server-only";
import { and, desc, eq, isNull, lte, sql, type SQL } from "drizzle-orm";
import { notifications } from "@/db/schema";
import { readTenant, withTenant, type TenantContext, type Tx } from "@/db/tenant";
import type { MembershipContext } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import {
  decodeNotificationCursor,
  encodeNotificationCursor,
  NOTIFICATIONS_PAGE_SIZE,
  UNREAD_COUNT_CAP,
  type NotificationListQuery,
} from "./schemas";

/** Whose notifications: a member of an agency (a MembershipContext or an API actor). */
export type NotificationsActor = Pick<MembershipContext, "agency" | "clientCompany"> & { user: { id: string } };

export type NotificationDto = {
  id: string;
  /** A ReminderKind (lib/reminders/kinds.ts), or an older kind this build words generically. */
  kind: string;
  /** What the catalogue words the notification with (ReminderData for reminders). */
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
};

export type NotificationPage = {
  items: NotificationDto[];
  /** The cursor of the next (older) page, or null at the oldest. */
  next: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function tenantOf(actor: NotificationsActor, readOnly = false): TenantContext {
  return { agencyId: actor.agency.id, userId: actor.user.id, clientCompanyId: actor.clientCompany?.id ?? null, readOnly };
}

function own(actor: NotificationsActor): SQL {
  return and(eq(notifications.agencyId, actor.agency.id), eq(notifications.userId, actor.user.id))!;
}

const columns = {
  id: notifications.id,
  kind: notifications.kind,
  data: notifications.data,
  createdAt: notifications.createdAt,
  readAt: notifications.readAt,
  // The keyset position with PostgreSQL's microseconds (a JS Date keeps milliseconds).
  position: sql<string>`to_char(${notifications.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
};

type Row = { id: string; kind: string; data: unknown; createdAt: Date; readAt: Date | null; position: string };

function dtoOf(row: Row): NotificationDto {
  const data = row.data !== null && typeof row.data === "object" && !Array.isArray(row.data) ? (row.data as Record<string, unknown>) : {};
  return {
    id: row.id,
    kind: row.kind,
    data,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}

/**
 * One page of the actor's own notifications, newest first (created_at desc, id desc),
 * `limit` (default 20) at a time after `cursor`; `unread` keeps the unread ones. A
 * cursor this module did not write is BAD_REQUEST.
 */
export async function listNotifications(actor: NotificationsActor, query: Partial<NotificationListQuery> = {}): Promise<NotificationPage> {
  const limit = query.limit ?? NOTIFICATIONS_PAGE_SIZE;
  const conditions: SQL[] = [own(actor)];
  if (query.unread) conditions.push(isNull(notifications.readAt));
  if (query.cursor) {
    const cursor = decodeNotificationCursor(query.cursor);
    if (!cursor) throw new AppError("BAD_REQUEST", "notification cursor does not decode", { fields: { cursor: "notifications.errors.cursor" } });
    conditions.push(sql`(${notifications.createdAt}, ${notifications.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  }
  const rows = await withTenant(tenantOf(actor, true), (tx) =>
    tx
      .select(columns)
      .from(notifications)
      .where(and(...conditions))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(limit + 1),
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(dtoOf),
    next: rows.length > limit && last ? encodeNotificationCursor({ at: last.position, id: last.id }) : null,
  };
}

/** The unread count, capped (below), as a scalar subquery. */
function unreadCountSql(actor: NotificationsActor): SQL<number> {
  return sql<number>`(select count(*)::int from (select 1 from ${notifications}
        where ${own(actor)} and ${notifications.readAt} is null limit ${UNREAD_COUNT_CAP}) unread)`;
}

async function unreadCount(tx: Tx, actor: NotificationsActor): Promise<number> {
  const { rows } = await tx.execute<{ n: number }>(sql`select ${unreadCountSql(actor)} as n`);
  return rows[0]?.n ?? 0;
}

/**
 * How many of the actor's notifications are unread, counted up to UNREAD_COUNT_CAP (the
 * bell shows "99+"), so a neglected inbox costs no more than a tidy one. Uses the partial
 * index notifications_unread_idx.
 */
export async function countUnreadNotifications(actor: NotificationsActor): Promise<number> {
  return withTenant(tenantOf(actor, true), (tx) => unreadCount(tx, actor));
}

/**
 * The bell: the unread count and the latest `limit` notifications, in one statement (each
 * row carries the count; no rows means none at all, so none unread), in the render's
 * shared read transaction (db/tenant.ts readTenant).
 */
export async function notificationBell(actor: NotificationsActor, limit = 8): Promise<{ unread: number; latest: NotificationDto[] }> {
  const rows = await readTenant(tenantOf(actor, true), (tx) =>
    tx
      .select({ ...columns, unread: unreadCountSql(actor) })
      .from(notifications)
      .where(own(actor))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(limit),
  );
  return { unread: rows[0]?.unread ?? 0, latest: rows.map(dtoOf) };
}

/**
 * Marks one of the actor's notifications read (a read one keeps its first read time) and
 * answers it. Another user's, another agency's, or no such id: NOT_FOUND.
 */
export async function markNotificationRead(actor: NotificationsActor, id: string): Promise<NotificationDto> {
  if (!UUID.test(id)) throw new AppError("NOT_FOUND", "not a notification id");
  const [row] = await withTenant(tenantOf(actor), (tx) =>
    tx
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, ${clock.now()}::timestamptz)` })
      .where(and(own(actor), eq(notifications.id, id)))
      .returning(columns),
  );
  if (!row) throw new AppError("NOT_FOUND", "no such notification of this user");
  return dtoOf(row);
}

/**
 * Marks every unread notification of the actor read, those created up to `upTo` (the
 * moment the list was shown: one that arrived since stays unread); answers how many.
 */
export async function markAllNotificationsRead(actor: NotificationsActor, upTo: Date = clock.now()): Promise<{ marked: number }> {
  const rows = await withTenant(tenantOf(actor), (tx) =>
    tx
      .update(notifications)
      .set({ readAt: clock.now() })
      .where(and(own(actor), isNull(notifications.readAt), lte(notifications.createdAt, upTo)))
      .returning({ id: notifications.id }),
  );
  return { marked: rows.length };
}
