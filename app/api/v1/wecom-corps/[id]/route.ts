import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { assertCan } from "@/lib/rbac/permissions";
import { getWecomCorp } from "@/lib/wecom/service";

export const dynamic = "force-dynamic";

/** GET /api/v1/wecom-corps/{id}: one corp with its card (account:read); another agency's id, or one that is not a UUID, is 404. */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  assertCan(actor.role, "account:read");
  return jsonResponse(await getWecomCorp(actor, params.id));
});
