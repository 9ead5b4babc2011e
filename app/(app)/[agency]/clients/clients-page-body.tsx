import { Building, Plus, SearchX, Upload } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClientsFilterForm } from "@/components/clients/clients-filter-form";
import { ClientsList } from "@/components/clients/clients-list";
import { clientsView } from "@/components/clients/clients-view";
import { EmptyState } from "@/components/empty-state";
import { ListPagination } from "@/components/lists/list-pagination";
import { SavedViewsMenu } from "@/components/lists/saved-views-menu";
import { PageHeader } from "@/components/page-header";
import { buttonClass } from "@/components/ui/button-styles";
import type { MembershipContext } from "@/lib/auth/session";
import type { ClientsPageData } from "@/lib/clients/page-data";
import { can } from "@/lib/rbac/permissions";
import { canonicalViewQuery } from "@/lib/saved-views/schemas";

/**
 * The clients list page once its data is read: header, saved views, filters, the table
 * and its pages, or the empty states. Shared by page.tsx and the bench's floor page
 * (from-memory/page.tsx), so the two render the same.
 */
export async function ClientsPageBody({
  membership,
  query,
  view,
  page,
  assignees,
  savedViews,
}: {
  membership: MembershipContext;
  query: Record<string, string | string[] | undefined>;
  view: ReturnType<typeof clientsView.parse>;
} & ClientsPageData) {
  const { slug, timeZone } = membership.agency;
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
