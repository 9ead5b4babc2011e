import { apiRoute, jsonResponse, readJson } from "@/lib/api/handler";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { assertCan } from "@/lib/rbac/permissions";
import { moveProblem } from "@/lib/registration/api-problems";
import { bulkAction } from "@/lib/registration/waiting";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/registrations/bulk `{ action: assign|move|waiting, cards: [{ id, version }], … }`
 * (registration:move): 200 `{ data }` with every card as it now stands, or nothing written
 * and 409 CONFLICT with `failures` (each card and why); a card not the caller's is 404.
 */
export const POST = apiRoute(async ({ request, actor, log }) => {
  assertCan(actor.role, "registration:move");
  const body = await readJson(request);
  try {
    return jsonResponse({ data: await bulkAction(actor, body, { requestId: request.headers.get(REQUEST_ID_HEADER) }) });
  } catch (error) {
    return moveProblem(error, request, log);
  }
});
