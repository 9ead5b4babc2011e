import { apiRoute, jsonResponse, parseOrRefuse, readJson } from "@/lib/api/handler";
import { createInvitationBodySchema, invitationDto } from "@/lib/api/schemas";
import { AppError } from "@/lib/errors";
import { inviteMember, listPendingInvitations } from "@/lib/members/service";
import { assertCan } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/** GET /api/v1/invitations: pending invitations, newest first (member:manage). */
export const GET = apiRoute(async ({ actor }) => {
  assertCan(actor.role, "member:manage");
  const invitations = await listPendingInvitations(actor);
  return jsonResponse({ data: invitations.map(invitationDto) });
});

/**
 * POST /api/v1/invitations `{ email, role, clientCompanyId?, locale? }`: the members
 * page's invitation, checked by the same schema and service; 201 with its Location.
 * The permission comes first, so a role that may not gets 403 whatever it sent.
 */
export const POST = apiRoute(async ({ request, actor }) => {
  assertCan(actor.role, "member:manage");
  const input = parseOrRefuse(createInvitationBodySchema, await readJson(request), "invitation");
  const { invitationId } = await inviteMember(actor, input, input.locale ?? actor.agency.defaultLocale);
  const invitation = (await listPendingInvitations(actor)).find((row) => row.id === invitationId);
  if (!invitation) throw new AppError("INTERNAL", `invitation ${invitationId} vanished after it was made`);
  const location = new URL(`/api/v1/invitations/${invitationId}`, request.url).pathname;
  return jsonResponse(invitationDto(invitation), 201, { Location: location });
});
