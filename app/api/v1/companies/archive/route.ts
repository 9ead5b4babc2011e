import { apiRoute, jsonResponse, parseOrRefuse, readJson } from "@/lib/api/handler";
import { archiveCompaniesSchema } from "@/lib/clients/api-schemas";
import { setCompaniesArchived } from "@/lib/clients/service";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { assertCan } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/companies/archive `{ ids, archived }`: archives (or, with false, restores)
 * the companies in one transaction, one audit event each (client:update); 200 with how
 * many changed. Ids of another agency are invisible: they change nothing.
 */
export const POST = apiRoute(async ({ request, actor }) => {
  assertCan(actor.role, "client:update");
  const body = parseOrRefuse(archiveCompaniesSchema, await readJson(request), "archive body");
  const result = await setCompaniesArchived(actor, body.ids, body.archived, { requestId: request.headers.get(REQUEST_ID_HEADER) });
  return jsonResponse(result);
});
