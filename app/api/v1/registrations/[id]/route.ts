import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { assertCan } from "@/lib/rbac/permissions";
import { getRegistration } from "@/lib/registration/queries";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/registrations/{id}: one card (registration:read); another agency's id, a
 * client a restricted staff member may not see (ADR 0010), or a non-UUID is 404.
 */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  assertCan(actor.role, "registration:read");
  return jsonResponse(await getRegistration(actor, params.id));
});
