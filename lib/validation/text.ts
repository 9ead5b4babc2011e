/**
 * Text PostgreSQL cannot store (issue 10 §6, found by the fuzz suite): a NUL character
 * (text and jsonb both refuse U+0000: "invalid byte sequence for encoding UTF8: 0x00")
 * and a lone UTF-16 surrogate (not a character at all: jsonb refuses its escape, and the
 * driver would silently turn it into U+FFFD in a text column). No form can produce either,
 * so input that carries one is refused as a whole, naming where, before anything is written.
 */

/** The catalogue key of the refusal, for a field and for the form. */
export const UNSTORABLE_TEXT_MESSAGE = "textInput.unstorable";

// With the u flag, a surrogate in a class matches only one that is not half of a pair.
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/u;

/** Whether `text` can be stored as it is. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/**
 * The top-level fields of `input` (or "form" for `input` itself) in which some string, or
 * some key of a nested object, cannot be stored; empty when all of it can.
 */
export function unstorableFields(input: unknown): string[] {
  if (input === null || typeof input !== "object") return holdsUnstorable(input, 0) ? ["form"] : [];
  const fields = Object.entries(input).filter(([key, value]) => !isStorableText(key) || holdsUnstorable(value, 1));
  return fields.map(([key]) => (isStorableText(key) ? key : "form"));
}

/** Whether `value` holds unstorable text anywhere (deeply nested input is refused elsewhere; 32 levels are plenty). */
function holdsUnstorable(value: unknown, depth: number): boolean {
  if (typeof value === "string") return !isStorableText(value);
  if (value === null || typeof value !== "object" || depth > 32) return false;
  return Object.entries(value).some(([key, item]) => !isStorableText(key) || holdsUnstorable(item, depth + 1));
}
