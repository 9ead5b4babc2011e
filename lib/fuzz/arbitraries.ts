/**
 * Malformed and hostile input for the fuzz suite (issue 10 §6): strings that break naive
 * code (NUL, lone surrogates, direction and zero-width marks, emoji and combining marks,
 * SQL and HTML metacharacters, very long text), values of the wrong type, objects with
 * fields missing, replaced or added, and request bodies that are not JSON at all. A
 * target's valid input is the seed: `mutated` keeps most of it, so the hostile value
 * reaches the validation and the write behind it rather than stopping at the first check.
 */
import fc from "fast-check";

/** Strings each of which has broken some parser, encoder or database somewhere. */
export const EDGE_STRINGS = [
  "",
  " ",
  "\t\r\n",
  "\u0000",
  "a\u0000b",
  "\u0000\u0000\u0000",
  "\uD800",
  "x\uDC00y",
  "\uDBFF\uDFFF",
  "\u202Eevil\u202C",
  "\u200F\u200E",
  "\u200B\u200C\u200D\u2060",
  "\uFEFF",
  "\uFFFE\uFFFF",
  "👨‍👩‍👧‍👦🏳️‍🌈",
  "e\u0301\u0302\u0303",
  "Z\u0334\u0321\u0322\u034E",
  "𠜎𠜱𠝹",
  "' OR '1'='1",
  "'; drop table users; --",
  "\\'; select pg_sleep(0); --",
  "%_\\",
  "$1 $$ $tag$",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "../../../etc/passwd",
  "%00%0d%0a",
  "{{7*7}}${7*7}",
  "null",
  "undefined",
  "NaN",
  "-1",
  "0",
  "1e309",
  "99999999999999999999999999",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "2026-02-30",
  "9999-12-31T23:59:59Z",
  "__proto__",
] as const;

/** Long strings: past every column's limit, and past a request body's 16 KiB. */
const HUGE_STRINGS = ["a".repeat(5_000), "中".repeat(3_000), "\u0000".repeat(2_000), "🙂".repeat(2_000), "x".repeat(40_000)];

/** A hostile string: an edge case, a long one, random code points (lone surrogates included), or edge cases glued together. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme-composite", maxLength: 20 }) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...EDGE_STRINGS, "名", "a", "1", "-"), { minLength: 2, maxLength: 6 }).map((parts) => parts.join("")) },
);

/** A value of any type but the expected one, or the expected type at its edges. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, false, 0, -1, 1.5, -0, 2 ** 31, 2 ** 53 + 1, Number.MAX_VALUE, NaN, Infinity, -Infinity) },
  { weight: 1, arbitrary: fc.integer() },
  {
    weight: 1,
    arbitrary: fc.constantFrom([], {}, [null], [""], { "": "" }, { __proto__: { polluted: true } }, Object.create(null) as object, [[[[[]]]]], new Date(Number.NaN)),
  },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(Array.from({ length: 2_000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`)) },
);

/** What a field under attack becomes: a hostile value, nothing, or (an object or array) a mutation of itself. */
function fieldAttack(valid: unknown, depth: number): fc.Arbitrary<unknown> {
  const nested = depth < 2 && valid !== null && typeof valid === "object";
  return fc.oneof(
    { weight: 4, arbitrary: hostileValue },
    { weight: 1, arbitrary: fc.constant(undefined) },
    ...(nested ? [{ weight: 4, arbitrary: mutated(valid, depth + 1) }] : []),
  );
}

/** What may happen to a field of a valid input. */
function mutatedField(valid: unknown, depth: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(valid) },
    { weight: 3, arbitrary: hostileValue },
    { weight: 1, arbitrary: fc.constant(undefined) },
    ...(depth < 2 && valid !== null && typeof valid === "object" ? [{ weight: 3, arbitrary: mutated(valid, depth + 1) }] : []),
  );
}

/**
 * `valid` with one field replaced by a hostile value, dropped or mutated within (most
 * often, so the rest of the input stays valid and the hostile value reaches the write),
 * or with every field at risk; sometimes with extra fields (pollution-style keys among
 * them). Arrays get hostile elements too.
 */
export function mutated(valid: unknown, depth = 0): fc.Arbitrary<unknown> {
  if (Array.isArray(valid)) {
    return fc.oneof(
      fc.tuple(...valid.map((item) => mutatedField(item, depth))),
      fc.array(mutatedField(valid[0] ?? null, depth), { maxLength: 4 }),
    );
  }
  if (valid === null || typeof valid !== "object") return mutatedField(valid, depth);
  const entries = Object.entries(valid as Record<string, unknown>);
  if (entries.length === 0) return fc.dictionary(hostileString, hostileValue, { maxKeys: 3 });
  const oneField = fc.nat({ max: entries.length - 1 }).chain((index) =>
    fieldAttack(entries[index]![1], depth).map((value) => entries.map(([key, kept], i): [string, unknown] => [key, i === index ? value : kept])),
  );
  const everyField = fc.tuple(...entries.map(([key, value]) => fc.tuple(fc.constant(key), mutatedField(value, depth))));
  const extra = fc.dictionary(fc.constantFrom("__proto__", "constructor", "agencyId", "id", "version", "role", "extra"), hostileValue, {
    maxKeys: 2,
  });
  return fc
    .tuple(fc.oneof({ weight: 3, arbitrary: oneField }, { weight: 1, arbitrary: everyField }), fc.option(extra, { nil: undefined, freq: 4 }))
    .map(([fields, extras]) => {
      const result: Record<string, unknown> = {};
      for (const [key, value] of fields) if (value !== undefined) result[key] = value;
      // defineProperty: "__proto__" becomes an own field, as JSON.parse would make it.
      for (const [key, value] of Object.entries(extras ?? {})) {
        Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return result;
    });
}

/** An input for something that takes `valid`: mostly a mutation of it, sometimes anything at all. */
export function inputLike(valid: unknown): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: mutated(valid) }, { weight: 1, arbitrary: hostileValue });
}

/** A known-good value most of the time, a hostile one otherwise: ids and slugs, so most calls get past the lookup. */
export function mostly<T>(good: T): fc.Arbitrary<T | unknown> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(good) }, { weight: 1, arbitrary: hostileValue });
}

/** The same for a string that ends up in a URL (a path segment or query value). */
export function mostlyText(good: string): fc.Arbitrary<string> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(good) }, { weight: 1, arbitrary: hostileString });
}

/** Bodies that are not the JSON a handler expects: broken syntax, other encodings, deep nesting, NUL. */
const BROKEN_BODIES = [
  "",
  "{",
  '{"a":',
  "[1,2",
  "nul",
  "{'single': 1}",
  '{"a":1}{"b":2}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  "\u0000",
  "\uFEFF{}",
  '{"__proto__":{"isAdmin":true}}',
  "[".repeat(5_000) + "]".repeat(5_000),
  '{"a":' + "1".repeat(400) + "}",
  "a=1&b=2",
  "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--",
];

export type HostileBody = { text: string | Uint8Array; contentType: string | null };

/** A body for a route handler that reads JSON: the serialised (mutated) input, or something broken, under some content type. */
export function hostileBody(valid: unknown): fc.Arbitrary<HostileBody> {
  const text = fc.oneof(
    { weight: 5, arbitrary: inputLike(valid).map((value) => JSON.stringify(value) ?? "") },
    { weight: 2, arbitrary: fc.constantFrom(...BROKEN_BODIES) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
  );
  const contentType = fc.oneof(
    { weight: 6, arbitrary: fc.constant("application/json") },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        null,
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json; charset=utf-16",
        "APPLICATION/JSON",
        "application/jsonx",
        "\u0000",
      ),
    },
  );
  return fc.record({ text, contentType });
}

/** A query string of hostile keys and values, added to a URL's own. */
export const hostileQuery: fc.Arbitrary<[string, string][]> = fc.array(
  fc.tuple(fc.oneof(fc.constantFrom("q", "after", "limit", "sort", "kind", "status", "from", "to", "pipeline", "view", "cursor"), hostileString), hostileString),
  { maxLength: 3 },
);

/** The strings every text field is tried with, whatever the random runs pick: NUL and a lone surrogate. */
export const CRITICAL_STRINGS = ["a\u0000b", "x\uDC00y"] as const;

/**
 * `valid` with one string in it (a field, an array element, or `valid` itself, down to
 * two levels) replaced by each critical string: the deterministic part of the attack.
 */
export function criticalVariants(valid: unknown, depth = 0): unknown[] {
  if (typeof valid === "string") return [...CRITICAL_STRINGS];
  if (depth > 2 || valid === null || typeof valid !== "object") return [];
  if (Array.isArray(valid)) {
    return valid.flatMap((item, index) => criticalVariants(item, depth + 1).map((variant) => valid.map((kept, i) => (i === index ? variant : kept))));
  }
  return Object.entries(valid as Record<string, unknown>).flatMap(([key, value]) =>
    criticalVariants(value, depth + 1).map((variant) => ({ ...(valid as Record<string, unknown>), [key]: variant })),
  );
}
