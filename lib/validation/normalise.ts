/**
 * Normalising user input before any check.
 *
 * People type Chinese identifiers with a Chinese IME switched on, so "１１０１０５…Ｘ" (full-width
 * forms, U+FF01–U+FF5E), the ideographic space U+3000 and dash look-alikes ("—", "－") are
 * everyday input, not typos. Cards and licences also print numbers in groups ("110105 1949…",
 * "60003734-1"). Every check in lib/validation first folds these away, so the algorithms only
 * ever see plain ASCII and the stored, hashed value is the same whatever the keyboard was.
 */

/** Characters a pasted value may carry that nobody can see: zero-width space/joiners, BOM. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/** Dash look-alikes an IME or a word processor produces instead of "-". */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\u30FC]/g;

/**
 * Full-width ASCII forms to ASCII (０-９, Ａ-Ｚ, ａ-ｚ, ＋, －, （, ）…), the ideographic space to a
 * plain space, dash look-alikes to "-", and invisible characters dropped. Nothing else changes:
 * case, spaces and hyphens stay, because what may be removed depends on the format.
 */
export function toHalfWidth(input: string): string {
  let out = "";
  for (const char of input) {
    const code = char.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += " ";
    else out += char;
  }
  return out.replace(INVISIBLE, "").replace(DASHES, "-");
}

/**
 * For codes where spaces and hyphens are only grouping (resident ID, USCC, organisation code):
 * half-width, every kind of white space and every hyphen removed, upper-cased (so a lower-case
 * "x" check character reads as "X").
 */
export function normaliseCode(input: string): string {
  return toHalfWidth(input).replace(/[\s-]+/g, "").toUpperCase();
}

/**
 * For phone numbers, where a hyphen can separate an extension and so carries meaning: half-width,
 * white space removed, hyphens kept (runs collapsed to one).
 */
export function normalisePhone(input: string): string {
  return toHalfWidth(input).replace(/\s+/g, "").replace(/-+/g, "-");
}
