/**
 * The shapes of an agency's holiday calendar (lib/registration/holidays-service.ts): one
 * schema for the settings form, its server actions, the JSON API and the OpenAPI
 * document. Issue messages are catalogue keys under holidays.errors. Pure: no server
 * imports.
 */
import { z } from "@/lib/validation/zod";
import { isWeekend, toEpochDay } from "./calendar";
import { STALE_AFTER_DAYS_RANGE } from "./board-query";
import { OVERSEAS_FOLLOW_UP_DAYS_RANGE } from "./deadlines";

export const HOLIDAY_MESSAGES = {
  dateRequired: "holidays.errors.dateRequired",
  dateInvalid: "holidays.errors.dateInvalid",
  dateOutOfRange: "holidays.errors.dateOutOfRange",
  dateTaken: "holidays.errors.dateTaken",
  kindInvalid: "holidays.errors.kindInvalid",
  nameRequired: "holidays.errors.nameRequired",
  nameTooLong: "holidays.errors.nameTooLong",
  workdayOnWeekday: "holidays.errors.workdayOnWeekday",
  yearInvalid: "holidays.errors.yearInvalid",
  notFound: "holidays.errors.notFound",
  nationalYearMissing: "holidays.errors.nationalYearMissing",
  followUpDaysInvalid: "holidays.errors.followUpDaysInvalid",
  staleDaysInvalid: "holidays.errors.staleDaysInvalid",
} as const;
const m = HOLIDAY_MESSAGES;

/** The years a calendar may hold: wide enough for any deadline Weidesk sets, narrow enough to catch a typo. */
export const HOLIDAY_YEARS = { min: 2000, max: 2100 } as const;
export const HOLIDAY_NAME_MAX = 40;

export const holidayKinds = ["holiday", "workday"] as const;
export type HolidayKind = (typeof holidayKinds)[number];

function isCivilDate(value: string): boolean {
  try {
    toEpochDay(value);
    return true;
  } catch {
    return false;
  }
}

const yearOf = (date: string) => Number(date.slice(0, 4));

export const holidayDateSchema = z
  .string({ error: m.dateRequired })
  .trim()
  .min(1, { error: m.dateRequired })
  .refine(isCivilDate, { error: m.dateInvalid, abort: true })
  .refine((date) => yearOf(date) >= HOLIDAY_YEARS.min && yearOf(date) <= HOLIDAY_YEARS.max, { error: m.dateOutOfRange })
  .meta({ description: "The calendar day, `YYYY-MM-DD`.", format: "date", examples: ["2026-02-14"] });

export const holidayKindSchema = z
  .enum(holidayKinds, { error: m.kindInvalid })
  .meta({ description: "`holiday`: a day off (a public holiday). `workday`: a Saturday or Sunday that is worked (调休上班日)." });

export const holidayNameSchema = z
  .string({ error: m.nameRequired })
  .trim()
  .min(1, { error: m.nameRequired })
  .max(HOLIDAY_NAME_MAX, { error: m.nameTooLong })
  .regex(/^[^\u0000]*$/, { error: m.nameRequired })
  .meta({ description: `What the day is for ("春节"), 1–${HOLIDAY_NAME_MAX} characters once trimmed.` });

/** A make-up working day is a weekend day: a weekday is a business day already. */
function weekendWorkday(day: { date: string; kind: HolidayKind }, context: z.RefinementCtx) {
  if (day.kind === "workday" && isCivilDate(day.date) && !isWeekend(day.date)) {
    context.addIssue({ code: "custom", path: ["date"], message: m.workdayOnWeekday });
  }
}

/** A day of the calendar: POST /holidays, and the settings form's add and edit. */
export const holidayInputSchema = z
  .object({ date: holidayDateSchema, kind: holidayKindSchema, name: holidayNameSchema })
  .superRefine(weekendWorkday);
export type HolidayInput = z.output<typeof holidayInputSchema>;

/** PUT /holidays/{date}: the day's kind and name (the date is in the path). */
export const holidayBodySchema = z.object({ kind: holidayKindSchema, name: holidayNameSchema });

export const holidayDateParamsSchema = z.object({ date: holidayDateSchema });

export const holidayYearSchema = z.coerce
  .number({ error: m.yearInvalid })
  .int({ error: m.yearInvalid })
  .min(HOLIDAY_YEARS.min, { error: m.yearInvalid })
  .max(HOLIDAY_YEARS.max, { error: m.yearInvalid });

/** GET /holidays?year=2026. */
export const holidayListQuerySchema = z.object({
  year: holidayYearSchema.optional().meta({ description: "The year to list; this year in the agency's time zone when left out." }),
});

/** Adding the national calendar of a year to the agency's. */
export const nationalYearInputSchema = z.object({ year: holidayYearSchema });

export const followUpDaysInputSchema = z.object({
  overseasFollowUpDays: z.coerce
    .number({ error: m.followUpDaysInvalid })
    .int({ error: m.followUpDaysInvalid })
    .min(OVERSEAS_FOLLOW_UP_DAYS_RANGE.min, { error: m.followUpDaysInvalid })
    .max(OVERSEAS_FOLLOW_UP_DAYS_RANGE.max, { error: m.followUpDaysInvalid }),
});

/** The stale threshold (issue 7 §4): a card idle in a working stage longer than this many days is stale. */
export const staleAfterDaysInputSchema = z.object({
  staleAfterDays: z.coerce
    .number({ error: m.staleDaysInvalid })
    .int({ error: m.staleDaysInvalid })
    .min(STALE_AFTER_DAYS_RANGE.min, { error: m.staleDaysInvalid })
    .max(STALE_AFTER_DAYS_RANGE.max, { error: m.staleDaysInvalid }),
});

export const holidayNoticeSchema = z
  .object({
    title: z.string(),
    number: z.string().meta({ description: "The document number, as 国办发明电〔2025〕7号." }),
    date: z.iso.date().meta({ description: "When the notice was issued." }),
    url: z.url().meta({ description: "The notice on www.gov.cn." }),
  })
  .meta({ description: "The State Council General Office notice the national calendar of the year is copied from." });

export const holidaySchema = z
  .object({
    date: z.iso.date(),
    kind: z.enum(holidayKinds),
    name: z.string(),
    national: z.boolean().meta({ description: "Whether the day is exactly as the national calendar has it (same kind and name)." }),
  })
  .meta({ description: "A day of the agency's calendar: a public holiday or a make-up working day." });
export type Holiday = z.output<typeof holidaySchema>;

export const holidayYearListSchema = z
  .object({
    year: z.number().int(),
    notice: holidayNoticeSchema.nullable().meta({ description: "The year's State Council notice, or null when Weidesk has no national calendar for it." }),
    nationalMissing: z
      .number()
      .int()
      .meta({ description: "How many days of the year's national calendar the agency's lacks (0 when it has them all, or there is none)." }),
    data: z.array(holidaySchema).meta({ description: "The year's days, by date." }),
  })
  .meta({ description: "One year of the agency's holiday calendar." });
export type HolidayYear = z.output<typeof holidayYearListSchema>;
