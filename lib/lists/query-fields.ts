/**
 * A list's query read from the URL without zod, for the client side of lib/lists/view.ts:
 * the filter forms, column menus and sort headers rewrite the view in the browser, and zod
 * in their bundle was most of the list pages' first-load JavaScript
 * (docs/decisions/0022-first-load-js.md). Each reader does what the zod field of the list's
 * schema does (the `.catch` fallbacks included); the server, the API and saved views read
 * with the schema, and each list's view test checks the two agree.
 */

/** One field: what a URL value (or its absence) reads as. */
export type QueryField<T> = (value: unknown) => T;

/** Free text, trimmed; longer than `max` (after trimming, when `trim`) reads as absent. */
export function textField(max: number, { trim = true }: { trim?: boolean } = {}): QueryField<string | undefined> {
  return (value) => {
    if (typeof value !== "string") return undefined;
    const text = trim ? value.trim() : value;
    return text.length <= max ? text : undefined;
  };
}

/** One of `values`; anything else reads as `fallback` (absent unless given). */
export function choiceField<const V extends string>(values: readonly V[]): QueryField<V | undefined>;
export function choiceField<const V extends string>(values: readonly V[], fallback: V): QueryField<V>;
export function choiceField<const V extends string>(values: readonly V[], fallback?: V): QueryField<V | undefined> {
  return (value) => (typeof value === "string" && (values as readonly string[]).includes(value) ? (value as V) : fallback);
}

/** zod's z.uuid() (RFC 9562: a version and variant, or the nil and max UUIDs). */
const UUID = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;

/** A UUID or one of `words`; anything else reads as absent. */
export function uuidField<const W extends string>(words: readonly W[] = []): QueryField<string | undefined> {
  return (value) => (typeof value === "string" && (UUID.test(value) || (words as readonly string[]).includes(value)) ? value : undefined);
}

/** A whole number from `min` to `max` (z.coerce.number()); anything else, absence too, reads as `fallback`. */
export function wholeField(min: number, max: number, fallback: number): QueryField<number> {
  return (value) => {
    if (value === undefined) return fallback;
    const number = Number(value);
    return Number.isInteger(number) && number >= min && number <= max ? number : fallback;
  };
}

/** The parser of a query made of `fields`, in the shape lib/lists/view.ts takes. */
export function queryReader<Q>(fields: { [K in keyof Q]-?: QueryField<Q[K]> }): { parse(input: unknown): Q } {
  return {
    parse(input) {
      const raw = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
      const query: Record<string, unknown> = {};
      for (const key of Object.keys(fields) as (keyof Q & string)[]) {
        const value = fields[key](Object.hasOwn(raw, key) ? raw[key] : undefined);
        if (value !== undefined) query[key] = value;
      }
      return query as Q;
    },
  };
}
