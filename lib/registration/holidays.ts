/**
 * The national calendar Weidesk ships: PRC public holidays and make-up working days per
 * year, each year with the State Council General Office notice it was copied from
 * (lib/registration/data/prc-holidays.json). Every agency starts with a copy in its
 * holidays table (sign-up and the seed), which its owners and admins may then edit.
 * Pure: no server imports.
 */
import { z } from "@/lib/validation/zod";
import { addDays, toEpochDay, type CalendarDayKind, type CivilDate } from "./calendar";
import raw from "./data/prc-holidays.json" with { type: "json" };

const civilDate = z.string().refine((value) => {
  try {
    toEpochDay(value);
    return true;
  } catch {
    return false;
  }
});

const noticeSchema = z.object({
  title: z.string().min(1),
  number: z.string().regex(/^国办发明电〔\d{4}〕\d+号$/),
  date: civilDate,
  url: z.url().startsWith("https://www.gov.cn/"),
});

const fileSchema = z.object({
  festivals: z.record(z.string(), z.string()),
  years: z.array(
    z.object({
      year: z.number().int(),
      notice: noticeSchema,
      holidays: z.array(z.object({ name: z.string().min(1), from: civilDate, to: civilDate, days: z.number().int().positive() })),
      workdays: z.array(z.object({ name: z.string().min(1), date: civilDate })),
    }),
  ),
});

/** The State Council General Office notice a year of the national calendar comes from. */
export type HolidayNotice = z.infer<typeof noticeSchema>;
export type NationalYear = z.infer<typeof fileSchema>["years"][number];
/** A holidays table row: the date, whether it is a day off or a worked weekend day, and what for. */
export type HolidayDay = { date: CivilDate; kind: CalendarDayKind; name: string };

const file = fileSchema.parse(raw);

/** The years the national calendar covers, oldest first. */
export const nationalYears: readonly NationalYear[] = [...file.years].sort((a, b) => a.year - b.year);

/** The notice of `year`, or null when Weidesk has no national calendar for it. */
export function nationalNotice(year: number): HolidayNotice | null {
  return nationalYears.find((entry) => entry.year === year)?.notice ?? null;
}

/** Every day of a year's notice, expanded: each day of each holiday range, then the make-up working days; by date. */
export function expandNationalYear(entry: NationalYear): HolidayDay[] {
  const days: HolidayDay[] = [];
  for (const range of entry.holidays) {
    for (let date = range.from; toEpochDay(date) <= toEpochDay(range.to); date = addDays(date, 1)) {
      days.push({ date, kind: "holiday", name: range.name });
    }
  }
  for (const workday of entry.workdays) days.push({ date: workday.date, kind: "workday", name: workday.name });
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/** The national calendar's days, of every year or of `years` only, by date. */
export function nationalDays(years?: readonly number[]): HolidayDay[] {
  return nationalYears.filter((entry) => !years || years.includes(entry.year)).flatMap(expandNationalYear);
}

const dayKey = (day: HolidayDay) => `${day.date}|${day.kind}|${day.name}`;
const nationalKeys = new Set(nationalDays().map(dayKey));

/** Whether a row is exactly as the national calendar has it (same date, kind and name). */
export function isNationalDay(day: HolidayDay): boolean {
  return nationalKeys.has(dayKey(day));
}

/** The English name of a festival the notices name ("春节" → "Spring Festival"), or null for any other name. */
export function festivalNameEn(name: string): string | null {
  return Object.hasOwn(file.festivals, name) ? file.festivals[name]! : null;
}
