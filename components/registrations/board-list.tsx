"use client";

import { AlarmClock } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { RowSelectionState } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { Checkbox } from "@/components/clients/checkbox";
import { Toast, type ToastMessage } from "@/components/members/toast";
import { DataTable, type ListColumnDef, ROW_LINK, SELECT_COLUMN } from "@/components/lists/data-table";
import { cn } from "@/components/ui/cn";
import type { BoardCard } from "@/lib/registration/board";
import { boardHref, type BoardQuery } from "@/lib/registration/board-view";
import type { BoardViewer } from "./board";
import { BulkBar } from "./bulk-bar";
import { badgeClass, dueBadgeClass, StaleBadge, useAccountLine, VerificationBadge, WaitingBadge } from "./card-face";
import { useBoardFormat, useCalendar, type CalendarDays } from "./format";

/**
 * The board's cards as a list (issue 7 §3: "a list view of the same cards"), with the same
 * filters, by due date (none last): the pattern of the other lists (components/lists), with
 * j/k and Enter. A row opens its card in the drawer (?card=).
 */
export function BoardList({
  agencySlug,
  query,
  cards,
  timeZone,
  now,
  calendarDays,
  viewer,
  assignees,
}: {
  agencySlug: string;
  query: BoardQuery;
  cards: BoardCard[];
  timeZone: string;
  now: string;
  calendarDays: CalendarDays;
  viewer: BoardViewer;
  /** Who cards may be assigned to (the bulk bar). */
  assignees: { id: string; name: string }[];
}) {
  const t = useTranslations("board");
  const tStages = useTranslations("portal.stages");
  const calendar = useCalendar(calendarDays);
  const format = useBoardFormat(timeZone, now, calendar);
  const accountLine = useAccountLine();
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [toast, setToast] = useState<ToastMessage | null>(null);

  const columns = useMemo<ListColumnDef<BoardCard>[]>(() => {
    const list: ListColumnDef<BoardCard>[] = [
      {
        id: "company",
        header: t("list.company"),
        cell: ({ row: { original: card } }) => (
          <Link
            href={boardHref(agencySlug, { ...query, card: card.id })}
            scroll={false}
            prefetch={false}
            {...ROW_LINK}
            className="block max-w-60 truncate font-medium underline-offset-4 hover:underline"
          >
            {card.company.name}
          </Link>
        ),
      },
      {
        id: "account",
        header: t("list.account"),
        cell: ({ row: { original: card } }) => (
          <>
            <span className={cn("block max-w-60 truncate", !card.account.name && "text-muted-foreground italic")}>{accountLine(card)}</span>
            <VerificationBadge verification={card.verification} format={format} />
          </>
        ),
      },
      {
        id: "stage",
        header: t("list.stage"),
        cell: ({ row }) => <span className={cn(badgeClass, "border-border bg-muted/60")}>{tStages(row.original.stage)}</span>,
      },
      {
        id: "assignee",
        header: t("list.assignee"),
        cell: ({ row: { original: card } }) =>
          card.assignee ? (
            <span className="whitespace-nowrap">{card.assignee.name}</span>
          ) : (
            <span className="text-muted-foreground">{t("card.unassigned")}</span>
          ),
      },
      {
        id: "due",
        header: t("list.due"),
        cell: ({ row: { original: card } }) =>
          card.dueAt ? (
            <div className="whitespace-nowrap">
              <time dateTime={card.dueAt} className="tabular-nums">
                {format.date(card.dueAt)}
              </time>
              {card.dueState && (
                <span className={cn(badgeClass, dueBadgeClass[card.dueState], "ml-1.5")}>
                  {card.dueState === "overdue" && <AlarmClock aria-hidden="true" className="size-3" />}
                  {t(`card.${card.dueState}`)}
                </span>
              )}
              <span className="block text-xs text-muted-foreground">{format.relativeDue(card.dueAt)}</span>
            </div>
          ) : (
            <span className="text-muted-foreground">{t("list.noDue")}</span>
          ),
      },
      {
        id: "waiting",
        header: t("list.waiting"),
        cell: ({ row: { original: card } }) =>
          card.waiting === "none" ? (
            <span className="text-muted-foreground">{t("list.notWaiting")}</span>
          ) : (
            <WaitingBadge card={card} format={format} />
          ),
      },
      {
        id: "documents",
        header: t("list.documents"),
        cell: ({ row: { original: card } }) =>
          card.documents.required > 0 ? (
            <span className="whitespace-nowrap tabular-nums">{t("card.documents", card.documents)}</span>
          ) : (
            <span className="text-muted-foreground">{t("card.noDocumentsRequired")}</span>
          ),
      },
      {
        id: "inStage",
        header: t("list.inStage"),
        cell: ({ row: { original: card } }) => (
          <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
            {format.since(card.stageEnteredAt)}
            <StaleBadge card={card} format={format} />
          </span>
        ),
      },
    ];
    if (!viewer.canMove) return list;
    return [
      {
        id: SELECT_COLUMN,
        enableHiding: false,
        header: ({ table }) => (
          <Checkbox
            aria-label={t("list.selectAll")}
            checked={table.getIsAllPageRowsSelected()}
            indeterminate={table.getIsSomePageRowsSelected()}
            onChange={table.getToggleAllPageRowsSelectedHandler()}
          />
        ),
        cell: ({ row }) => (
          <Checkbox aria-label={t("list.selectRow", { name: row.original.company.name })} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />
        ),
      },
      ...list,
    ];
  }, [t, tStages, format, agencySlug, query, accountLine, viewer.canMove]);

  // Only the rows on this page count (a refreshed page may have lost some).
  const selected = cards.filter((card) => rowSelection[card.id]);

  return (
    <>
      {viewer.canMove && selected.length > 0 && (
        <BulkBar agencySlug={agencySlug} selected={selected} assignees={assignees} viewer={viewer} now={now} onDone={(text) => {
            setRowSelection({});
            if (text) setToast({ id: Date.now(), text, tone: "success" });
          }}
        />
      )}
      <DataTable
      caption={t("list.caption")}
      columns={columns}
      rows={cards}
      getRowId={(card) => card.id}
      hidden={[]}
      sort={{ column: "due", dir: "asc" }}
      sortHrefs={{}}
      minWidth="64rem"
      keyboardHint={t("list.keyboard")}
      selection={viewer.canMove ? { state: rowSelection, onChange: setRowSelection } : undefined}
    />
      <Toast message={toast} onDismiss={() => setToast(null)} />
    </>
  );
}
