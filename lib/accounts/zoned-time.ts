/**
 * Calendar arithmetic in an agency's time zone (default Asia/Shanghai), for the rules
 * WeChat counts by calendar month and year: the introduction once a month, an
 * individual's two renames a year (domain.md B8/B9). The database's trigger counts the
 * same way (0019_account_profile.sql); these say so before it has to. Pure: Intl only.
 */

type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of `at` in `timeZone`. */
function localParts(at: Date, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** How far `timeZone`'s wall clock is ahead of UTC at `at`, in ms. */
function offsetAt(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - (at.getTime() - at.getUTCMilliseconds());
}

/** The instant `timeZone`'s clocks read 00:00 on year-month-day (month 1–12; 13 rolls into the next year). */
export function zonedMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day);
  // Twice: the offset at the first guess may differ from the one at midnight (a DST change between).
  let instant = wall - offsetAt(new Date(wall), timeZone);
  instant = wall - offsetAt(new Date(instant), timeZone);
  return new Date(instant);
}

/** `at` as a calendar date "YYYY-MM-DD" in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${String(p.year).padStart(4, "0")}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** The instant a calendar date "YYYY-MM-DD" begins in `timeZone`. */
export function startOfLocalDate(date: string, timeZone: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return zonedMidnight(year, month, day, timeZone);
}

/** Whether `a` and `b` fall in the same calendar month in `timeZone`. */
export function sameLocalMonth(a: Date, b: Date, timeZone: string): boolean {
  const pa = localParts(a, timeZone);
  const pb = localParts(b, timeZone);
  return pa.year === pb.year && pa.month === pb.month;
}

/** The first instant of the calendar month after `at`'s, in `timeZone`. */
export function startOfNextMonth(at: Date, timeZone: string): Date {
  const p = localParts(at, timeZone);
  return zonedMidnight(p.year, p.month + 1, 1, timeZone);
}

/** The first instant of `at`'s calendar year, and of the next, in `timeZone`. */
export function localYearBounds(at: Date, timeZone: string): { start: Date; end: Date } {
  const { year } = localParts(at, timeZone);
  return { start: zonedMidnight(year, 1, 1, timeZone), end: zonedMidnight(year + 1, 1, 1, timeZone) };
}
