import { Info, ScrollText, SearchX } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuditFilterForm } from "@/components/audit/audit-filter-form";
import { AuditPagination } from "@/components/audit/audit-pagination";
import { AuditTable } from "@/components/audit/audit-table";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { buttonClass } from "@/components/ui/button-styles";
import { auditHref, hasAuditFilters, noAuditFilters, parseAuditSearchParams } from "@/lib/audit/filters";
import { listAuditActors, listAuditEvents } from "@/lib/audit/queries";
import { tenantContextOf } from "@/lib/auth/session";
import { requireSection } from "../require-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.audit");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ agency: string }>;
  searchParams: SearchParams;
}) {
  const membership = await requireSection((await params).agency, "audit");
  const { filters, page, issues } = parseAuditSearchParams(await searchParams);
  const { slug, timeZone } = membership.agency;
  const tenant = tenantContextOf(membership);
  const [result, actors] = await Promise.all([
    listAuditEvents({ ...tenant, timeZone }, filters, page),
    listAuditActors(tenant),
  ]);
  const tPage = await getTranslations("pages.audit");
  const t = await getTranslations("audit");
  const filtered = hasAuditFilters(filters);

  return (
    <>
      <PageHeader title={tPage("title")} description={tPage("description")}>
        <p className="mt-1 text-xs text-muted-foreground">{t("timeZone", { timeZone })}</p>
      </PageHeader>
      <AuditFilterForm agencySlug={slug} filters={filters} actors={actors} />
      {issues.length > 0 && (
        <div role="status" className="mb-4 flex flex-col gap-1 rounded-lg border bg-muted px-3 py-2.5 text-sm">
          {issues.map((issue) => (
            <p key={issue} className="flex items-start gap-2">
              <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
              {t(`issues.${issue}`)}
            </p>
          ))}
        </div>
      )}
      {result.events.length > 0 ? (
        <>
          <AuditTable events={result.events} timeZone={timeZone} />
          <AuditPagination
            agencySlug={slug}
            filters={filters}
            count={result.events.length}
            onFirstPage={page === null}
            newer={result.newer}
            older={result.older}
          />
        </>
      ) : page ? (
        <EmptyState Icon={ScrollText} title={t("empty.endTitle")} body={t("empty.endBody")}>
          <Link href={auditHref(slug, filters)} className={buttonClass.secondary}>
            {t("pagination.newest")}
          </Link>
        </EmptyState>
      ) : filtered ? (
        <EmptyState Icon={SearchX} title={t("empty.filteredTitle")} body={t("empty.filteredBody")}>
          <Link href={auditHref(slug, noAuditFilters)} className={buttonClass.secondary}>
            {t("filters.clear")}
          </Link>
        </EmptyState>
      ) : (
        <EmptyState Icon={ScrollText} title={tPage("emptyTitle")} body={tPage("emptyBody")} />
      )}
    </>
  );
}
