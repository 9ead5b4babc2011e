/**
 * The pure parts of an Official Account's edit: WeChat's name width (a CJK character
 * counts 2, domain.md B8), the field formats, and the calendar arithmetic in an
 * agency's time zone that the introduction and rename rules count by.
 */
import { describe, expect, it } from "vitest";
import { accountNameSchema, nameWidth, PROFILE_MESSAGES, updateOfficialAccountSchema } from "./profile-schemas";
import { localDate, localYearBounds, sameLocalMonth, startOfLocalDate, startOfNextMonth } from "./zoned-time";

describe("an account name", () => {
  it("counts a CJK character, kana, Hangul or full-width form as 2 and anything else as 1", () => {
    expect(nameWidth("abcd")).toBe(4);
    expect(nameWidth("青禾")).toBe(4);
    expect(nameWidth("ab中")).toBe(4);
    expect(nameWidth("カナ한글")).toBe(8);
    expect(nameWidth("ＡＢ")).toBe(4);
    expect(nameWidth("𠀀")).toBe(2);
  });

  it("takes 4–30 of those, trimmed, with inner white space made one space", () => {
    expect(accountNameSchema.parse("  青禾   科技 ")).toBe("青禾 科技");
    expect(accountNameSchema.safeParse("abc").error?.issues[0]?.message).toBe(PROFILE_MESSAGES.nameLength);
    expect(accountNameSchema.safeParse("中").success).toBe(false);
    expect(accountNameSchema.safeParse("一二三四五六七八九十一二三四五").success).toBe(true);
    expect(accountNameSchema.safeParse("一二三四五六七八九十一二三四五六").success).toBe(false);
    expect(accountNameSchema.safeParse("x".repeat(30)).success).toBe(true);
    expect(accountNameSchema.safeParse("x".repeat(31)).success).toBe(false);
  });
});

describe("the edit body", () => {
  const fieldsOf = (input: unknown) => {
    const parsed = updateOfficialAccountSchema.safeParse(input);
    return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
  };

  it("keeps fields left out, reads blank as a clear, and normalises the original ID and the date", () => {
    expect(updateOfficialAccountSchema.parse({ version: "3", wechatId: " ", originalId: "GH_ABCDEF012345", registeredAt: "２０２６.03.18" })).toEqual({
      version: 3,
      wechatId: null,
      originalId: "gh_abcdef012345",
      registeredAt: "2026-03-18",
    });
  });

  it("takes WeChat's formats and refuses the rest on the field", () => {
    expect(fieldsOf({ version: 1, wechatId: "a12345", originalId: "gh_0123456789ab", loginEmail: "mp@example.com" })).toEqual({});
    expect(fieldsOf({ version: 1, wechatId: "a-b_c1d2e3f4g5h6i7j8" })).toEqual({});
    expect(fieldsOf({ version: 1, wechatId: "a-b_c1d2e3f4g5h6i7j8k" })).toEqual({ wechatId: PROFILE_MESSAGES.wechatId });
    expect(fieldsOf({ version: 1, wechatId: "_abcdef" })).toEqual({ wechatId: PROFILE_MESSAGES.wechatId });
    expect(fieldsOf({ version: 1, wechatId: "微信号abc" })).toEqual({ wechatId: PROFILE_MESSAGES.wechatId });
    expect(fieldsOf({ version: 1, originalId: "gh_0123456789abc" })).toEqual({ originalId: PROFILE_MESSAGES.originalId });
    expect(fieldsOf({ version: 1, originalId: "gh_0123456789ag" })).toEqual({ originalId: PROFILE_MESSAGES.originalId });
    expect(fieldsOf({ version: 1, introduction: "介".repeat(121) })).toEqual({ introduction: PROFILE_MESSAGES.introductionLength });
    expect(fieldsOf({ version: 1, introduction: "𠀀".repeat(120) })).toEqual({});
    expect(fieldsOf({ version: 1, registeredAt: "2025-02-29" })).toEqual({ registeredAt: PROFILE_MESSAGES.date });
    expect(fieldsOf({ version: 0 })).toEqual({ version: PROFILE_MESSAGES.invalidValue });
  });
});

describe("calendar arithmetic in a time zone", () => {
  const shanghai = "Asia/Shanghai";

  it("reads dates, months and years on Shanghai's clock, not UTC's", () => {
    const lateMay = new Date("2026-05-31T15:59:59Z");
    const firstJune = new Date("2026-05-31T16:00:00Z");
    expect(localDate(lateMay, shanghai)).toBe("2026-05-31");
    expect(localDate(firstJune, shanghai)).toBe("2026-06-01");
    expect(sameLocalMonth(lateMay, firstJune, shanghai)).toBe(false);
    expect(sameLocalMonth(lateMay, new Date("2026-05-01T00:00:00+08:00"), shanghai)).toBe(true);
    expect(startOfNextMonth(lateMay, shanghai).toISOString()).toBe("2026-05-31T16:00:00.000Z");
    expect(startOfNextMonth(new Date("2026-12-15T00:00:00Z"), shanghai).toISOString()).toBe("2026-12-31T16:00:00.000Z");
    expect(localYearBounds(new Date("2026-12-31T16:00:00Z"), shanghai)).toEqual({
      start: new Date("2026-12-31T16:00:00Z"),
      end: new Date("2027-12-31T16:00:00Z"),
    });
    expect(startOfLocalDate("2026-03-18", shanghai).toISOString()).toBe("2026-03-17T16:00:00.000Z");
  });

  it("finds midnight across a daylight-saving change", () => {
    // New York springs forward on 8 March 2026 and falls back on 1 November.
    expect(startOfLocalDate("2026-03-09", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(startOfLocalDate("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfNextMonth(new Date("2026-10-15T12:00:00Z"), "America/New_York").toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(startOfNextMonth(new Date("2026-11-15T12:00:00Z"), "America/New_York").toISOString()).toBe("2026-12-01T05:00:00.000Z");
  });
});
