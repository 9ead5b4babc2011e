import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { listCompanyDocuments } from "@/lib/documents/requests";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/companies/{id}/documents: the company's requests and documents, each
 * document with its versions newest first and their reviews (document:read).
 */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => jsonResponse(await listCompanyDocuments(actor, params.id)));
