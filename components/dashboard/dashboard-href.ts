/**
 * The dashboard's URLs (ux.md: every view has a URL that restores it): its filters as
 * the query string, only what differs from the defaults being optional is left out.
 */
import type { DashboardFilters } from "@/lib/dashboard/types";

export function dashboardSearch(filters: Partial<DashboardFilters>): string {
  const params = new URLSearchParams();
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.pipeline) params.set("pipeline", filters.pipeline);
  if (filters.assignee) params.set("assignee", filters.assignee);
  const search = params.toString();
  return search ? `?${search}` : "";
}

export function dashboardHref(agencySlug: string, filters: Partial<DashboardFilters>): string {
  return `/${agencySlug}/dashboard${dashboardSearch(filters)}`;
}
