import { describe, expect, it } from "vitest";
import { negotiateLocale } from "./negotiate";

describe("negotiateLocale", () => {
  it("finds nothing in an empty or unsupported header", () => {
    expect(negotiateLocale(null)).toBeUndefined();
    expect(negotiateLocale("")).toBeUndefined();
    expect(negotiateLocale("fr-FR,de;q=0.8")).toBeUndefined();
  });

  it("maps every Chinese variant to zh-CN", () => {
    expect(negotiateLocale("zh-CN,zh;q=0.9")).toBe("zh-CN");
    expect(negotiateLocale("zh")).toBe("zh-CN");
    expect(negotiateLocale("zh-Hans-CN")).toBe("zh-CN");
    expect(negotiateLocale("zh-TW")).toBe("zh-CN");
  });

  it("follows quality values, not the order written", () => {
    expect(negotiateLocale("en;q=0.5,zh-CN;q=0.9")).toBe("zh-CN");
    expect(negotiateLocale("zh-CN;q=0.4,en-GB")).toBe("en");
  });

  it("skips unsupported and refused languages", () => {
    expect(negotiateLocale("ja,zh-CN;q=0.8,en;q=0.7")).toBe("zh-CN");
    expect(negotiateLocale("zh;q=0,en;q=0.1")).toBe("en");
  });
});
