/**
 * Mainland China phone numbers, domain.md §6.4.
 *
 * Mobiles are stored in E.164 ("+8613800138000") so one number typed as "138 0013 8000",
 * "+86 138-0013-8000" or "0086１３８…" is one number (B4 counts accounts per mobile). Fixed lines
 * are stored as "0755-23456789[-ext]", the form people read and dial.
 *
 * libphonenumber-js is not installed, so the mobile check is domain.md's regex: it knows that
 * mobiles are 11 digits from 13x to 19x, not which prefixes are allocated today.
 */
import { normalisePhone } from "./normalise";

export type MobileResult = { ok: true; value: string; national: string } | { ok: false; error: "format" };

export type FixedLineResult =
  | {
      ok: true;
      /** "0755-23456789" or "0755-23456789-123". */
      value: string;
      /** With the trunk 0: "010", "020"…"029", or 4 digits such as "0755". */
      areaCode: string;
      subscriber: string;
      extension?: string;
    }
  | { ok: false; error: "format" };

/** "+86" or "0086", then optional separators. */
const COUNTRY_PREFIX = /^(?:\+86|0086)-?/;

/**
 * A mainland mobile number to E.164. Spaces, hyphens, dots and brackets are grouping;
 * "+86" or "0086" in front is dropped; what is left must be 1[3-9] and 9 more digits.
 */
export function parseMobile(input: string): MobileResult {
  const national = normalisePhone(input).replace(/[-().]/g, "").replace(COUNTRY_PREFIX, "");
  if (!/^1[3-9]\d{9}$/.test(national)) return { ok: false, error: "format" };
  return { ok: true, value: `+86${national}`, national };
}

/**
 * The area code's length follows from its digits: 010 and 02x have 3 digits (with the trunk 0),
 * all others 4 (03xx-09xx). Splitting by rule, not by a greedy regex, keeps "01062345678" from
 * being read as area 0106.
 */
function areaCodeLength(digits: string): number | null {
  if (digits.startsWith("010") || /^02\d/.test(digits)) return 3;
  if (/^0[3-9]\d\d/.test(digits)) return 4;
  return null;
}

/**
 * A fixed-line number: 0 + area code + 7-8 digits starting 2-9, optional extension of 1-6
 * digits (`^0\d{2,3}-?[2-9]\d{6,7}(-\d{1,6})?$`). Also accepts "(0755) 2345 6789",
 * "+86 755 23456789" and "转" or "ext" before the extension. Returns "0755-23456789[-ext]".
 */
export function parseFixedLine(input: string): FixedLineResult {
  let text = normalisePhone(input)
    .replace(/(?:转|ext\.?)/gi, "-")
    .replace(/^\((0\d{2,3})\)-?/, "$1-");
  if (COUNTRY_PREFIX.test(text)) {
    text = text.replace(COUNTRY_PREFIX, "");
    if (!text.startsWith("0")) text = `0${text}`;
  }
  text = text.replace(/-+/g, "-");

  const parts = text.split("-");
  if (parts.some((part) => !/^\d+$/.test(part)) || parts.length > 3) return { ok: false, error: "format" };

  // "0755-23456789[-ext]" has the area code on its own; "075523456789[-ext]" has it joined.
  const areaApart = parts.length === 3 || (parts.length === 2 && parts[0]!.length <= 4);
  const digits = areaApart ? parts[0]! + parts[1]! : parts[0]!;
  const extension = areaApart ? parts[2] : parts[1];

  const areaLength = areaCodeLength(digits);
  if (areaLength === null) return { ok: false, error: "format" };
  const areaCode = digits.slice(0, areaLength);
  const subscriber = digits.slice(areaLength);
  if (areaApart && parts[0] !== areaCode) return { ok: false, error: "format" };
  if (!/^[2-9]\d{6,7}$/.test(subscriber)) return { ok: false, error: "format" };
  if (extension !== undefined && !/^\d{1,6}$/.test(extension)) return { ok: false, error: "format" };

  const value = `${areaCode}-${subscriber}${extension === undefined ? "" : `-${extension}`}`;
  return extension === undefined
    ? { ok: true, value, areaCode, subscriber }
    : { ok: true, value, areaCode, subscriber, extension };
}
