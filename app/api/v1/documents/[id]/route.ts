import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { getDocument } from "@/lib/documents/requests";

export const dynamic = "force-dynamic";

/** GET /api/v1/documents/{id}: one document, its versions newest first and their reviews (document:read). */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => jsonResponse(await getDocument(actor, params.id)));
