import { useTranslations } from "next-intl";
import { Skeleton } from "@/components/ui/skeleton";

/** The people page's shape while it loads: header, search and filters, the ID search, the table. */
export default function PeopleLoading() {
  const t = useTranslations("common");
  return (
    <div role="status" aria-live="polite">
      <span className="sr-only">{t("loading")}</span>
      <div className="mb-6 border-b pb-5">
        <Skeleton className="h-6 w-32" />
        <Skeleton className="mt-2 h-4 w-full max-w-md" />
      </div>
      <Skeleton className="h-9 w-full" />
      <div className="mt-3 mb-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {Array.from({ length: 3 }, (_, index) => (
          <Skeleton key={index} className="h-12" />
        ))}
      </div>
      <Skeleton className="mb-5 h-20 w-full" />
      <Skeleton className="mb-3 h-8 w-40" />
      <div className="flex flex-col gap-px overflow-hidden rounded-lg border">
        {Array.from({ length: 8 }, (_, index) => (
          <Skeleton key={index} className="h-10 rounded-none" />
        ))}
      </div>
    </div>
  );
}
