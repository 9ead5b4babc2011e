/**
 * Full-page screenshots for people to look at (e2e/screenshots/, git-ignored): the
 * landing page, the agency home and the clients page, in both languages and themes, on
 * a laptop and a phone. They assert only that the page rendered without console errors.
 */
import path from "node:path";
import { expect, test, usePreferences, type Theme } from "./fixtures";
import { exact, locales, messages } from "./support/messages";
import { homePage, landingPage, sectionPages } from "./support/pages";

const SCREENSHOT_DIR = path.join(import.meta.dirname, "screenshots");

const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 375, height: 812 },
} as const;

const pages = [landingPage, homePage, sectionPages.find((p) => p.name === "clients")!];

for (const [device, viewport] of Object.entries(viewports)) {
  test.describe(`screenshots on ${device} (${viewport.width}×${viewport.height})`, () => {
    test.use({ viewport });

    for (const shellPage of pages) {
      for (const locale of locales) {
        for (const theme of ["light", "dark"] as const satisfies Theme[]) {
          const name = `${shellPage.name}-${locale}-${theme}-${device}`;
          test(name, async ({ page, context, baseURL }) => {
            await usePreferences(context, baseURL!, { locale, theme });
            await page.goto(shellPage.path);
            await expect(
              page.getByRole("heading", { level: 1, name: exact(shellPage.heading(messages(locale))) }),
            ).toBeVisible();
            await expect(page.locator("html")).toHaveAttribute("lang", locale);
            await page.screenshot({
              path: path.join(SCREENSHOT_DIR, `${name}.png`),
              fullPage: true,
              animations: "disabled",
              caret: "hide",
            });
          });
        }
      }
    }
  });
}
