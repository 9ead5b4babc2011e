import { apiRoute, jsonResponse, queryOf } from "@/lib/api/handler";
import { API_MESSAGES } from "@/lib/api/schemas";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/rbac/permissions";
import { registrationListQuerySchema } from "@/lib/registration/api-schemas";
import { decodeRegistrationCursor, listRegistrations } from "@/lib/registration/queries";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/registrations: the agency's cards by due date (none last), then id, one
 * keyset page at a time (registration:read), filtered like the board (pipeline, stage,
 * assignee, client, overdue, soon, waiting, type), as `{ data, next, total, totalCapped }`;
 * `next` is also the Link header. Values the list does not know fall back to "any"; a
 * cursor that does not decode is 422.
 */
export const GET = apiRoute(async ({ request, actor }) => {
  assertCan(actor.role, "registration:read");
  const query = registrationListQuerySchema.parse(queryOf(request));
  if (query.after && !decodeRegistrationCursor(query.after)) {
    throw new AppError("VALIDATION", "registration cursor does not decode", { fields: { after: API_MESSAGES.invalidCursor } });
  }
  const page = await listRegistrations(actor, query);
  const headers: Record<string, string> = {};
  if (page.next) {
    const url = new URL(request.url);
    url.searchParams.set("after", page.next);
    headers.Link = `<${url.pathname}${url.search}>; rel="next"`;
  }
  return jsonResponse({ data: page.rows, next: page.next, total: page.total, totalCapped: page.totalCapped }, 200, headers);
});
