/**
 * Saved views (issue 6 §4): what a member may save of a staff list's view, shared by the
 * menu's dialogs, the server actions and the JSON API. Pure: no server imports.
 *
 * A view is the list's query string minus its keyset cursor, in one canonical form: only
 * the list's own keys, each value as the list itself reads it, only what differs from
 * the list's defaults, in a fixed order. So the saved query of a view equals the
 * canonical query of the URL that shows it, which is how the menu knows the view is the
 * one on screen, and a tampered or stale query can never save more than the list reads.
 */
import { hideableColumns as clientHideableColumns, DEFAULT_HIDDEN as clientDefaultHidden } from "@/components/clients/clients-view";
import { accountListQuerySchema } from "@/lib/accounts/list-query";
import { companyListQuerySchema } from "@/lib/clients/schemas";
import { peopleListQuerySchema } from "@/lib/people/list-query";
import { z } from "@/lib/validation/zod";
import { NAME_MAX, QUERY_MAX, SAVED_VIEW_MESSAGES, savedViewLists, type SavedViewList } from "./constants";

export * from "./constants";

type ListRules = {
  schema: z.ZodObject;
  /** The columns that may hide; absent: `cols` is kept as the list's own words (checked for shape only). */
  columns?: readonly string[];
  defaultHidden?: readonly string[];
};

/** Each list's query schema: the one its page and API read the URL with. */
const rules: Record<SavedViewList, ListRules> = {
  clients: { schema: companyListQuerySchema, columns: clientHideableColumns, defaultHidden: clientDefaultHidden },
  people: { schema: peopleListQuerySchema },
  accounts: { schema: accountListQuerySchema },
};

/** The keys of a list's query that a view keeps: every one but the keyset cursor. */
function keysOf(list: SavedViewList): string[] {
  return Object.keys(rules[list].schema.shape).filter((key) => key !== "after");
}

type RawQuery = string | URLSearchParams | Record<string, string | string[] | undefined>;

/**
 * The first value of each parameter, blank ones left out (a blank filter means "any"),
 * except `cols`, where blank means "every column shows".
 */
function firstValues(raw: RawQuery): Record<string, string> {
  const entries: (readonly [string, string])[] =
    typeof raw === "string"
      ? [...new URLSearchParams(raw.replace(/^[?#]+/, ""))]
      : raw instanceof URLSearchParams
        ? [...raw]
        : Object.entries(raw).flatMap(([key, value]) => {
            const first = Array.isArray(value) ? value[0] : value;
            return first === undefined ? [] : [[key, first] as const];
          });
  const values: Record<string, string> = {};
  for (const [key, value] of entries) if (!(key in values) && (key === "cols" || value.trim() !== "")) values[key] = value;
  return values;
}

const COLUMN_WORDS = /^[a-zA-Z]+(,[a-zA-Z]+)*$/;

/** The `cols` value a view keeps, or undefined when it shows the list's default columns. */
function columnsOf(list: SavedViewList, cols: string | undefined): string | undefined {
  if (cols === undefined) return undefined;
  const { columns, defaultHidden } = rules[list];
  if (!columns) return cols === "" || (COLUMN_WORDS.test(cols) && cols.length <= 200) ? cols : undefined;
  const asked = cols.split(",");
  const hidden = columns.filter((column) => asked.includes(column));
  const same = hidden.length === defaultHidden!.length && hidden.every((column) => defaultHidden!.includes(column));
  return same ? undefined : hidden.join(",");
}

/**
 * The canonical query of `raw` for `list`: its known keys as the list reads them, what
 * differs from the defaults only, no cursor, no `view=all`; "" for the default view.
 */
export function canonicalViewQuery(list: SavedViewList, raw: RawQuery): string {
  const values = firstValues(raw);
  const keys = keysOf(list);
  const { schema } = rules[list];
  const parsed = schema.parse(Object.fromEntries(keys.filter((key) => key in values).map((key) => [key, values[key]]))) as Record<string, unknown>;
  const defaults = schema.parse({}) as Record<string, unknown>;
  const params = new URLSearchParams();
  for (const key of keys) {
    const value = parsed[key];
    if (value === undefined || value === defaults[key]) continue;
    params.set(key, String(value));
  }
  const columns = columnsOf(list, values.cols);
  if (columns !== undefined) params.set("cols", columns);
  return params.toString();
}

const nameSchema = z
  .string({ error: SAVED_VIEW_MESSAGES.nameRequired })
  // PostgreSQL refuses NUL characters in text (design.md §7): they go with the other control characters.
  .transform((name) => name.replace(/[\u0000-\u001f\u007f]/g, " ").trim().replace(/\s+/g, " "))
  .pipe(z.string().min(1, SAVED_VIEW_MESSAGES.nameRequired).max(NAME_MAX, SAVED_VIEW_MESSAGES.nameTooLong));

const listSchema = z.enum(savedViewLists, { error: SAVED_VIEW_MESSAGES.list });
// Checked for length before it is read: the canonical form is shorter still.
const querySchema = z.string({ error: SAVED_VIEW_MESSAGES.queryTooLong }).max(QUERY_MAX, SAVED_VIEW_MESSAGES.queryTooLong);

/** A new view: `{ list, name, query, isDefault }`; the query comes back canonical. */
export const createSavedViewSchema = z
  .object({
    list: listSchema,
    name: nameSchema,
    query: querySchema.default(""),
    isDefault: z.boolean().default(false),
  })
  .transform((input) => ({ ...input, query: canonicalViewQuery(input.list, input.query) }));
export type CreateSavedViewInput = z.input<typeof createSavedViewSchema>;

/** A change to a view: a new name, the current view's query, and/or whether it is the default. */
export const updateSavedViewSchema = z
  .object({
    name: nameSchema.optional(),
    query: querySchema.optional(),
    isDefault: z.boolean().optional(),
  })
  .refine((input) => input.name !== undefined || input.query !== undefined || input.isDefault !== undefined, {
    message: SAVED_VIEW_MESSAGES.nothingToChange,
    path: ["form"],
  });
export type UpdateSavedViewInput = z.input<typeof updateSavedViewSchema>;

export const savedViewListQuerySchema = z.object({ list: listSchema });

