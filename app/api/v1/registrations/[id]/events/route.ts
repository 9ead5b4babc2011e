import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { assertCan } from "@/lib/rbac/permissions";
import { listRegistrationEvents } from "@/lib/registration/queries";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/registrations/{id}/events: the card's stage timeline, oldest first, with who
 * moved it, when, the note and the time spent in each stage (registration:read); 404 as
 * GET /registrations/{id}.
 */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  assertCan(actor.role, "registration:read");
  return jsonResponse({ data: await listRegistrationEvents(actor, params.id) });
});
