import { describe, expect, it } from "vitest";
import { normaliseCode, normalisePhone, toHalfWidth } from "./normalise";
import { createRng, randomInt } from "./random";

describe("toHalfWidth", () => {
  it("folds full-width digits and letters to ASCII", () => {
    expect(toHalfWidth("０１２３４５６７８９")).toBe("0123456789");
    expect(toHalfWidth("ＡＢＣＸＹＺ")).toBe("ABCXYZ");
    expect(toHalfWidth("ａｂｃｘｙｚ")).toBe("abcxyz");
    expect(toHalfWidth("Ｘ")).toBe("X");
  });

  it("folds full-width punctuation, the ideographic space and dash look-alikes", () => {
    expect(toHalfWidth("＋８６（０７５５）")).toBe("+86(0755)");
    expect(toHalfWidth("a\u3000b")).toBe("a b");
    expect(toHalfWidth("0755－2345—6789–1\u2212")).toBe("0755-2345-6789-1-");
  });

  it("drops invisible characters and leaves Chinese text alone", () => {
    expect(toHalfWidth("\uFEFF1\u200B2\u200D")).toBe("12");
    expect(toHalfWidth("转分机")).toBe("转分机");
  });

  it("maps every full-width ASCII form to its ASCII twin (U+FF01–U+FF5E)", () => {
    for (let code = 0xff01; code <= 0xff5e; code++) {
      const folded = toHalfWidth(String.fromCodePoint(code));
      expect(folded).toBe(String.fromCodePoint(code - 0xfee0));
    }
  });
});

describe("normaliseCode", () => {
  it("removes spaces (U+3000 included) and hyphens, and upper-cases", () => {
    expect(normaliseCode(" 110105 19491231 002x ")).toBe("11010519491231002X");
    expect(normaliseCode("１１０１０５\u3000１９４９１２３１\u3000００２ｘ")).toBe("11010519491231002X");
    expect(normaliseCode("60003734-1")).toBe("600037341");
    expect(normaliseCode("9111 0000－6000 3734 1l")).toBe("91110000600037341L");
    expect(normaliseCode("\t\n\u00A0")).toBe("");
  });

  it("is idempotent and leaves no white space, hyphen or lower-case ASCII (seeded random input)", () => {
    const rng = createRng(20260216);
    const pool = [..."0123456789abcxyzABCXYZ０９ａｚＡＺ -－—\u3000\t\u00A0\u200B"];
    for (let run = 0; run < 500; run++) {
      let input = "";
      for (let i = randomInt(rng, 0, 24); i > 0; i--) input += pool[randomInt(rng, 0, pool.length - 1)];
      const once = normaliseCode(input);
      expect(normaliseCode(once)).toBe(once);
      expect(once).not.toMatch(/[\s\-a-z\uFF01-\uFF5E\u200B]/);
    }
  });
});

describe("normalisePhone", () => {
  it("removes spaces but keeps hyphens, which can separate an extension", () => {
    expect(normalisePhone(" ０７５５－２３４５\u3000６７８９ ")).toBe("0755-23456789");
    expect(normalisePhone("0755--23456789 - 12")).toBe("0755-23456789-12");
  });
});
