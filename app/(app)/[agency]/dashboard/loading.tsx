import { PageSkeleton } from "@/components/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

/** The dashboard's shape while its figures load: header, filters, then the widgets' cards. */
export default function DashboardLoading() {
  return (
    <PageSkeleton titleWidth="w-40">
      <div className="mb-3 flex gap-1">
        {Array.from({ length: 3 }, (_, index) => (
          <Skeleton key={index} className="h-8 w-24" />
        ))}
      </div>
      <div className="mb-6 flex flex-wrap gap-3">
        {Array.from({ length: 4 }, (_, index) => (
          <Skeleton key={index} className="h-12 w-36" />
        ))}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        {Array.from({ length: 6 }, (_, index) => (
          <div key={index} className="flex flex-col gap-3 rounded-xl border p-4">
            <Skeleton className="h-4 w-32" />
            <Skeleton className="h-3 w-2/3" />
            <Skeleton className={index < 2 ? "h-16" : "h-52"} />
          </div>
        ))}
      </div>
    </PageSkeleton>
  );
}
