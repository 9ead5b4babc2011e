import { apiRoute, jsonResponse, readJson } from "@/lib/api/handler";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { assertCan } from "@/lib/rbac/permissions";
import { moveProblem } from "@/lib/registration/api-problems";
import { setWaiting } from "@/lib/registration/waiting";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/registrations/{id}/waiting `{ waiting, version }` (registration:move): 200
 * with the card as it now stands. A stale version is 409 STALE_VERSION with the `current`
 * card, `movedBy` and `movedAt`; another agency's id is 404.
 */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params, log }) => {
  assertCan(actor.role, "registration:move");
  const body = await readJson(request);
  try {
    return jsonResponse(await setWaiting(actor, params.id, body, { requestId: request.headers.get(REQUEST_ID_HEADER) }));
  } catch (error) {
    return moveProblem(error, request, log);
  }
});
