import { afterEach, describe, expect, it, vi } from "vitest";
import { clock } from "./clock";

describe("clock", () => {
  afterEach(() => {
    vi.stubEnv("TEST_CLOCK", "1");
    clock.reset();
    vi.unstubAllEnvs();
  });

  it("tells the real time by default", () => {
    const before = Date.now();
    const now = clock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it("refuses to be set unless TEST_CLOCK=1", () => {
    vi.stubEnv("TEST_CLOCK", "");
    expect(() => clock.set(new Date("2026-01-01T00:00:00Z"))).toThrow(/TEST_CLOCK=1/);
    expect(() => clock.advance(1000)).toThrow(/TEST_CLOCK=1/);
    expect(() => clock.reset()).toThrow(/TEST_CLOCK=1/);
  });

  it("freezes and advances when TEST_CLOCK=1", () => {
    vi.stubEnv("TEST_CLOCK", "1");
    clock.set(new Date("2026-02-16T23:59:59+08:00"));
    expect(clock.now().toISOString()).toBe("2026-02-16T15:59:59.000Z");
    clock.advance(1000);
    expect(clock.now().toISOString()).toBe("2026-02-16T16:00:00.000Z");
  });

  it("hands out copies, so callers cannot move time by mutating a date", () => {
    vi.stubEnv("TEST_CLOCK", "1");
    clock.set(new Date("2026-05-01T00:00:00Z"));
    clock.now().setFullYear(2000);
    expect(clock.now().getUTCFullYear()).toBe(2026);
  });

  it("offsets real time when advanced without being frozen", () => {
    vi.stubEnv("TEST_CLOCK", "1");
    clock.advance(86_400_000);
    const diff = clock.now().getTime() - Date.now();
    expect(diff).toBeGreaterThan(86_400_000 - 1000);
    expect(diff).toBeLessThanOrEqual(86_400_000);
  });

  it("refuses an invalid date", () => {
    vi.stubEnv("TEST_CLOCK", "1");
    expect(() => clock.set(new Date("not a date"))).toThrow(/valid date/);
  });
});
