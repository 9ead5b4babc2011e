/**
 * A test that logs console.error fails (after epic-stack): an error nobody asserted
 * on is a bug someone will meet in production.
 */
import { afterEach, beforeEach, expect, vi } from "vitest";

let errors: string[] = [];

beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args.map((arg) => (arg instanceof Error ? arg.stack ?? arg.message : String(arg))).join(" "));
  });
});

afterEach(() => {
  const logged = errors;
  errors = [];
  expect(logged, "console.error was called during this test").toEqual([]);
});
