/**
 * The deadline each stage sets, worked out by hand against a made-up calendar (not the
 * shipped national one): Saturday 2 February 2030 worked, 3–11 February off, Saturday
 * 16 February worked. Entries are on Thursday 31 January 2030 at 10:00 in Shanghai.
 */
import { describe, expect, it } from "vitest";
import { addDays, businessCalendar, type CalendarDay } from "./calendar";
import {
  dueAtOnEntering,
  deadlineRule,
  verificationExpiresAt,
  verificationWarningDates,
  verificationWarnings,
  type EnteringStage,
} from "./deadlines";
import type { Pipeline, Stage } from "./pipelines";

const festivalDays: CalendarDay[] = [{ date: "2030-02-02", kind: "workday" }, { date: "2030-02-16", kind: "workday" }];
for (let date = "2030-02-03"; date <= "2030-02-11"; date = addDays(date, 1)) festivalDays.push({ date, kind: "holiday" });
const calendar = businessCalendar(festivalDays);

const entered = new Date("2030-01-31T02:00:00Z");
const base = { enteredAt: entered, calendar, timeZone: "Asia/Shanghai", overseasFollowUpDays: 10 };
const due = (pipeline: Pipeline, stage: Stage, extra: Partial<EnteringStage> = {}) =>
  dueAtOnEntering({ ...base, pipeline, stage, ...extra })?.toISOString() ?? null;

describe("dueAtOnEntering", () => {
  it("gives the activation link 48 wall-clock hours, holidays or not", () => {
    expect(due("oa_cn_org", "account_created")).toBe("2030-02-02T02:00:00.000Z");
    expect(due("oa_cn_individual", "account_created")).toBe("2030-02-02T02:00:00.000Z");
    // Entered on a holiday, 23:00 in Shanghai: still 48 hours.
    expect(due("oa_cn_org", "account_created", { enteredAt: new Date("2030-02-05T15:00:00Z") })).toBe("2030-02-07T15:00:00.000Z");
  });

  it("gives an organisation's subject check 10 calendar days for the payment (the default) or 30 for verification", () => {
    // 31 Jan + 10 days = Sun 10 Feb (a holiday: calendar days do not care), 23:59:59 in Shanghai.
    expect(due("oa_cn_org", "subject_submitted")).toBe("2030-02-10T15:59:59.000Z");
    expect(due("oa_cn_org", "subject_submitted", { paymentMethod: "corporate_payment" })).toBe("2030-02-10T15:59:59.000Z");
    // 31 Jan + 30 days = 2 March (February 2030 has 28 days).
    expect(due("oa_cn_org", "subject_submitted", { paymentMethod: "verification" })).toBe("2030-03-02T15:59:59.000Z");
    expect(deadlineRule("oa_cn_org", "subject_submitted", { overseasFollowUpDays: 10 })).toEqual({
      kind: "subject_check",
      unit: "calendar_days",
      amount: 10,
      method: "corporate_payment",
    });
  });

  it("sets no subject check for a Chinese individual, who pays nothing and is not verified", () => {
    expect(due("oa_cn_individual", "subject_submitted")).toBeNull();
  });

  it("gives WeChat's review 7 business days: the make-up Saturday 16 February", () => {
    // Fri 1 (1), Sat 2 worked (2), 3–11 off, Tue 12 (3), Wed 13 (4), Thu 14 (5), Fri 15 (6), Sat 16 (7).
    expect(due("oa_cn_org", "under_review")).toBe("2030-02-16T15:59:59.000Z");
    expect(due("oa_cn_individual", "under_review")).toBe("2030-02-16T15:59:59.000Z");
  });

  it("counts the review from the agency's local date: just after midnight in Shanghai is still Wednesday in UTC", () => {
    // 16:30 UTC on Wednesday 30 January is 00:30 on Thursday 31 January in Shanghai: the same as above.
    const justAfterMidnight = new Date("2030-01-30T16:30:00Z");
    expect(due("oa_cn_org", "under_review", { enteredAt: justAfterMidnight })).toBe("2030-02-16T15:59:59.000Z");
    // An agency on UTC counts from Wednesday 30: Thu 31 (1), Fri 1 (2), Sat 2 (3), Tue 12 (4) … Fri 15 (7).
    expect(due("oa_cn_org", "under_review", { enteredAt: justAfterMidnight, timeZone: "UTC" })).toBe("2030-02-15T23:59:59.000Z");
  });

  it("gives an overseas application the agency's follow-up interval in business days", () => {
    // 10: … Sat 16 (7), Mon 18 (8), Tue 19 (9), Wed 20 (10).
    expect(due("oa_overseas", "awaiting_response")).toBe("2030-02-20T15:59:59.000Z");
    // 3: Fri 1 (1), Sat 2 (2), Tue 12 (3).
    expect(due("oa_overseas", "awaiting_response", { overseasFollowUpDays: 3 })).toBe("2030-02-12T15:59:59.000Z");
    for (const days of [0, 61, 2.5]) {
      expect(() => due("oa_overseas", "awaiting_response", { overseasFollowUpDays: days })).toThrow(RangeError);
    }
  });

  it("gives WeCom's verification 5 business days", () => {
    // Fri 1 (1), Sat 2 (2), Tue 12 (3), Wed 13 (4), Thu 14 (5).
    expect(due("wecom", "verification_submitted")).toBe("2030-02-14T15:59:59.000Z");
  });

  it("sets nothing for the other stages and the side states", () => {
    const none: [Pipeline, Stage][] = [
      ["oa_cn_org", "intake"],
      ["oa_cn_org", "documents"],
      ["oa_cn_org", "email_verified"],
      ["oa_cn_org", "type_chosen"],
      ["oa_cn_org", "profile_submitted"],
      ["oa_cn_org", "registered"],
      ["oa_overseas", "application_submitted"],
      ["oa_overseas", "credentials_received"],
      ["wecom", "corp_created"],
      ["wecom", "verified"],
      ["wecom", "live"],
      ["oa_cn_org", "on_hold"],
      ["oa_overseas", "rejected"],
      ["wecom", "abandoned"],
    ];
    for (const [pipeline, stage] of none) expect({ pipeline, stage, due: due(pipeline, stage) }).toEqual({ pipeline, stage, due: null });
  });

  it("ignores the follow-up interval outside the overseas pipeline", () => {
    expect(due("oa_cn_org", "under_review", { overseasFollowUpDays: 0 })).toBe("2030-02-16T15:59:59.000Z");
  });
});

describe("the yearly verification", () => {
  const expiresAt = new Date("2031-06-30T16:00:00Z");
  const before = (ms: number) => verificationWarnings(expiresAt, new Date(expiresAt.getTime() - ms));
  const DAY = 86_400_000;

  it("lapses a year after it was verified; 29 February lapses on 28 February", () => {
    expect(verificationExpiresAt(new Date("2030-06-30T16:00:00Z")).toISOString()).toBe("2031-06-30T16:00:00.000Z");
    expect(verificationExpiresAt(new Date("2028-02-29T04:00:00Z")).toISOString()).toBe("2029-02-28T04:00:00.000Z");
  });

  it("schedules reminders 90, 30 and 7 days before", () => {
    expect(verificationWarningDates(expiresAt).map(({ days, at }) => [days, at.toISOString()])).toEqual([
      [90, "2031-04-01T16:00:00.000Z"],
      [30, "2031-05-31T16:00:00.000Z"],
      [7, "2031-06-23T16:00:00.000Z"],
    ]);
  });

  it("warns from 90 days, then 30, then 7, and says when it has expired", () => {
    expect(before(121 * DAY)).toEqual({ daysLeft: 121, expired: false, threshold: null });
    expect(before(90 * DAY + 1)).toEqual({ daysLeft: 91, expired: false, threshold: null });
    expect(before(90 * DAY)).toEqual({ daysLeft: 90, expired: false, threshold: 90 });
    expect(before(31 * DAY)).toEqual({ daysLeft: 31, expired: false, threshold: 90 });
    expect(before(29.5 * DAY)).toEqual({ daysLeft: 30, expired: false, threshold: 30 });
    expect(before(7 * DAY)).toEqual({ daysLeft: 7, expired: false, threshold: 7 });
    expect(before(3_600_000)).toEqual({ daysLeft: 1, expired: false, threshold: 7 });
    expect(before(0)).toEqual({ daysLeft: 0, expired: true, threshold: null });
    expect(before(-1)).toEqual({ daysLeft: 0, expired: true, threshold: null });
    expect(before(-3 * DAY)).toEqual({ daysLeft: -3, expired: true, threshold: null });
  });
});
