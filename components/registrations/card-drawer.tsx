"use client";

import { ExternalLink, RotateCcw, X } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { type ReactNode, type SyntheticEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { loadCardAction } from "@/app/(app)/[agency]/registrations/actions";
import { buttonClass } from "@/components/ui/button-styles";
import { Skeleton } from "@/components/ui/skeleton";
import type { BoardCard } from "@/lib/registration/board";
import type { CardDetail } from "@/lib/registration/card-detail";
import type { Stage } from "@/lib/registration/pipelines";
import type { BoardViewer, MoveOutcome } from "./board";
import { CardDetailView } from "./card-detail-view";
import type { CalendarDays } from "./format";

type Loaded = { id: string; status: "ready"; detail: CardDetail } | { id: string; status: "loading" | "error" | "notFound" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Card `id` in full, or why not. */
async function readCard(agencySlug: string, id: string): Promise<Loaded> {
  try {
    const result = await loadCardAction(agencySlug, id);
    return result.ok ? { id, status: "ready", detail: result.data } : { id, status: result.code === "NOT_FOUND" ? "notFound" : "error" };
  } catch {
    return { id, status: "error" };
  }
}

/**
 * The open card (?card=<id>, ux.md: the drawer is in the URL, so a pasted link opens it) in
 * a side sheet over the board: a native modal <dialog>, so focus stays in it and Escape
 * closes it; closing drops ?card= and focus goes back to the card. Opened from a link, the
 * page's server render brings the card along; opened from the board, it is read here.
 */
export function CardDrawer({
  agencySlug,
  initialDetail,
  timeZone,
  calendarDays,
  viewer,
  onMove,
  onCardChanged,
}: {
  agencySlug: string;
  initialDetail: CardDetail | null;
  timeZone: string;
  calendarDays: CalendarDays;
  viewer: BoardViewer;
  onMove: (card: BoardCard, to: Stage) => Promise<MoveOutcome>;
  /** A change made in the drawer (its waiting flag), for the board to show. */
  onCardChanged?: (card: BoardCard) => void;
}) {
  const searchParams = useSearchParams();
  const cardId = searchParams.get("card");
  const [loaded, setLoaded] = useState<Loaded | null>(() =>
    initialDetail && initialDetail.card.id === cardId ? { id: initialDetail.card.id, status: "ready", detail: initialDetail } : null,
  );

  /** Reads the card again (after a move or a note); the card stays on screen meanwhile. */
  const load = useCallback((id: string) => void readCard(agencySlug, id).then(setLoaded), [agencySlug]);

  useEffect(() => {
    if (!cardId || !UUID.test(cardId) || loaded?.id === cardId) return;
    let current = true;
    void readCard(agencySlug, cardId).then((next) => {
      if (current) setLoaded(next);
    });
    return () => {
      current = false;
    };
  }, [agencySlug, cardId, loaded?.id]);

  const retry = useCallback(
    (id: string) => {
      setLoaded({ id, status: "loading" });
      load(id);
    },
    [load],
  );

  const close = useCallback(() => {
    const params = new URLSearchParams(window.location.search);
    params.delete("card");
    const search = params.toString();
    window.history.pushState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
  }, []);

  if (!cardId) return null;
  return (
    <DrawerDialog key={cardId} cardId={cardId} pageHref={`/${agencySlug}/registrations/${encodeURIComponent(cardId)}`} onClose={close}>
      {(titleId) =>
        loaded?.id === cardId && loaded.status === "ready" ? (
          <CardDetailView
            agencySlug={agencySlug}
            detail={loaded.detail}
            timeZone={timeZone}
            calendarDays={calendarDays}
            viewer={viewer}
            onMove={onMove}
            onChanged={() => load(cardId)}
            onCardChanged={onCardChanged}
            titleId={titleId}
          />
        ) : (
          <DrawerState
            titleId={titleId}
            status={!UUID.test(cardId) ? "notFound" : loaded?.id === cardId ? loaded.status : "loading"}
            onRetry={() => retry(cardId)}
          />
        )
      }
    </DrawerDialog>
  );
}

function DrawerState({ titleId, status, onRetry }: { titleId: string; status: "loading" | "error" | "notFound" | "ready"; onRetry: () => void }) {
  const t = useTranslations("board.drawer");
  if (status === "loading" || status === "ready") {
    return (
      <div role="status" aria-live="polite">
        <h2 id={titleId} className="sr-only">
          {t("loading")}
        </h2>
        <Skeleton className="h-6 w-2/3" />
        <Skeleton className="mt-2 h-4 w-1/2" />
        <Skeleton className="mt-6 h-9 w-full" />
        <Skeleton className="mt-4 h-32 w-full" />
        <Skeleton className="mt-4 h-24 w-full" />
      </div>
    );
  }
  return (
    <div role="alert" className="py-10 text-center">
      <h2 id={titleId} className="text-sm font-semibold">
        {status === "notFound" ? t("notFound") : t("loadFailed")}
      </h2>
      {status === "error" && (
        <button type="button" onClick={onRetry} className={`${buttonClass.secondary} mt-4`}>
          <RotateCcw aria-hidden="true" className="size-4" />
          {t("retry")}
        </button>
      )}
    </div>
  );
}

/** The side sheet itself: showModal on mount, focus into it, back to the card on close. */
function DrawerDialog({
  cardId,
  pageHref,
  onClose,
  children,
}: {
  cardId: string;
  pageHref: string;
  onClose: () => void;
  children: (titleId: string) => ReactNode;
}) {
  const t = useTranslations("board.drawer");
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // Back to the card it was opened from, when the board shows it.
      const card = document.querySelector<HTMLElement>(`[data-card-id="${CSS.escape(cardId)}"]`);
      (card ?? document.getElementById("main"))?.focus();
    };
  }, [cardId]);

  function onCancel(event: SyntheticEvent<HTMLDialogElement>) {
    event.preventDefault();
    onCloseRef.current();
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={onCancel}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
      className="m-0 ml-auto h-dvh max-h-dvh w-full max-w-xl overflow-y-auto border-l bg-background p-0 text-foreground shadow-[0_16px_48px_var(--shadow-color)] backdrop:bg-black/40"
    >
      <div className="sticky top-0 z-10 flex items-center justify-end gap-1 border-b bg-background/95 px-4 py-2 backdrop-blur">
        <Link href={pageHref} className={buttonClass.ghost}>
          <ExternalLink aria-hidden="true" className="size-4" />
          {t("openPage")}
        </Link>
        <button type="button" data-autofocus onClick={onClose} aria-label={t("close")} className={buttonClass.icon}>
          <X aria-hidden="true" className="size-4" />
        </button>
      </div>
      <div className="px-5 py-4 sm:px-6">{children(titleId)}</div>
    </dialog>
  );
}
