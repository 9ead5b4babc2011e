import { describe, expect, it } from "vitest";
import { parseFixedLine, parseMobile } from "./phone";
import { createRng, pick, randomInt } from "./random";

describe("parseMobile", () => {
  it.each([
    ["13800138000", "+8613800138000"],
    ["138 0013 8000", "+8613800138000"],
    ["138-0013-8000", "+8613800138000"],
    ["+8613800138000", "+8613800138000"],
    ["+86 138 0013 8000", "+8613800138000"],
    ["+86-13800138000", "+8613800138000"],
    ["(+86) 138 0013 8000", "+8613800138000"],
    ["008613800138000", "+8613800138000"],
    ["0086 199 1234 5678", "+8619912345678"],
    ["１３８００１３８０００", "+8613800138000"],
    ["＋８６\u3000１３８－００１３－８０００", "+8613800138000"],
  ])("reads %s as %s", (input, e164) => {
    expect(parseMobile(input)).toMatchObject({ ok: true, value: e164, national: e164.slice(3) });
  });

  it.each([
    ["empty", ""],
    ["a 12x prefix", "12800138000"],
    ["a 10x prefix", "10800138000"],
    ["10 digits", "1380013800"],
    ["12 digits", "138001380001"],
    ["a Hong Kong number", "+85261234567"],
    ["another country's code", "+4413800138000"],
    ["86 without + or 00", "8613800138000"],
    ["a fixed line", "0755-23456789"],
    ["letters", "1380013800O"],
  ])("refuses %s", (_label, input) => {
    expect(parseMobile(input)).toEqual({ ok: false, error: "format" });
  });

  it("accepts every 1[3-9] number and returns its own E.164 unchanged (seeded)", () => {
    const rng = createRng(86);
    const wrong: string[] = [];
    for (let i = 0; i < 500; i++) {
      let national = `1${randomInt(rng, 3, 9)}`;
      for (let d = 0; d < 9; d++) national += randomInt(rng, 0, 9);
      const grouped = `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
      const typed = pick(rng, [national, `+86 ${national}`, `0086${national}`, grouped]);
      const result = parseMobile(typed);
      if (!result.ok || result.value !== `+86${national}` || parseMobile(result.value).ok !== true) wrong.push(typed);
    }
    expect(wrong).toEqual([]);
  });
});

describe("parseFixedLine", () => {
  it("reads domain.md's example 0755-23456789", () => {
    expect(parseFixedLine("0755-23456789")).toEqual({
      ok: true,
      value: "0755-23456789",
      areaCode: "0755",
      subscriber: "23456789",
    });
  });

  it.each([
    ["075523456789", "0755-23456789"],
    ["0755 2345 6789", "0755-23456789"],
    ["(0755) 2345 6789", "0755-23456789"],
    ["（０７５５）２３４５６７８９", "0755-23456789"],
    ["０７５５－２３４５６７８９", "0755-23456789"],
    ["010-62345678", "010-62345678"],
    ["01062345678", "010-62345678"],
    ["021 6234 5678", "021-62345678"],
    ["0571-8765432", "0571-8765432"],
    ["+86 755 23456789", "0755-23456789"],
    ["+86-10-62345678", "010-62345678"],
    ["0086 0755 23456789", "0755-23456789"],
    ["0755-23456789-123", "0755-23456789-123"],
    ["075523456789-1", "0755-23456789-1"],
    ["0755-23456789转8001", "0755-23456789-8001"],
    ["0755-23456789 ext. 8001", "0755-23456789-8001"],
    ["010-62345678-123456", "010-62345678-123456"],
  ])("reads %s as %s", (input, value) => {
    expect(parseFixedLine(input)).toMatchObject({ ok: true, value });
  });

  it("reports the extension apart", () => {
    expect(parseFixedLine("0755-23456789-123")).toEqual({
      ok: true,
      value: "0755-23456789-123",
      areaCode: "0755",
      subscriber: "23456789",
      extension: "123",
    });
  });

  it.each([
    ["empty", ""],
    ["no trunk 0", "755-23456789"],
    ["a subscriber starting with 1", "0755-13456789"],
    ["a subscriber starting with 0", "0755-03456789"],
    ["6 subscriber digits", "0755-234567"],
    ["9 subscriber digits", "0755-234567890"],
    ["an area code split the wrong way", "0106-2345678"],
    ["a 4-digit area for Beijing", "0101-62345678"],
    ["a 00 prefix alone", "00-62345678"],
    ["an 01x area other than 010", "0111-2345678"],
    ["a 7-digit extension", "0755-23456789-1234567"],
    ["an empty extension", "0755-23456789-"],
    ["four groups", "0755-2345-6789-1"],
    ["letters", "0755-2345678A"],
    ["a mobile", "13800138000"],
  ])("refuses %s", (_label, input) => {
    expect(parseFixedLine(input)).toEqual({ ok: false, error: "format" });
  });

  it("reads generated numbers in any grouping and is idempotent on its output (seeded)", () => {
    const rng = createRng(755);
    const wrong: string[] = [];
    for (let i = 0; i < 500; i++) {
      const fourDigits = `0${randomInt(rng, 3, 9)}${randomInt(rng, 10, 99)}`;
      const areaCode = pick(rng, ["010", `02${randomInt(rng, 0, 9)}`, fourDigits]);
      let subscriber = String(randomInt(rng, 2, 9));
      for (let d = randomInt(rng, 6, 7); d > 0; d--) subscriber += randomInt(rng, 0, 9);
      const extension = rng() < 0.3 ? String(randomInt(rng, 0, 999999)) : undefined;
      const expected = `${areaCode}-${subscriber}${extension ? `-${extension}` : ""}`;
      const typed = pick(rng, [
        expected,
        `${areaCode}${subscriber}${extension ? `-${extension}` : ""}`,
        `(${areaCode}) ${subscriber}${extension ? `转${extension}` : ""}`,
      ]);
      const result = parseFixedLine(typed);
      if (!result.ok || result.value !== expected) wrong.push(typed);
      else if (parseFixedLine(result.value).ok !== true) wrong.push(result.value);
    }
    expect(wrong).toEqual([]);
  });
});
