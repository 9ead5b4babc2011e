import { apiRoute, jsonResponse, readJson } from "@/lib/api/handler";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { createPerson, listPeople } from "@/lib/people/service";
import { assertCan } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/** GET /api/v1/people: the agency's people, newest first, with masked IDs only (person:read). */
export const GET = apiRoute(async ({ actor }) => {
  assertCan(actor.role, "person:read");
  const rows = await listPeople(actor);
  return jsonResponse({
    data: rows.map((row) => ({ id: row.id, name: row.name, idType: row.idType, idMask: row.idMask, createdAt: row.createdAt.toISOString() })),
  });
});

/**
 * POST /api/v1/people `{ name, idType, idNumber, mobile? }`: records a person (person:write);
 * 201 with `{ id, name, idMask }`. The clear number is never answered.
 */
export const POST = apiRoute(async ({ request, actor }) => {
  assertCan(actor.role, "person:write");
  const person = await createPerson(actor, await readJson(request), { requestId: request.headers.get(REQUEST_ID_HEADER) });
  return jsonResponse(person, 201);
});
