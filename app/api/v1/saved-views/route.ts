import { apiRoute, jsonResponse, parseOrRefuse, queryOf, readJson } from "@/lib/api/handler";
import { savedViewListParamsSchema } from "@/lib/saved-views/api-schemas";
import { createSavedView, listSavedViews } from "@/lib/saved-views/service";

export const dynamic = "force-dynamic";

/*
 * Saved views are personal (design.md §1): a token acts as its member, so these routes
 * read and write that member's own views of the staff lists, never anyone else's (the
 * database's own_saved_views policy says so as well). A caller with no user of its own
 * is refused with 403 and the message savedViews.errors.userRequired (lib/saved-views/service.ts).
 */

/** GET /api/v1/saved-views?list=clients: the member's own views of one list, by name. */
export const GET = apiRoute(async ({ request, actor }) => {
  const { list } = parseOrRefuse(savedViewListParamsSchema, queryOf(request), "saved view list");
  return jsonResponse({ data: await listSavedViews(actor, list) });
});

/**
 * POST /api/v1/saved-views: `{ list, name, query?, isDefault? }`; 201 with the view as
 * saved (its query as the list reads it) and its Location. A name the member already
 * uses for the list is refused on `name`.
 */
export const POST = apiRoute(async ({ request, actor }) => {
  const view = await createSavedView(actor, await readJson(request));
  const location = new URL(`/api/v1/saved-views/${view.id}`, request.url).pathname;
  return jsonResponse(view, 201, { Location: location });
});
