import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { memberDto } from "@/lib/api/schemas";
import { listMembers } from "@/lib/members/service";
import { assertCan } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/** GET /api/v1/members: every member of the token's agency (member:manage). */
export const GET = apiRoute(async ({ actor }) => {
  assertCan(actor.role, "member:manage");
  const members = await listMembers(actor);
  return jsonResponse({ data: members.map(memberDto) });
});
