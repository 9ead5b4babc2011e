import { describe, expect, it } from "vitest";
import { fromDatabaseError } from "@/lib/errors";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE, unstorableFields } from "./text";

describe("text PostgreSQL cannot store", () => {
  it("is NUL and a lone surrogate; paired surrogates (emoji) and every other character are fine", () => {
    expect(isStorableText("a\u0000b")).toBe(false);
    expect(isStorableText("x\uDC00y")).toBe(false);
    expect(isStorableText("\uD800")).toBe(false);
    expect(isStorableText("👨‍👩‍👧 𠜎 e\u0301 \u202E \u200B ' OR 1=1 -- <b>")).toBe(true);
  });

  it("names the top-level fields that hold it, however deep, in keys too", () => {
    expect(unstorableFields({ name: "ok", note: "a\u0000", cards: [{ id: "\uD800" }], tags: { "k\u0000": 1 } })).toEqual(["note", "cards", "tags"]);
    expect(unstorableFields("\u0000")).toEqual(["form"]);
    expect(unstorableFields({ "\u0000": "x" })).toEqual(["form"]);
    expect(unstorableFields({ name: "张三", n: 1, list: [null, true] })).toEqual([]);
  });

  it("that reaches PostgreSQL anyway is the input's fault: VALIDATION, not a server error", () => {
    for (const code of ["22021", "22P05", "22P02"]) {
      expect(fromDatabaseError({ code })).toMatchObject({ code: "VALIDATION", status: 422, details: { messageKey: UNSTORABLE_TEXT_MESSAGE } });
    }
  });
});
