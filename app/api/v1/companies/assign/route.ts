import { apiRoute, jsonResponse, parseOrRefuse, readJson } from "@/lib/api/handler";
import { assignCompaniesSchema } from "@/lib/clients/api-schemas";
import { assignCompanies } from "@/lib/clients/service";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { assertCan } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/companies/assign `{ ids, assigneeUserId }`: gives the companies to one
 * active owner, admin or staff member, or with null to nobody, in one transaction, one
 * audit event each (client:update); 200 with how many changed. An assignee who may not
 * be one is 422 on `assigneeUserId`, and no company changes.
 */
export const POST = apiRoute(async ({ request, actor }) => {
  assertCan(actor.role, "client:update");
  const body = parseOrRefuse(assignCompaniesSchema, await readJson(request), "assign body");
  const result = await assignCompanies(actor, body.ids, body.assigneeUserId, { requestId: request.headers.get(REQUEST_ID_HEADER) });
  return jsonResponse(result);
});
