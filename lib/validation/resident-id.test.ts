import { describe, expect, it } from "vitest";
import { MAINLAND_PROVINCES } from "./data/gb2260";
import { createRng, randomInt } from "./random";
import {
  generateResidentId,
  isAdult,
  maskResidentId,
  parseResidentId,
  residentIdCheckCharacter,
} from "./resident-id";

/** Noon in Beijing on 16 Feb 2026: far from any date boundary. */
const today = new Date("2026-02-16T12:00:00+08:00");
const parse = (input: string) => parseResidentId(input, { today });

/** An ID with the right check character for these first 17 digits. */
const withCheck = (first17: string) => first17 + residentIdCheckCharacter(first17);

describe("parseResidentId: domain.md §6.1 worked examples", () => {
  it("accepts 11010519491231002X (S = 167, mod 11 = 2 -> X)", () => {
    expect(parse("11010519491231002X")).toEqual({
      ok: true,
      value: "11010519491231002X",
      birthDate: "1949-12-31",
      sex: "female",
      provinceCode: "11",
      regionCode: "110105",
    });
  });

  it("accepts 440524188001010014 (S = 195, mod 11 = 8 -> 4)", () => {
    expect(parse("440524188001010014")).toMatchObject({ ok: true, birthDate: "1880-01-01", sex: "male" });
  });

  it("accepts 360426199101010071 (S = 231, mod 11 = 0 -> 1)", () => {
    expect(parse("360426199101010071")).toMatchObject({ ok: true, birthDate: "1991-01-01", sex: "male" });
  });

  it("refuses 36042619910102009X (S = 240, mod 11 = 9 -> needs 3)", () => {
    expect(parse("36042619910102009X")).toEqual({ ok: false, error: "check_character", expected: "3" });
    expect(parse("360426199101020093")).toMatchObject({ ok: true, sex: "male", birthDate: "1991-01-02" });
  });

  it("computes the check characters of the examples", () => {
    expect(residentIdCheckCharacter("11010519491231002")).toBe("X");
    expect(residentIdCheckCharacter("44052418800101001")).toBe("4");
    expect(residentIdCheckCharacter("36042619910101007")).toBe("1");
    expect(residentIdCheckCharacter("36042619910102009")).toBe("3");
  });

  it("refuses a check-character input that is not 17 digits", () => {
    expect(() => residentIdCheckCharacter("1101051949123100")).toThrow(RangeError);
    expect(() => residentIdCheckCharacter("1101051949123100X")).toThrow(RangeError);
  });
});

describe("parseResidentId: normalising", () => {
  it("reads full-width digits, a full-width or lower-case x, spaces and hyphens", () => {
    expect(parse("１１０１０５１９４９１２３１００２Ｘ")).toMatchObject({ ok: true, value: "11010519491231002X" });
    expect(parse("１１０１０５１９４９１２３１００２ｘ")).toMatchObject({ ok: true, value: "11010519491231002X" });
    expect(parse("11010519491231002x")).toMatchObject({ ok: true, value: "11010519491231002X" });
    expect(parse("110105\u300019491231\u3000002X")).toMatchObject({ ok: true, value: "11010519491231002X" });
    expect(parse(" 110105-19491231-002X ")).toMatchObject({ ok: true, value: "11010519491231002X" });
  });
});

describe("parseResidentId: refusals", () => {
  it.each([
    ["empty", ""],
    ["17 characters", "11010519491231002"],
    ["19 characters", "11010519491231002X1"],
    ["a retired 15-digit number", "110105491231002"],
    ["a letter other than X", "11010519491231002A"],
    ["X before the end", "1101051949123100X2"],
    ["a century other than 18, 19, 20", "110105174912310025"],
    ["month 00", "110105194900310025"],
    ["month 13", "110105194913310025"],
  ])("says format for %s", (_label, input) => {
    expect(parse(input)).toEqual({ ok: false, error: "format" });
  });

  it("says province for a code outside the 31 mainland provinces, even with a right check", () => {
    const outside = ["00", "10", "16", "20", "30", "38", "47", "55", "60", "66", "71", "81", "82", "83", "91", "99"];
    for (const province of outside) {
      expect(parse(withCheck(`${province}010519491231002`))).toEqual({ ok: false, error: "province" });
    }
  });

  it("accepts each of the 31 mainland provinces", () => {
    expect(Object.keys(MAINLAND_PROVINCES)).toEqual(
      "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65".split(" "),
    );
    for (const province of Object.keys(MAINLAND_PROVINCES)) {
      expect(parse(withCheck(`${province}010519491231002`))).toMatchObject({ ok: true, provinceCode: province });
    }
  });

  it("accepts HK, Macau and Taiwan residence permits (81/82/83) only when asked", () => {
    for (const province of ["81", "82", "83"]) {
      const permit = withCheck(`${province}000019900101002`);
      expect(parseResidentId(permit, { today, acceptHmtResidencePermit: true })).toMatchObject({
        ok: true,
        provinceCode: province,
      });
      expect(parse(permit)).toEqual({ ok: false, error: "province" });
    }
    // 71 (Taiwan in GB/T 2260) is on no card or permit.
    expect(parseResidentId(withCheck("71000019900101002"), { today, acceptHmtResidencePermit: true })).toEqual({
      ok: false,
      error: "province",
    });
  });

  it("says birth_date for a day that does not exist", () => {
    expect(parse(withCheck("36042619910230007"))).toEqual({ ok: false, error: "birth_date" });
    expect(parse(withCheck("36042619910100007"))).toEqual({ ok: false, error: "birth_date" });
    expect(parse(withCheck("36042619900229007"))).toEqual({ ok: false, error: "birth_date" });
    expect(parse(withCheck("36042619000229007"))).toEqual({ ok: false, error: "birth_date" });
    expect(parse(withCheck("36042620000229007"))).toMatchObject({ ok: true, birthDate: "2000-02-29" });
    expect(parse(withCheck("36042619910431007"))).toEqual({ ok: false, error: "birth_date" });
  });

  it("says future_birth_date after today's date in China, and accepts today", () => {
    expect(parse(withCheck("44030520260216002"))).toMatchObject({ ok: true, birthDate: "2026-02-16" });
    expect(parse(withCheck("44030520260217002"))).toEqual({ ok: false, error: "future_birth_date" });
    expect(parse(withCheck("44030520990101002"))).toEqual({ ok: false, error: "future_birth_date" });
  });

  it("judges 'future' by the date in Beijing, not UTC", () => {
    const born = withCheck("44030520260217002");
    // 16:30 UTC on the 16th is 00:30 on the 17th in Beijing.
    expect(parseResidentId(born, { today: new Date("2026-02-16T16:30:00Z") })).toMatchObject({ ok: true });
    expect(parseResidentId(born, { today: new Date("2026-02-16T15:30:00Z") })).toEqual({
      ok: false,
      error: "future_birth_date",
    });
  });

  it("checks in order: format, province, birth date, future, check character", () => {
    // Wrong province and wrong check character: province wins.
    expect(parse("710105194912310020")).toEqual({ ok: false, error: "province" });
    // Impossible date and wrong check character: birth_date wins.
    expect(parse("110105194902300020")).toEqual({ ok: false, error: "birth_date" });
  });
});

describe("parseResidentId: property tests (seeded)", () => {
  const rng = createRng(11643);
  const ids = Array.from({ length: 200 }, () => generateResidentId({ rng }));

  it("accepts every generated number and reads back what was generated", () => {
    for (const id of ids) {
      const result = parse(id);
      expect(result, id).toMatchObject({ ok: true, value: id });
    }
  });

  it("refuses a number with any one character changed, at every position, to every other character", () => {
    const accepted: string[] = [];
    const checkPassed: string[] = [];
    for (const id of ids) {
      for (let position = 0; position < 18; position++) {
        const alphabet = position === 17 ? "0123456789X" : "0123456789";
        for (const char of alphabet) {
          if (char === id[position]) continue;
          const changed = id.slice(0, position) + char + id.slice(position + 1);
          if (parse(changed).ok) accepted.push(changed);
          // Whatever else breaks (date, province), the check character alone catches it.
          if (residentIdCheckCharacter(changed.slice(0, 17)) === changed[17]) checkPassed.push(changed);
        }
      }
    }
    expect({ accepted, checkPassed }).toEqual({ accepted: [], checkPassed: [] });
  });

  it("catches every swap of two adjacent, different characters", () => {
    const accepted: string[] = [];
    for (const id of ids) {
      for (let position = 0; position < 17; position++) {
        if (id[position] === id[position + 1]) continue;
        const swapped = id.slice(0, position) + id[position + 1] + id[position] + id.slice(position + 2);
        if (parse(swapped).ok) accepted.push(swapped);
      }
    }
    expect(accepted).toEqual([]);
  });

  it("reads sex from the parity of the 17th digit", () => {
    for (const id of ids) {
      const result = parse(id);
      if (!result.ok) throw new Error(`generated ${id} failed`);
      expect(result.sex).toBe(Number(id[16]) % 2 === 1 ? "male" : "female");
    }
  });
});

describe("generateResidentId", () => {
  it("is deterministic for a seed", () => {
    const first = Array.from({ length: 5 }, ((rng) => () => generateResidentId({ rng }))(createRng(5)));
    const again = Array.from({ length: 5 }, ((rng) => () => generateResidentId({ rng }))(createRng(5)));
    expect(again).toEqual(first);
  });

  it("uses the region, birth date and sex asked for", () => {
    const rng = createRng(9);
    for (let i = 0; i < 50; i++) {
      const sex = i % 2 === 0 ? "male" : "female";
      const id = generateResidentId({ rng, regionCode: "440305", birthDate: "2000-02-29", sex });
      expect(parse(id)).toMatchObject({ ok: true, regionCode: "440305", birthDate: "2000-02-29", sex });
    }
  });

  it("makes adults by default", () => {
    const rng = createRng(18);
    for (let i = 0; i < 200; i++) {
      const result = parse(generateResidentId({ rng }));
      if (!result.ok) throw new Error("generated ID failed");
      expect(isAdult(result.birthDate, today)).toBe(true);
    }
  });

  it("makes residence-permit numbers for 810000/820000/830000", () => {
    const id = generateResidentId({ rng: createRng(1), regionCode: "830000" });
    expect(parseResidentId(id, { today, acceptHmtResidencePermit: true })).toMatchObject({ ok: true });
  });

  it("refuses a region or birth date that parsing would refuse", () => {
    const rng = createRng(3);
    expect(() => generateResidentId({ rng, regionCode: "710000" })).toThrow(RangeError);
    expect(() => generateResidentId({ rng, regionCode: "44030" })).toThrow(RangeError);
    expect(() => generateResidentId({ rng, birthDate: "1991-02-30" })).toThrow(RangeError);
    expect(() => generateResidentId({ rng, birthDate: "1799-12-31" })).toThrow(RangeError);
  });
});

describe("isAdult", () => {
  it("is 18 on the 18th birthday itself, not the day before", () => {
    expect(isAdult("2008-02-16", today)).toBe(true);
    expect(isAdult("2008-02-17", today)).toBe(false);
    expect(isAdult("1949-12-31", today)).toBe(true);
    expect(isAdult("2026-02-16", today)).toBe(false);
  });

  it("counts the birthday in Beijing time", () => {
    expect(isAdult("2008-02-16", new Date("2026-02-15T16:00:00Z"))).toBe(true);
    expect(isAdult("2008-02-16", new Date("2026-02-15T15:59:59Z"))).toBe(false);
  });

  it("makes someone born on 29 February an adult on 28 February of a common year", () => {
    expect(isAdult("2008-02-29", new Date("2026-02-27T12:00:00+08:00"))).toBe(false);
    expect(isAdult("2008-02-29", new Date("2026-02-28T12:00:00+08:00"))).toBe(true);
    expect(isAdult("2008-02-29", new Date("2026-03-01T12:00:00+08:00"))).toBe(true);
    expect(isAdult("2000-02-29", new Date("2018-02-27T23:59:59+08:00"))).toBe(false);
    expect(isAdult("2000-02-29", new Date("2018-02-28T00:00:00+08:00"))).toBe(true);
  });

  it("agrees with counting years by hand (seeded)", () => {
    const rng = createRng(2026);
    for (let i = 0; i < 500; i++) {
      const year = randomInt(rng, 2000, 2012);
      const month = randomInt(rng, 1, 12);
      const day = randomInt(rng, 1, 28);
      const birth = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
      const eighteenth = `${year + 18}-${birth.slice(5)}`;
      const onTheDay = new Date(`${eighteenth}T00:00:00+08:00`);
      expect(isAdult(birth, onTheDay), birth).toBe(true);
      expect(isAdult(birth, new Date(onTheDay.getTime() - 1)), birth).toBe(false);
    }
  });

  it("refuses a birth date that is not a real YYYY-MM-DD", () => {
    expect(() => isAdult("2007-02-29", today)).toThrow(RangeError);
    expect(() => isAdult("20080216", today)).toThrow(RangeError);
  });
});

describe("maskResidentId", () => {
  it("keeps the first 6 and last 4 characters", () => {
    expect(maskResidentId("11010519491231002X")).toBe("110105********002X");
    expect(maskResidentId("１１０１０５１９４９１２３１００２ｘ")).toBe("110105********002X");
  });

  it("masks short values whole", () => {
    expect(maskResidentId("1234567890")).toBe("**********");
    expect(maskResidentId("")).toBe("");
  });

  it("never shows the birth date of a generated number (seeded)", () => {
    const rng = createRng(44);
    for (let i = 0; i < 100; i++) {
      const id = generateResidentId({ rng });
      const masked = maskResidentId(id);
      expect(masked).toHaveLength(18);
      expect(masked.slice(6, 14)).toBe("********");
      expect(masked.slice(0, 6) + masked.slice(14)).toBe(id.slice(0, 6) + id.slice(14));
    }
  });
});
