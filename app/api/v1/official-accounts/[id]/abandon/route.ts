import { abandonOfficialAccount } from "@/lib/accounts/service";
import { accountProblem } from "@/lib/api/account-problems";
import { apiRoute, jsonResponse, readJson } from "@/lib/api/handler";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { assertCan } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/official-accounts/{id}/abandon `{ version, reason? }`: the card moves to
 * `abandoned` and the operator's ID slot is freed (registration:move); 200 with the
 * account and its card. A stale version is 409 STALE_VERSION with the `current` card;
 * another agency's id, or one that is not a UUID, is 404.
 */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params, log }) => {
  assertCan(actor.role, "registration:move");
  const body = await readJson(request);
  try {
    const card = await abandonOfficialAccount(actor, params.id, body, { requestId: request.headers.get(REQUEST_ID_HEADER) });
    return jsonResponse(card);
  } catch (error) {
    return accountProblem(error, request, log);
  }
});
