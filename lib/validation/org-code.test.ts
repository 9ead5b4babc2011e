import { describe, expect, it } from "vitest";
import { checkOrgCode, generateOrgCode, orgCodeCheckCharacter, orgCodeMatchesUscc } from "./org-code";
import { createRng } from "./random";

describe("checkOrgCode: domain.md §6.3 worked examples", () => {
  it("accepts 60003734-1 (S = 109, mod 11 = 10 -> 1)", () => {
    expect(checkOrgCode("60003734-1")).toEqual({ ok: true, value: "600037341", display: "60003734-1" });
    expect(orgCodeCheckCharacter("60003734")).toBe("1");
  });

  it("accepts M0001TGQ-X (S = 419, mod 11 = 1 -> 10 -> X)", () => {
    expect(checkOrgCode("M0001TGQ-X")).toEqual({ ok: true, value: "M0001TGQX", display: "M0001TGQ-X" });
    expect(orgCodeCheckCharacter("M0001TGQ")).toBe("X");
  });

  it("writes 11 as 0", () => {
    expect(orgCodeCheckCharacter("00000000")).toBe("0");
    expect(checkOrgCode("00000000-0")).toMatchObject({ ok: true });
  });

  it("refuses the check that some snippets compute as S mod 11", () => {
    // 60003734: S mod 11 = 10, which those snippets would write as X.
    expect(checkOrgCode("60003734-X")).toEqual({ ok: false, error: "check_character", expected: "1" });
  });
});

describe("checkOrgCode: input forms", () => {
  it("accepts the printed form, 9 characters, full-width, lower case and spaces", () => {
    for (const input of ["60003734-1", "600037341", "６０００３７３４－１", " 6000 3734 - 1 ", "m0001tgq-x", "Ｍ０００１ＴＧＱ－ｘ"]) {
      expect(checkOrgCode(input).ok, input).toBe(true);
    }
  });

  it.each([
    ["empty", ""],
    ["8 characters", "60003734"],
    ["10 characters", "600037341-1"],
    ["a check letter other than X", "60003734-A"],
    ["a symbol", "6000373*-1"],
  ])("says format for %s", (_label, input) => {
    expect(checkOrgCode(input)).toEqual({ ok: false, error: "format" });
  });

  it("refuses a check-character input that is not 8 characters 0-9/A-Z", () => {
    expect(() => orgCodeCheckCharacter("6000373")).toThrow(RangeError);
    expect(() => orgCodeCheckCharacter("6000373a")).toThrow(RangeError);
  });
});

describe("checkOrgCode: property tests (seeded)", () => {
  const rng = createRng(11714);
  const codes = Array.from({ length: 200 }, () => generateOrgCode({ rng }));

  it("accepts every generated code", () => {
    for (const code of codes) expect(checkOrgCode(code), code).toMatchObject({ ok: true, value: code });
  });

  it("catches any digit changed to another digit, and any changed check character", () => {
    // Weights are non-zero mod 11 and two digits differ by less than 11, so every such change
    // moves the sum. (Letters can differ by 11 or more: "0" -> "B" is not always caught.)
    const accepted: string[] = [];
    for (const code of codes) {
      for (let position = 0; position < 9; position++) {
        const alphabet = position === 8 ? "0123456789X" : /\d/.test(code[position]!) ? "0123456789" : "";
        for (const char of alphabet) {
          if (char === code[position]) continue;
          const changed = code.slice(0, position) + char + code.slice(position + 1);
          if (checkOrgCode(changed).ok) accepted.push(changed);
        }
      }
    }
    expect(accepted).toEqual([]);
  });
});

describe("orgCodeMatchesUscc (B11)", () => {
  it("matches an organisation code with USCC characters 9-17", () => {
    expect(orgCodeMatchesUscc("60003734-1", "91110000600037341L")).toBe(true);
    expect(orgCodeMatchesUscc("６０００３７３４－１", "９１１１００００６０００３７３４１ｌ")).toBe(true);
    expect(orgCodeMatchesUscc("66600721-7", "91310110666007217T")).toBe(true);
    // A pilot-era USCC fails its own check but still carries a valid organisation code.
    expect(orgCodeMatchesUscc("M0001TGQ-X", "91350100M0001TGQXM")).toBe(true);
  });

  it("does not match a different or malformed code", () => {
    expect(orgCodeMatchesUscc("66600721-7", "91110000600037341L")).toBe(false);
    expect(orgCodeMatchesUscc("60003734", "91110000600037341L")).toBe(false);
    expect(orgCodeMatchesUscc("60003734-1", "9111000060003734")).toBe(false);
    expect(orgCodeMatchesUscc("", "")).toBe(false);
  });
});
