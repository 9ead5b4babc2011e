import { describe, expect, it } from "vitest";
import { checkSameOrigin } from "./origin";

const APP_URL = "https://weidesk.example";
const check = (headers: Record<string, string>) => checkSameOrigin(new Headers(headers), APP_URL);

describe("checkSameOrigin", () => {
  it("accepts a same-origin fetch or form post", () => {
    expect(check({ "sec-fetch-site": "same-origin", origin: "https://weidesk.example" })).toEqual({ ok: true });
    expect(check({ origin: "https://weidesk.example" })).toEqual({ ok: true });
    expect(check({ "sec-fetch-site": "same-origin" })).toEqual({ ok: true });
  });

  it("accepts the request's own host, as forwarded by a proxy", () => {
    expect(check({ origin: "http://localhost:3210", host: "localhost:3210" })).toEqual({ ok: true });
    expect(check({ origin: "https://app.internal", host: "10.0.0.5:3000", "x-forwarded-host": "app.internal" })).toEqual({ ok: true });
  });

  it("refuses other sites, sibling subdomains included", () => {
    expect(check({ "sec-fetch-site": "cross-site", origin: "https://evil.example" })).toEqual({ ok: false, reason: "cross-site" });
    expect(check({ "sec-fetch-site": "same-site", origin: "https://blog.weidesk.example" })).toEqual({ ok: false, reason: "cross-site" });
    expect(check({ origin: "https://evil.example", host: "weidesk.example" })).toEqual({ ok: false, reason: "foreign-origin" });
    expect(check({ origin: "null" })).toEqual({ ok: false, reason: "foreign-origin" });
  });

  it("refuses a user-initiated navigation and a request with neither header", () => {
    expect(check({ "sec-fetch-site": "none" })).toEqual({ ok: false, reason: "cross-site" });
    expect(check({})).toEqual({ ok: false, reason: "no-origin" });
  });
});
