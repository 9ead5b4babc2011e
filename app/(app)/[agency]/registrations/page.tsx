import { SearchX, SquareKanban } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { ListPagination } from "@/components/lists/list-pagination";
import { PageHeader } from "@/components/page-header";
import { Board } from "@/components/registrations/board";
import { BoardList } from "@/components/registrations/board-list";
import { BoardToolbar } from "@/components/registrations/board-toolbar";
import { ListCardDrawer } from "@/components/registrations/card-hosts";
import { buttonClass } from "@/components/ui/button-styles";
import { listAssigneeOptions } from "@/lib/clients/detail";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/rbac/permissions";
import { getBoard, getBoardClientName, getBoardList } from "@/lib/registration/board";
import { boardHref, hasBoardFilters, parseBoardQuery } from "@/lib/registration/board-query";
import { getCardDetail, type CardDetail } from "@/lib/registration/card-detail";
import { calendarFor } from "@/lib/registration/holidays-service";
import type { MembershipContext } from "@/lib/auth/session";
import { requireSection } from "../require-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.registrations");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The card of ?card=, read with the page so a pasted link opens it at once; null when it is not one the member may see. */
async function openCard(membership: MembershipContext, id: string | undefined): Promise<CardDetail | null> {
  if (!id) return null;
  try {
    return await getCardDetail(membership, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

/** The agency's holidays and make-up working days this year and next, for "in 2 business days". */
async function calendarDaysOf(membership: MembershipContext, now: Date) {
  const year = now.getUTCFullYear();
  const calendar = await calendarFor(membership, year, year + 1);
  return { holidays: [...calendar.holidays].sort(), workdays: [...calendar.workdays].sort() };
}

/**
 * The registrations board (issue 7 §3): one board per pipeline, its columns with counts and
 * first cards, drag and drop, filters and the open card in the URL; or the same cards as a
 * list (?view=list).
 */
export default async function RegistrationsPage({ params, searchParams }: { params: Promise<{ agency: string }>; searchParams: SearchParams }) {
  const membership = await requireSection((await params).agency, "registrations");
  const query = parseBoardQuery(await searchParams);
  const { slug, timeZone } = membership.agency;
  const now = clock.now();
  const tPage = await getTranslations("pages.registrations");
  const t = await getTranslations("board");
  const viewer = { userId: membership.user.id, role: membership.role, canMove: can(membership.role, "registration:move") };

  const [assignees, clientName, calendarDays, initialDetail] = await Promise.all([
    listAssigneeOptions(membership),
    query.client ? getBoardClientName(membership, query.client) : Promise.resolve(null),
    calendarDaysOf(membership, now),
    openCard(membership, query.card),
  ]);

  const header = <PageHeader title={tPage("title")} description={t("description")} />;
  const toolbar = (total: number) => (
    <BoardToolbar agencySlug={slug} query={query} assignees={assignees} clientName={clientName} totalLabel={t("total", { count: total })} />
  );
  const filteredEmpty = (
    <EmptyState Icon={SearchX} title={t("empty.filteredTitle")} body={t("empty.filteredBody")}>
      <Link href={boardHref(slug, { pipeline: query.pipeline, view: query.view })} className={buttonClass.secondary}>
        {t("filters.clear")}
      </Link>
    </EmptyState>
  );
  const pipelineEmpty = (
    <EmptyState Icon={SquareKanban} title={t("empty.title")} body={t("empty.body")}>
      <Link href={`/${slug}/clients`} className={buttonClass.secondary}>
        {t("empty.toClients")}
      </Link>
    </EmptyState>
  );

  if (query.view === "list") {
    const page = await getBoardList(membership, query);
    const empty = query.after ? (
      <EmptyState Icon={SquareKanban} title={t("empty.endTitle")} body={t("empty.endBody")}>
        <Link href={boardHref(slug, { ...query, after: undefined })} className={buttonClass.secondary}>
          {t("list.pagination.first")}
        </Link>
      </EmptyState>
    ) : hasBoardFilters(query) ? (
      filteredEmpty
    ) : (
      pipelineEmpty
    );
    return (
      <>
        {header}
        {toolbar(page.total)}
        {page.cards.length === 0 ? (
          empty
        ) : (
          <BoardList
            agencySlug={slug}
            query={query}
            cards={page.cards}
            timeZone={timeZone}
            now={now.toISOString()}
            calendarDays={calendarDays}
            viewer={viewer}
            assignees={assignees}
          />
        )}
        <ListPagination
          label={t("list.pagination.label")}
          firstLabel={t("list.pagination.first")}
          nextLabel={t("list.pagination.next")}
          firstHref={query.after ? boardHref(slug, { ...query, after: undefined, card: undefined }) : null}
          nextHref={page.next ? boardHref(slug, { ...query, after: page.next, card: undefined }) : null}
        />
        <ListCardDrawer agencySlug={slug} initialDetail={initialDetail} timeZone={timeZone} calendarDays={calendarDays} viewer={viewer} />
      </>
    );
  }

  const board = await getBoard(membership, query);
  // The board's state lives in the browser once loaded: another pipeline or other filters start it afresh.
  const boardKey = boardHref(slug, { ...query, card: undefined });
  return (
    <>
      {header}
      {toolbar(board.total)}
      {board.total === 0 ? (
        <>
          {hasBoardFilters(query) ? filteredEmpty : pipelineEmpty}
          <ListCardDrawer agencySlug={slug} initialDetail={initialDetail} timeZone={timeZone} calendarDays={calendarDays} viewer={viewer} />
        </>
      ) : (
        <Board
          key={boardKey}
          agencySlug={slug}
          pipeline={query.pipeline}
          query={query}
          initialColumns={board.columns}
          timeZone={timeZone}
          now={now.toISOString()}
          calendarDays={calendarDays}
          viewer={viewer}
          initialDetail={initialDetail}
        />
      )}
    </>
  );
}
