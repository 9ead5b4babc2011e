import { apiRoute, jsonResponse, readJson } from "@/lib/api/handler";
import { reviewProblem } from "@/lib/documents/api-problems";
import { reviewDocumentVersion } from "@/lib/documents/review";
import { REQUEST_ID_HEADER } from "@/lib/logger";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/document-versions/{id}/review `{ decision, reason?, signed?, chopped?,
 * colourScan?, expiresOn?, version }`: approves or rejects (with a reason) the document's
 * latest version (document:review). 409 carries `reason` (notLatest, quarantined, stale)
 * and for a stale version the `current` document.
 */
export const POST = apiRoute<{ id: string }>(async ({ request, actor, params, log }) => {
  const body = await readJson(request);
  try {
    return jsonResponse(await reviewDocumentVersion(actor, params.id, body, { requestId: request.headers.get(REQUEST_ID_HEADER) }));
  } catch (error) {
    return reviewProblem(error, request, log);
  }
});
