import { apiRoute, jsonResponse, readJson } from "@/lib/api/handler";
import { addRequestComment, listRequestComments } from "@/lib/documents/comments";
import { REQUEST_ID_HEADER } from "@/lib/logger";

export const dynamic = "force-dynamic";

/** GET /api/v1/document-requests/{id}/comments: the request's comments, oldest first (document:read). */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => jsonResponse(await listRequestComments(actor, params.id)));

/** POST /api/v1/document-requests/{id}/comments `{ body }`: adds a comment (document:request); 201 with it. */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const payload = await readJson(request);
  const body = payload && typeof payload === "object" ? (payload as { body?: unknown }).body : undefined;
  return jsonResponse(await addRequestComment(actor, params.id, body, { requestId: request.headers.get(REQUEST_ID_HEADER) }), 201);
});
