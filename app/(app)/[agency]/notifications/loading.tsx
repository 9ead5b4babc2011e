import { PageSkeleton } from "@/components/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

/** The inbox's shape while it loads: header, the filter, a list of notifications. */
export default function NotificationsLoading() {
  return (
    <PageSkeleton titleWidth="w-32">
      <Skeleton className="mb-4 h-10 w-48" />
      <div className="flex flex-col divide-y overflow-hidden rounded-lg border">
        {Array.from({ length: 6 }, (_, index) => (
          <div key={index} className="flex gap-2.5 px-4 py-3">
            <Skeleton className="mt-1.5 size-2 rounded-full" />
            <div className="flex-1">
              <Skeleton className="h-4 w-2/3" />
              <Skeleton className="mt-2 h-3 w-full" />
              <Skeleton className="mt-2 h-3 w-20" />
            </div>
          </div>
        ))}
      </div>
    </PageSkeleton>
  );
}
