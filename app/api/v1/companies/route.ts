import { apiRoute, jsonResponse, queryOf, readJson } from "@/lib/api/handler";
import { API_MESSAGES } from "@/lib/api/schemas";
import { companyCursor, listCompanies } from "@/lib/clients/list";
import { companyListQuerySchema } from "@/lib/clients/schemas";
import { createCompany, getCompany, serialiseCompany } from "@/lib/clients/service";
import { AppError } from "@/lib/errors";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { assertCan } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/companies: the clients list's query (q, kind, assignee, pipeline, stage,
 * overdue, archived, sort, dir, after, limit), one keyset page at a time (client:read), as
 * `{ data, next, total, totalCapped }`; `next` is also given as a Link header. Values the
 * list does not know fall back to its defaults, as in the page's URL; a cursor that does
 * not decode for the sort is 422.
 */
export const GET = apiRoute(async ({ request, actor }) => {
  assertCan(actor.role, "client:read");
  const query = companyListQuerySchema.parse(queryOf(request));
  if (query.after && !companyCursor(query)) {
    throw new AppError("VALIDATION", "company cursor does not decode", { fields: { after: API_MESSAGES.invalidCursor } });
  }
  const page = await listCompanies(actor, query);
  const headers: Record<string, string> = {};
  if (page.next) {
    const url = new URL(request.url);
    url.searchParams.set("after", page.next);
    headers.Link = `<${url.pathname}${url.search}>; rel="next"`;
  }
  return jsonResponse({ data: page.rows, next: page.next, total: page.total, totalCapped: page.totalCapped }, 200, headers);
});

/**
 * POST /api/v1/companies: the company form's fields, checked by the same schema and
 * service (client:create); 201 with the company and its Location. A USCC whose check
 * character fails needs `usccOverrideReason`; one already in the agency is refused on `uscc`.
 */
export const POST = apiRoute(async ({ request, actor }) => {
  assertCan(actor.role, "client:create");
  const body = await readJson(request);
  const { id } = await createCompany(actor, body, { requestId: request.headers.get(REQUEST_ID_HEADER) });
  const company = serialiseCompany(await getCompany(actor, id));
  const location = new URL(`/api/v1/companies/${id}`, request.url).pathname;
  return jsonResponse(company, 201, { Location: location });
});
