import type { Logger } from "pino";
import { apiRoute, jsonResponse, readJson } from "@/lib/api/handler";
import { problemFor } from "@/lib/api/problem";
import { AppError } from "@/lib/errors";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { getEditablePerson, updatePerson } from "@/lib/people/service";
import { assertCan } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/people/{id}: one person with the masked ID only (person:read); another
 * agency's id, or one that is not a UUID, is 404.
 */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  assertCan(actor.role, "person:read");
  return jsonResponse(await getEditablePerson(actor, params.id));
});

/** problemFor(error), with the `current` person, `changedBy` and `changedAt` of a stale edit. */
async function personProblem(error: unknown, request: Request, log: Logger): Promise<Response> {
  const problem = problemFor(error, request, log);
  if (!(error instanceof AppError) || error.code !== "STALE_VERSION") return problem;
  const { current, changedBy = null, changedAt = null } = error.details;
  const payload = { ...((await problem.json()) as Record<string, unknown>), current, changedBy, changedAt };
  return new Response(JSON.stringify(payload), { status: problem.status, headers: problem.headers });
}

/**
 * PATCH /api/v1/people/{id}: the whole editable person again plus the `version` it was
 * read at (person:write); 200 with the person saved. The ID type and number cannot
 * change (422 on the field). A newer version in the database is 409 STALE_VERSION
 * problem+json with the `current` person (masked ID only), `changedBy` and `changedAt`;
 * an erased person is 409 CONFLICT. Nothing is overwritten unseen.
 */
export const PATCH = apiRoute<{ id: string }>(async ({ request, actor, params, log }) => {
  assertCan(actor.role, "person:write");
  const body = await readJson(request);
  try {
    return jsonResponse(await updatePerson(actor, params.id, body, { requestId: request.headers.get(REQUEST_ID_HEADER) }));
  } catch (error) {
    return personProblem(error, request, log);
  }
});
