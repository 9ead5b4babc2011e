/**
 * Organisation code, 组织机构代码 (GB 11714-1997), domain.md §6.3.
 *
 * Legacy since 三证合一 (1 Oct 2015): it now lives inside the USCC as characters 9-17, and old
 * clients may still hold a separate certificate. B11: when a company has both, they must agree,
 * which is how a mistyped legacy code is caught. Printed "XXXXXXXX-C": 8 characters 0-9/A-Z
 * (A = 10 … Z = 35) and a check character. Some published snippets take S mod 11 as the check;
 * the standard is 11 - (S mod 11), with 10 written X and 11 written 0.
 */
import { normaliseCode } from "./normalise";
import { randomInt, type Rng } from "./random";

const PATTERN = /^[0-9A-Z]{8}[0-9X]$/;
const WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** USCC characters (no I O S V Z): generated codes use only these, so they fit in a USCC. */
const USCC_SAFE = "0123456789ABCDEFGHJKLMNPQRTUWXY";

export type OrgCodeResult =
  | {
      ok: true;
      /** The 9 characters without the hyphen: what is stored and compared. */
      value: string;
      /** As printed on the certificate, "60003734-1". */
      display: string;
    }
  | { ok: false; error: "format" }
  | { ok: false; error: "check_character"; expected: string };

/** The value of one code character: 0-9 as themselves, A = 10 … Z = 35. */
function characterValue(char: string): number {
  return Number.parseInt(char, 36);
}

/**
 * The check character for the first 8 characters (0-9, A-Z, upper case). Throws a RangeError
 * for anything else: callers pass codes they built or already normalised.
 */
export function orgCodeCheckCharacter(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) throw new RangeError("orgCodeCheckCharacter needs 8 characters 0-9/A-Z");
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += characterValue(first8[i]!) * WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  if (check === 10) return "X";
  if (check === 11) return "0";
  return String(check);
}

/**
 * Checks an organisation code typed as "XXXXXXXX-C" or as 9 characters (full-width, spaces and
 * lower case allowed). A wrong check character is an error, not a warning as for the USCC: domain.md
 * records no real organisation codes that fail it (the pilot-era USCCs' embedded codes pass).
 */
export function checkOrgCode(input: string): OrgCodeResult {
  const value = normaliseCode(input);
  if (!PATTERN.test(value)) return { ok: false, error: "format" };
  const expected = orgCodeCheckCharacter(value.slice(0, 8));
  if (value[8] !== expected) return { ok: false, error: "check_character", expected };
  return { ok: true, value, display: `${value.slice(0, 8)}-${value[8]}` };
}

/**
 * B11: whether characters 9-17 of the USCC are this organisation code. Both are normalised first,
 * so "60003734-1" matches "91110000600037341L". Check digits are not judged here (checkOrgCode and
 * checkUscc do that); a value of the wrong shape never matches.
 */
export function orgCodeMatchesUscc(orgCode: string, uscc: string): boolean {
  const org = normaliseCode(orgCode);
  const code = normaliseCode(uscc);
  return PATTERN.test(org) && code.length === 18 && code.slice(8, 17) === org;
}

/** A valid, made-up organisation code (9 characters, no hyphen) for seeds and tests. */
export function generateOrgCode(options: { rng: Rng }): string {
  let first8 = "";
  for (let i = 0; i < 8; i++) {
    // Mostly digits, as most real codes are; letters now and then.
    first8 += options.rng() < 0.8 ? String(randomInt(options.rng, 0, 9)) : USCC_SAFE[randomInt(options.rng, 10, 30)]!;
  }
  return first8 + orgCodeCheckCharacter(first8);
}
