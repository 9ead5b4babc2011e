import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { markNotificationRead } from "@/lib/notifications/service";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/notifications/{id}/read: marks one of the member's own notifications read
 * (a read one keeps its first read time); 200 with it. Another member's, another
 * agency's, or an id that is not one: 404 alike.
 */
export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => {
  return jsonResponse(await markNotificationRead(actor, params.id));
});
