import { PageSkeleton } from "@/components/page-skeleton";

export default function AgencyLoading() {
  return <PageSkeleton />;
}
