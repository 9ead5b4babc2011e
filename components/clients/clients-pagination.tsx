import { ChevronRight, ChevronsLeft } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button-styles";
import { clientsHref, type ClientsView } from "./clients-view";

/**
 * Keyset pages: "Next" carries the last row's cursor, "First page" drops it. There is
 * no "previous" (a cursor only points forward), as on the audit page.
 */
export async function ClientsPagination({
  agencySlug,
  view,
  next,
}: {
  agencySlug: string;
  view: ClientsView;
  next: string | null;
}) {
  if (!view.after && !next) return null;
  const t = await getTranslations("clientsList.pagination");
  return (
    <nav aria-label={t("label")} className="mt-3 flex flex-wrap items-center justify-end gap-2 text-sm">
      {view.after && (
        <Link href={clientsHref(agencySlug, { ...view, after: undefined })} className={buttonClass.ghost}>
          <ChevronsLeft aria-hidden="true" className="size-4" />
          {t("first")}
        </Link>
      )}
      {next && (
        <Link href={clientsHref(agencySlug, { ...view, after: next })} className={buttonClass.secondary} rel="next">
          {t("next")}
          <ChevronRight aria-hidden="true" className="size-4" />
        </Link>
      )}
    </nav>
  );
}
