import { apiRoute, jsonResponse, parseOrRefuse, readJson } from "@/lib/api/handler";
import { clock } from "@/lib/clock";
import { markAllReadBodySchema } from "@/lib/notifications/schemas";
import { markAllNotificationsRead } from "@/lib/notifications/service";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/notifications/read-all, with no body or `{ upTo }`: marks read every unread
 * notification of the member created up to `upTo` (default now); 200 with how many.
 */
export const POST = apiRoute(async ({ request, actor }) => {
  // No body at all is "everything up to now"; a body is JSON like any other.
  const body = request.headers.get("content-type") ? await readJson(request) : {};
  const { upTo } = parseOrRefuse(markAllReadBodySchema, body ?? {}, "mark-all-read body");
  return jsonResponse(await markAllNotificationsRead(actor, upTo ? new Date(upTo) : clock.now()));
});
