import { useTranslations } from "next-intl";
import { Skeleton } from "@/components/ui/skeleton";

/** The shape of a page header and a list, so the layout does not jump when content arrives. */
export function PageSkeleton() {
  const t = useTranslations("common");
  return (
    <div role="status" aria-live="polite">
      <span className="sr-only">{t("loading")}</span>
      <div className="mb-6 border-b pb-5">
        <Skeleton className="h-6 w-40" />
        <Skeleton className="mt-2 h-4 w-full max-w-md" />
      </div>
      <div className="flex flex-col gap-2">
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-10 w-5/6" />
        <Skeleton className="h-10 w-2/3" />
      </div>
    </div>
  );
}
