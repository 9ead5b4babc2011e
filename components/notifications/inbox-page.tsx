import { Bell, Settings2 } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { clock } from "@/lib/clock";
import { notificationListQuerySchema } from "@/lib/notifications/schemas";
import { countUnreadNotifications, listNotifications, type NotificationsActor } from "@/lib/notifications/service";
import { notificationWording } from "@/lib/notifications/wording";
import type { MarkAllReadAction, MarkReadAction } from "./notification-bell";
import { NotificationInbox } from "./notification-inbox";

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The inbox below a page's header (staff app and portal): the filter (all / unread, in
 * the URL), one keyset page of 20, "Newest" and "Older", the empty states. A cursor that
 * does not parse shows the newest page with a note, never an error page.
 */
export async function InboxView({
  actor,
  searchParams,
  basePath,
  portal,
  preferencesHref,
  markRead,
  markAll,
}: {
  actor: NotificationsActor;
  searchParams: SearchParams;
  /** The inbox's own path (/<agency>/notifications or /portal/<agency>/notifications). */
  basePath: string;
  portal: boolean;
  preferencesHref: string | null;
  markRead: MarkReadAction;
  markAll: MarkAllReadAction;
}) {
  const t = await getTranslations("notifications");
  const unreadParam = first(searchParams.unread);
  const filter = notificationListQuerySchema.shape.unread.safeParse(unreadParam);
  const unreadOnly = filter.success ? filter.data : false;
  const rawCursor = first(searchParams.cursor);
  const cursor = rawCursor ? notificationListQuerySchema.shape.cursor.safeParse(rawCursor) : null;
  const staleCursor = cursor !== null && !cursor.success;

  const [page, unread, word] = await Promise.all([
    listNotifications(actor, { unread: unreadOnly, cursor: cursor?.success ? cursor.data : undefined }),
    countUnreadNotifications(actor),
    notificationWording(actor.agency.slug, portal),
  ]);
  const now = clock.now().toISOString();
  const hrefOf = (params: { unread?: boolean; cursor?: string }) => {
    const query = new URLSearchParams();
    if (params.unread) query.set("unread", "1");
    if (params.cursor) query.set("cursor", params.cursor);
    const text = query.toString();
    return text ? `${basePath}?${text}` : basePath;
  };
  const tab = (active: boolean) =>
    cn(
      "inline-flex items-center rounded-md px-3 text-sm font-medium",
      portal ? "h-10" : "h-8",
      active ? "bg-accent text-accent-foreground" : "text-muted-foreground hover:bg-accent/60",
    );

  const toolbar = (
    <>
      <nav aria-label={t("inbox.filterLabel")} className="flex gap-1 rounded-lg border p-1">
        <Link href={hrefOf({})} aria-current={unreadOnly ? undefined : "page"} className={tab(!unreadOnly)}>
          {t("inbox.all")}
        </Link>
        <Link href={hrefOf({ unread: true })} aria-current={unreadOnly ? "page" : undefined} className={tab(unreadOnly)}>
          {t("inbox.unread")}
          <span className="ml-1.5 text-xs tabular-nums">{unread > 99 ? "99+" : unread}</span>
        </Link>
      </nav>
      {preferencesHref && (
        <Link href={preferencesHref} className={cn(buttonClass.ghost, "ml-auto", portal && "h-10")}>
          <Settings2 aria-hidden="true" className="size-4" />
          {t("inbox.preferences")}
        </Link>
      )}
    </>
  );
  const empty = page.items.length === 0 && !cursor?.success;

  return (
    <div>
      {empty && <div className="mb-4 flex flex-wrap items-center gap-2">{toolbar}</div>}
      {staleCursor && <p className="mb-3 text-sm text-muted-foreground">{t("inbox.staleCursor")}</p>}
      {empty ? (
        unreadOnly ? (
          <EmptyState Icon={Bell} title={t("inbox.emptyUnreadTitle")} body={t("inbox.emptyUnreadBody")}>
            <Link href={hrefOf({})} className={buttonClass.secondary}>
              {t("inbox.all")}
            </Link>
          </EmptyState>
        ) : (
          <EmptyState Icon={Bell} title={t("inbox.emptyAllTitle")} body={t("inbox.emptyAllBody")} />
        )
      ) : (
        <NotificationInbox
          agencySlug={actor.agency.slug}
          items={page.items.map(word)}
          now={now}
          unread={unread}
          markRead={markRead}
          markAll={markAll}
          roomy={portal}
          toolbar={toolbar}
        />
      )}
      {(cursor?.success || page.next) && (
        <nav aria-label={t("inbox.pagesLabel")} className="mt-4 flex gap-2">
          {cursor?.success && (
            <Link href={hrefOf({ unread: unreadOnly })} className={buttonClass.secondary}>
              {t("inbox.newest")}
            </Link>
          )}
          {page.next && (
            <Link href={hrefOf({ unread: unreadOnly, cursor: page.next })} className={cn(buttonClass.secondary, "ml-auto")}>
              {t("inbox.older")}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
