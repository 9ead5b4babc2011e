import { apiRoute, jsonResponse, readJson } from "@/lib/api/handler";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { assertCan } from "@/lib/rbac/permissions";
import { createWecomCorp } from "@/lib/wecom/service";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/wecom-corps `{ clientCompanyId, adminPersonId?, corpName, shortName?,
 * industry?, scale?, tier?, region? }`: the corp and its registration card in the first
 * stage of the `wecom` pipeline (account:write and registration:create); 201 with the
 * corp and the `warnings` staff should know before going on.
 */
export const POST = apiRoute(async ({ request, actor }) => {
  assertCan(actor.role, "account:write");
  assertCan(actor.role, "registration:create");
  const body = await readJson(request);
  const corp = await createWecomCorp(actor, body, { requestId: request.headers.get(REQUEST_ID_HEADER) });
  return jsonResponse(corp, 201, { Location: `/api/v1/wecom-corps/${corp.id}` });
});
