import { describe, expect, it } from "vitest";
import { checkOrgCode, orgCodeMatchesUscc } from "./org-code";
import { createRng } from "./random";
import { checkUscc, generateUscc, usccCheckCharacter } from "./uscc";

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

describe("checkUscc: domain.md §6.2 worked examples", () => {
  it("accepts 91110000600037341L (S = 538, mod 31 = 11, 31 - 11 = 20 -> L)", () => {
    expect(checkUscc("91110000600037341L")).toEqual({
      ok: true,
      value: "91110000600037341L",
      orgCode: "600037341",
      registrationAuthority: "9",
      category: "1",
      regionCode: "110000",
    });
    expect(usccCheckCharacter("91110000600037341")).toBe("L");
  });

  it("accepts 91310110666007217T (S = 966, mod 31 = 5 -> 26 -> T)", () => {
    expect(checkUscc("91310110666007217T")).toMatchObject({ ok: true, orgCode: "666007217", regionCode: "310110" });
    expect(usccCheckCharacter("91310110666007217")).toBe("T");
  });

  it("warns, and does not fail, for the real pilot-era codes that fail the check character", () => {
    expect(checkUscc("91350211M00013FA1N")).toEqual({
      ok: "warning",
      error: "check_character",
      expected: "3",
      value: "91350211M00013FA1N",
      orgCode: "M00013FA1",
      registrationAuthority: "9",
      category: "1",
      regionCode: "350211",
    });
    expect(checkUscc("91350100M0001TGQXM")).toMatchObject({
      ok: "warning",
      error: "check_character",
      expected: "1",
      orgCode: "M0001TGQX",
    });
  });

  it("warns for a wrong check character on an otherwise valid code, naming the right one", () => {
    expect(checkUscc("91110000600037341M")).toMatchObject({ ok: "warning", expected: "L" });
  });
});

describe("checkUscc: normalising", () => {
  it("reads full-width, lower-case, spaced and hyphenated input", () => {
    expect(checkUscc("９１１１００００６０００３７３４１Ｌ")).toMatchObject({ ok: true, value: "91110000600037341L" });
    expect(checkUscc("９１１１００００６０００３７３４１ｌ")).toMatchObject({ ok: true, value: "91110000600037341L" });
    expect(checkUscc("91110000600037341l")).toMatchObject({ ok: true, value: "91110000600037341L" });
    expect(checkUscc(" 9111 0000 6000 3734 1L\u3000")).toMatchObject({ ok: true, value: "91110000600037341L" });
    expect(checkUscc("911100006-0003734-1L")).toMatchObject({ ok: true, value: "91110000600037341L" });
  });
});

describe("checkUscc: format", () => {
  it.each([
    ["empty", ""],
    ["17 characters", "91110000600037341"],
    ["19 characters", "91110000600037341L0"],
    ["a letter in the region (3-8)", "911A0000600037341L"],
    ["I", "91110000I00037341L"],
    ["O", "91110000O00037341L"],
    ["S", "91110000S00037341L"],
    ["V", "91110000V00037341L"],
    ["Z", "9111000060003734ZL"],
    ["a symbol", "91110000600037341*"],
    ["a 15-digit registration number", "110000000000001"],
  ])("refuses %s", (_label, input) => {
    expect(checkUscc(input)).toEqual({ ok: false, error: "format" });
  });

  it("refuses a check-character input that is not 17 USCC characters", () => {
    expect(() => usccCheckCharacter("9111000060003734")).toThrow(RangeError);
    expect(() => usccCheckCharacter("9111000060003734I")).toThrow(RangeError);
    expect(() => usccCheckCharacter("9111000060003734l")).toThrow(RangeError);
  });
});

describe("checkUscc: property tests (seeded)", () => {
  const rng = createRng(32100);
  const codes = Array.from({ length: 200 }, () => generateUscc({ rng }));

  it("accepts every generated code, and its characters 9-17 are a valid organisation code", () => {
    for (const code of codes) {
      const result = checkUscc(code);
      expect(result, code).toMatchObject({ ok: true, value: code });
      expect(checkOrgCode(code.slice(8, 17)).ok, code).toBe(true);
      expect(orgCodeMatchesUscc(code.slice(8, 17), code)).toBe(true);
    }
  });

  it("warns for any one character changed to any other USCC character, at every position", () => {
    const notWarned: string[] = [];
    for (const code of codes) {
      for (let position = 0; position < 18; position++) {
        const alphabet = position >= 2 && position <= 7 ? "0123456789" : ALPHABET;
        for (const char of alphabet) {
          if (char === code[position]) continue;
          const changed = code.slice(0, position) + char + code.slice(position + 1);
          if (checkUscc(changed).ok !== "warning") notWarned.push(changed);
        }
      }
    }
    expect(notWarned).toEqual([]);
  });

  it("says format, not warning, when a change breaks the shape", () => {
    const notFormat: string[] = [];
    for (const code of codes) {
      for (let position = 0; position < 18; position++) {
        for (const breaking of position >= 2 && position <= 7 ? "AIX*" : "IOSVZ*") {
          const changed = code.slice(0, position) + breaking + code.slice(position + 1);
          if (checkUscc(changed).ok !== false) notFormat.push(changed);
        }
      }
    }
    expect(notFormat).toEqual([]);
  });
});

describe("generateUscc", () => {
  it("is deterministic for a seed", () => {
    const make = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 5 }, () => generateUscc({ rng }));
    };
    expect(make(1)).toEqual(make(1));
    expect(make(1)).not.toEqual(make(2));
  });

  it("uses the parts asked for", () => {
    const code = generateUscc({
      rng: createRng(1),
      registrationAuthority: "5",
      category: "2",
      regionCode: "440300",
      orgCode: "60003734-1",
    });
    expect(checkUscc(code)).toMatchObject({
      ok: true,
      registrationAuthority: "5",
      category: "2",
      regionCode: "440300",
      orgCode: "600037341",
    });
    expect(generateUscc({ rng: createRng(1), regionCode: "110000", orgCode: "600037341" })).toBe("91110000600037341L");
  });

  it("refuses parts that cannot appear in a USCC", () => {
    const rng = createRng(1);
    expect(() => generateUscc({ rng, registrationAuthority: "I" })).toThrow(RangeError);
    expect(() => generateUscc({ rng, category: "12" })).toThrow(RangeError);
    expect(() => generateUscc({ rng, regionCode: "44030A" })).toThrow(RangeError);
    expect(() => generateUscc({ rng, orgCode: "6000373S1" })).toThrow(RangeError);
  });
});
