import { apiRoute, jsonResponse, readJson } from "@/lib/api/handler";
import { deleteSavedView, updateSavedView } from "@/lib/saved-views/service";

export const dynamic = "force-dynamic";

/**
 * PATCH /api/v1/saved-views/{id}: `{ name?, query?, isDefault? }` on one of the member's
 * own views (making it the default unsets the list's previous one); 200 with the view.
 * Another member's view, another agency's, or an id that is not one: 404 alike.
 */
export const PATCH = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  return jsonResponse(await updateSavedView(actor, params.id, await readJson(request)));
});

/** DELETE /api/v1/saved-views/{id}: deletes one of the member's own views; 204. 404 as for PATCH. */
export const DELETE = apiRoute<{ id: string }>(async ({ actor, params }) => {
  await deleteSavedView(actor, params.id);
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
});
