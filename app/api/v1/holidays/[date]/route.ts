import { apiRoute, jsonResponse, readJson } from "@/lib/api/handler";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { deleteHoliday, putHoliday } from "@/lib/registration/holidays-service";

export const dynamic = "force-dynamic";

/**
 * PUT /api/v1/holidays/{date}: `{ kind, name }` for the day, added when the calendar
 * lacks it (201) or replaced (200). Owners and admins (settings:manage).
 */
export const PUT = apiRoute<{ date: string }>(async ({ request, actor, params }) => {
  const { holiday, created } = await putHoliday(actor, params.date, await readJson(request), request.headers.get(REQUEST_ID_HEADER));
  return jsonResponse(holiday, created ? 201 : 200);
});

/** DELETE /api/v1/holidays/{date}: removes the day; 204, or 404 when the calendar has no such day. */
export const DELETE = apiRoute<{ date: string }>(async ({ request, actor, params }) => {
  await deleteHoliday(actor, params.date, request.headers.get(REQUEST_ID_HEADER));
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
});
