import { getLocale } from "next-intl/server";
import { requireStaffMembership } from "@/lib/auth/session";
import { dashboardWidgetSchema } from "@/lib/dashboard/api-schemas";
import { dashboardCsvResponse } from "@/lib/dashboard/csv";
import { dashboardToday, loadDashboard, parseDashboardFilters } from "@/lib/dashboard/queries";
import { can } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

const notFound = () => new Response(null, { status: 404, headers: { "Cache-Control": "no-store" } });

/**
 * GET /<agency>/dashboard/export/<widget>?<the page's filters>: the page's "Export CSV"
 * of one widget, in the reader's language (dashboard:view: every staff-side role; staff
 * get their own slice). Filters as the page reads them: a bad value falls back to its
 * default. Signed out: sign-in (proxy.ts); another agency: 404; a client administrator:
 * the portal (requireStaffMembership); an unknown widget: 404.
 */
export async function GET(request: Request, { params }: { params: Promise<{ agency: string; widget: string }> }) {
  const { agency, widget: name } = await params;
  const membership = await requireStaffMembership(agency);
  const widget = dashboardWidgetSchema.safeParse(name);
  if (!can(membership.role, "dashboard:view") || !widget.success) return notFound();
  const { filters } = parseDashboardFilters(new URL(request.url).searchParams, {
    today: dashboardToday(membership),
    role: membership.role,
    userId: membership.user.id,
  });
  return dashboardCsvResponse(await loadDashboard(membership, filters), widget.data, await getLocale());
}
