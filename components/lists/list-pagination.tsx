import { ChevronRight, ChevronsLeft } from "lucide-react";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button-styles";

/**
 * Keyset pages: "Next" carries the last row's cursor, "First page" drops it. There is
 * no "previous" (a cursor only points forward), as on the clients and audit pages.
 */
export function ListPagination({
  label,
  firstLabel,
  nextLabel,
  firstHref,
  nextHref,
}: {
  label: string;
  firstLabel: string;
  nextLabel: string;
  /** The first page's URL, when this is not the first page. */
  firstHref: string | null;
  /** The next page's URL, when there is one. */
  nextHref: string | null;
}) {
  if (!firstHref && !nextHref) return null;
  return (
    <nav aria-label={label} className="mt-3 flex flex-wrap items-center justify-end gap-2 text-sm">
      {firstHref && (
        <Link href={firstHref} className={buttonClass.ghost}>
          <ChevronsLeft aria-hidden="true" className="size-4" />
          {firstLabel}
        </Link>
      )}
      {nextHref && (
        <Link href={nextHref} className={buttonClass.secondary} rel="next">
          {nextLabel}
          <ChevronRight aria-hidden="true" className="size-4" />
        </Link>
      )}
    </nav>
  );
}
