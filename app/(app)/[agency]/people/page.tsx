import { SearchX, UsersRound } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { ListPagination } from "@/components/lists/list-pagination";
import { PageHeader } from "@/components/page-header";
import { IdSearchForm } from "@/components/people/id-search-form";
import { PeopleListFilters } from "@/components/people/people-list-filters";
import { peopleView } from "@/components/people/people-list-view";
import { PeopleTable } from "@/components/people/people-table";
import { buttonClass } from "@/components/ui/button-styles";
import { peopleCompanyOptions, peopleListPage } from "@/lib/people/list";
import { SavedViewsMenu } from "@/components/lists/saved-views-menu";
import { canonicalViewQuery, savedViewHref } from "@/lib/saved-views/schemas";
import { listSavedViews } from "@/lib/saved-views/service";
import { requireSection } from "../require-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.people");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The people list (issue 6 §4): search by name or mobile, filters, server-side sort and
 * keyset pages, every part of the view in the URL. The exact search by full ID number is
 * a POST form beside it, so the number never reaches a URL. Only masked numbers show.
 */
export default async function PeoplePage({ params, searchParams }: { params: Promise<{ agency: string }>; searchParams: SearchParams }) {
  const membership = await requireSection((await params).agency, "people");
  const query = await searchParams;
  const view = peopleView.parse(query);
  const { slug, timeZone } = membership.agency;
  const savedViews = await listSavedViews(membership, "people");
  // A plain visit opens the member's default view; the menu's "All" (?view=all) is the list unfiltered.
  if (Object.keys(query).length === 0) {
    const fallback = savedViews.find((saved) => saved.isDefault && saved.query);
    if (fallback) redirect(savedViewHref(slug, "people", fallback.query));
  }
  const savedViewsMenu = (
    <div className="-mt-2 mb-3 flex">
      <SavedViewsMenu agencySlug={slug} list="people" views={savedViews} currentQuery={canonicalViewQuery("people", query)} />
    </div>
  );
  const [page, companies] = await Promise.all([peopleListPage(membership, view), peopleCompanyOptions(membership, view.company)]);
  const tPage = await getTranslations("pages.people");
  const t = await getTranslations("peopleList");
  const filtered = peopleView.hasFilters(view);

  // Nobody at all yet: nothing to search or filter.
  if (page.rows.length === 0 && !filtered && !view.after) {
    return (
      <>
        <PageHeader title={tPage("title")} description={tPage("description")} />
        <EmptyState Icon={UsersRound} title={tPage("emptyTitle")} body={tPage("emptyBody")} />
      </>
    );
  }

  const empty = view.after ? (
    <EmptyState Icon={UsersRound} title={t("empty.endTitle")} body={t("empty.endBody")}>
      <Link href={peopleView.href(slug, { ...view, after: undefined })} className={buttonClass.secondary}>
        {t("pagination.first")}
      </Link>
    </EmptyState>
  ) : (
    <EmptyState Icon={SearchX} title={t("empty.filteredTitle")} body={t("empty.filteredBody")}>
      <Link href={peopleView.href(slug, peopleView.withoutFilters(view))} className={buttonClass.secondary}>
        {t("filters.clear")}
      </Link>
    </EmptyState>
  );
  const totalLabel = page.totalCapped ? t("totalCapped", { count: page.total }) : t("total", { count: page.total });
  // Typed search text starts afresh on another view; the columns are not a new view.
  const viewKey = peopleView.searchParams({ ...view, hidden: [] }).toString();

  return (
    <>
      <PageHeader title={tPage("title")} description={tPage("description")} />
      {savedViewsMenu}
      <PeopleListFilters key={`filters?${viewKey}`} agencySlug={slug} view={view} companies={companies} />
      <div className="mb-5 rounded-lg border bg-muted/30 px-4 pt-3">
        <IdSearchForm agencySlug={slug} />
      </div>
      <PeopleTable key={`list?${viewKey}`} agencySlug={slug} view={view} rows={page.rows} totalLabel={totalLabel} timeZone={timeZone} empty={empty} />
      <ListPagination
        label={t("pagination.label")}
        firstLabel={t("pagination.first")}
        nextLabel={t("pagination.next")}
        firstHref={view.after ? peopleView.href(slug, { ...view, after: undefined }) : null}
        nextHref={page.next ? peopleView.href(slug, { ...view, after: page.next }) : null}
      />
    </>
  );
}
