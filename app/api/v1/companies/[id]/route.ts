import type { Logger } from "pino";
import { apiRoute, jsonResponse, readJson } from "@/lib/api/handler";
import { problemFor } from "@/lib/api/problem";
import { getCompany, serialiseCompany, updateCompany } from "@/lib/clients/service";
import { AppError } from "@/lib/errors";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { assertCan } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/** GET /api/v1/companies/{id}: one company (client:read); another agency's id, or one that is not a UUID, is 404. */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  assertCan(actor.role, "client:read");
  return jsonResponse(serialiseCompany(await getCompany(actor, params.id)));
});

/** problemFor(error), with the `current` company, `changedBy` and `changedAt` of a stale edit. */
async function companyProblem(error: unknown, request: Request, log: Logger): Promise<Response> {
  const problem = problemFor(error, request, log);
  if (!(error instanceof AppError) || error.code !== "STALE_VERSION") return problem;
  const { current, changedBy = null, changedAt = null } = error.details;
  const payload = { ...((await problem.json()) as Record<string, unknown>), current, changedBy, changedAt };
  return new Response(JSON.stringify(payload), { status: problem.status, headers: problem.headers });
}

/**
 * PATCH /api/v1/companies/{id}: the whole company again (as the form sends it) plus the
 * `version` it was read at (client:update); 200 with the company saved. The kind cannot
 * change. A newer version in the database is 409 STALE_VERSION problem+json with the
 * `current` company, `changedBy` and `changedAt`; nothing is overwritten.
 */
export const PATCH = apiRoute<{ id: string }>(async ({ request, actor, params, log }) => {
  assertCan(actor.role, "client:update");
  const body = await readJson(request);
  try {
    await updateCompany(actor, params.id, body, { requestId: request.headers.get(REQUEST_ID_HEADER) });
  } catch (error) {
    return companyProblem(error, request, log);
  }
  return jsonResponse(serialiseCompany(await getCompany(actor, params.id)));
});
