"use client";

import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MeasuringStrategy,
  MouseSensor,
  TouchSensor,
  pointerWithin,
  rectIntersection,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
} from "@dnd-kit/core";
import { ChevronDown, ChevronRight, Lock, LoaderCircle } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { loadColumnAction, moveCardAction, type MoveCardFailure } from "@/app/(app)/[agency]/registrations/actions";
import { useCatalogue } from "@/components/members/form-controls";
import { cn } from "@/components/ui/cn";
import type { ActionResult } from "@/lib/actions/result";
import type { BoardCard, BoardColumn } from "@/lib/registration/board";
import { boardSearchParams, type BoardQuery } from "@/lib/registration/board-view";
import type { CardDetail } from "@/lib/registration/card-detail";
import type { Pipeline, Stage } from "@/lib/registration/pipelines";
import { checkMove, columnChecks, moveContextOf, type MoveCheck } from "@/lib/registration/transitions";
import type { Role } from "@/lib/rbac/roles";
import { BoardToast, type BoardToastMessage } from "./board-toast";
import { CardDrawer } from "./card-drawer";
import { CardFace, useAccountLine } from "./card-face";
import { useBoardFormat, useCalendar, type CalendarDays } from "./format";

const COLUMN_PREFIX = "column:";
const noSubscription = () => () => {};
const columnId = (stage: Stage) => `${COLUMN_PREFIX}${stage}`;
const stageOfColumn = (id: unknown): Stage | null =>
  typeof id === "string" && id.startsWith(COLUMN_PREFIX) ? (id.slice(COLUMN_PREFIX.length) as Stage) : null;

/** Due date ascending, undated last, then id: the order the server reads columns in. */
function compareCards(a: BoardCard, b: BoardCard): number {
  if (a.dueAt !== b.dueAt) {
    if (a.dueAt === null) return 1;
    if (b.dueAt === null) return -1;
    return a.dueAt < b.dueAt ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function withCard(cards: BoardCard[], card: BoardCard): BoardCard[] {
  return [...cards.filter((other) => other.id !== card.id), card].sort(compareCards);
}

type ColumnState = BoardColumn & { loading: boolean; loadFailed: boolean };

/** What a move came to, for the drawer's buttons: moved, or the card changed anyway (someone else was first). */
export type MoveOutcome = { ok: boolean; changed: boolean };

export type BoardViewer = { userId: string; role: Role; canMove: boolean };

/** Pointer inside a column first (mouse, touch); the dragged card's rectangle otherwise (keyboard). */
const collisionDetection: CollisionDetection = (args) => {
  if (args.pointerCoordinates) {
    const hits = pointerWithin(args);
    if (hits.length > 0) return hits;
  }
  return rectIntersection(args);
};

/**
 * The registrations board of one pipeline (issue 7 §3): columns with counts, the first
 * cards of each and "show more", drag and drop by mouse, touch and keyboard (dnd-kit; the
 * keyboard sensor goes from column to column with the arrow keys and announces where the
 * card is in the reader's language). While a card is dragged, the columns it cannot go to
 * are greyed, with the reason (lib/registration/transitions.ts, the rules the server
 * enforces) where the card is held over them. A move is optimistic and carries the card's
 * version: a stale one puts the card where it now stands and says who moved it and when;
 * a refused one puts it back and says why. The open card (?card=) shows in a drawer.
 */
export function Board({
  agencySlug,
  pipeline,
  query,
  initialColumns,
  timeZone,
  now,
  calendarDays,
  viewer,
  initialDetail,
}: {
  agencySlug: string;
  pipeline: Pipeline;
  /** The board's filters, for "show more". */
  query: BoardQuery;
  initialColumns: BoardColumn[];
  timeZone: string;
  now: string;
  calendarDays: CalendarDays;
  viewer: BoardViewer;
  initialDetail: CardDetail | null;
}) {
  const t = useTranslations("board");
  const tStages = useTranslations("portal.stages");
  const tPipelines = useTranslations("clientsList.pipelines");
  const say = useCatalogue();
  const formatter = useFormatter();
  const calendar = useCalendar(calendarDays);
  const format = useBoardFormat(timeZone, now, calendar);
  const accountLine = useAccountLine();
  const searchParams = useSearchParams();
  // True once the board runs in the browser (false in the server's HTML): drags work from then on.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);

  const [columns, setColumns] = useState<ColumnState[]>(() => initialColumns.map((column) => ({ ...column, loading: false, loadFailed: false })));
  const [collapsed, setCollapsed] = useState<Set<Stage>>(() => new Set(["rejected", "abandoned"]));
  const [pending, setPending] = useState<Set<string>>(() => new Set());
  const [activeId, setActiveId] = useState<string | null>(null);
  const [checks, setChecks] = useState<Map<Stage, MoveCheck> | null>(null);
  const [overStage, setOverStage] = useState<Stage | null>(null);
  const [toast, setToast] = useState<BoardToastMessage | null>(null);
  const dismissToast = useCallback(() => setToast(null), []);

  const columnsRef = useRef(columns);
  const checksRef = useRef(checks);
  useEffect(() => {
    columnsRef.current = columns;
    checksRef.current = checks;
  });

  const findCard = useCallback((id: string): BoardCard | null => {
    for (const column of columnsRef.current) {
      const card = column.cards.find((candidate) => candidate.id === id);
      if (card) return card;
    }
    return null;
  }, []);

  const stageName = useCallback((stage: Stage) => tStages(stage), [tStages]);
  const cardName = useCallback((card: BoardCard) => `${card.company.name} · ${accountLine(card)}`, [accountLine]);

  /** The check of every column for `card`, as the server would make it now. */
  const checksFor = useCallback(
    (card: BoardCard) =>
      new Map(columnChecks(card, moveContextOf(card, { userId: viewer.userId, role: viewer.role }, new Date())).map(({ stage, check }) => [stage, check])),
    [viewer.userId, viewer.role],
  );

  const refusalText = useCallback((check: MoveCheck) => (check.ok ? "" : say(check.messageKey)), [say]);

  /** Takes `card` out of its column and puts `next` into `next.stage`'s, with the counts. */
  const place = useCallback((card: BoardCard, next: BoardCard | null) => {
    setColumns((current) =>
      current.map((column) => {
        let { cards, count } = column;
        if (column.stage === card.stage && cards.some((other) => other.id === card.id)) {
          cards = cards.filter((other) => other.id !== card.id);
          count -= 1;
        }
        if (next && column.stage === next.stage) {
          if (!cards.some((other) => other.id === next.id)) count += 1;
          cards = withCard(cards, next);
        }
        return cards === column.cards && count === column.count ? column : { ...column, cards, count };
      }),
    );
  }, []);

  const setCardPending = useCallback((id: string, on: boolean) => {
    setPending((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  const staleText = useCallback(
    (failure: MoveCardFailure) => {
      const stale = failure.stale!;
      if (!stale.movedAt) return t("moves.staleNoTime");
      const time = formatter.dateTime(new Date(stale.movedAt), { dateStyle: "medium", timeStyle: "short", timeZone });
      return stale.movedBy
        ? t("moves.stale", { name: stale.movedBy, stage: stageName(stale.card.stage), time })
        : t("moves.staleUnknown", { time });
    },
    [formatter, stageName, t, timeZone],
  );

  /** The latest moveCard, for an Undo made before it changed. */
  const moveRef = useRef<(id: string, to: Stage) => Promise<MoveOutcome>>(async () => ({ ok: false, changed: false }));

  /**
   * Moves card `id` to `to`: checked here as the server will, shown at once, then sent
   * with the card's version. Resolves once the server has answered.
   */
  const moveCard = useCallback(
    async (id: string, to: Stage, fallback?: BoardCard): Promise<MoveOutcome> => {
      // A card opened from a link may not be among the cards the board has loaded.
      const card = findCard(id) ?? fallback ?? null;
      if (!card || card.stage === to) return { ok: false, changed: false };
      const check = checkMove(card, to, moveContextOf(card, { userId: viewer.userId, role: viewer.role }, new Date()));
      if (!check.ok) {
        setToast({ id: Date.now(), tone: "error", text: t("moves.refused", { reason: refusalText(check) }) });
        return { ok: false, changed: false };
      }
      const optimistic: BoardCard = { ...card, stage: to };
      place(card, optimistic);
      setCardPending(id, true);
      let result: ActionResult<BoardCard> | MoveCardFailure;
      try {
        result = await moveCardAction(agencySlug, { id, to, version: card.version });
      } catch {
        result = { ok: false, code: "UNAVAILABLE", message: "errors.codes.UNAVAILABLE" };
      }
      setCardPending(id, false);
      if (result.ok) {
        const moved = result.data;
        place(optimistic, moved);
        const from = card.stage;
        const undo = moved.lastMove && moved.lastMove.by?.id === viewer.userId ? () => void moveRef.current(moved.id, from) : undefined;
        setToast({
          id: Date.now(),
          tone: "success",
          text: t(check.kind === "undo" ? "moves.undone" : "moves.moved", { stage: stageName(to) }),
          ...(undo && check.kind !== "undo" ? { action: { label: t("moves.undo"), run: undo } } : {}),
        });
        return { ok: true, changed: true };
      }
      const failure = result as MoveCardFailure;
      if (failure.stale) {
        // Someone was first: the card goes where it now stands, with its current version.
        place(optimistic, failure.stale.card);
        setToast({ id: Date.now(), tone: "error", text: staleText(failure) });
        return { ok: false, changed: true };
      } else {
        place(optimistic, card);
        const reason = say(failure.message);
        setToast({ id: Date.now(), tone: "error", text: failure.reason ? t("moves.refused", { reason }) : t("moves.failed", { reason }) });
      }
      return { ok: false, changed: false };
    },
    [agencySlug, findCard, place, refusalText, say, setCardPending, stageName, staleText, t, viewer.role, viewer.userId],
  );

  useEffect(() => {
    moveRef.current = moveCard;
  });

  /* ------------------------------------------------------------ dragging */

  const visibleStages = useMemo(() => columns.map((column) => column.stage), [columns]);
  const stagesRef = useRef(visibleStages);
  useEffect(() => {
    stagesRef.current = visibleStages;
  });

  /** Left and right go to the previous or next column (collapsed ones included: they take a drop too). */
  const coordinateGetter: KeyboardCoordinateGetter = useCallback((event, { context }) => {
    if (event.code !== "ArrowRight" && event.code !== "ArrowLeft" && event.code !== "ArrowUp" && event.code !== "ArrowDown") return undefined;
    event.preventDefault();
    if (event.code === "ArrowUp" || event.code === "ArrowDown") return undefined;
    const { active, over, collisionRect, droppableRects } = context;
    if (!active || !collisionRect) return undefined;
    const stages = stagesRef.current;
    const from = stageOfColumn(over?.id) ?? (active.data.current?.stage as Stage | undefined) ?? null;
    const index = from ? stages.indexOf(from) : -1;
    const target = stages[Math.min(stages.length - 1, Math.max(0, index + (event.code === "ArrowRight" ? 1 : -1)))];
    // The column as measured for the drag, or, when a key comes before that measure, as it is now.
    const rect = target ? (droppableRects.get(columnId(target)) ?? document.querySelector(`[data-stage="${target}"]`)?.getBoundingClientRect()) : undefined;
    if (!rect) return undefined;
    return { x: rect.left + Math.max(0, (rect.width - collisionRect.width) / 2), y: rect.top + 48 };
  }, []);

  const measuring = useMemo(() => ({ droppable: { strategy: MeasuringStrategy.Always } }), []);

  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    // A press and a short hold picks a card up on a phone; a swipe still scrolls the board.
    useSensor(TouchSensor, { activationConstraint: { delay: 220, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter, keyboardCodes: { start: ["Space"], cancel: ["Escape"], end: ["Space", "Enter"] } }),
  );

  const onDragStart = useCallback(
    ({ active }: DragStartEvent) => {
      const card = findCard(String(active.id));
      if (!card) return;
      setActiveId(card.id);
      setChecks(checksFor(card));
      setOverStage(card.stage);
    },
    [checksFor, findCard],
  );

  const onDragOver = useCallback(({ over }: DragOverEvent) => setOverStage(stageOfColumn(over?.id)), []);

  const endDrag = useCallback(() => {
    setActiveId(null);
    setChecks(null);
    setOverStage(null);
  }, []);

  const onDragEnd = useCallback(
    ({ active, over }: DragEndEvent) => {
      const to = stageOfColumn(over?.id);
      const card = findCard(String(active.id));
      const check = to ? checksRef.current?.get(to) : undefined;
      endDrag();
      if (!card || !to || to === card.stage || !check) return;
      if (!check.ok) {
        setToast({ id: Date.now(), tone: "error", text: t("moves.refused", { reason: refusalText(check) }) });
        return;
      }
      void moveCard(card.id, to);
    },
    [endDrag, findCard, moveCard, refusalText, t],
  );

  const announcements: Announcements = useMemo(() => {
    const describe = (id: unknown) => {
      const card = findCard(String(id));
      return card ? cardName(card) : "";
    };
    const overText = (activeId: unknown, overId: unknown) => {
      const stage = stageOfColumn(overId);
      if (!stage) return undefined;
      const check = checksRef.current?.get(stage);
      const card = describe(activeId);
      return check && !check.ok && check.reason !== "sameStage"
        ? t("dnd.overRefused", { card, column: stageName(stage), reason: refusalText(check) })
        : t("dnd.over", { card, column: stageName(stage) });
    };
    return {
      onDragStart: ({ active }) => {
        const card = findCard(String(active.id));
        return card ? t("dnd.pickedUp", { card: cardName(card), column: stageName(card.stage) }) : undefined;
      },
      onDragOver: ({ active, over }) => overText(active.id, over?.id),
      onDragEnd: ({ active, over }) => {
        const card = findCard(String(active.id));
        const stage = stageOfColumn(over?.id);
        if (!card) return undefined;
        const check = stage ? checksRef.current?.get(stage) : undefined;
        if (!stage || stage === card.stage || !check) return t("dnd.cancelled", { card: cardName(card), column: stageName(card.stage) });
        return check.ok
          ? t("dnd.dropped", { card: cardName(card), column: stageName(stage) })
          : t("dnd.droppedRefused", { card: cardName(card), from: stageName(card.stage), reason: refusalText(check) });
      },
      onDragCancel: ({ active }) => {
        const card = findCard(String(active.id));
        return card ? t("dnd.cancelled", { card: cardName(card), column: stageName(card.stage) }) : undefined;
      },
    };
  }, [cardName, findCard, refusalText, stageName, t]);

  /* ------------------------------------------------------------ show more */

  const loadMore = useCallback(
    async (stage: Stage) => {
      const column = columnsRef.current.find((candidate) => candidate.stage === stage);
      if (!column?.next || column.loading) return;
      setColumns((current) => current.map((c) => (c.stage === stage ? { ...c, loading: true, loadFailed: false } : c)));
      let result: ActionResult<{ cards: BoardCard[]; next: string | null }>;
      try {
        const params = Object.fromEntries(boardSearchParams({ ...query, view: "board", card: undefined }).entries());
        result = await loadColumnAction(agencySlug, { query: { pipeline, ...params }, stage, after: column.next });
      } catch {
        result = { ok: false, code: "UNAVAILABLE", message: "errors.codes.UNAVAILABLE" };
      }
      setColumns((current) =>
        current.map((c) => {
          if (c.stage !== stage) return c;
          if (!result.ok) return { ...c, loading: false, loadFailed: true };
          const known = new Set(c.cards.map((card) => card.id));
          return { ...c, loading: false, cards: [...c.cards, ...result.data.cards.filter((card) => !known.has(card.id))], next: result.data.next };
        }),
      );
    },
    [agencySlug, pipeline, query],
  );

  /* ------------------------------------------------------------ the drawer */

  const openCard = useCallback(
    (id: string) => {
      const params = new URLSearchParams(searchParams.toString());
      params.set("card", id);
      window.history.pushState(null, "", `?${params.toString()}`);
    },
    [searchParams],
  );

  const activeCard = useMemo(
    () => (activeId ? (columns.flatMap((column) => column.cards).find((card) => card.id === activeId) ?? null) : null),
    [activeId, columns],
  );
  const workingColumns = columns.filter((column) => !column.side);
  const sideColumns = columns.filter((column) => column.side);

  const renderColumn = (column: ColumnState) => (
    <Column
      key={column.stage}
      column={column}
      label={stageName(column.stage)}
      collapsed={collapsed.has(column.stage)}
      onToggle={() =>
        setCollapsed((current) => {
          const next = new Set(current);
          if (next.has(column.stage)) next.delete(column.stage);
          else next.add(column.stage);
          return next;
        })
      }
      dragging={activeId !== null}
      check={checks?.get(column.stage) ?? null}
      isOver={overStage === column.stage}
      refusalText={refusalText}
      onLoadMore={() => void loadMore(column.stage)}
    >
      {column.cards.map((card) => (
        <DraggableCard
          key={card.id}
          card={card}
          roleDescription={t("dnd.description")}
          format={format}
          pending={pending.has(card.id)}
          disabled={!viewer.canMove || pending.has(card.id)}
          onOpen={() => openCard(card.id)}
        />
      ))}
    </Column>
  );

  return (
    <>
      <DndContext
        id="registrations-board"
        sensors={sensors}
        collisionDetection={collisionDetection}
        // The columns are measured before a drag starts, not just after: an arrow key pressed
        // right after Space must find the next column's rect (coordinateGetter above).
        measuring={measuring}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={endDrag}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t("dnd.instructions") } }}
      >
        <section
          aria-label={t("board.label", { pipeline: tPipelines(pipeline) })}
          data-hydrated={hydrated}
          className="relative -mx-4 flex h-[calc(100dvh-15rem)] min-h-[26rem] gap-3 overflow-x-auto px-4 pb-3 md:mx-0 md:px-0"
        >
          {workingColumns.map(renderColumn)}
          <div role="separator" aria-orientation="vertical" className="my-2 w-px shrink-0 bg-border" />
          <div role="group" aria-label={t("board.sideStates")} className="flex shrink-0 gap-3">
            {sideColumns.map(renderColumn)}
          </div>
        </section>
        <DragOverlay dropAnimation={null}>
          {activeCard ? (
            <div className="w-64 cursor-grabbing rounded-lg border bg-background p-3 text-foreground shadow-[0_12px_32px_var(--shadow-color)] sm:w-68">
              <CardFace card={activeCard} format={format} />
            </div>
          ) : null}
        </DragOverlay>
      </DndContext>
      <CardDrawer
        agencySlug={agencySlug}
        initialDetail={initialDetail}
        timeZone={timeZone}
        calendarDays={calendarDays}
        viewer={viewer}
        onMove={(card, to) => moveCard(card.id, to, card)}
        onCardChanged={(card) => {
          const current = findCard(card.id);
          if (current) place(current, card);
        }}
      />
      <BoardToast message={toast} onDismiss={dismissToast} />
    </>
  );
}

function Column({
  column,
  label,
  collapsed,
  onToggle,
  dragging,
  check,
  isOver,
  refusalText,
  onLoadMore,
  children,
}: {
  column: ColumnState;
  label: string;
  collapsed: boolean;
  onToggle: () => void;
  dragging: boolean;
  check: MoveCheck | null;
  isOver: boolean;
  refusalText: (check: MoveCheck) => string;
  onLoadMore: () => void;
  children: ReactNode;
}) {
  const t = useTranslations("board.column");
  const { setNodeRef } = useDroppable({ id: columnId(column.stage), data: { stage: column.stage } });
  const headingId = `column-${column.stage}`;
  const origin = check !== null && !check.ok && check.reason === "sameStage";
  const refused = dragging && check !== null && !check.ok && !origin;
  const allowed = dragging && check?.ok === true;
  const reason = refused && check ? refusalText(check) : null;
  const remaining = column.count - column.cards.length;
  const Toggle = collapsed ? ChevronRight : ChevronDown;

  return (
    <section
      ref={setNodeRef}
      aria-labelledby={headingId}
      data-stage={column.stage}
      data-refused={refused || undefined}
      data-over={(dragging && isOver) || undefined}
      title={reason ?? undefined}
      className={cn(
        "relative flex shrink-0 flex-col rounded-xl border bg-muted/40 transition-[opacity,background-color]",
        collapsed ? "w-44" : "w-64 sm:w-72",
        refused && "border-dashed bg-[repeating-linear-gradient(135deg,transparent_0_8px,var(--accent)_8px_16px)] opacity-60",
        allowed && "border-primary/40",
        allowed && isOver && "border-primary bg-primary/5",
        refused && isOver && "opacity-100",
      )}
    >
      <header className="flex items-center gap-1.5 px-3 pt-2.5 pb-2">
        {column.side && (
          <button
            type="button"
            onClick={onToggle}
            aria-expanded={!collapsed}
            aria-label={collapsed ? t("expand", { stage: label }) : t("collapse", { stage: label })}
            className="-ml-1.5 grid size-6 shrink-0 place-items-center rounded text-muted-foreground hover:bg-accent hover:text-accent-foreground"
          >
            <Toggle aria-hidden="true" className="size-4" />
          </button>
        )}
        <h2 id={headingId} className="min-w-0 flex-1 truncate text-sm font-semibold">
          {label}
        </h2>
        {refused && <Lock aria-hidden="true" className="size-3.5 shrink-0 text-muted-foreground" />}
        <span className="shrink-0 rounded-full bg-background px-2 py-0.5 text-xs text-muted-foreground tabular-nums" title={t("count", { count: column.count })}>
          <span aria-hidden="true">{column.count}</span>
          <span className="sr-only">{t("count", { count: column.count })}</span>
        </span>
      </header>
      {refused && (
        <p role={isOver ? "note" : undefined} className={cn("mx-2 mb-2 rounded-md border bg-background px-2.5 py-2 text-xs", isOver ? "text-foreground shadow-sm" : "text-muted-foreground")}>
          <span className="block font-medium">{t("refused")}</span>
          {isOver && <span className="mt-0.5 block">{reason}</span>}
        </p>
      )}
      {!collapsed && (
        <div className="flex min-h-0 flex-1 flex-col gap-2 overflow-y-auto px-2 pb-2">
          {column.cards.length === 0 && !dragging && <p className="px-1 py-6 text-center text-xs text-muted-foreground">{t("empty")}</p>}
          {children}
          {column.next && remaining > 0 && (
            <button
              type="button"
              onClick={onLoadMore}
              disabled={column.loading}
              className="mt-1 inline-flex h-8 shrink-0 items-center justify-center gap-1.5 rounded-md text-xs font-medium text-muted-foreground hover:bg-accent hover:text-accent-foreground"
            >
              {column.loading && <LoaderCircle aria-hidden="true" className="size-3.5 animate-spin motion-reduce:animate-none" />}
              {column.loading ? t("loadingMore") : t("showMore", { count: remaining })}
            </button>
          )}
          {column.loadFailed && (
            <p role="alert" className="px-1 text-xs text-destructive">
              {t("loadFailed")}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

function DraggableCard({
  card,
  roleDescription,
  format,
  pending,
  disabled,
  onOpen,
}: {
  card: BoardCard;
  roleDescription: string;
  format: ReturnType<typeof useBoardFormat>;
  pending: boolean;
  disabled: boolean;
  onOpen: () => void;
}) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: card.id,
    data: { stage: card.stage },
    disabled,
    attributes: { roleDescription },
  });

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // Space picks the card up (dnd-kit); Enter opens it (ux.md: Enter opens).
    if (event.key === "Enter" && !event.defaultPrevented) {
      event.preventDefault();
      onOpen();
      return;
    }
    listeners?.onKeyDown?.(event);
  }

  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      // Managers read the board: the card still opens, and says it cannot be dragged.
      aria-disabled={undefined}
      data-card-id={card.id}
      onKeyDown={onKeyDown}
      onClick={onOpen}
      className={cn(
        "shrink-0 cursor-pointer touch-manipulation rounded-lg border bg-background p-3 text-left text-foreground shadow-xs outline-none select-none hover:border-foreground/30 focus-visible:ring-2 focus-visible:ring-ring",
        !disabled && "cursor-grab active:cursor-grabbing",
        isDragging && "opacity-40",
        pending && "opacity-70",
      )}
    >
      <CardFace card={card} format={format} pending={pending} />
    </div>
  );
}
