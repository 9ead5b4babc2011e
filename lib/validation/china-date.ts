/**
 * Calendar dates as China sees them.
 *
 * "Not born in the future" and "18 or older" are questions about the calendar date in China,
 * not in the server's time zone: at 2026-02-16T23:30+08:00 it is already the 16th in Beijing but
 * still the 16th at 15:30 UTC, and a UTC server would be a day behind between 00:00 and 08:00.
 * China has used UTC+8 without daylight saving since 1991, so a fixed offset is exact for any
 * "today" this app will see.
 */

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** A calendar date as "YYYY-MM-DD". Strings of this shape compare correctly with < and >. */
export type IsoDate = string;

/** The date in China (UTC+8) at the instant `at`, as "YYYY-MM-DD". */
export function chinaDate(at: Date): IsoDate {
  if (Number.isNaN(at.getTime())) throw new RangeError("chinaDate needs a valid Date");
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether year-month-day is a day of the Gregorian calendar (so 1991-02-30 is not). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** "YYYY-MM-DD" from numbers, zero-padded. */
export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Parses a strict "YYYY-MM-DD" that is a real date; null otherwise. */
export function parseIsoDate(value: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDate(year, month, day) ? { year, month, day } : null;
}
