import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Skeleton } from "@/components/ui/skeleton";

/**
 * The shape of a page header and, below it, the page's own shape (`children`; a list when
 * none), so the layout does not jump when content arrives. Each page's loading.tsx passes
 * its body: a board's columns, a dashboard's cards, a table's rows.
 */
export function PageSkeleton({ titleWidth = "w-40", children }: { titleWidth?: string; children?: ReactNode }) {
  const t = useTranslations("common");
  return (
    <div role="status" aria-live="polite">
      <span className="sr-only">{t("loading")}</span>
      <div className="mb-6 border-b pb-5">
        <Skeleton className={`h-6 ${titleWidth}`} />
        <Skeleton className="mt-2 h-4 w-full max-w-md" />
      </div>
      {children ?? (
        <div className="flex flex-col gap-2">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-5/6" />
          <Skeleton className="h-10 w-2/3" />
        </div>
      )}
    </div>
  );
}
