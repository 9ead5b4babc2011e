import { describe, expect, it } from "vitest";
import { isSessionCurrent, SESSION_ABSOLUTE_MS, sessionClaimsSchema } from "./policy";

const signedInAt = Date.UTC(2026, 2, 2, 2, 0, 0);
const claims = { userId: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", sessionVersion: 3, signedInAt };

describe("isSessionCurrent", () => {
  it("accepts the version it was issued under, within the absolute limit", () => {
    expect(isSessionCurrent(claims, { sessionVersion: 3 }, new Date(signedInAt + 60_000))).toBe(true);
  });

  it("ends when the version is bumped (password change, sign out everywhere)", () => {
    expect(isSessionCurrent(claims, { sessionVersion: 4 }, new Date(signedInAt))).toBe(false);
  });

  it("ends when the user is gone", () => {
    expect(isSessionCurrent(claims, null, new Date(signedInAt))).toBe(false);
  });

  it("ends at the absolute limit, however active the session was", () => {
    expect(isSessionCurrent(claims, { sessionVersion: 3 }, new Date(signedInAt + SESSION_ABSOLUTE_MS - 1))).toBe(true);
    expect(isSessionCurrent(claims, { sessionVersion: 3 }, new Date(signedInAt + SESSION_ABSOLUTE_MS))).toBe(false);
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
