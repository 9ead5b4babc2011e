import { apiRoute, jsonResponse, readJson } from "@/lib/api/handler";
import { createUploadIntent } from "@/lib/documents/upload";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/uploads: declares a file (design.md §6) under the `Idempotency-Key` header
 * and answers the intent with a presigned POST to its staging key: 201 when new, 200 when
 * the same key and body came before (the same intent, a fresh POST). The same key with
 * another body, a size over the type's limit or an unsupported type: 422. Owners, admins
 * and staff (document:upload).
 */
export const POST = apiRoute(async ({ request, actor }) => {
  const { intent, created } = await createUploadIntent(actor, await readJson(request), {
    idempotencyKey: request.headers.get("idempotency-key"),
  });
  return jsonResponse(intent, created ? 201 : 200);
});
