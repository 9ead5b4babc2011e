/**
 * Issue 7 §6 in a browser: "My work", the staff home. The demo staff member signs in,
 * lands on their home, sees an overdue card of theirs (the demo seed gives them cards past
 * their due date) in the "Overdue" section with its count, opens it from the keyboard, and
 * follows "see all on the board" to the board of that card's pipeline filtered to their
 * overdue cards, where the card is. A manager with no cards of their own sees the agency's
 * summary. The clients list's "has overdue work" filter narrows the list from its form.
 * Screenshots of the home page in both languages (e2e/screenshots/, as screenshots.spec.ts).
 */
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, test, usePreferences } from "./fixtures";
import { exact, format, locales, messages } from "./support/messages";
import { DEMO_AGENCY, demoUser } from "./support/users";

const SCREENSHOT_DIR = path.join(import.meta.dirname, "screenshots");
const m = messages("en");
const STAFF = demoUser("staff");
const HOME = `/${DEMO_AGENCY.slug}`;

const section = (page: Page, title: string) => page.getByRole("region", { name: new RegExp(`^${title}`) });

test.beforeEach(async ({ consoleErrors }) => {
  // As in board.spec.ts: the streamed icon can come after Chromium's /favicon.ico request.
  consoleErrors.allow(/status of 404 \(Not Found\) \(http:\/\/localhost:\d+\/favicon\.ico/);
});

test.describe("my work", () => {
  test("staff see their overdue cards and follow 'see all' to the board, filtered", async ({ page, signIn }) => {
    await signIn(STAFF.email);
    await page.goto(HOME);
    await expect(page.getByRole("heading", { level: 1, name: m.pages.home.title })).toBeVisible();
    for (const kind of ["overdue", "today", "waiting", "moved"] as const) {
      await expect(section(page, m.pages.home.groups[kind].title)).toBeVisible();
    }
    const overdue = section(page, m.pages.home.groups.overdue.title);
    const first = overdue.getByRole("listitem").first();
    await expect(first).toBeVisible();
    await expect(first).toContainText(m.board.card.overdue);
    const cardId = (await first.getAttribute("data-card-id"))!;
    const pipeline = (await first.getAttribute("data-pipeline"))!;
    const company = (await first.locator("p").first().textContent())!.trim();
    await expectNoSeriousA11yViolations(page);

    // The card opens from the keyboard: Tab reaches its link, Enter follows it.
    const link = first.getByRole("link");
    await link.focus();
    await expect(link).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/registrations/${cardId}$`));

    await page.goto(HOME);
    const seeAll = section(page, m.pages.home.groups.overdue.title).locator(`a[data-see-all="${pipeline}"]`);
    await seeAll.click();
    // The default pipeline (oa_cn_org) is left out of the URL.
    const pipelineParam = pipeline === "oa_cn_org" ? "" : `pipeline=${pipeline}&`;
    await expect(page).toHaveURL(new RegExp(`/registrations\\?${pipelineParam}assignee=mine&overdue=1$`));
    const board = page.getByRole("region", {
      name: format(m.board.board.label, { pipeline: m.clientsList.pipelines[pipeline as keyof typeof m.clientsList.pipelines] }),
    });
    await expect(board).toHaveAttribute("data-hydrated", "true");
    await expect(board.getByRole("button", { name: new RegExp(company.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) }).first()).toBeVisible();
  });

  test("a manager with no cards of their own sees the agency's summary", async ({ page, signIn }) => {
    await signIn(demoUser("manager").email);
    await page.goto(HOME);
    await expect(page.getByRole("heading", { level: 1, name: m.pages.home.title })).toBeVisible();
    // The demo seed assigns cards to owners, admins and staff only.
    const summary = page.getByRole("region", { name: exact(m.pages.home.summaryHeading) });
    await expect(summary).toBeVisible();
    await expect(summary.getByRole("rowheader", { name: exact(m.clientsList.pipelines.oa_cn_org) })).toBeVisible();
    await summary.getByRole("link", { name: exact(m.pages.home.summaryOpenBoard) }).first().click();
    await expect(page).toHaveURL(/\/registrations$/);
  });

  test("the clients list filters to clients with overdue work", async ({ page, signIn }) => {
    await signIn(STAFF.email);
    await page.goto(`/${DEMO_AGENCY.slug}/clients`);
    await page.getByLabel(exact(m.clientsList.filters.overdue)).selectOption("1");
    await page.getByRole("button", { name: exact(m.clientsList.filters.apply) }).click();
    await expect(page).toHaveURL(/[?&]overdue=1(&|$)/);
    await expect(page.getByLabel(exact(m.clientsList.filters.overdue))).toHaveValue("1");
  });
});

test.describe("screenshots of my work", () => {
  test.use({ viewport: { width: 1280, height: 800 }, reuseSessions: true });
  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: "disabled", caret: "hide" });

  for (const locale of locales) {
    const l = messages(locale);
    test(`the home page, ${locale}`, async ({ page, context, baseURL, signIn }) => {
      await signIn(STAFF.email);
      await usePreferences(context, baseURL!, { locale, theme: "light" });
      await page.goto(HOME);
      await expect(section(page, l.pages.home.groups.overdue.title).getByRole("listitem").first()).toBeVisible();
      await shoot(page, `my-work-${locale}-light-desktop`);
      await page.setViewportSize({ width: 375, height: 812 });
      await shoot(page, `my-work-${locale}-light-phone`);
    });
    test(`the manager's summary, ${locale}`, async ({ page, context, baseURL, signIn }) => {
      await signIn(demoUser("manager").email);
      await usePreferences(context, baseURL!, { locale, theme: "light" });
      await page.goto(HOME);
      await expect(page.getByRole("region", { name: exact(l.pages.home.summaryHeading) })).toBeVisible();
      await shoot(page, `my-work-summary-${locale}-light-desktop`);
    });
  }
});
