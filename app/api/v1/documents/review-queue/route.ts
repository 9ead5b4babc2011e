import { apiRoute, jsonResponse, queryOf } from "@/lib/api/handler";
import { listReviewQueue, reviewQueueCursor } from "@/lib/documents/requests";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/documents/review-queue?limit&cursor: documents whose latest version waits
 * for review, oldest first (document:review). The `Link` header names the next page when
 * the page is full.
 */
export const GET = apiRoute(async ({ request, actor }) => {
  const query = queryOf(request);
  const items = await listReviewQueue(actor, query);
  const limit = Number(query.limit ?? 50);
  const last = items.at(-1);
  if (!last || items.length < limit) return jsonResponse(items);
  const next = new URL(request.url);
  next.searchParams.set("cursor", reviewQueueCursor(last));
  return jsonResponse(items, 200, { Link: `<${next.toString()}>; rel="next"` });
});
