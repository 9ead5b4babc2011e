import { AppError } from "@/lib/errors";
import { apiRoute, jsonResponse, readJson } from "@/lib/api/handler";
import { problemFor } from "@/lib/api/problem";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { erasePerson } from "@/lib/people/erase";
import { assertCan } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/people/{id}/erase `{ confirmName, reason? }`: erases the person for good
 * (person:erase: owners and admins); 200 with what was destroyed. `confirmName` must be
 * the recorded name (422 otherwise). 409 CONFLICT when already erased, or while the
 * person operates an active account: then `accounts` names them. Another agency's
 * person, or an id that is not a UUID, is 404.
 */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params, log }) => {
  assertCan(actor.role, "person:erase");
  const body = await readJson(request);
  try {
    return jsonResponse(await erasePerson(actor, params.id, body, { requestId: request.headers.get(REQUEST_ID_HEADER) }));
  } catch (error) {
    const problem = problemFor(error, request, log);
    if (!(error instanceof AppError) || !Array.isArray(error.details.accounts)) return problem;
    const payload = { ...((await problem.json()) as Record<string, unknown>), accounts: error.details.accounts };
    return new Response(JSON.stringify(payload), { status: problem.status, headers: problem.headers });
  }
});
