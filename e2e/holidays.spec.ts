/**
 * Issue 7 §2 end to end: an admin opens the calendar and deadlines settings, reads 2026's
 * national calendar with the State Council notice it follows, adds a make-up working day
 * (a weekday is refused next to the date), finds it after a reload and removes it again;
 * staff cannot reach the page (404). Screenshots in both languages, on a laptop and a
 * phone, plus the add dialog with its field error, land in e2e/screenshots/ (git-ignored).
 */
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, test, usePreferences } from "./fixtures";
import { exact, format, locales, messages, type Messages } from "./support/messages";
import { NOT_FOUND_CONSOLE } from "./support/pages";
import { DEMO_AGENCY, demoUser } from "./support/users";

const SCREENSHOT_DIR = path.join(import.meta.dirname, "screenshots");
const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 812 } } as const;
const m = messages("en");
const admin = demoUser("admin");
const PAGE = `/${DEMO_AGENCY.slug}/settings/holidays?year=2026`;
/** Saturday 19 December 2026: no day of the national calendar. */
const MAKE_UP_DAY = "2026-12-19";
const MAKE_UP_NAME = "年终调休";

test.describe.configure({ mode: "serial" });

const calendarTable = (page: Page, messages_: Messages) =>
  page.getByRole("table", { name: exact(format(messages_.holidays.table.caption, { year: "2026" })) });

test.beforeEach(async ({ setLanguage, consoleErrors }) => {
  // See clients-forms.spec.ts: the favicon request may reach the agency route.
  consoleErrors.allow(/status of 404 \(Not Found\) \(http:\/\/localhost:\d+\/favicon\.ico/);
  await setLanguage("en");
});

test("an admin reads 2026's national calendar with its notice, and adds a make-up working day", async ({ page, signIn }) => {
  await signIn(admin.email);
  await page.goto(PAGE);
  await expect(page.getByRole("heading", { level: 1, name: exact(m.pages.settings.title) })).toBeVisible();
  const nav = page.getByRole("navigation", { name: m.settingsNav.label });
  await expect(nav.getByRole("link", { name: m.settingsNav.holidays })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("navigation", { name: m.holidays.year.label }).getByRole("link", { name: "2026" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(page.getByText("国办发明电〔2025〕7号", { exact: false })).toBeVisible();
  await expect(page.getByRole("link", { name: m.holidays.notice.link })).toHaveAttribute(
    "href",
    "https://www.gov.cn/zhengce/content/202511/content_7047090.htm",
  );
  const table = calendarTable(page, m);
  // 春节: 15–23 February off, 14 and 28 February worked.
  await expect(table.getByRole("row").filter({ hasText: "春节" })).toHaveCount(11);
  await expectNoSeriousA11yViolations(page, "calendar and deadlines");

  await page.getByRole("button", { name: m.holidays.actions.add }).click();
  const dialog = page.getByRole("dialog", { name: m.holidays.form.addTitle });
  // Monday 21 December is a working day already: refused next to the date, which gets the focus.
  await dialog.getByLabel(m.holidays.form.date).fill("2026-12-21");
  await dialog.getByRole("radio", { name: m.holidays.kinds.workday }).check();
  await dialog.getByLabel(m.holidays.form.name).fill(MAKE_UP_NAME);
  await dialog.getByRole("button", { name: m.holidays.form.submitAdd }).click();
  await expect(dialog.getByText(m.holidays.errors.workdayOnWeekday)).toBeVisible();
  await expect(dialog.getByLabel(m.holidays.form.date)).toBeFocused();
  await expect(dialog.getByLabel(m.holidays.form.date)).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yViolations(page, "add a day, refused");

  await dialog.getByLabel(m.holidays.form.date).fill(MAKE_UP_DAY);
  await dialog.getByRole("button", { name: m.holidays.form.submitAdd }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "added to the calendar" })).toBeVisible();
  const row = table.getByRole("row").filter({ hasText: MAKE_UP_NAME });
  await expect(row).toContainText(m.holidays.kinds.workday);
  await expect(row).toContainText(m.holidays.source.agency);

  await page.reload();
  await expect(calendarTable(page, m).getByRole("row").filter({ hasText: MAKE_UP_NAME })).toContainText("Dec 19, 2026");
});

for (const [device, viewport] of Object.entries(viewports)) {
  test.describe(`holidays screenshots on ${device}`, () => {
    test.use({ viewport });
    for (const locale of locales) {
      test(`holidays-${locale}-${device}`, async ({ page, context, baseURL, signIn }) => {
        const ml = messages(locale);
        await signIn(admin.email);
        await usePreferences(context, baseURL!, { locale, theme: "light" });
        await page.goto(PAGE);
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await expect(calendarTable(page, ml).getByRole("row").filter({ hasText: MAKE_UP_NAME })).toBeVisible();
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `holidays-${locale}-${device}.png`), fullPage: true, animations: "disabled", caret: "hide" });
        if (device !== "desktop") return;
        await page.getByRole("button", { name: ml.holidays.actions.add }).click();
        const dialog = page.getByRole("dialog", { name: ml.holidays.form.addTitle });
        await dialog.getByLabel(ml.holidays.form.date).fill(MAKE_UP_DAY);
        await dialog.getByRole("radio", { name: ml.holidays.kinds.workday }).check();
        await dialog.getByLabel(ml.holidays.form.name).fill(MAKE_UP_NAME);
        await dialog.getByRole("button", { name: ml.holidays.form.submitAdd }).click();
        // Already in the calendar: said on the date.
        await expect(dialog.getByText(ml.holidays.errors.dateTaken)).toBeVisible();
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `holidays-dialog-${locale}.png`), animations: "disabled", caret: "hide" });
      });
    }
  });
}

test("the admin removes the make-up working day again", async ({ page, signIn }) => {
  await signIn(admin.email);
  await page.goto(PAGE);
  const row = calendarTable(page, m).getByRole("row").filter({ hasText: MAKE_UP_NAME });
  await row.getByRole("button", { name: /^Remove / }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(MAKE_UP_NAME);
  await dialog.getByRole("button", { name: m.holidays.delete.submit }).click();
  await expect(dialog).toHaveCount(0);
  await expect(calendarTable(page, m).getByRole("row").filter({ hasText: MAKE_UP_NAME })).toHaveCount(0);

  // The overseas follow-up interval: 0 is refused next to the field; the default saves as it is.
  const interval = page.getByLabel(m.holidays.followUp.label);
  await expect(interval).toHaveValue("10");
  await interval.fill("0");
  await page.getByRole("button", { name: m.holidays.followUp.save }).click();
  await expect(page.getByText(m.holidays.errors.followUpDaysInvalid)).toBeVisible();
  await expect(interval).toBeFocused();
  await interval.fill("10");
  await page.getByRole("button", { name: m.holidays.followUp.save }).click();
  await expect(page.getByRole("status").filter({ hasText: "Follow-up interval saved" })).toBeVisible();

  // A year with no notice yet and no days: said so, with the way on.
  await page.getByRole("link", { name: format(m.holidays.year.next, { year: "2027" }) }).click();
  await expect(page.getByRole("heading", { level: 3, name: format(m.holidays.empty.title, { year: "2027" }) })).toBeVisible();
  await expect(page.getByText(format(m.holidays.notice.none, { year: "2027" }))).toBeVisible();
  await expectNoSeriousA11yViolations(page, "an empty year");
});

test("staff cannot reach the page: 404, and no settings in their navigation", async ({ page, signIn, consoleErrors }) => {
  consoleErrors.allow(NOT_FOUND_CONSOLE);
  await signIn(demoUser("staff").email);
  const response = await page.goto(PAGE);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: exact(m.notFound.title) })).toBeVisible();
  await expect(page.getByText(m.holidays.calendar.heading)).toHaveCount(0);
  await page.goto(`/${DEMO_AGENCY.slug}`);
  await expect(page.getByRole("link", { name: exact(m.nav.settings) })).toHaveCount(0);
});
