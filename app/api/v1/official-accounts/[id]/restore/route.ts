import { restoreOfficialAccount } from "@/lib/accounts/service";
import { accountProblem } from "@/lib/api/account-problems";
import { apiRoute, jsonResponse, readJson } from "@/lib/api/handler";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { assertCan } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/official-accounts/{id}/restore `{ version, reason? }`: an abandoned
 * account's card goes back to the stage it left and its operator's ID takes a slot again
 * (registration:move); 200 with the account and its card. An ID whose two slots were
 * taken meanwhile is 409 ID_CAP_REACHED with the `holders`, and nothing changes.
 */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params, log }) => {
  assertCan(actor.role, "registration:move");
  const body = await readJson(request);
  try {
    const card = await restoreOfficialAccount(actor, params.id, body, { requestId: request.headers.get(REQUEST_ID_HEADER) });
    return jsonResponse(card);
  } catch (error) {
    return accountProblem(error, request, log);
  }
});
