import { describe, expect, it } from "vitest";
import { decodeNotificationCursor, encodeNotificationCursor, notificationListQuerySchema, safeHref } from "./schemas";

describe("a notification's link", () => {
  it("is a path on this site, nothing else", () => {
    expect(safeHref("/demo/registrations/0190")).toBe("/demo/registrations/0190");
    expect(safeHref("/portal/demo?tab=1#x")).toBe("/portal/demo?tab=1#x");
    for (const bad of ["//evil.example/x", "/\\evil.example", "https://evil.example", "javascript:alert(1)", "demo", "/a b", "", null, 3]) {
      expect(safeHref(bad), String(bad)).toBeNull();
    }
  });
});

describe("the inbox's cursor", () => {
  it("goes there and back, microseconds kept", () => {
    const cursor = { at: "2026-12-02T08:15:30.123456Z", id: "01900000-0000-7000-8000-000000000001" };
    expect(decodeNotificationCursor(encodeNotificationCursor(cursor))).toEqual(cursor);
  });

  it("refuses what it did not write", () => {
    for (const raw of ["", "nonsense", Buffer.from("2026-12-02|x").toString("base64url"), "x".repeat(300)]) {
      expect(decodeNotificationCursor(raw), raw).toBeNull();
    }
  });

  it("reads unread=1 and true as the unread filter, anything absent as all", () => {
    expect(notificationListQuerySchema.parse({ unread: "1" }).unread).toBe(true);
    expect(notificationListQuerySchema.parse({ unread: "true" }).unread).toBe(true);
    expect(notificationListQuerySchema.parse({}).unread).toBe(false);
    expect(notificationListQuerySchema.safeParse({ unread: "yes" }).success).toBe(false);
    expect(notificationListQuerySchema.safeParse({ cursor: "nonsense" }).success).toBe(false);
  });
});
