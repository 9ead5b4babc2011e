import { apiRoute, jsonResponse, queryOf, readJson } from "@/lib/api/handler";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { createHoliday, listHolidayYear } from "@/lib/registration/holidays-service";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/holidays?year=2026: one year of the agency's holiday calendar (this year
 * in the agency's time zone by default), with the State Council notice it follows. Every
 * staff-side role (registration:read).
 */
export const GET = apiRoute(async ({ request, actor }) => jsonResponse(await listHolidayYear(actor, queryOf(request))));

/**
 * POST /api/v1/holidays: `{ date, kind, name }`; 201 with the day and its Location. A
 * date already in the calendar, or a make-up working day on a weekday, is refused on
 * `date` (422). Owners and admins (settings:manage).
 */
export const POST = apiRoute(async ({ request, actor }) => {
  const day = await createHoliday(actor, await readJson(request), request.headers.get(REQUEST_ID_HEADER));
  const location = new URL(`/api/v1/holidays/${day.date}`, request.url).pathname;
  return jsonResponse(day, 201, { Location: location });
});
