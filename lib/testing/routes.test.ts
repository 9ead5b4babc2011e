import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { exportedMethods, listAppRoutes, listServerActions, urlPattern } from "./routes";

describe("listAppRoutes", () => {
  it("finds the app's pages and route handlers, route groups dropped", () => {
    const routes = listAppRoutes();
    const pages = routes.filter((route) => route.kind === "page").map((route) => route.pattern);
    const handlers = routes.filter((route) => route.kind === "route").map((route) => route.pattern);
    expect(pages).toEqual(
      expect.arrayContaining([
        "/",
        "/sign-in",
        "/agencies",
        "/[agency]",
        "/[agency]/clients",
        "/[agency]/people",
        "/[agency]/accounts",
        "/[agency]/registrations",
        "/[agency]/documents",
        "/[agency]/dashboard",
        "/[agency]/notifications",
        "/[agency]/audit",
        "/[agency]/settings",
        "/portal/[agency]",
        "/dev/outbox",
      ]),
    );
    expect(handlers).toEqual(expect.arrayContaining(["/api/health", "/api/auth/sign-in", "/api/auth/sign-out"]));
    expect(routes.every((route) => !route.pattern.includes("("))).toBe(true);
    expect(routes.find((route) => route.pattern === "/[agency]/clients")?.file).toBe("app/(app)/[agency]/clients/page.tsx");
  });

  it("reads the methods a route handler exports", () => {
    const byPattern = new Map(listAppRoutes().map((route) => [`${route.kind} ${route.pattern}`, route.methods]));
    expect(byPattern.get("route /api/health")).toEqual(["GET"]);
    expect(byPattern.get("route /api/auth/sign-out")).toEqual(["POST"]);
    expect(byPattern.get("route /api/auth/sign-in")).toEqual(["POST"]);
  });

  describe("on a made-up app directory", () => {
    let root: string;
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it("keeps dynamic segments and skips private folders, slots' names and other files", () => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), "routes-test-"));
      const write = (file: string, text = "export default function Page() {}") => {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
      };
      write("app/page.tsx");
      write("app/(group)/[agency]/things/[id]/page.tsx");
      write("app/(group)/[agency]/layout.tsx");
      write("app/_private/page.tsx");
      write("app/api/x/route.ts", "export const PUT = handler;\nexport async function GET() {}");
      expect(listAppRoutes(root)).toEqual([
        { pattern: "/", kind: "page", file: "app/page.tsx", methods: [] },
        { pattern: "/[agency]/things/[id]", kind: "page", file: "app/(group)/[agency]/things/[id]/page.tsx", methods: [] },
        { pattern: "/api/x", kind: "route", file: "app/api/x/route.ts", methods: ["GET", "PUT"] },
      ]);
      expect(listServerActions(root)).toBeNull();
    });
  });
});

describe("urlPattern and exportedMethods", () => {
  it("drop groups and parallel slots", () => {
    expect(urlPattern([])).toBe("/");
    expect(urlPattern(["(auth)", "sign-in"])).toBe("/sign-in");
    expect(urlPattern(["portal", "[agency]", "@modal"])).toBe("/portal/[agency]");
  });

  it("sees only exported handlers", () => {
    expect(exportedMethods("async function GET() {}\nexport function POST() {}")).toEqual(["POST"]);
    expect(exportedMethods("export async function GETTER() {}")).toEqual([]);
  });
});
