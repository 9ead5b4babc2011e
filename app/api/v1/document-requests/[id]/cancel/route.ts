import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { cancelDocumentRequest } from "@/lib/documents/requests";
import { REQUEST_ID_HEADER } from "@/lib/logger";

export const dynamic = "force-dynamic";

/** POST /api/v1/document-requests/{id}/cancel: cancels an open request (document:request); 409 when it is not open. */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) =>
  jsonResponse(await cancelDocumentRequest(actor, params.id, { requestId: request.headers.get(REQUEST_ID_HEADER) })),
);
