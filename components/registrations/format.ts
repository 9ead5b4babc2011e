"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";
import { businessCalendar, businessDaysBetween, localDate, type BusinessCalendar } from "@/lib/registration/calendar";

/** The agency's calendar as the page hands it over: public holidays and make-up working days. */
export type CalendarDays = { holidays: string[]; workdays: string[] };

/** The agency's business calendar, rebuilt from the days the page sent. */
export function useCalendar(days: CalendarDays): BusinessCalendar {
  return useMemo(
    () =>
      businessCalendar([
        ...days.holidays.map((date) => ({ date, kind: "holiday" as const })),
        ...days.workdays.map((date) => ({ date, kind: "workday" as const })),
      ]),
    [days],
  );
}

/**
 * Dates and durations as the board shows them, in the agency's time zone and "now" as the
 * server read the page (so the server's and the browser's first render agree).
 */
export function useBoardFormat(timeZone: string, now: string, calendar: BusinessCalendar) {
  const format = useFormatter();
  const t = useTranslations("board");
  const nowDate = useMemo(() => new Date(now), [now]);

  const date = useCallback((iso: string) => format.dateTime(new Date(iso), { month: "short", day: "numeric", timeZone }), [format, timeZone]);
  /** With the year: a verification's expiry is a year out. */
  const fullDate = useCallback((iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeZone }), [format, timeZone]);
  const dateTime = useCallback(
    (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone }),
    [format, timeZone],
  );
  const time = useCallback((iso: string) => format.dateTime(new Date(iso), { hour: "numeric", minute: "2-digit", timeZone }), [format, timeZone]);

  /** Business days from today to the due date (negative: late by as many). */
  const businessDaysTo = useCallback(
    (iso: string) => businessDaysBetween(localDate(nowDate, timeZone), localDate(new Date(iso), timeZone), calendar),
    [nowDate, timeZone, calendar],
  );

  /** "in 2 business days", "due today", "3 business days late". */
  const relativeDue = useCallback(
    (iso: string) => {
      const days = businessDaysTo(iso);
      return days < 0 ? t("card.relativeOverdue", { count: -days }) : t("card.relativeDays", { count: days });
    },
    [businessDaysTo, t],
  );

  /** "5 minutes", "3 hours", "12 days". */
  const duration = useCallback(
    (seconds: number) => {
      if (seconds >= 86_400) return t("duration.days", { count: Math.floor(seconds / 86_400) });
      if (seconds >= 3600) return t("duration.hours", { count: Math.floor(seconds / 3600) });
      return t("duration.minutes", { count: Math.max(1, Math.floor(seconds / 60)) });
    },
    [t],
  );

  const since = useCallback((iso: string) => duration(Math.max(0, (nowDate.getTime() - new Date(iso).getTime()) / 1000)), [duration, nowDate]);

  return { date, fullDate, dateTime, time, relativeDue, businessDaysTo, duration, since, now: nowDate };
}
