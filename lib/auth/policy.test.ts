import { describe, expect, it } from "vitest";
import { isSessionCurrent, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, sessionClaimsSchema } from "./policy";

const signedInAt = Date.UTC(2026, 2, 2, 2, 0, 0);
const claims = { userId: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", sessionVersion: 3, signedInAt };

describe("isSessionCurrent", () => {
  it("accepts the version it was issued under, within the idle and absolute limits", () => {
    expect(isSessionCurrent(claims, { sessionVersion: 3 }, new Date(signedInAt + 60_000))).toBe(true);
  });

  it("ends when the version is bumped (password change, sign out everywhere)", () => {
    expect(isSessionCurrent(claims, { sessionVersion: 4 }, new Date(signedInAt))).toBe(false);
  });

  it("ends when the user is gone", () => {
    expect(isSessionCurrent(claims, null, new Date(signedInAt))).toBe(false);
  });

  it("ends at the absolute limit (12 hours), however active the session was", () => {
    const active = (at: number) => ({ ...claims, seenAt: at - 1_000 });
    const limit = signedInAt + SESSION_ABSOLUTE_MS;
    expect(SESSION_ABSOLUTE_MS).toBe(12 * 60 * 60 * 1000);
    expect(isSessionCurrent(active(limit - 1), { sessionVersion: 3 }, new Date(limit - 1))).toBe(true);
    expect(isSessionCurrent(active(limit), { sessionVersion: 3 }, new Date(limit))).toBe(false);
  });

  it("ends after 30 idle minutes, and each page load moves that limit on", () => {
    expect(SESSION_IDLE_MS).toBe(30 * 60 * 1000);
    const seenAt = signedInAt + 2 * 60 * 60 * 1000;
    const idle = { ...claims, seenAt };
    expect(isSessionCurrent(idle, { sessionVersion: 3 }, new Date(seenAt + SESSION_IDLE_MS - 1))).toBe(true);
    expect(isSessionCurrent(idle, { sessionVersion: 3 }, new Date(seenAt + SESSION_IDLE_MS))).toBe(false);
    // Never seen since sign-in: idle from sign-in.
    expect(isSessionCurrent(claims, { sessionVersion: 3 }, new Date(signedInAt + SESSION_IDLE_MS))).toBe(false);
  });
});

describe("sessionClaimsSchema", () => {
  it("reads what the session callback exposes", () => {
    expect(sessionClaimsSchema.parse({ ...claims, expires: "2026-03-09T02:00:00.000Z" })).toEqual(claims);
  });

  it("refuses a session without identity (an old cookie, a tampered shape)", () => {
    expect(sessionClaimsSchema.safeParse(null).success).toBe(false);
    expect(sessionClaimsSchema.safeParse({ userId: "x", sessionVersion: 1, signedInAt }).success).toBe(false);
    expect(sessionClaimsSchema.safeParse({ userId: claims.userId, signedInAt }).success).toBe(false);
  });
});
