import { createOfficialAccount } from "@/lib/accounts/service";
import { apiRoute, jsonResponse, readJson } from "@/lib/api/handler";
import { problemFor } from "@/lib/api/problem";
import { AppError } from "@/lib/errors";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { assertCan } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/official-accounts `{ clientCompanyId, accountType, operatorPersonId, name?, loginEmail? }`:
 * the account and its registration card in the first stage of its pipeline (account:write
 * and registration:create); 201, with `warnings` (domain.md B2–B4, which never refuse).
 * A resident ID that already operates two accounts gets 409 ID_CAP_REACHED problem+json
 * with `holders` (the accounts holding its slots).
 */
export const POST = apiRoute(async ({ request, actor, log }) => {
  assertCan(actor.role, "account:write");
  assertCan(actor.role, "registration:create");
  const body = await readJson(request);
  try {
    const account = await createOfficialAccount(actor, body, { requestId: request.headers.get(REQUEST_ID_HEADER) });
    return jsonResponse(account, 201);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "ID_CAP_REACHED") throw error;
    const problem = problemFor(error, request, log);
    const payload = { ...((await problem.json()) as Record<string, unknown>), holders: error.details.holders ?? [] };
    return new Response(JSON.stringify(payload), { status: problem.status, headers: problem.headers });
  }
});
