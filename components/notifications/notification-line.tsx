"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { MouseEvent, ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import type { NotificationView } from "@/lib/notifications/schemas";

/**
 * One notification: an unread dot (and the word, for screen readers), the title as a
 * link to what it is about (or a button when it links nowhere), the body and how long
 * ago. `onOpen` marks it read on the way.
 */
export function NotificationLine({
  item,
  now,
  compact = false,
  onOpen,
  disabled,
  actions,
}: {
  item: NotificationView;
  now: string;
  compact?: boolean;
  onOpen: (event: MouseEvent<HTMLAnchorElement | HTMLButtonElement>) => void;
  disabled?: boolean;
  actions?: ReactNode;
}) {
  const t = useTranslations("notifications.item");
  const format = useFormatter();
  const created = new Date(item.createdAt);
  const titleClass = cn(
    "text-left break-keep break-words underline-offset-2 outline-none hover:underline focus-visible:underline focus-visible:ring-2 focus-visible:ring-ring rounded-sm",
    item.read ? "font-normal" : "font-semibold",
  );

  return (
    // On a phone the actions wrap under the text rather than squeezing it.
    <div className={cn("flex flex-wrap items-start gap-x-2.5 gap-y-1", compact ? "px-3 py-2.5" : "px-4 py-3")}>
      <span className="mt-1.5 flex size-2 shrink-0 justify-center">
        {!item.read && <span aria-hidden="true" className="size-2 rounded-full bg-primary" />}
      </span>
      <div className="min-w-0 flex-1 basis-64">
        <p className="leading-snug">
          <span className="sr-only">{item.read ? t("read") : t("unread")} · </span>
          {item.href ? (
            <a href={item.href} onClick={onOpen} aria-disabled={disabled || undefined} className={titleClass}>
              {item.title}
            </a>
          ) : (
            <button type="button" onClick={onOpen} disabled={disabled} className={titleClass}>
              {item.title}
            </button>
          )}
        </p>
        {item.body && (
          <p className={cn("mt-0.5 break-words text-muted-foreground", compact && "line-clamp-2 text-xs")}>{item.body}</p>
        )}
        <time
          dateTime={item.createdAt}
          title={format.dateTime(created, { dateStyle: "medium", timeStyle: "short" })}
          className="mt-0.5 block text-xs text-muted-foreground"
        >
          {format.relativeTime(created, new Date(now))}
        </time>
      </div>
      {actions && <div className="ml-auto shrink-0">{actions}</div>}
    </div>
  );
}
