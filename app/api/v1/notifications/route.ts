import { apiRoute, jsonResponse, parseOrRefuse, queryOf } from "@/lib/api/handler";
import { notificationListQuerySchema } from "@/lib/notifications/schemas";
import { countUnreadNotifications, listNotifications } from "@/lib/notifications/service";

export const dynamic = "force-dynamic";

/*
 * Notifications are personal: a token acts as its member, so these routes read and mark
 * that member's own notifications in the token's agency, never anyone else's (the
 * database's own_notifications_* policies say so as well).
 */

/**
 * GET /api/v1/notifications?unread=1&cursor=…: the member's own notifications, newest
 * first, 20 a page; `next` is the cursor of the following page. Also the unread count.
 */
export const GET = apiRoute(async ({ request, actor }) => {
  const query = parseOrRefuse(notificationListQuerySchema, queryOf(request), "notification list query");
  const [page, unread] = await Promise.all([listNotifications(actor, query), countUnreadNotifications(actor)]);
  return jsonResponse({ data: page.items, unread, next: page.next });
});
