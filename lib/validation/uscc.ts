/**
 * Unified Social Credit Code, 统一社会信用代码 (GB 32100-2015), domain.md §6.2.
 *
 * The USCC identifies a CN_ORG client (unique per agency) and caps its Official Accounts (B3), so
 * a mistyped code must not slip through. But some real codes issued in the pilot before the
 * standard (e.g. 91350211M00013FA1N, 91350100M0001TGQXM) fail the check character, and refusing
 * them would lock out real clients. So a wrong check character is a warning that staff confirm,
 * never a silent pass and never a hard block.
 *
 * 18 characters of 0123456789ABCDEFGHJKLMNPQRTUWXY (no I O S V Z), value = index:
 * 1 registration authority (9 = market regulation; also 1 机构编制, 5 民政, Y other …),
 * 2 category (under 9: 1 enterprise, 2 个体工商户, 3 farmers' co-operative),
 * 3-8 region (GB/T 2260 digits), 9-17 organisation code (GB 11714), 18 check (MOD 31).
 */
import { SAMPLE_COUNTY_CODES } from "./data/gb2260";
import { normaliseCode } from "./normalise";
import { generateOrgCode } from "./org-code";
import { pick, type Rng } from "./random";

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const CHARACTER = /^[0-9A-HJ-NPQRTUWXY]$/;

/** Wᵢ = 3^(i-1) mod 31 for positions 1…17. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Categories under registration authority 9 (market regulation), [R29] in domain.md. */
export const MARKET_REGULATION_CATEGORIES = {
  "1": "enterprise",
  "2": "individual_business",
  "3": "farmers_cooperative",
} as const;

export type UsccParts = {
  /** The normalised 18 characters: what is stored and compared. */
  value: string;
  /** Characters 9-17: the organisation code (B11 compares it with a legacy org code). */
  orgCode: string;
  /** Character 1, e.g. "9" (market regulation). */
  registrationAuthority: string;
  /** Character 2, e.g. "1" (enterprise, under authority 9). */
  category: string;
  /** Characters 3-8: the registering authority's region, e.g. "110000". */
  regionCode: string;
};

export type UsccResult =
  | ({ ok: true } & UsccParts)
  | { ok: false; error: "format" }
  | ({ ok: "warning"; error: "check_character"; expected: string } & UsccParts);

/**
 * The check character for the first 17 characters (upper case, USCC alphabet). Throws a
 * RangeError for anything else: callers pass codes they built or already normalised.
 */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError("usccCheckCharacter needs 17 characters");
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]!);
    if (value < 0) throw new RangeError(`usccCheckCharacter: "${first17[i]}" is not a USCC character`);
    sum += value * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/**
 * Checks a USCC typed by a person (full-width, spaces, hyphens and lower case allowed).
 * `ok: "warning"` means the shape is right but the check character is not `expected`: show it,
 * let staff confirm (pilot-era codes), and keep the confirmation in the audit trail.
 */
export function checkUscc(input: string): UsccResult {
  const value = normaliseCode(input);
  if (!PATTERN.test(value)) return { ok: false, error: "format" };
  const parts: UsccParts = {
    value,
    orgCode: value.slice(8, 17),
    registrationAuthority: value[0]!,
    category: value[1]!,
    regionCode: value.slice(2, 8),
  };
  const expected = usccCheckCharacter(value.slice(0, 17));
  if (value[17] !== expected) return { ok: "warning", error: "check_character", expected, ...parts };
  return { ok: true, ...parts };
}

export type GenerateUsccOptions = {
  rng: Rng;
  /** One USCC character; default "9" (market regulation). */
  registrationAuthority?: string;
  /** One USCC character; default "1" (enterprise). */
  category?: string;
  /** 6 digits; default: a real county code. */
  regionCode?: string;
  /** 9 USCC characters (a hyphen is fine); default: a valid generated organisation code. */
  orgCode?: string;
};

/**
 * A valid, made-up USCC for seeds and tests, deterministic for a given `rng`. Its characters
 * 9-17 are a valid organisation code unless `orgCode` says otherwise. Throws a RangeError for
 * parts that cannot appear in a USCC.
 */
export function generateUscc(options: GenerateUsccOptions): string {
  const authority = options.registrationAuthority ?? "9";
  const category = options.category ?? "1";
  const regionCode = options.regionCode ?? pick(options.rng, SAMPLE_COUNTY_CODES);
  const orgCode = normaliseCode(options.orgCode ?? generateOrgCode({ rng: options.rng }));
  if (!CHARACTER.test(authority) || !CHARACTER.test(category)) {
    throw new RangeError("generateUscc: the authority and category are one USCC character each");
  }
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError("generateUscc: the region code is 6 digits");
  if (!/^[0-9A-HJ-NPQRTUWXY]{9}$/.test(orgCode)) {
    throw new RangeError("generateUscc: the organisation code is 9 USCC characters");
  }
  const first17 = authority + category + regionCode + orgCode;
  return first17 + usccCheckCharacter(first17);
}
