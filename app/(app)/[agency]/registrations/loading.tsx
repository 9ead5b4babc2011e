import { PageSkeleton } from "@/components/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

/** The board's shape while it loads: header, switcher and filters, then columns of cards. */
export default function RegistrationsLoading() {
  return (
    <PageSkeleton titleWidth="w-40">
      <div className="mb-3 flex gap-3">
        <Skeleton className="h-9 w-full max-w-xl" />
        <Skeleton className="ml-auto h-9 w-36" />
      </div>
      <div className="mb-4 flex flex-wrap gap-2">
        {Array.from({ length: 5 }, (_, index) => (
          <Skeleton key={index} className="h-8 w-28" />
        ))}
      </div>
      <div className="flex gap-3 overflow-hidden">
        {Array.from({ length: 5 }, (_, column) => (
          <div key={column} className="flex w-64 shrink-0 flex-col gap-2 rounded-xl border p-2 sm:w-72">
            <Skeleton className="h-5 w-32" />
            {Array.from({ length: 4 - (column % 3) }, (_, card) => (
              <Skeleton key={card} className="h-24" />
            ))}
          </div>
        ))}
      </div>
    </PageSkeleton>
  );
}
