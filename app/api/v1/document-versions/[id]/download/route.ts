import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { createDownloadLink } from "@/lib/documents/download";
import { REQUEST_ID_HEADER } from "@/lib/logger";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/document-versions/{id}/download: a presigned GET of 60 s (attachment, the
 * verified type) as JSON, or with ?redirect=1 a 303 to it. Another agency's or company's
 * version is 404; a quarantined one (or one whose bytes changed, then quarantined) is 409.
 */
export const GET = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const link = await createDownloadLink(actor, params.id, { requestId: request.headers.get(REQUEST_ID_HEADER) });
  if (new URL(request.url).searchParams.get("redirect") === "1") {
    return new Response(null, { status: 303, headers: { Location: link.url, "Cache-Control": "no-store" } });
  }
  return jsonResponse(link);
});
