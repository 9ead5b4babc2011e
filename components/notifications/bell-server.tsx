import { clock } from "@/lib/clock";
import { notificationBell, type NotificationsActor } from "@/lib/notifications/service";
import { notificationWording } from "@/lib/notifications/wording";
import { type MarkAllReadAction, type MarkReadAction, NotificationBell } from "./notification-bell";

/** How many the bell lists; the inbox has the rest. */
const BELL_ITEMS = 8;

/**
 * The bell as the layout renders it: the unread count and the latest notifications, read
 * on the server for this request (no polling; the actions revalidate the layout).
 */
export async function NotificationBellServer({
  actor,
  portal,
  markRead,
  markAll,
}: {
  actor: NotificationsActor;
  portal: boolean;
  markRead: MarkReadAction;
  markAll: MarkAllReadAction;
}) {
  const slug = actor.agency.slug;
  const [{ unread, latest }, word] = await Promise.all([notificationBell(actor, BELL_ITEMS), notificationWording(slug, portal)]);
  return (
    <NotificationBell
      agencySlug={slug}
      unread={unread}
      items={latest.map(word)}
      now={clock.now().toISOString()}
      allHref={portal ? `/portal/${slug}/notifications` : `/${slug}/notifications`}
      markRead={markRead}
      markAll={markAll}
    />
  );
}
