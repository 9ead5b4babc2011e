import { apiRoute, fieldsOf, jsonResponse, queryOf } from "@/lib/api/handler";
import { dashboardToday, loadDashboard, parseDashboardFilters } from "@/lib/dashboard/queries";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/dashboard?from&to&pipeline&assignee: every figure of the managers'
 * dashboard (dashboard:view; staff get their own slice). Dates default to the 90 days
 * ending today in the agency's time zone; a bad value is 422 with its field.
 */
export const GET = apiRoute(async ({ request, actor }) => {
  assertCan(actor.role, "dashboard:view");
  const { filters, error } = parseDashboardFilters(queryOf(request), {
    today: dashboardToday(actor),
    role: actor.role,
    userId: actor.user.id,
  });
  if (error) throw new AppError("VALIDATION", "invalid dashboard query", { fields: fieldsOf(error) });
  return jsonResponse(await loadDashboard(actor, filters));
});
