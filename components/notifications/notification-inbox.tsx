"use client";

import { Check } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type MouseEvent, type ReactNode, useState, useTransition } from "react";
import { useCatalogue } from "@/components/members/form-controls";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import type { NotificationView } from "@/lib/notifications/schemas";
import type { MarkAllReadAction, MarkReadAction } from "./notification-bell";
import { NotificationLine } from "./notification-line";

/**
 * The inbox's list: each notification with "Mark as read" while unread; opening one marks
 * it read and goes to its page. "Mark all as read" marks those shown up to when the page
 * was read. What happened is said in a status line; the server actions revalidate the
 * page and the bell.
 */
export function NotificationInbox({
  agencySlug,
  items,
  now,
  unread,
  markRead,
  markAll,
  roomy = false,
  toolbar,
}: {
  agencySlug: string;
  items: NotificationView[];
  now: string;
  /** The user's unread count (all pages), for "Mark all as read". */
  unread: number;
  markRead: MarkReadAction;
  markAll: MarkAllReadAction;
  /** The portal: larger touch targets. */
  roomy?: boolean;
  /** The filter and links, in one row with "Mark all as read". */
  toolbar?: ReactNode;
}) {
  const t = useTranslations("notifications");
  const say = useCatalogue();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);

  function mark(item: NotificationView) {
    startTransition(async () => {
      const result = await markRead(agencySlug, item.id);
      setStatus(result.ok ? { text: t("inbox.markedOne"), error: false } : { text: say(result.message), error: true });
    });
  }

  function open(event: MouseEvent<HTMLAnchorElement | HTMLButtonElement>, item: NotificationView) {
    const newTab = event.metaKey || event.ctrlKey || event.shiftKey || event.button === 1;
    if (!newTab) event.preventDefault();
    startTransition(async () => {
      if (!item.read) {
        const result = await markRead(agencySlug, item.id);
        if (!result.ok) setStatus({ text: say(result.message), error: true });
      }
      if (!newTab && item.href) router.push(item.href);
    });
  }

  function onMarkAll() {
    startTransition(async () => {
      const result = await markAll(agencySlug, { upTo: now });
      setStatus(
        result.ok ? { text: t("inbox.marked", { count: result.data.marked }), error: false } : { text: say(result.message), error: true },
      );
    });
  }

  const touch = roomy ? "h-10 px-3" : "";
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        {toolbar}
        {unread > 0 && (
          <button type="button" onClick={onMarkAll} disabled={pending} className={cn(buttonClass.secondary, touch)}>
            <Check aria-hidden="true" className="size-4" />
            {t("bell.markAll")}
          </button>
        )}
      </div>
      <p role="status" className={cn("text-sm", status ? "mb-3" : "sr-only", status?.error ? "text-destructive" : "text-muted-foreground")}>
        {status?.text}
      </p>
      <ul aria-label={t("inbox.listLabel")} className="divide-y overflow-hidden rounded-lg border">
        {items.map((item) => (
          <li key={item.id} className={cn(!item.read && "bg-accent/40")}>
            <NotificationLine
              item={item}
              now={now}
              onOpen={(event) => open(event, item)}
              disabled={pending}
              actions={
                !item.read && (
                  <button
                    type="button"
                    onClick={() => mark(item)}
                    disabled={pending}
                    className={cn(buttonClass.ghost, "shrink-0 text-xs", touch)}
                  >
                    {t("item.markRead")}
                    <span className="sr-only">{t("item.markReadContext", { title: item.title })}</span>
                  </button>
                )
              }
            />
          </li>
        ))}
      </ul>
    </div>
  );
}
