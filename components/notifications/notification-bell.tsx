"use client";

import { Bell } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type KeyboardEvent, type MouseEvent, useCallback, useId, useRef, useState, useTransition } from "react";
import { useCatalogue } from "@/components/members/form-controls";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { useOutsidePointerDown } from "@/components/ui/use-outside-pointer-down";
import type { ActionResult } from "@/lib/actions/result";
import type { NotificationView } from "@/lib/notifications/schemas";
import { NotificationLine } from "./notification-line";

export type MarkReadAction = (agencySlug: string, id: string) => Promise<ActionResult<{ id: string }>>;
export type MarkAllReadAction = (agencySlug: string, input: { upTo: string }) => Promise<ActionResult<{ marked: number }>>;

/** The badge's text: the count, or 99+. */
export function badgeText(count: number): string {
  return count > 99 ? "99+" : String(count);
}

/**
 * The bell in the header: the unread count (read by the layout on the server) and a
 * disclosure with the latest notifications. Focus stays on the button when it opens; Tab
 * walks into the panel; Escape closes it and returns focus to the button. Opening one
 * marks it read and goes to its page; the server action revalidates the layout, so the
 * count drops.
 */
export function NotificationBell({
  agencySlug,
  unread,
  items,
  now,
  allHref,
  markRead,
  markAll,
}: {
  agencySlug: string;
  unread: number;
  items: NotificationView[];
  /** When the server read them: relative times and "mark all" are as of then. */
  now: string;
  allHref: string;
  markRead: MarkReadAction;
  markAll: MarkAllReadAction;
}) {
  const t = useTranslations("notifications");
  const say = useCatalogue();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const headingId = useId();

  const dismiss = useCallback(() => setOpen(false), []);
  useOutsidePointerDown(rootRef, open, dismiss);

  const label = unread > 99 ? t("bell.labelMany") : t("bell.label", { count: unread });

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
      triggerRef.current?.focus();
    }
  }

  function openItem(event: MouseEvent<HTMLAnchorElement | HTMLButtonElement>, item: NotificationView) {
    // A new tab or window: the browser opens it; the notification is marked read all the same.
    const newTab = event.metaKey || event.ctrlKey || event.shiftKey || event.button === 1;
    if (!newTab) event.preventDefault();
    startTransition(async () => {
      if (!item.read) {
        const result = await markRead(agencySlug, item.id);
        if (!result.ok) setStatus(say(result.message));
      }
      if (newTab) return;
      setOpen(false);
      if (item.href) router.push(item.href);
      else triggerRef.current?.focus();
    });
  }

  function onMarkAll() {
    startTransition(async () => {
      const result = await markAll(agencySlug, { upTo: now });
      setStatus(result.ok ? t("inbox.marked", { count: result.data.marked }) : say(result.message));
    });
  }

  return (
    <div
      ref={rootRef}
      className="relative"
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={triggerRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        onClick={() => {
          setStatus(null);
          setOpen((value) => !value);
        }}
        className={cn(buttonClass.icon, "relative")}
      >
        <Bell aria-hidden="true" className="size-4" />
        {unread > 0 && (
          <span
            aria-hidden="true"
            className="absolute -top-0.5 -right-0.5 grid h-4 min-w-4 place-items-center rounded-full bg-primary px-1 text-[10px] leading-none font-semibold text-primary-foreground tabular-nums"
          >
            {badgeText(unread)}
          </span>
        )}
      </button>
      <div
        id={panelId}
        role="region"
        aria-labelledby={headingId}
        hidden={!open}
        className="fixed inset-x-2 top-[3.75rem] z-50 rounded-lg border bg-popover text-sm text-popover-foreground shadow-[0_8px_24px_var(--shadow-color)] sm:absolute sm:inset-x-auto sm:top-full sm:right-0 sm:mt-1 sm:w-96"
      >
        <div className="flex items-center gap-2 border-b px-3 py-2">
          <h2 id={headingId} className="font-semibold">
            {t("bell.heading")}
          </h2>
          <span className="text-xs text-muted-foreground">{unread > 99 ? t("bell.unreadSummaryMany") : t("bell.unreadSummary", { count: unread })}</span>
          {unread > 0 && (
            <button type="button" onClick={onMarkAll} disabled={pending} className={cn(buttonClass.ghost, "ml-auto h-7 text-xs")}>
              {t("bell.markAll")}
            </button>
          )}
        </div>
        <p role="status" className={cn("px-3 text-xs text-muted-foreground", status ? "pt-2" : "sr-only")}>
          {status}
        </p>
        {/* The lines only while open: the layout renders the bell on every page. */}
        {!open ? null : items.length === 0 ? (
          <p className="px-3 py-6 text-center text-muted-foreground">{t("bell.empty")}</p>
        ) : (
          <ul className="max-h-[min(26rem,calc(100dvh-9rem))] divide-y overflow-y-auto">
            {items.map((item) => (
              <li key={item.id}>
                <NotificationLine item={item} now={now} compact onOpen={(event) => openItem(event, item)} disabled={pending} />
              </li>
            ))}
          </ul>
        )}
        <div className="border-t p-1">
          <Link
            href={allHref}
            onClick={() => setOpen(false)}
            className="flex h-9 items-center justify-center rounded-md text-sm font-medium text-primary hover:bg-accent"
          >
            {t("bell.seeAll")}
          </Link>
        </div>
      </div>
    </div>
  );
}
