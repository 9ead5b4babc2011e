import { describe, expect, it } from "vitest";
import { homePathFor, isPublicPath, safeNextPath, signInPath } from "./paths";

describe("safeNextPath", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeNextPath("/demo")).toBe("/demo");
    expect(safeNextPath("/demo/clients?q=%E9%9D%92&page=2")).toBe("/demo/clients?q=%E9%9D%92&page=2");
    expect(safeNextPath("/portal/demo")).toBe("/portal/demo");
  });

  it("refuses anything that could leave the site", () => {
    for (const next of [
      "https://evil.example/",
      "//evil.example/demo",
      "/\\evil.example",
      "\\\\evil.example",
      "javascript:alert(1)",
      "demo",
      "/demo\u0000",
      "/demo\nSet-Cookie: x",
      "",
      null,
      undefined,
      `/${"a".repeat(3000)}`,
    ]) {
      expect(safeNextPath(next), String(next)).toBeNull();
    }
  });

  it("refuses sign-in itself and the API (a loop, or JSON instead of a page)", () => {
    expect(safeNextPath("/sign-in")).toBeNull();
    expect(safeNextPath("/sign-in?next=/demo")).toBeNull();
    expect(safeNextPath("/api/health")).toBeNull();
  });

  it("normalises dot segments before deciding", () => {
    expect(safeNextPath("/demo/../api/health")).toBeNull();
    expect(safeNextPath("/demo/./clients")).toBe("/demo/clients");
  });
});

describe("signInPath", () => {
  it("carries a safe next, the reason and the error", () => {
    expect(signInPath()).toBe("/sign-in");
    expect(signInPath({ next: "/demo/clients" })).toBe("/sign-in?next=%2Fdemo%2Fclients");
    expect(signInPath({ next: "//evil.example", reason: "session-ended" })).toBe("/sign-in?reason=session-ended");
    expect(signInPath({ error: "credentials" })).toBe("/sign-in?error=credentials");
  });
});

describe("homePathFor", () => {
  it("sends client administrators to the portal and everyone else to the staff app", () => {
    expect(homePathFor("demo", "client_admin")).toBe("/portal/demo");
    for (const role of ["owner", "admin", "staff", "manager"] as const) expect(homePathFor("demo", role)).toBe("/demo");
  });
});

describe("isPublicPath", () => {
  it("lets signed-out visitors reach the landing page, sign-in, the API, dev tools and files", () => {
    for (const path of ["/", "/sign-in", "/api/health", "/dev/outbox", "/robots.txt"]) expect(isPublicPath(path), path).toBe(true);
  });

  it("keeps agencies, the portal and the picker behind sign-in", () => {
    for (const path of ["/demo", "/demo/clients", "/portal/demo", "/agencies", "/no-such-agency"]) {
      expect(isPublicPath(path), path).toBe(false);
    }
  });
});
