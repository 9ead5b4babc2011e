import { describe, expect, it } from "vitest";
import { z } from "@/lib/validation/zod";
import { createRng } from "./random";
import { generateResidentId, residentIdCheckCharacter } from "./resident-id";
import {
  companyCodesSchema,
  fixedLineSchema,
  mobileSchema,
  optionalField,
  orgCodeSchema,
  residentIdSchema,
  usccSchema,
  VALIDATION_MESSAGES,
} from "./schemas";

const today = new Date("2026-02-16T12:00:00+08:00");
const withCheck = (first17: string) => first17 + residentIdCheckCharacter(first17);

/** The messages of a failed parse (they must be keys, so the UI can translate them). */
function messages(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to fail`);
  return result.error.issues.map((issue) => issue.message);
}

function allKeys(tree: object): string[] {
  return Object.values(tree).flatMap((value: unknown) =>
    typeof value === "string" ? [value] : allKeys(value as object),
  );
}

describe("residentIdSchema", () => {
  const schema = residentIdSchema(today);

  it("outputs the normalised number", () => {
    expect(schema.parse("１１０１０５１９４９１２３１００２ｘ")).toBe("11010519491231002X");
    expect(schema.parse("360426199101010071")).toBe("360426199101010071");
  });

  it.each([
    ["36042619910102009X", VALIDATION_MESSAGES.residentId.checkCharacter],
    ["110105491231002", VALIDATION_MESSAGES.residentId.format],
    [withCheck("71010519491231002"), VALIDATION_MESSAGES.residentId.province],
    [withCheck("36042619910230007"), VALIDATION_MESSAGES.residentId.birthDate],
    [withCheck("44030520260217002"), VALIDATION_MESSAGES.residentId.futureBirthDate],
    ["", VALIDATION_MESSAGES.required],
    ["\u3000 - ", VALIDATION_MESSAGES.required],
    [undefined, VALIDATION_MESSAGES.required],
  ])("refuses %s with %s", (input, key) => {
    expect(messages(schema, input)).toEqual([key]);
  });

  it("passes the expected check character as a parameter, and never echoes the number", () => {
    const result = schema.safeParse("36042619910102009X");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: "custom", params: { expected: "3" } });
    expect(JSON.stringify(result.error?.issues)).not.toContain("360426");
  });

  it("refuses a minor only when asked (operators must be 18)", () => {
    const seventeen = withCheck("44030520080217002");
    const eighteen = withCheck("44030520080216002");
    expect(schema.parse(seventeen)).toBe(seventeen);
    const operator = residentIdSchema(today, { requireAdult: true });
    expect(messages(operator, seventeen)).toEqual([VALIDATION_MESSAGES.residentId.underage]);
    expect(operator.parse(eighteen)).toBe(eighteen);
  });

  it("accepts residence permits only when asked", () => {
    const permit = withCheck("81000019900101002");
    expect(messages(schema, permit)).toEqual([VALIDATION_MESSAGES.residentId.province]);
    expect(residentIdSchema(today, { acceptHmtResidencePermit: true }).parse(permit)).toBe(permit);
  });

  it("accepts every generated number (seeded)", () => {
    const rng = createRng(5);
    for (let i = 0; i < 100; i++) {
      const id = generateResidentId({ rng });
      expect(schema.parse(id)).toBe(id);
    }
  });
});

describe("usccSchema", () => {
  it("outputs the parts with no warning for a valid code", () => {
    expect(usccSchema.parse("９１１１００００６０００３７３４１ｌ")).toEqual({
      value: "91110000600037341L",
      orgCode: "600037341",
      registrationAuthority: "9",
      category: "1",
      regionCode: "110000",
      warning: null,
    });
  });

  it("surfaces a wrong check character as a warning flag, not a failure", () => {
    const result = usccSchema.safeParse("91350211M00013FA1N");
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({
      value: "91350211M00013FA1N",
      warning: { message: VALIDATION_MESSAGES.uscc.checkCharacter, expected: expect.any(String) },
    });
  });

  it.each([
    ["91110000I00037341L", VALIDATION_MESSAGES.uscc.format],
    ["91110000600037341", VALIDATION_MESSAGES.uscc.format],
    ["", VALIDATION_MESSAGES.required],
    [42, VALIDATION_MESSAGES.required],
  ])("refuses %s with %s", (input, key) => {
    expect(messages(usccSchema, input)).toEqual([key]);
  });
});

describe("orgCodeSchema", () => {
  it("outputs 9 characters without the hyphen", () => {
    expect(orgCodeSchema.parse("60003734-1")).toBe("600037341");
    expect(orgCodeSchema.parse("ｍ０００１ｔｇｑ－ｘ")).toBe("M0001TGQX");
  });

  it("refuses a bad shape or check character", () => {
    expect(messages(orgCodeSchema, "6000373-1")).toEqual([VALIDATION_MESSAGES.orgCode.format]);
    expect(messages(orgCodeSchema, "60003734-X")).toEqual([VALIDATION_MESSAGES.orgCode.checkCharacter]);
    expect(orgCodeSchema.safeParse("60003734-X").error?.issues[0]).toMatchObject({ params: { expected: "1" } });
  });
});

describe("mobileSchema and fixedLineSchema", () => {
  it("output E.164 and the 0755-23456789 form", () => {
    expect(mobileSchema.parse("+86 138 0013 8000")).toBe("+8613800138000");
    expect(fixedLineSchema.parse("(0755) 2345 6789 转 12")).toBe("0755-23456789-12");
  });

  it("refuse with their keys", () => {
    expect(messages(mobileSchema, "12800138000")).toEqual([VALIDATION_MESSAGES.mobile.format]);
    expect(messages(fixedLineSchema, "0106-2345678")).toEqual([VALIDATION_MESSAGES.fixedLine.format]);
    expect(messages(mobileSchema, " ")).toEqual([VALIDATION_MESSAGES.required]);
    expect(messages(fixedLineSchema, "")).toEqual([VALIDATION_MESSAGES.required]);
  });
});

describe("optionalField", () => {
  const schema = z.object({ fixedLine: optionalField(fixedLineSchema) });

  it("turns a missing, null or blank value into undefined", () => {
    expect(schema.parse({})).toEqual({});
    expect(schema.parse({ fixedLine: null })).toEqual({ fixedLine: undefined });
    expect(schema.parse({ fixedLine: "\u3000" })).toEqual({ fixedLine: undefined });
  });

  it("still checks a value that is there", () => {
    expect(schema.parse({ fixedLine: "0755 23456789" })).toEqual({ fixedLine: "0755-23456789" });
    expect(messages(schema, { fixedLine: "123" })).toEqual([VALIDATION_MESSAGES.fixedLine.format]);
  });
});

describe("companyCodesSchema (B11)", () => {
  it("accepts a USCC alone, or with the organisation code inside it", () => {
    expect(companyCodesSchema.parse({ uscc: "91110000600037341L", orgCode: "" })).toMatchObject({
      uscc: { value: "91110000600037341L" },
      orgCode: undefined,
    });
    expect(companyCodesSchema.parse({ uscc: "91110000600037341L", orgCode: "60003734-1" })).toMatchObject({
      orgCode: "600037341",
    });
    // A pilot-era USCC warns but still matches its organisation code.
    expect(companyCodesSchema.parse({ uscc: "91350100M0001TGQXM", orgCode: "M0001TGQ-X" })).toMatchObject({
      uscc: { warning: { message: VALIDATION_MESSAGES.uscc.checkCharacter } },
      orgCode: "M0001TGQX",
    });
  });

  it("refuses a valid organisation code that is not the one inside the USCC, on the orgCode field", () => {
    const result = companyCodesSchema.safeParse({ uscc: "91110000600037341L", orgCode: "66600721-7" });
    expect(result.error?.issues).toMatchObject([
      { message: VALIDATION_MESSAGES.orgCode.usccMismatch, path: ["orgCode"], params: { expected: "600037341" } },
    ]);
  });
});

describe("message keys", () => {
  it("are all keys under validation., and every one is produced by some input", () => {
    const keys = allKeys(VALIDATION_MESSAGES);
    expect(keys.filter((key) => !/^validation\.[a-zA-Z.]+$/.test(key))).toEqual([]);
    const produced = new Set<string>([
      ...messages(residentIdSchema(today), ""),
      ...messages(residentIdSchema(today), "1"),
      ...messages(residentIdSchema(today), withCheck("71010519491231002")),
      ...messages(residentIdSchema(today), withCheck("36042619910230007")),
      ...messages(residentIdSchema(today), withCheck("44030520260217002")),
      ...messages(residentIdSchema(today), "36042619910102009X"),
      ...messages(residentIdSchema(today, { requireAdult: true }), withCheck("44030520080217002")),
      usccSchema.parse("91350211M00013FA1N").warning!.message,
      ...messages(usccSchema, "1"),
      ...messages(orgCodeSchema, "1"),
      ...messages(orgCodeSchema, "60003734-X"),
      ...messages(companyCodesSchema, { uscc: "91110000600037341L", orgCode: "66600721-7" }),
      ...messages(mobileSchema, "1"),
      ...messages(fixedLineSchema, "1"),
    ]);
    expect([...produced].sort()).toEqual([...keys].sort());
  });
});
