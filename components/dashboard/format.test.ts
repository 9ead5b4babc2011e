import { describe, expect, it } from "vitest";
import { dashboardFormat } from "./format";

const units = (locale: "en" | "zh") => (key: "days" | "hours", { value }: { value: string }) =>
  locale === "en" ? `${value} ${key}` : `${value} ${key === "days" ? "天" : "小时"}`;

describe("the dashboard's figures", () => {
  it("writes durations as hours under two days, else days with one decimal; no sample is a dash", () => {
    const fmt = dashboardFormat("en", units("en"), "—");
    expect(fmt.duration(null)).toBe("—");
    expect(fmt.duration(5.25)).toBe("5.3 hours");
    expect(fmt.duration(47.9)).toBe("47.9 hours");
    expect(fmt.duration(48)).toBe("2.0 days");
    expect(fmt.duration(24 * 1234.56)).toBe("1,234.6 days");
    expect(fmt.days(36)).toBe(1.5);
    expect(fmt.days(null)).toBeNull();
  });

  it("formats counts, shares and dates in the reader's locale", () => {
    const zh = dashboardFormat("zh-CN", units("zh"), "—");
    expect(zh.duration(24 * 3.44)).toBe("3.4 天");
    expect(zh.count(12345)).toBe("12,345");
    expect(zh.percent(0.304)).toBe("30.4%");
    expect(zh.percent(null)).toBe("—");
    expect(zh.date("2026-12-03")).toBe("2026年12月3日");
    expect(dashboardFormat("en", units("en"), "—").shortDate("2026-11-30")).toBe("Nov 30");
  });
});
