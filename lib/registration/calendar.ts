/**
 * Business days on the PRC calendar (design.md §5): Monday to Friday, minus public
 * holidays, plus make-up working days (调休上班日), from an agency's `holidays` rows.
 * Counting starts the next business day, and a deadline falls at 23:59:59 on its last
 * day in the agency's time zone: "7 business days" from a Thursday afternoon ends on
 * the seventh business day after that Thursday, just before midnight where the agency is.
 *
 * Dates are civil dates ("2026-02-14", no time and no zone); instants are Dates. Pure:
 * no server imports, so the board and the tests use it as they are.
 */

/** A civil date, `YYYY-MM-DD`. */
export type CivilDate = string;
export type CalendarDayKind = "holiday" | "workday";
/** One row of the holidays table: a day off, or a weekend day that is worked. */
export type CalendarDay = { date: CivilDate; kind: CalendarDayKind };

export type BusinessCalendar = {
  /** Public holidays (days off, weekends inside a holiday block included). */
  readonly holidays: ReadonlySet<CivilDate>;
  /** Make-up working days: Saturdays and Sundays that are worked. */
  readonly workdays: ReadonlySet<CivilDate>;
};

const DAY_MS = 86_400_000;
const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** No real calendar has a year of days off in a row; a calendar that did is a mistake, not a wait. */
const MAX_DAYS_WITHOUT_BUSINESS_DAY = 366;

/** The calendar made of `days` (holidays table rows). A date listed twice with two kinds is refused. */
export function businessCalendar(days: Iterable<CalendarDay>): BusinessCalendar {
  const holidays = new Set<CivilDate>();
  const workdays = new Set<CivilDate>();
  for (const day of days) {
    toEpochDay(day.date); // refuses what is not a real civil date
    const [mine, other] = day.kind === "holiday" ? [holidays, workdays] : [workdays, holidays];
    if (other.has(day.date)) throw new RangeError(`${day.date} is both a holiday and a make-up working day`);
    mine.add(day.date);
  }
  return { holidays, workdays };
}

/** Days since 1970-01-01 of a civil date; RangeError for anything that is not a real `YYYY-MM-DD`. */
export function toEpochDay(date: CivilDate): number {
  const match = CIVIL_DATE.exec(date);
  if (!match) throw new RangeError(`not a civil date: ${date}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`not a real date: ${date}`);
  }
  return Math.round(ms / DAY_MS);
}

export function fromEpochDay(epochDay: number): CivilDate {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

/** `date` moved by `days` calendar days (negative: back). */
export function addDays(date: CivilDate, days: number): CivilDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Day of the week, ISO style: 1 Monday … 7 Sunday. */
export function isoWeekday(date: CivilDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(date: CivilDate): boolean {
  return isoWeekday(date) >= 6;
}

/** Whether `date` is worked: a make-up working day, or a weekday that is not a holiday. */
export function isBusinessDay(date: CivilDate, calendar: BusinessCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  return !isWeekend(date);
}

/** The first business day after `date` (never `date` itself). */
export function nextBusinessDay(date: CivilDate, calendar: BusinessCalendar): CivilDate {
  let day = date;
  for (let step = 0; step < MAX_DAYS_WITHOUT_BUSINESS_DAY; step++) {
    day = addDays(day, 1);
    if (isBusinessDay(day, calendar)) return day;
  }
  throw new RangeError(`no business day within ${MAX_DAYS_WITHOUT_BUSINESS_DAY} days after ${date}`);
}

/**
 * The `n`th business day after `date`: counting starts the next business day, so the
 * day itself never counts, worked or not. `n` = 0 is `date` itself.
 */
export function nthBusinessDayAfter(date: CivilDate, n: number, calendar: BusinessCalendar): CivilDate {
  assertCount(n);
  let day = date;
  for (let i = 0; i < n; i++) day = nextBusinessDay(day, calendar);
  return day;
}

/**
 * Business days after `from` up to and including `to`: how many business days `to` is
 * away ("due in 2 business days"). Negative when `to` is before `from` (overdue by as
 * many business days). businessDaysBetween(d, nthBusinessDayAfter(d, n)) is n.
 */
export function businessDaysBetween(from: CivilDate, to: CivilDate, calendar: BusinessCalendar): number {
  const [start, end] = [toEpochDay(from), toEpochDay(to)];
  if (end < start) return -businessDaysBetween(to, from, calendar);
  let count = 0;
  for (let day = start + 1; day <= end; day++) if (isBusinessDay(fromEpochDay(day), calendar)) count++;
  return count;
}

/* ------------------------------------------------------------ time zones */

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** A formatter giving the wall-clock fields of an instant in `timeZone` (RangeError for an unknown zone). */
function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    dateTimeFormats.set(timeZone, format);
  }
  return format;
}

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallClock(instant: Date, timeZone: string): WallClock {
  if (Number.isNaN(instant.getTime())) throw new RangeError("not a valid instant");
  const fields: Record<string, number> = {};
  for (const part of wallClockFormat(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year!,
    month: fields.month!,
    day: fields.day!,
    hour: fields.hour!,
    minute: fields.minute!,
    second: fields.second!,
  };
}

/** The civil date an instant falls on in `timeZone` (23:30 in Shanghai is 15:30 UTC: the Shanghai date). */
export function localDate(instant: Date, timeZone: string): CivilDate {
  const { year, month, day } = wallClock(instant, timeZone);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in ms (seconds precision). */
function offsetAt(instant: number, timeZone: string): number {
  const wall = wallClock(new Date(instant), timeZone);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant the wall clock in `timeZone` reads `time` on `date`. Across a daylight
 * saving change the offset of the result itself is used, so a time that exists is met
 * exactly (a skipped one lands just after the jump).
 */
export function zonedInstant(date: CivilDate, time: { hour: number; minute: number; second: number }, timeZone: string): Date {
  const wallAsUtc = toEpochDay(date) * DAY_MS + ((time.hour * 60 + time.minute) * 60 + time.second) * 1000;
  const first = wallAsUtc - offsetAt(wallAsUtc, timeZone);
  const offset = offsetAt(first, timeZone);
  return new Date(wallAsUtc - offset);
}

/** 23:59:59 on `date` in `timeZone`: when a deadline on that day falls (design.md §5). */
export function endOfLocalDay(date: CivilDate, timeZone: string): Date {
  return zonedInstant(date, { hour: 23, minute: 59, second: 59 }, timeZone);
}

/**
 * The deadline `n` business days after `from`: counting starts the business day after
 * the local date of `from` in `timeZone`, and the deadline is 23:59:59 that day there.
 */
export function addBusinessDays(from: Date, n: number, calendar: BusinessCalendar, timeZone: string): Date {
  return endOfLocalDay(nthBusinessDayAfter(localDate(from, timeZone), n, calendar), timeZone);
}

/** The deadline `n` calendar days after `from`, counted like business days: 23:59:59 on the `n`th day after, local. */
export function addCalendarDays(from: Date, n: number, timeZone: string): Date {
  assertCount(n);
  return endOfLocalDay(addDays(localDate(from, timeZone), n), timeZone);
}

function assertCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a count of days is a whole number ≥ 0, not ${n}`);
}
