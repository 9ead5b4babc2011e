import { apiRoute, jsonResponse, readJson } from "@/lib/api/handler";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { assertCan } from "@/lib/rbac/permissions";
import { moveProblem } from "@/lib/registration/api-problems";
import { moveRegistration } from "@/lib/registration/move";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/registrations/{id}/move `{ to, version, note? }` (registration:move): 200
 * with the card as moved. A stale version is 409 STALE_VERSION with the `current` card,
 * `movedBy` and `movedAt`; a move the pipeline refuses is 409 CONFLICT with its `reason`
 * (and `missingDocuments` for the guard); a full ID on leaving rejected or abandoned is
 * 409 ID_CAP_REACHED with the `holders`; another agency's id is 404.
 */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params, log }) => {
  assertCan(actor.role, "registration:move");
  const body = await readJson(request);
  try {
    return jsonResponse(await moveRegistration(actor, params.id, body, { requestId: request.headers.get(REQUEST_ID_HEADER) }));
  } catch (error) {
    return moveProblem(error, request, log);
  }
});
