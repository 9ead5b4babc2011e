/**
 * Resident Identity Card number, 居民身份证号码 (GB 11643-1999), domain.md §6.1.
 *
 * An operator's ID is the key of the two-accounts-per-ID cap (design.md §4.2): a typo that still
 * "looks like" an ID would open a third slot, so the number is parsed, not pattern-matched. The
 * check character catches every single-character error and every swap of two adjacent characters.
 *
 * Layout: 6-digit region (GB/T 2260; the first two digits are the province), birth date YYYYMMDD,
 * 3-digit sequence (odd for men, even for women), check character (ISO 7064 MOD 11-2).
 * 15-digit numbers were retired on 1 Jan 2013 and are refused as "format".
 */
import { chinaDate, daysInMonth, formatIsoDate, type IsoDate, isRealDate, parseIsoDate } from "./china-date";
import { isHmtResidencePermitProvinceCode, isMainlandProvinceCode, SAMPLE_COUNTY_CODES } from "./data/gb2260";
import { normaliseCode } from "./normalise";
import { pick, randomInt, type Rng } from "./random";

const PATTERN = /^\d{6}(18|19|20)\d{2}(0[1-9]|1[0-2])\d{2}\d{3}[0-9X]$/;

/** Wᵢ = 2^(18-i) mod 11 for positions 1…17. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;

/** Indexed by S mod 11: check = (12 - S mod 11) mod 11, with 10 written X. */
const CHECK_CHARACTERS = "10X98765432";

export type Sex = "male" | "female";

export type ResidentId = {
  /** The normalised 18 characters: what is stored, hashed and compared. */
  value: string;
  birthDate: IsoDate;
  sex: Sex;
  /** First two digits, e.g. "44". */
  provinceCode: string;
  /** First six digits, e.g. "440305". Not checked below province level (see data/gb2260.ts). */
  regionCode: string;
};

export type ResidentIdError = "format" | "province" | "birth_date" | "future_birth_date" | "check_character";

export type ResidentIdResult =
  | ({ ok: true } & ResidentId)
  | { ok: false; error: Exclude<ResidentIdError, "check_character"> }
  | { ok: false; error: "check_character"; expected: string };

export type ParseResidentIdOptions = {
  /** The current instant (from lib/clock in the app); its date in China bounds the birth date. */
  today: Date;
  /**
   * Also accept the Hong Kong, Macau and Taiwan residents' residence permits (region 81/82/83),
   * which share the layout and check character. Off by default: a resident ID card never has them.
   */
  acceptHmtResidencePermit?: boolean;
};

/**
 * The check character for the first 17 digits of an ID number. Throws a RangeError unless given
 * exactly 17 ASCII digits: callers pass numbers they built, not user input.
 */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError("residentIdCheckCharacter needs 17 digits");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/**
 * Parses a resident ID number typed by a person. Checks run in order and the first failure is
 * returned: format, province, birth date (a real date), not born after today (in China), then the
 * check character, whose `expected` value is for logs and staff, not for the person typing: a wrong
 * check character usually means another digit is wrong.
 */
export function parseResidentId(input: string, options: ParseResidentIdOptions): ResidentIdResult {
  const value = normaliseCode(input);
  if (!PATTERN.test(value)) return { ok: false, error: "format" };

  const provinceCode = value.slice(0, 2);
  const provinceAccepted =
    isMainlandProvinceCode(provinceCode) ||
    (options.acceptHmtResidencePermit === true && isHmtResidencePermitProvinceCode(provinceCode));
  if (!provinceAccepted) return { ok: false, error: "province" };

  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (!isRealDate(year, month, day)) return { ok: false, error: "birth_date" };
  const birthDate = formatIsoDate(year, month, day);
  if (birthDate > chinaDate(options.today)) return { ok: false, error: "future_birth_date" };

  const expected = residentIdCheckCharacter(value.slice(0, 17));
  if (value[17] !== expected) return { ok: false, error: "check_character", expected };

  return {
    ok: true,
    value,
    birthDate,
    sex: Number(value[16]) % 2 === 1 ? "male" : "female",
    provinceCode,
    regionCode: value.slice(0, 6),
  };
}

/**
 * Whether someone born on `birthDate` ("YYYY-MM-DD") is 18 or older on today's date in China.
 * Birthday-exact: 18 on the 18th birthday itself. Someone born on 29 February comes of age on
 * 28 February in a common year: Civil Code arts. 201–202 end a period counted in years on the
 * corresponding day, or on the last day of that month when there is none.
 */
export function isAdult(birthDate: IsoDate, today: Date): boolean {
  const birth = parseIsoDate(birthDate);
  if (!birth) throw new RangeError(`isAdult needs a real YYYY-MM-DD date, got "${birthDate}"`);
  const year = birth.year + 18;
  const day = Math.min(birth.day, daysInMonth(year, birth.month));
  return chinaDate(today) >= formatIsoDate(year, birth.month, day);
}

/**
 * Masks an ID number for display: the first 6 and last 4 characters stay, the rest become "*"
 * ("110105********002X"), so staff can tell two people apart without seeing the birth date.
 * Anything of 10 characters or fewer is masked whole: there would be nothing left to hide.
 */
export function maskResidentId(value: string): string {
  const compact = normaliseCode(value);
  if (compact.length <= 10) return "*".repeat(compact.length);
  return compact.slice(0, 6) + "*".repeat(compact.length - 10) + compact.slice(-4);
}

export type GenerateResidentIdOptions = {
  rng: Rng;
  /** 6 digits in a mainland (or HK/Macau/Taiwan permit) province; default: a real county code. */
  regionCode?: string;
  /** "YYYY-MM-DD" from 1800 to 2099; default: a day from 1960 to 2005, so an adult. */
  birthDate?: IsoDate;
  sex?: Sex;
};

/**
 * A valid, made-up ID number for seeds and tests. Deterministic for a given `rng`. Throws a
 * RangeError for a region or birth date that parseResidentId would refuse.
 */
export function generateResidentId(options: GenerateResidentIdOptions): string {
  const { rng } = options;
  const regionCode = options.regionCode ?? pick(rng, SAMPLE_COUNTY_CODES);
  const province = regionCode.slice(0, 2);
  if (
    !/^\d{6}$/.test(regionCode) ||
    !(isMainlandProvinceCode(province) || isHmtResidencePermitProvinceCode(province))
  ) {
    throw new RangeError(`generateResidentId: "${regionCode}" is not a region code in a known province`);
  }

  let birthDate: string;
  if (options.birthDate === undefined) {
    const year = randomInt(rng, 1960, 2005);
    const month = randomInt(rng, 1, 12);
    birthDate = formatIsoDate(year, month, randomInt(rng, 1, daysInMonth(year, month)));
  } else {
    const birth = parseIsoDate(options.birthDate);
    if (!birth || birth.year < 1800 || birth.year > 2099) {
      throw new RangeError(`generateResidentId: "${options.birthDate}" is not a birth date from 1800 to 2099`);
    }
    birthDate = options.birthDate;
  }

  const sex = options.sex ?? (rng() < 0.5 ? "male" : "female");
  // Odd for men (001…999), even for women (002…998).
  const sequence = sex === "male" ? randomInt(rng, 0, 499) * 2 + 1 : randomInt(rng, 1, 499) * 2;
  const first17 = regionCode + birthDate.replaceAll("-", "") + String(sequence).padStart(3, "0");
  return first17 + residentIdCheckCharacter(first17);
}
