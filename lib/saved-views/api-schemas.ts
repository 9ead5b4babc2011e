/**
 * What /api/v1/saved-views takes and answers: the bodies as documented (the service
 * checks them with lib/saved-views/schemas.ts, which also makes the query canonical), the
 * path and query parameters, and the DTO. lib/api/openapi.ts documents the API from
 * these very objects. Pure: no server imports.
 */
import { z } from "@/lib/validation/zod";
import { NAME_MAX, QUERY_MAX, SAVED_VIEW_MESSAGES, savedViewLists } from "./schemas";

const listField = z
  .enum(savedViewLists, { error: SAVED_VIEW_MESSAGES.list })
  .meta({ description: "The staff list the view belongs to." });
const nameField = z
  .string()
  .min(1)
  .max(NAME_MAX)
  .meta({ description: `The view's name, 1–${NAME_MAX} characters once trimmed; unique per list for its user, ignoring case.` });
const queryField = z
  .string()
  .max(QUERY_MAX)
  .meta({
    description:
      "The list's query string, as in its URL (`q=…&kind=overseas&sort=updated&dir=desc&cols=…`). It is saved as " +
      "the list reads it: keys the list does not know, values it would not accept, its defaults and the keyset " +
      "cursor (`after`) are left out. Empty: the list unfiltered.",
  });
const isDefaultField = z
  .boolean()
  .meta({ description: "Whether the list opens with this view; making one the default unsets the list's previous default." });

export const savedViewIdParamsSchema = z.object({ id: z.uuid().meta({ description: "The saved view's id." }) });

export const savedViewListParamsSchema = z.object({ list: listField });

/** POST /saved-views. */
export const createSavedViewBodySchema = z.object({
  list: listField,
  name: nameField,
  query: queryField.optional(),
  isDefault: isDefaultField.optional(),
});

/** PATCH /saved-views/{id}: any of the three, at least one. */
export const updateSavedViewBodySchema = z.object({
  name: nameField.optional(),
  query: queryField.optional(),
  isDefault: isDefaultField.optional(),
});

export const savedViewSchema = z
  .object({
    id: z.uuid(),
    list: z.enum(savedViewLists),
    name: z.string(),
    query: z.string().meta({ description: "The canonical query string, without `?`; open `/<agency>/<list>?<query>`." }),
    isDefault: z.boolean(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ description: "One of the token's member's own saved views of a staff list." });

export const savedViewListSchema = z.object({ data: z.array(savedViewSchema) });
