import { createExternalAccount } from "@/lib/accounts/service";
import { accountProblem } from "@/lib/api/account-problems";
import { apiRoute, jsonResponse, readJson } from "@/lib/api/handler";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { assertCan } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/people/{id}/external-accounts `{ name, wechatId? }`: records an Official
 * Account the person operates outside Weidesk (account:write); 201. It takes a slot of
 * their resident ID like any account: a full ID is 409 ID_CAP_REACHED with the `holders`.
 */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params, log }) => {
  assertCan(actor.role, "account:write");
  const body = await readJson(request);
  try {
    const account = await createExternalAccount(actor, params.id, body, { requestId: request.headers.get(REQUEST_ID_HEADER) });
    return jsonResponse(account, 201);
  } catch (error) {
    return accountProblem(error, request, log);
  }
});
