import { PageSkeleton } from "@/components/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

/** The Official Accounts page's shape while it loads: header, search and filters, the table. */
export default function AccountsLoading() {
  return (
    <PageSkeleton titleWidth="w-32">
      <Skeleton className="h-9 w-full" />
      <div className="mt-3 mb-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {Array.from({ length: 5 }, (_, index) => (
          <Skeleton key={index} className="h-12" />
        ))}
      </div>
      <Skeleton className="mb-3 h-8 w-40" />
      <div className="flex flex-col gap-px overflow-hidden rounded-lg border">
        {Array.from({ length: 8 }, (_, index) => (
          <Skeleton key={index} className="h-10 rounded-none" />
        ))}
      </div>
    </PageSkeleton>
  );
}
