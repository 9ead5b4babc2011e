import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { completeUpload } from "@/lib/documents/upload";
import { REQUEST_ID_HEADER } from "@/lib/logger";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/uploads/{id}/complete: checks the uploaded bytes (size, magic bytes,
 * SHA-256), copies them to the document's final key and records the version; a refusal is
 * 422 naming the reason (documentUpload.refusals.*), and a repeat answers the same.
 */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) =>
  jsonResponse(await completeUpload(actor, params.id, { requestId: request.headers.get(REQUEST_ID_HEADER) })),
);
