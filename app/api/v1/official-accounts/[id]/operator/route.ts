import { changeOperator } from "@/lib/accounts/service";
import { accountProblem } from "@/lib/api/account-problems";
import { apiRoute, jsonResponse, readJson } from "@/lib/api/handler";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { assertCan } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/official-accounts/{id}/operator `{ version, operatorPersonId }`: the
 * operator change (换绑). The account's ID slot moves to the new operator's resident ID;
 * a full one is 409 ID_CAP_REACHED naming the holders, a stale version 409 STALE_VERSION
 * with the `current` card; another agency's id is 404.
 */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params, log }) => {
  assertCan(actor.role, "account:write");
  const body = await readJson(request);
  try {
    const card = await changeOperator(actor, params.id, body, { requestId: request.headers.get(REQUEST_ID_HEADER) });
    return jsonResponse(card);
  } catch (error) {
    return accountProblem(error, request, log);
  }
});
