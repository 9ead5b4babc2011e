import { MessagesSquare, SearchX } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AccountsListFilters } from "@/components/accounts/accounts-list-filters";
import { accountsView } from "@/components/accounts/accounts-list-view";
import { AccountsTable } from "@/components/accounts/accounts-table";
import { EmptyState } from "@/components/empty-state";
import { ListPagination } from "@/components/lists/list-pagination";
import { PageHeader } from "@/components/page-header";
import { buttonClass } from "@/components/ui/button-styles";
import { accountListPage } from "@/lib/accounts/list";
import { SavedViewsMenu } from "@/components/lists/saved-views-menu";
import { canonicalViewQuery, savedViewHref } from "@/lib/saved-views/schemas";
import { listSavedViews } from "@/lib/saved-views/service";
import { requireSection } from "../require-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.accounts");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Every Official Account of the agency (issue 6 §4): search by name, WeChat ID or
 * original ID, filters, server-side sort and keyset pages, every part of the view in
 * the URL. Each account opens on its client's accounts tab.
 */
export default async function AccountsPage({ params, searchParams }: { params: Promise<{ agency: string }>; searchParams: SearchParams }) {
  const membership = await requireSection((await params).agency, "accounts");
  const query = await searchParams;
  const view = accountsView.parse(query);
  const { slug, timeZone } = membership.agency;
  const savedViews = await listSavedViews(membership, "accounts");
  // A plain visit opens the member's default view; the menu's "All" (?view=all) is the list unfiltered.
  if (Object.keys(query).length === 0) {
    const fallback = savedViews.find((saved) => saved.isDefault && saved.query);
    if (fallback) redirect(savedViewHref(slug, "accounts", fallback.query));
  }
  const savedViewsMenu = (
    <div className="-mt-2 mb-3 flex">
      <SavedViewsMenu agencySlug={slug} list="accounts" views={savedViews} currentQuery={canonicalViewQuery("accounts", query)} />
    </div>
  );
  const page = await accountListPage(membership, view);
  const tPage = await getTranslations("pages.accounts");
  const t = await getTranslations("accountsList");
  const header = <PageHeader title={tPage("title")} description={t("description")} />;

  // No account at all yet: they are started from a client's page.
  if (page.rows.length === 0 && !accountsView.hasFilters(view) && !view.after) {
    return (
      <>
        {header}
        <EmptyState Icon={MessagesSquare} title={t("empty.title")} body={t("empty.body")}>
          <Link href={`/${slug}/clients`} className={buttonClass.secondary}>
            {t("empty.toClients")}
          </Link>
        </EmptyState>
      </>
    );
  }

  const empty = view.after ? (
    <EmptyState Icon={MessagesSquare} title={t("empty.endTitle")} body={t("empty.endBody")}>
      <Link href={accountsView.href(slug, { ...view, after: undefined })} className={buttonClass.secondary}>
        {t("pagination.first")}
      </Link>
    </EmptyState>
  ) : (
    <EmptyState Icon={SearchX} title={t("empty.filteredTitle")} body={t("empty.filteredBody")}>
      <Link href={accountsView.href(slug, accountsView.withoutFilters(view))} className={buttonClass.secondary}>
        {t("filters.clear")}
      </Link>
    </EmptyState>
  );
  const totalLabel = page.totalCapped ? t("totalCapped", { count: page.total }) : t("total", { count: page.total });
  // Typed search text starts afresh on another view; the columns are not a new view.
  const viewKey = accountsView.searchParams({ ...view, hidden: [] }).toString();

  return (
    <>
      {header}
      {savedViewsMenu}
      <AccountsListFilters key={`filters?${viewKey}`} agencySlug={slug} view={view} />
      <AccountsTable key={`list?${viewKey}`} agencySlug={slug} view={view} rows={page.rows} totalLabel={totalLabel} timeZone={timeZone} empty={empty} />
      <ListPagination
        label={t("pagination.label")}
        firstLabel={t("pagination.first")}
        nextLabel={t("pagination.next")}
        firstHref={view.after ? accountsView.href(slug, { ...view, after: undefined }) : null}
        nextHref={page.next ? accountsView.href(slug, { ...view, after: page.next }) : null}
      />
    </>
  );
}
