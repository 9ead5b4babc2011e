"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { moveCardAction, type MoveCardFailure } from "@/app/(app)/[agency]/registrations/actions";
import { useCatalogue } from "@/components/members/form-controls";
import type { ActionResult } from "@/lib/actions/result";
import type { BoardCard } from "@/lib/registration/board";
import type { CardDetail } from "@/lib/registration/card-detail";
import type { Stage } from "@/lib/registration/pipelines";
import type { BoardViewer, MoveOutcome } from "./board";
import { BoardToast, type BoardToastMessage } from "./board-toast";
import { CardDetailView } from "./card-detail-view";
import { CardDrawer } from "./card-drawer";
import type { CalendarDays } from "./format";

/**
 * A move away from the board (the list view's drawer, a card's own page): sent with the
 * card's version, said in a toast (moved; someone was first, who and when; refused, why),
 * then the page is read again.
 */
function useStandaloneMove(agencySlug: string, timeZone: string) {
  const t = useTranslations("board");
  const tStages = useTranslations("portal.stages");
  const say = useCatalogue();
  const formatter = useFormatter();
  const router = useRouter();
  const [toast, setToast] = useState<BoardToastMessage | null>(null);
  const dismiss = useCallback(() => setToast(null), []);

  const move = useCallback(
    async (card: BoardCard, to: Stage): Promise<MoveOutcome> => {
      let result: ActionResult<BoardCard> | MoveCardFailure;
      try {
        result = await moveCardAction(agencySlug, { id: card.id, to, version: card.version });
      } catch {
        result = { ok: false, code: "UNAVAILABLE", message: "errors.codes.UNAVAILABLE" };
      }
      if (result.ok) {
        setToast({ id: Date.now(), tone: "success", text: t("moves.moved", { stage: tStages(to) }) });
        router.refresh();
        return { ok: true, changed: true };
      }
      const failure = result as MoveCardFailure;
      if (failure.stale) {
        const { movedBy, movedAt, card: current } = failure.stale;
        const time = movedAt ? formatter.dateTime(new Date(movedAt), { dateStyle: "medium", timeStyle: "short", timeZone }) : null;
        setToast({
          id: Date.now(),
          tone: "error",
          text: !time ? t("moves.staleNoTime") : movedBy ? t("moves.stale", { name: movedBy, stage: tStages(current.stage), time }) : t("moves.staleUnknown", { time }),
        });
        router.refresh();
        return { ok: false, changed: true };
      }
      const reason = say(failure.message);
      setToast({ id: Date.now(), tone: "error", text: failure.reason ? t("moves.refused", { reason }) : t("moves.failed", { reason }) });
      return { ok: false, changed: false };
    },
    [agencySlug, formatter, router, say, t, tStages, timeZone],
  );

  return { move, toast, dismiss };
}

/** The list view's drawer: the open card (?card=) over the list. */
export function ListCardDrawer(props: {
  agencySlug: string;
  initialDetail: CardDetail | null;
  timeZone: string;
  calendarDays: CalendarDays;
  viewer: BoardViewer;
}) {
  const { move, toast, dismiss } = useStandaloneMove(props.agencySlug, props.timeZone);
  const router = useRouter();
  return (
    <>
      <CardDrawer {...props} onMove={move} onCardChanged={() => router.refresh()} />
      <BoardToast message={toast} onDismiss={dismiss} />
    </>
  );
}

/** A card's own page (/<agency>/registrations/<id>): the drawer's content as the page. */
export function CardPage({
  agencySlug,
  detail,
  timeZone,
  calendarDays,
  viewer,
}: {
  agencySlug: string;
  detail: CardDetail;
  timeZone: string;
  calendarDays: CalendarDays;
  viewer: BoardViewer;
}) {
  const router = useRouter();
  const { move, toast, dismiss } = useStandaloneMove(agencySlug, timeZone);
  return (
    <>
      <CardDetailView
        agencySlug={agencySlug}
        detail={detail}
        timeZone={timeZone}
        calendarDays={calendarDays}
        viewer={viewer}
        onMove={move}
        onChanged={() => router.refresh()}
        headingLevel={1}
      />
      <BoardToast message={toast} onDismiss={dismiss} />
    </>
  );
}
