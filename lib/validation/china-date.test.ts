import { describe, expect, it } from "vitest";
import { chinaDate, daysInMonth, isLeapYear, isRealDate, parseIsoDate } from "./china-date";

describe("chinaDate", () => {
  it("gives the calendar date in China (UTC+8), whatever the server's zone", () => {
    expect(chinaDate(new Date("2026-02-15T15:59:59Z"))).toBe("2026-02-15");
    expect(chinaDate(new Date("2026-02-15T16:00:00Z"))).toBe("2026-02-16");
    expect(chinaDate(new Date("2026-02-16T23:59:59+08:00"))).toBe("2026-02-16");
  });

  it("refuses an invalid Date", () => {
    expect(() => chinaDate(new Date("nonsense"))).toThrow(RangeError);
  });
});

describe("calendar helpers", () => {
  it("knows leap years, month lengths and real dates", () => {
    expect([1900, 2000, 2004, 2026].map(isLeapYear)).toEqual([false, true, true, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(isRealDate(1991, 2, 30)).toBe(false);
    expect(isRealDate(2000, 2, 29)).toBe(true);
    expect(isRealDate(1900, 2, 29)).toBe(false);
    expect(isRealDate(2026, 13, 1)).toBe(false);
    expect(isRealDate(2026, 1, 0)).toBe(false);
  });

  it("parses strict YYYY-MM-DD dates only", () => {
    expect(parseIsoDate("2008-02-29")).toEqual({ year: 2008, month: 2, day: 29 });
    expect(parseIsoDate("2007-02-29")).toBeNull();
    expect(parseIsoDate("2008-2-29")).toBeNull();
    expect(parseIsoDate("20080229")).toBeNull();
  });
});
