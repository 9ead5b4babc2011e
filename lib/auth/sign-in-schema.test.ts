import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";
import { fieldErrorsOf, SIGN_IN_MESSAGES, signInSchema } from "./sign-in-schema";

const errorsOf = (input: unknown) => {
  const result = signInSchema.safeParse(input);
  return result.success ? {} : fieldErrorsOf(result.error);
};

describe("signInSchema", () => {
  it("accepts an e-mail and a password, trimming the e-mail only", () => {
    expect(signInSchema.parse({ email: "  Owner@Yunfan.example ", password: " secret " })).toEqual({
      email: "Owner@Yunfan.example",
      password: " secret ",
    });
  });

  it("says which field is missing", () => {
    expect(errorsOf({})).toEqual({ email: SIGN_IN_MESSAGES.emailRequired, password: SIGN_IN_MESSAGES.passwordRequired });
    expect(errorsOf({ email: "   ", password: "" })).toEqual({
      email: SIGN_IN_MESSAGES.emailRequired,
      password: SIGN_IN_MESSAGES.passwordRequired,
    });
  });

  it("refuses what is not an e-mail address, NUL included (PostgreSQL would)", () => {
    for (const email of ["owner", "owner@", "@yunfan.example", "a b@yunfan.example", "owner\u0000@yunfan.example", `${"a".repeat(250)}@x.cn`]) {
      expect(errorsOf({ email, password: "x" }), email).toEqual({ email: SIGN_IN_MESSAGES.emailInvalid });
    }
  });

  it("drops a next that is not a string instead of failing", () => {
    expect(signInSchema.parse({ email: "a@b.cn", password: "x", next: 42 }).next).toBeUndefined();
  });

  it("has every message in both catalogues", () => {
    const lookup = (tree: unknown, key: string) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree);
    for (const key of Object.values(SIGN_IN_MESSAGES)) {
      expect(typeof lookup(en, key), key).toBe("string");
      expect(typeof lookup(zh, key), key).toBe("string");
    }
  });
});
