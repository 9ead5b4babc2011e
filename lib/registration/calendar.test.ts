/**
 * The business-day calculator against calendars made up here, not the shipped national
 * one: a Spring-Festival-like block with make-up Saturdays, a year end, and time zones
 * where the local date is not the UTC date. Expected dates are worked out by hand in the
 * comments beside them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  addCalendarDays,
  addDays,
  businessCalendar,
  businessDaysBetween,
  endOfLocalDay,
  isBusinessDay,
  isoWeekday,
  localDate,
  nextBusinessDay,
  nthBusinessDayAfter,
  toEpochDay,
  type CalendarDay,
} from "./calendar";

const SHANGHAI = "Asia/Shanghai";

const holidays = (from: string, to: string): CalendarDay[] => {
  const days: CalendarDay[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) days.push({ date, kind: "holiday" });
  return days;
};

/**
 * A festival block shaped like a Spring Festival: Saturday 2 February 2030 is worked,
 * Sunday 3 to Monday 11 February are off (nine days), Saturday 16 February is worked.
 */
const festival = businessCalendar([
  { date: "2030-02-02", kind: "workday" },
  ...holidays("2030-02-03", "2030-02-11"),
  { date: "2030-02-16", kind: "workday" },
]);

/** A year end: Wednesday 1 to Friday 3 January 2031 off, Sunday 5 January worked. */
const yearEnd = businessCalendar([...holidays("2031-01-01", "2031-01-03"), { date: "2031-01-05", kind: "workday" }]);

const plain = businessCalendar([]);

describe("civil dates", () => {
  it("knows the weekday (ISO: Monday 1 … Sunday 7) and refuses dates that do not exist", () => {
    expect(isoWeekday("2030-01-31")).toBe(4); // a Thursday
    expect(isoWeekday("2030-02-02")).toBe(6);
    expect(isoWeekday("2030-02-03")).toBe(7);
    expect(isoWeekday("1969-12-31")).toBe(3);
    expect(() => toEpochDay("2030-02-29")).toThrow(RangeError);
    expect(() => toEpochDay("2030-2-1")).toThrow(RangeError);
    expect(addDays("2030-12-31", 1)).toBe("2031-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
  });

  it("refuses a calendar that makes one day both a holiday and a make-up working day", () => {
    expect(() => businessCalendar([{ date: "2030-02-02", kind: "workday" }, { date: "2030-02-02", kind: "holiday" }])).toThrow(RangeError);
  });
});

describe("isBusinessDay", () => {
  it("is Monday to Friday, minus holidays, plus make-up working days", () => {
    expect(isBusinessDay("2030-02-01", festival)).toBe(true); // Friday
    expect(isBusinessDay("2030-02-02", festival)).toBe(true); // Saturday, worked
    expect(isBusinessDay("2030-02-04", festival)).toBe(false); // Monday, a holiday
    expect(isBusinessDay("2030-02-09", festival)).toBe(false); // Saturday inside the block
    expect(isBusinessDay("2030-02-17", festival)).toBe(false); // an ordinary Sunday
    expect(isBusinessDay("2030-02-04", plain)).toBe(true);
    expect(isBusinessDay("2030-02-02", plain)).toBe(false);
  });
});

describe("across a week-long holiday with make-up Saturdays", () => {
  // Entered Thursday 31 January 2030 at 10:00 in Shanghai (02:00 UTC). Counting starts
  // the next business day: Fri 1 Feb (1), Sat 2 Feb worked (2), 3–11 Feb off, Tue 12 (3),
  // Wed 13 (4), Thu 14 (5), Fri 15 (6), Sat 16 worked (7).
  const entered = new Date("2030-01-31T02:00:00Z");

  it("ends 7 business days later on the make-up Saturday, at 23:59:59 in Shanghai", () => {
    expect(addBusinessDays(entered, 7, festival, SHANGHAI).toISOString()).toBe("2030-02-16T15:59:59.000Z");
  });

  it("ends on the Monday the block would have been a working week without the calendar", () => {
    // Fri 1 (1), Mon 4 (2), Tue 5 (3), Wed 6 (4), Thu 7 (5), Fri 8 (6), Mon 11 (7).
    expect(addBusinessDays(entered, 7, plain, SHANGHAI).toISOString()).toBe("2030-02-11T15:59:59.000Z");
  });

  it("crosses into the next month: 10 business days end on Wednesday 20 February; 1 from 28 February is 1 March", () => {
    // … Sat 16 (7), Mon 18 (8), Tue 19 (9), Wed 20 (10).
    expect(addBusinessDays(entered, 10, festival, SHANGHAI).toISOString()).toBe("2030-02-20T15:59:59.000Z");
    expect(addBusinessDays(new Date("2030-02-28T02:00:00Z"), 1, festival, SHANGHAI).toISOString()).toBe("2030-03-01T15:59:59.000Z");
  });

  it("counts the business days between two dates, negative backwards", () => {
    expect(businessDaysBetween("2030-01-31", "2030-02-16", festival)).toBe(7);
    expect(businessDaysBetween("2030-02-16", "2030-01-31", festival)).toBe(-7);
    expect(businessDaysBetween("2030-02-03", "2030-02-11", festival)).toBe(0);
    expect(businessDaysBetween("2030-02-11", "2030-02-11", festival)).toBe(0);
    expect(nextBusinessDay("2030-02-02", festival)).toBe("2030-02-12");
  });

  it("makes 0 business days the end of the day entered, even on a holiday", () => {
    expect(addBusinessDays(new Date("2030-02-05T02:00:00Z"), 0, festival, SHANGHAI).toISOString()).toBe("2030-02-05T15:59:59.000Z");
  });
});

describe("across a year end", () => {
  it("skips New Year's holidays and counts the make-up Sunday", () => {
    // Entered Friday 27 December 2030, 16:00 in Shanghai. Sat 28, Sun 29 off; Mon 30 (1),
    // Tue 31 (2); 1–3 Jan off, Sat 4 off; Sun 5 Jan worked (3), Mon 6 (4), Tue 7 (5).
    const entered = new Date("2030-12-27T08:00:00Z");
    expect(addBusinessDays(entered, 5, yearEnd, SHANGHAI).toISOString()).toBe("2031-01-07T15:59:59.000Z");
    expect(businessDaysBetween("2030-12-27", "2031-01-07", yearEnd)).toBe(5);
  });

  it("counts calendar days across the year end too, ending at 23:59:59 local", () => {
    expect(addCalendarDays(new Date("2030-12-27T08:00:00Z"), 10, SHANGHAI).toISOString()).toBe("2031-01-06T15:59:59.000Z");
  });
});

describe("time zones where the local date is not the UTC date", () => {
  it("counts from the day entered, even at 23:30 in Shanghai (15:30 UTC)", () => {
    // 15:30 UTC on Friday 1 March 2030 is 23:30 that Friday in Shanghai: the next
    // business day is Monday 4 March, and the deadline 23:59:59 there.
    const late = new Date("2030-03-01T15:30:00Z");
    expect(localDate(late, SHANGHAI)).toBe("2030-03-01");
    expect(addBusinessDays(late, 1, plain, SHANGHAI).toISOString()).toBe("2030-03-04T15:59:59.000Z");
  });

  // 16:30 UTC on Thursday 28 February 2030 is already 00:30 on Friday 1 March in Shanghai.
  const afterMidnight = new Date("2030-02-28T16:30:00Z");

  it("starts from the Shanghai date when it is a day ahead of UTC", () => {
    expect(localDate(afterMidnight, SHANGHAI)).toBe("2030-03-01");
    // After Fri 1 March: Mon 4 March.
    expect(addBusinessDays(afterMidnight, 1, plain, SHANGHAI).toISOString()).toBe("2030-03-04T15:59:59.000Z");
  });

  it("counts from the UTC date for an agency on UTC", () => {
    expect(localDate(afterMidnight, "UTC")).toBe("2030-02-28");
    // After Thu 28 February: Fri 1 March, 23:59:59 UTC.
    expect(addBusinessDays(afterMidnight, 1, plain, "UTC").toISOString()).toBe("2030-03-01T23:59:59.000Z");
  });

  it("puts midnight in Shanghai on the new day", () => {
    expect(localDate(new Date("2030-02-28T16:00:00Z"), SHANGHAI)).toBe("2030-03-01");
    expect(localDate(new Date("2030-02-28T15:59:59Z"), SHANGHAI)).toBe("2030-02-28");
  });

  it("follows daylight saving time: 23:59:59 in New York is 04:59:59 UTC before the change and 03:59:59 after", () => {
    // Friday 8 March 2030, noon in New York (EST, UTC−5); clocks go forward on Sunday 10 March.
    const entered = new Date("2030-03-08T17:00:00Z");
    expect(addBusinessDays(entered, 0, plain, "America/New_York").toISOString()).toBe("2030-03-09T04:59:59.000Z");
    expect(addBusinessDays(entered, 1, plain, "America/New_York").toISOString()).toBe("2030-03-12T03:59:59.000Z");
    expect(endOfLocalDay("2030-11-03", "America/New_York").toISOString()).toBe("2030-11-04T04:59:59.000Z");
  });

  it("refuses a time zone that does not exist", () => {
    expect(() => addBusinessDays(afterMidnight, 1, plain, "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("properties", () => {
  const zones = ["Asia/Shanghai", "UTC", "America/New_York", "Europe/London", "Pacific/Auckland", "Asia/Kolkata"];
  const base = toEpochDay("2030-01-01");
  const dateArb = fc.integer({ min: 0, max: 730 }).map((offset) => addDays("2030-01-01", offset));
  /** A random calendar: holidays on any day, make-up working days only at weekends, never both. */
  const calendarArb = fc
    .uniqueArray(fc.record({ offset: fc.integer({ min: 0, max: 800 }), holiday: fc.boolean() }), { selector: (d) => d.offset, maxLength: 120 })
    .map((entries) =>
      businessCalendar(
        entries.flatMap(({ offset, holiday }): CalendarDay[] => {
          const date = addDays("2030-01-01", offset);
          if (holiday) return [{ date, kind: "holiday" }];
          return isoWeekday(date) >= 6 ? [{ date, kind: "workday" }] : [];
        }),
      ),
    );

  it("lands on a business day, later for every extra day, exactly n business days away", () => {
    fc.assert(
      fc.property(calendarArb, dateArb, fc.integer({ min: 1, max: 40 }), (calendar, from, n) => {
        const due = nthBusinessDayAfter(from, n, calendar);
        const further = nthBusinessDayAfter(from, n + 1, calendar);
        expect(isBusinessDay(due, calendar)).toBe(true);
        expect(toEpochDay(due)).toBeGreaterThan(toEpochDay(from));
        expect(toEpochDay(further)).toBeGreaterThan(toEpochDay(due));
        expect(businessDaysBetween(from, due, calendar)).toBe(n);
        expect(businessDaysBetween(due, from, calendar)).toBe(-n);
      }),
    );
  });

  it("ends at 23:59:59 local on the nth business day after the local date of the entry, in any zone", () => {
    fc.assert(
      fc.property(
        calendarArb,
        fc.integer({ min: 0, max: 700 * 86_400 }),
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 20 }),
        (calendar, seconds, zone, n) => {
          const entered = new Date((base * 86_400 + seconds) * 1000);
          const due = addBusinessDays(entered, n, calendar, zone);
          expect(localDate(due, zone)).toBe(nthBusinessDayAfter(localDate(entered, zone), n, calendar));
          expect(localDate(new Date(due.getTime() + 1000), zone)).not.toBe(localDate(due, zone));
          expect(due.getTime()).toBeGreaterThan(entered.getTime());
        },
      ),
    );
  });
});
