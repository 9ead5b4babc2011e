"use client";

import { AlarmClock } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { DataTable, type ListColumnDef, ROW_LINK } from "@/components/lists/data-table";
import { cn } from "@/components/ui/cn";
import type { BoardCard } from "@/lib/registration/board";
import { boardHref, type BoardQuery } from "@/lib/registration/board-query";
import { badgeClass, dueBadgeClass, useAccountLine, waitingBadgeClass } from "./card-face";
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
}: {
  agencySlug: string;
  query: BoardQuery;
  cards: BoardCard[];
  timeZone: string;
  now: string;
  calendarDays: CalendarDays;
}) {
  const t = useTranslations("board");
  const tStages = useTranslations("portal.stages");
  const calendar = useCalendar(calendarDays);
  const format = useBoardFormat(timeZone, now, calendar);
  const accountLine = useAccountLine();

  const columns = useMemo<ListColumnDef<BoardCard>[]>(
    () => [
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
          <span className={cn("block max-w-60 truncate", !card.account.name && "text-muted-foreground italic")}>{accountLine(card)}</span>
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
            <span className={cn(badgeClass, waitingBadgeClass)}>{t(`card.waiting.${card.waiting}`)}</span>
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
        cell: ({ row }) => <span className="whitespace-nowrap">{format.since(row.original.stageEnteredAt)}</span>,
      },
    ],
    [t, tStages, format, agencySlug, query, accountLine],
  );

  return (
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
    />
  );
}
