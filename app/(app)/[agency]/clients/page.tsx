import { Building, Plus, SearchX, Upload } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientsFilterForm } from "@/components/clients/clients-filter-form";
import { ClientsList } from "@/components/clients/clients-list";
import { clientsView } from "@/components/clients/clients-view";
import { EmptyState } from "@/components/empty-state";
import { ListPagination } from "@/components/lists/list-pagination";
import { SavedViewsMenu } from "@/components/lists/saved-views-menu";
import { PageHeader } from "@/components/page-header";
import { buttonClass } from "@/components/ui/button-styles";
import { listAssigneeOptions, listCompanies } from "@/lib/clients/list";
import { can } from "@/lib/rbac/permissions";
import { canonicalViewQuery, savedViewHref } from "@/lib/saved-views/schemas";
import { listSavedViews } from "@/lib/saved-views/service";
import { requireSection } from "../require-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.clients");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The clients list (issue 6 §4): search, filters, server-side sort and keyset pages,
 * every part of the view in the URL. Every staff-side role reads it; those with
 * client:update select rows for the bulk actions, those with export:csv download it.
 */
export default async function ClientsPage({
  params,
  searchParams,
}: {
  params: Promise<{ agency: string }>;
  searchParams: SearchParams;
}) {
  const membership = await requireSection((await params).agency, "clients");
  const query = await searchParams;
  const view = clientsView.parse(query);
  const { slug, timeZone } = membership.agency;
  const savedViewsRead = listSavedViews(membership, "clients");
  // A plain visit opens the member's default view; the menu's "All clients" (?view=all) is the list unfiltered.
  if (Object.keys(query).length === 0) {
    const fallback = (await savedViewsRead).find((saved) => saved.isDefault && saved.query);
    if (fallback) redirect(savedViewHref(slug, "clients", fallback.query));
  }
  const [page, assignees, savedViews] = await Promise.all([
    listCompanies(membership, view),
    listAssigneeOptions(membership),
    savedViewsRead,
  ]);
  const tPage = await getTranslations("pages.clients");
  const t = await getTranslations("clientsList");
  const filtered = clientsView.hasFilters(view);
  const canCreate = can(membership.role, "client:create");
  const newClient = canCreate && (
    <div className="flex flex-wrap justify-center gap-2">
      <Link href={`/${slug}/clients/new`} prefetch={false} className={buttonClass.primary}>
        <Plus aria-hidden="true" className="size-4" />
        {t("newClient")}
      </Link>
      <Link href={`/${slug}/clients/import`} prefetch={false} className={buttonClass.secondary}>
        <Upload aria-hidden="true" className="size-4" />
        {t("importCsv")}
      </Link>
    </div>
  );

  // Nothing at all yet: no filters to offer, one thing to do.
  if (page.rows.length === 0 && !filtered && !view.after) {
    return (
      <>
        <PageHeader title={tPage("title")} description={tPage("description")} />
        <EmptyState Icon={Building} title={tPage("emptyTitle")} body={tPage("emptyBody")}>
          {newClient}
        </EmptyState>
      </>
    );
  }

  const empty = view.after ? (
    <EmptyState Icon={Building} title={t("empty.endTitle")} body={t("empty.endBody")}>
      <Link href={clientsView.href(slug, { ...view, after: undefined })} className={buttonClass.secondary}>
        {t("pagination.first")}
      </Link>
    </EmptyState>
  ) : (
    <EmptyState Icon={SearchX} title={t("empty.filteredTitle")} body={t("empty.filteredBody")}>
      <Link href={clientsView.href(slug, clientsView.withoutFilters(view))} className={buttonClass.secondary}>
        {t("filters.clear")}
      </Link>
    </EmptyState>
  );
  const totalLabel = page.totalCapped ? t("totalCapped", { count: page.total }) : t("total", { count: page.total });
  // State that belongs to one view (typed search text, the selection) starts afresh on another; the columns are not a new view.
  const viewKey = clientsView.searchParams({ ...view, hidden: [] }).toString();

  return (
    <>
      <PageHeader title={tPage("title")} description={tPage("description")} />
      <div className="-mt-2 mb-3 flex">
        <SavedViewsMenu agencySlug={slug} list="clients" views={savedViews} currentQuery={canonicalViewQuery("clients", query)} />
      </div>
      <ClientsFilterForm key={`filters?${viewKey}`} agencySlug={slug} view={view} assignees={assignees} />
      <ClientsList
        key={`list?${viewKey}`}
        agencySlug={slug}
        view={view}
        rows={page.rows}
        totalLabel={totalLabel}
        timeZone={timeZone}
        assignees={assignees}
        canUpdate={can(membership.role, "client:update")}
        canExport={can(membership.role, "export:csv")}
        canCreate={canCreate}
        empty={empty}
      />
      <ListPagination
        label={t("pagination.label")}
        firstLabel={t("pagination.first")}
        nextLabel={t("pagination.next")}
        firstHref={view.after ? clientsView.href(slug, { ...view, after: undefined }) : null}
        nextHref={page.next ? clientsView.href(slug, { ...view, after: page.next }) : null}
      />
    </>
  );
}
