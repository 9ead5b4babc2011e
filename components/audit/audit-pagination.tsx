import { ChevronLeft, ChevronRight, ChevronsLeft } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button-styles";
import { auditHref, type AuditFilters, type AuditPageRequest } from "@/lib/audit/filters";

/** Newer / Older links between keyset pages, keeping the filters; "Back to newest" off the first page. */
export async function AuditPagination({
  agencySlug,
  filters,
  count,
  onFirstPage,
  newer,
  older,
}: {
  agencySlug: string;
  filters: AuditFilters;
  count: number;
  onFirstPage: boolean;
  newer: AuditPageRequest | null;
  older: AuditPageRequest | null;
}) {
  const t = await getTranslations("audit.pagination");
  return (
    <nav aria-label={t("label")} className="mt-3 flex flex-wrap items-center gap-2 text-sm">
      {count > 0 && <p className="mr-auto text-muted-foreground">{t("count", { count })}</p>}
      {!onFirstPage && (
        <Link href={auditHref(agencySlug, filters)} className={buttonClass.ghost}>
          <ChevronsLeft aria-hidden="true" className="size-4" />
          {t("newest")}
        </Link>
      )}
      {newer && (
        <Link href={auditHref(agencySlug, filters, newer)} className={buttonClass.secondary} rel="prev">
          <ChevronLeft aria-hidden="true" className="size-4" />
          {t("newer")}
        </Link>
      )}
      {older && (
        <Link href={auditHref(agencySlug, filters, older)} className={buttonClass.secondary} rel="next">
          {t("older")}
          <ChevronRight aria-hidden="true" className="size-4" />
        </Link>
      )}
    </nav>
  );
}
