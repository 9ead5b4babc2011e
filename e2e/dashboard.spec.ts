/**
 * Issue 9 §1 in a browser: the managers' dashboard on the demo seed.
 * - a manager opens it, picks a period (a preset link, then the form's dates: the URL
 *   carries them), follows the overdue figure to the board and finds as many cards there
 *   as the dashboard counted; a stage's count in the funnel's table opens the list view
 *   with that many cards; the page passes axe with every table open;
 * - staff see their own slice: no assignee choice, the assignee fixed to them;
 * - screenshots in both languages (e2e/screenshots/, as screenshots.spec.ts).
 */
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, test, usePreferences } from "./fixtures";
import { addCompany } from "./support/control";
import { exact, locales, messages, type Messages } from "./support/messages";
import { DEMO_AGENCY, demoUser } from "./support/users";

const SCREENSHOT_DIR = path.join(import.meta.dirname, "screenshots");
const m = messages("en");
const MANAGER = demoUser("manager");
const STAFF = demoUser("staff");
const dashboardUrl = `/${DEMO_AGENCY.slug}/dashboard`;

test.use({ reuseSessions: true });

test.beforeEach(async ({ consoleErrors }) => {
  // As in board.spec.ts: the streamed icon can come after Chromium's /favicon.ico request.
  consoleErrors.allow(/status of 404 \(Not Found\) \(http:\/\/localhost:\d+\/favicon\.ico/);
});

const widget = (page: Page, l: Messages, key: keyof Messages["dashboard"]["widgets"]) =>
  page.getByRole("region", { name: exact(l.dashboard.widgets[key].title) });

/** The board's "N cards" (board.total: one {# card} other {# cards}). */
function cardsLabel(count: number): RegExp {
  const [, one, other] = /one \{# ([^}]+)\} other \{# ([^}]+)\}/.exec(m.board.total)!;
  return exact(`${count} ${count === 1 ? one : other}`);
}

/** Waits for the lazily loaded charts to draw (they carry no role: the tables say the same). */
async function chartsDrawn(page: Page) {
  await expect(page.locator("[data-chart] svg").first()).toBeVisible();
}

async function countOf(link: Locator): Promise<number> {
  return Number((await link.innerText()).replace(/[^\d]/g, ""));
}

test.describe("the dashboard", () => {
  test("a manager picks a period and follows the overdue figure to the same cards on the board", async ({ page, signIn }) => {
    await signIn(MANAGER.email);
    await page.goto(dashboardUrl);
    await expect(page.getByRole("heading", { level: 1, name: m.pages.dashboard.title })).toBeVisible();

    // A preset is a link: the URL carries the period.
    const presets = page.getByRole("navigation", { name: m.dashboard.filters.presets });
    await presets.getByRole("link", { name: m.dashboard.filters.last30 }).click();
    await expect(page).toHaveURL(/[?&]from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    await expect(presets.getByRole("link", { name: m.dashboard.filters.last30 })).toHaveAttribute("aria-current", "page");

    // The form, with the keyboard: a new first day, Enter, and the URL has it.
    const form = page.getByRole("form", { name: m.dashboard.filters.label });
    const to = await form.getByLabel(m.dashboard.filters.to).inputValue();
    const from = `${to.slice(0, 4)}-01-01`;
    await form.getByLabel(m.dashboard.filters.from).fill(from);
    await form.getByLabel(m.dashboard.filters.from).press("Enter");
    await expect(page).toHaveURL(new RegExp(`[?&]from=${from}&to=${to}`));
    await expect(form.getByLabel(m.dashboard.filters.from)).toHaveValue(from);
    await expect(presets.getByRole("link", { name: m.dashboard.filters.last30 })).not.toHaveAttribute("aria-current", "page");
    await chartsDrawn(page);

    // Each widget's "Export CSV" carries the filters.
    const exportLink = widget(page, m, "cycleTime").getByRole("link", { name: m.dashboard.common.exportName.replace("{widget}", m.dashboard.widgets.cycleTime.title) });
    const exportHref = (await exportLink.getAttribute("href"))!;
    expect(exportHref).toContain(`/dashboard/export/cycle_time?from=${from}&to=${to}`);
    const csv = await page.request.get(exportHref);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");

    // Every table open, then axe.
    for (const summary of await page.getByText(m.dashboard.common.showTable, { exact: true }).all()) await summary.click();
    await expectNoSeriousA11yViolations(page);

    // A stage's count in the funnel's table: the list view of that stage, with as many cards.
    const funnel = widget(page, m, "funnel");
    const stageLink = funnel.getByRole("table").getByRole("link").filter({ hasNotText: /^0$/ }).first();
    const stageCount = await countOf(stageLink);
    expect(stageCount).toBeGreaterThan(0);
    await stageLink.click();
    await expect(page).toHaveURL(/\/registrations\?.*view=list.*stage=/);
    await expect(page.getByRole("status").filter({ hasText: cardsLabel(stageCount) })).toBeVisible();

    // Overdue: the headline when one pipeline holds them all, else that pipeline's row.
    await page.goBack();
    const deadlines = widget(page, m, "deadlines");
    const overdue = deadlines.locator('a[href*="overdue=1"]').first();
    await expect(overdue).toBeVisible();
    const overdueCount = await countOf(overdue);
    expect(overdueCount).toBeGreaterThan(0);
    await overdue.click();
    await expect(page).toHaveURL(/\/registrations\?.*overdue=1/);
    await expect(page.getByRole("checkbox", { name: m.board.filters.overdue })).toBeChecked();
    await expect(page.getByRole("status").filter({ hasText: cardsLabel(overdueCount) })).toBeVisible();
  });

  test("the due-within-7-days figure lands on the board filtered to exactly those cards", async ({ page, signIn }) => {
    // Whatever today's date does to the seed's deadlines, one card is due in 3 days.
    await addCompany({ agencySlug: DEMO_AGENCY.slug, name: `看板期限测试${Date.now()}`, dueInHours: 72 });
    await signIn(MANAGER.email);
    await page.goto(dashboardUrl);
    await expect(widget(page, m, "deadlines")).toBeVisible();
    const soon = widget(page, m, "deadlines").locator('a[href*="within=7"]').first();
    await expect(soon).toBeVisible();
    const count = await countOf(soon);
    expect(count).toBeGreaterThan(0);
    await soon.click();
    await expect(page).toHaveURL(/\/registrations\?.*within=7/);
    await expect(page.getByText(m.dashboard.boardFilter.within.replace("{days}", "7"), { exact: true })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: cardsLabel(count) })).toBeVisible();
  });

  test("staff see their own slice: no assignee to choose", async ({ page, signIn }) => {
    await signIn(STAFF.email);
    await page.goto(dashboardUrl);
    const form = page.getByRole("form", { name: m.dashboard.filters.label });
    await expect(form.getByText(m.dashboard.filters.ownSlice)).toBeVisible();
    await expect(form.getByLabel(m.dashboard.filters.assignee)).toHaveCount(0);
    // Open work lists no one else (or nothing, when they have no open card).
    const openWork = widget(page, m, "openWork");
    if ((await openWork.getByText(m.dashboard.common.showTable, { exact: true }).count()) > 0) {
      await openWork.getByText(m.dashboard.common.showTable, { exact: true }).click();
      await expect(openWork.getByRole("table").getByRole("rowheader")).toHaveText([STAFF.name]);
    }
  });
});

test.describe("screenshots of the dashboard", () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  for (const locale of locales) {
    test(`the dashboard, ${locale}`, async ({ page, context, baseURL, signIn }) => {
      const l = messages(locale);
      await signIn(MANAGER.email);
      await usePreferences(context, baseURL!, { locale, theme: "light" });
      await page.goto(dashboardUrl);
      await expect(page.getByRole("heading", { level: 1, name: l.pages.dashboard.title })).toBeVisible();
      await chartsDrawn(page);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `dashboard-${locale}-light-desktop.png`), fullPage: true, animations: "disabled", caret: "hide" });
      await page.setViewportSize({ width: 375, height: 812 });
      await expect(widget(page, l, "deadlines")).toBeVisible();
      // At once, before recharts has measured its containers again (as shell.spec checks every page).
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `dashboard-${locale}-light-phone.png`), fullPage: true, animations: "disabled", caret: "hide" });
      // Drawn charts never push a phone's page sideways: after the resize, and opened on the phone.
      await expect.poll(overflow).toBeLessThanOrEqual(0);
      await page.reload();
      await chartsDrawn(page);
      await expect.poll(overflow).toBeLessThanOrEqual(0);
    });
  }
});
