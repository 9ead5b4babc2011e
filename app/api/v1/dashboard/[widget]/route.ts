import { apiRoute, fieldsOf, queryOf } from "@/lib/api/handler";
import { dashboardWidgetSchema } from "@/lib/dashboard/api-schemas";
import { dashboardCsvResponse } from "@/lib/dashboard/csv";
import { dashboardToday, loadDashboard, parseDashboardFilters } from "@/lib/dashboard/queries";
import { AppError } from "@/lib/errors";
import { isLocale } from "@/lib/i18n/config";
import { assertCan } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/dashboard/{widget}.csv?from&to&pipeline&assignee: one widget of the
 * dashboard as CSV, headers in the member's language (dashboard:view; staff get their
 * own slice). A name that is no widget, or without ".csv", is 404; a bad filter 422.
 */
export const GET = apiRoute<{ widget: string }>(async ({ request, actor, params }) => {
  assertCan(actor.role, "dashboard:view");
  const name = params.widget.endsWith(".csv") ? params.widget.slice(0, -".csv".length) : null;
  const widget = dashboardWidgetSchema.safeParse(name);
  if (!widget.success) throw new AppError("NOT_FOUND", `no dashboard widget ${params.widget}`);
  const { filters, error } = parseDashboardFilters(queryOf(request), {
    today: dashboardToday(actor),
    role: actor.role,
    userId: actor.user.id,
  });
  if (error) throw new AppError("VALIDATION", "invalid dashboard query", { fields: fieldsOf(error) });
  const dashboard = await loadDashboard(actor, filters);
  return dashboardCsvResponse(dashboard, widget.data, isLocale(actor.user.locale) ? actor.user.locale : actor.agency.defaultLocale);
});
