import { describe, expect, it } from "vitest";
import { isFormPost, readBody } from "./http";

const post = (body: BodyInit, type: string) => new Request("http://localhost/api/auth/sign-in", { method: "POST", body, headers: { "content-type": type } });

describe("readBody", () => {
  it("reads JSON and form fields", async () => {
    expect(await readBody(post('{"email":"a@b.cn"}', "application/json"), 1024)).toEqual({ ok: true, value: { email: "a@b.cn" } });
    expect(await readBody(post("email=a%40b.cn&password=x", "application/x-www-form-urlencoded"), 1024)).toEqual({
      ok: true,
      value: { email: "a@b.cn", password: "x" },
    });
  });

  it("refuses a body over the limit, other types and broken JSON", async () => {
    expect(await readBody(post(JSON.stringify({ password: "x".repeat(2048) }), "application/json"), 1024)).toEqual({ ok: false, status: 413 });
    expect(await readBody(post("x", "text/plain"), 1024)).toEqual({ ok: false, status: 415 });
    expect(await readBody(post("{", "application/json; charset=utf-8"), 1024)).toEqual({ ok: false, status: 400 });
  });

  it("counts bytes, not characters", async () => {
    expect(await readBody(post(JSON.stringify({ name: "云".repeat(400) }), "application/json"), 1024)).toEqual({ ok: false, status: 413 });
  });
});

describe("isFormPost", () => {
  it("tells a plain HTML form from the form's own fetch", () => {
    expect(isFormPost(post("", "application/x-www-form-urlencoded"))).toBe(true);
    expect(isFormPost(post("", "application/json"))).toBe(false);
  });
});
