/**
 * The harness checks itself: console.error and uncaught exceptions are caught as
 * "unexpected" (what the fixture's teardown fails on) until a test allows them.
 */
import { expect, test } from "./fixtures";

test.describe("the console guard", () => {
  test("catches console.error", async ({ page, consoleErrors }) => {
    await page.setContent("<p>harness self-test</p>");
    await page.evaluate(() => console.error("boom from the harness self-test"));
    await expect
      .poll(() => consoleErrors.unexpected())
      .toEqual([expect.stringContaining("console.error: boom from the harness self-test")]);
    // Allowed, the teardown lets it through.
    consoleErrors.allow(/boom from the harness self-test/);
    expect(consoleErrors.unexpected()).toEqual([]);
  });

  test("catches an uncaught exception", async ({ page, consoleErrors }) => {
    await page.setContent("<p>harness self-test</p>");
    await page.evaluate(() =>
      setTimeout(() => {
        throw new Error("uncaught in the harness self-test");
      }),
    );
    await expect
      .poll(() => consoleErrors.unexpected())
      .toEqual([expect.stringContaining("pageerror: Error: uncaught in the harness self-test")]);
    consoleErrors.allow(/uncaught in the harness self-test/);
  });
});
