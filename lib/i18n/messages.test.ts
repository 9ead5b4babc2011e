/**
 * The catalogue is the only source of UI text (a lint rule forbids literals in JSX).
 * These checks keep the two languages in step: the same keys, the same placeholders,
 * nothing empty, and Chinese values that are actually Chinese.
 */
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** ICU argument names: {name}, {count, plural, …}; and rich-text tags <b>…</b>. */
function placeholders(message: string): string[] {
  const args = [...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((m) => `{${m[1]}}`);
  const tags = [...message.matchAll(/<([A-Za-z][\w-]*)>/g)].map((m) => `<${m[1]}>`);
  return [...new Set([...args, ...tags])].sort();
}

const HAN = /\p{Script=Han}/u;
const english = flatten(en as Tree);
const chinese = flatten(zh as Tree);

describe("message catalogue", () => {
  it("has the same keys in English and Chinese", () => {
    const missingInChinese = [...english.keys()].filter((key) => !chinese.has(key));
    const missingInEnglish = [...chinese.keys()].filter((key) => !english.has(key));
    expect({ missingInChinese, missingInEnglish }).toEqual({ missingInChinese: [], missingInEnglish: [] });
  });

  it("has no empty message", () => {
    const empty = [...english, ...chinese].filter(([, value]) => value.trim() === "").map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it("has Chinese in every Chinese message", () => {
    const notChinese = [...chinese].filter(([, value]) => !HAN.test(value)).map(([key, value]) => `${key}: ${value}`);
    expect(notChinese).toEqual([]);
  });

  it("uses the same placeholders in both languages", () => {
    const mismatched = [...english.keys()]
      .filter((key) => chinese.has(key))
      .filter((key) => placeholders(english.get(key)!).join() !== placeholders(chinese.get(key)!).join());
    expect(mismatched).toEqual([]);
  });

  it("uses full-width punctuation between Chinese characters", () => {
    // A half-width comma or full stop right after a Han character reads as a translation slip.
    const halfWidth = [...chinese]
      .filter(([, value]) => /\p{Script=Han}[,.;:!?](?!\w)/u.test(value))
      .map(([key, value]) => `${key}: ${value}`);
    expect(halfWidth).toEqual([]);
  });
});

describe("validation messages", () => {
  it("has a text in both languages for every key the validators return", async () => {
    const { VALIDATION_MESSAGES } = await import("@/lib/validation/schemas");
    const keys = [...flatten(VALIDATION_MESSAGES as unknown as Tree).values()];
    expect(keys.length).toBeGreaterThan(10);
    expect(keys.filter((key) => !english.has(key) || !chinese.has(key))).toEqual([]);
  });
});

describe("error messages", () => {
  it("has a text in both languages for every AppError code", async () => {
    const { appErrorCodes, errorMessageKey } = await import("@/lib/errors");
    const keys = Object.keys(appErrorCodes).map((code) => errorMessageKey(code as keyof typeof appErrorCodes));
    expect(keys.filter((key) => !english.has(key) || !chinese.has(key))).toEqual([]);
  });
});
