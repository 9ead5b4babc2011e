/**
 * The shipped national calendar (lib/registration/data/prc-holidays.json) agrees with
 * itself and with the notices it cites: each range has the day count the notice states,
 * make-up working days are weekend days outside the ranges, and a few days read straight
 * from the notices are where they should be.
 */
import { describe, expect, it } from "vitest";
import { businessCalendar, isBusinessDay, isWeekend, toEpochDay } from "./calendar";
import { expandNationalYear, festivalNameEn, isNationalDay, nationalDays, nationalNotice, nationalYears } from "./holidays";

describe("the national calendar", () => {
  it("covers 2024, 2025 and 2026, each citing its State Council notice on gov.cn", () => {
    expect(nationalYears.map((entry) => entry.year)).toEqual([2024, 2025, 2026]);
    for (const { year, notice } of nationalYears) {
      expect(notice.title).toBe(`国务院办公厅关于${year}年部分节假日安排的通知`);
      // Issued the year before, with that year in its number.
      expect(notice.date.startsWith(`${year - 1}-`)).toBe(true);
      expect(notice.number).toContain(`〔${year - 1}〕`);
      expect(notice.url).toMatch(/^https:\/\/www\.gov\.cn\/zhengce\/content\/\d{6}\/content_\d+\.htm$/);
    }
    expect(nationalNotice(2025)?.number).toBe("国办发明电〔2024〕12号");
    expect(nationalNotice(2027)).toBeNull();
  });

  it("gives every range the number of days its notice states, inside its year", () => {
    for (const { year, holidays } of nationalYears) {
      for (const range of holidays) {
        expect({ range, days: toEpochDay(range.to) - toEpochDay(range.from) + 1 }).toEqual({ range, days: range.days });
        expect(range.from.startsWith(`${year}-`) && range.to.startsWith(`${year}-`)).toBe(true);
      }
    }
  });

  it("has make-up working days only at weekends, outside the holidays, and no date twice", () => {
    for (const entry of nationalYears) {
      const days = expandNationalYear(entry);
      expect(new Set(days.map((d) => d.date)).size).toBe(days.length);
      for (const day of days.filter((d) => d.kind === "workday")) expect({ day, weekend: isWeekend(day.date) }).toEqual({ day, weekend: true });
    }
    expect(() => businessCalendar(nationalDays())).not.toThrow();
  });

  it("has the days the notices name", () => {
    const calendar = businessCalendar(nationalDays());
    // 2026: 春节 15–23 February off, Saturdays 14 and 28 February worked; 国庆节 to 7 October, 10 October worked.
    expect(isBusinessDay("2026-02-14", calendar)).toBe(true);
    expect(isBusinessDay("2026-02-23", calendar)).toBe(false);
    expect(isBusinessDay("2026-02-24", calendar)).toBe(true);
    expect(isBusinessDay("2026-02-28", calendar)).toBe(true);
    expect(isBusinessDay("2026-10-08", calendar)).toBe(true);
    expect(isBusinessDay("2026-10-10", calendar)).toBe(true);
    // 2025 (the first year of the 2024 rules: 春节 and 劳动节 a day longer): 1–8 October off, 11 October worked.
    expect(isBusinessDay("2025-10-08", calendar)).toBe(false);
    expect(isBusinessDay("2025-10-11", calendar)).toBe(true);
    expect(isBusinessDay("2025-01-26", calendar)).toBe(true);
    // 2024: 18 February (a Sunday) worked after 春节.
    expect(isBusinessDay("2024-02-18", calendar)).toBe(true);
    expect(isBusinessDay("2024-06-10", calendar)).toBe(false);
  });

  it("counts 2025's and 2026's holiday days: 28 and 33", () => {
    const offDays = (year: number) => nationalDays([year]).filter((d) => d.kind === "holiday").length;
    expect(offDays(2025)).toBe(28);
    expect(offDays(2026)).toBe(33);
    expect(nationalDays([2026]).filter((d) => d.kind === "workday").map((d) => d.date)).toEqual([
      "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
    ]);
  });

  it("names its festivals in English, and tells national rows from an agency's own", () => {
    for (const day of nationalDays()) expect(festivalNameEn(day.name)).not.toBeNull();
    expect(festivalNameEn("春节")).toBe("Spring Festival");
    expect(festivalNameEn("公司年会")).toBeNull();
    expect(isNationalDay({ date: "2026-02-14", kind: "workday", name: "春节" })).toBe(true);
    expect(isNationalDay({ date: "2026-02-14", kind: "workday", name: "调休" })).toBe(false);
    expect(isNationalDay({ date: "2026-02-14", kind: "holiday", name: "春节" })).toBe(false);
    expect(isNationalDay({ date: "2026-12-19", kind: "workday", name: "春节" })).toBe(false);
  });
});
