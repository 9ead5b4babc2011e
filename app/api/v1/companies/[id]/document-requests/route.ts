import { apiRoute, jsonResponse, readJson } from "@/lib/api/handler";
import { createDocumentRequest, listCompanyDocuments } from "@/lib/documents/requests";
import { REQUEST_ID_HEADER } from "@/lib/logger";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/companies/{id}/document-requests: the company's document requests, newest
 * first, each with the document answering every kind (document:read). Another agency's
 * company, or an unassigned one for restricted staff: 404.
 */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => jsonResponse((await listCompanyDocuments(actor, params.id)).requests));

/**
 * POST /api/v1/companies/{id}/document-requests `{ kinds?, registrationId?, useRequiredSet?,
 * dueOn?, message? }`: asks the company for documents (document:request); 201 with the request.
 */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const body = await readJson(request);
  const input = body && typeof body === "object" && !Array.isArray(body) ? { ...body, companyId: params.id } : body;
  return jsonResponse(await createDocumentRequest(actor, input, { requestId: request.headers.get(REQUEST_ID_HEADER) }), 201);
});
