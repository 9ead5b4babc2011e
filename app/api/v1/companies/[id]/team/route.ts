import { apiRoute, jsonResponse, parseOrRefuse, readJson } from "@/lib/api/handler";
import { getTeam, replaceTeam } from "@/lib/clients/team";
import { teamBodySchema } from "@/lib/clients/team-schemas";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { assertCan } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/companies/{id}/team: the company's assignee and team members (client:read).
 * A company the caller may not see (another agency's, or with staff restricted to their
 * assigned clients, someone else's) is 404.
 */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  assertCan(actor.role, "client:read");
  return jsonResponse(await getTeam(actor, params.id));
});

/**
 * PUT /api/v1/companies/{id}/team `{ userIds }`: makes the team exactly these active
 * owners, admins or staff members, in one transaction with a client.team_add or
 * client.team_remove audit event per change (client:update); 200 with the team. Anyone
 * else is 422 on `userIds`, and nothing changes.
 */
export const PUT = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  assertCan(actor.role, "client:update");
  const body = parseOrRefuse(teamBodySchema, await readJson(request), "team body");
  return jsonResponse(await replaceTeam(actor, params.id, body, { requestId: request.headers.get(REQUEST_ID_HEADER) }));
});
