/**
 * The audit log, as the demo owner: the seeded events show and page, filtering by
 * action goes through the URL (the seed writes one "member added" per demo
 * membership), the page passes axe, and screenshots in both languages on a laptop
 * and a phone land beside screenshots.spec.ts's (e2e/screenshots/, git-ignored).
 */
import path from "node:path";
import { type Locator, type Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, test, usePreferences } from "./fixtures";
import { exact, locales, messages, type Messages } from "./support/messages";
import { DEMO_AGENCY, SHELL_USER } from "./support/users";

const SCREENSHOT_DIR = path.join(import.meta.dirname, "screenshots");
const AUDIT_PATH = `/${DEMO_AGENCY.slug}/audit`;
const en = messages("en");

const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 375, height: 812 },
} as const;

const auditTable = (page: Page, m: Messages) => page.getByRole("table", { name: exact(m.audit.table.caption) });
/** The body rows (the header row sits in the first rowgroup). */
const bodyRows = (table: Locator) => table.getByRole("rowgroup").nth(1).getByRole("row");

test("the owner reads the seeded events, pages through them and filters by action through the URL", async ({
  page,
  signIn,
  setLanguage,
}) => {
  await signIn(SHELL_USER.email);
  await setLanguage("en");
  const response = await page.goto(AUDIT_PATH);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: exact(en.pages.audit.title) })).toBeVisible();

  const table = auditTable(page, en);
  await expect(table).toBeVisible();
  for (const column of ["time", "actor", "action", "entity", "details"] as const) {
    await expect(table.getByRole("columnheader", { name: exact(en.audit.table[column]) })).toBeVisible();
  }
  // The seed writes hundreds of events (registrations, documents, members): a full first page.
  await expect(bodyRows(table)).toHaveCount(50);
  await expectNoSeriousA11yViolations(page, `${AUDIT_PATH} (en)`);

  // Older, then back to the newest page.
  const pagination = page.getByRole("navigation", { name: exact(en.audit.pagination.label) });
  const firstRow = await bodyRows(table).first().textContent();
  await pagination.getByRole("link", { name: exact(en.audit.pagination.older) }).click();
  await expect(page).toHaveURL(/[?&]older=[\w-]+/);
  await expect(bodyRows(table).first()).not.toHaveText(firstRow!);
  await expect(pagination.getByRole("link", { name: exact(en.audit.pagination.newer) })).toBeVisible();
  await pagination.getByRole("link", { name: exact(en.audit.pagination.newest) }).click();
  await expect(page).toHaveURL(new RegExp(`${AUDIT_PATH}$`));
  await expect(bodyRows(table).first()).toHaveText(firstRow!);

  // Filter by action: the URL carries it and every row is that action.
  await page.getByLabel(exact(en.audit.filters.action)).selectOption("member.add");
  await page.getByRole("button", { name: exact(en.audit.filters.apply) }).click();
  await expect(page).toHaveURL(/[?&]action=member\.add(&|$)/);
  const rows = bodyRows(table);
  // At least one per demo membership: owner, admin, staff, manager and the client administrator.
  await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(5);
  await expect(rows.first().getByRole("cell").nth(2)).toHaveText(exact(en.audit.actions.member.add));
  const filteredCount = await rows.count();
  expect(filteredCount).toBeLessThan(50);
  for (const row of await rows.all()) {
    await expect(row.getByRole("cell").nth(2)).toHaveText(exact(en.audit.actions.member.add));
    await expect(row.getByRole("cell").nth(3)).toContainText(en.audit.targets.membership);
  }
  // The URL restores the view: the form shows the filter after a reload.
  await page.reload();
  await expect(page.getByLabel(exact(en.audit.filters.action))).toHaveValue("member.add");
  await expect(bodyRows(auditTable(page, en))).toHaveCount(filteredCount);
  await expectNoSeriousA11yViolations(page, `${AUDIT_PATH}?action=member.add (en)`);

  await page.getByRole("link", { name: exact(en.audit.filters.clear) }).click();
  await expect(page).toHaveURL(new RegExp(`${AUDIT_PATH}$`));
  await expect(page.getByLabel(exact(en.audit.filters.action))).toHaveValue("");
  await expect(bodyRows(auditTable(page, en))).toHaveCount(50);
});

test("a filter that matches nothing shows the empty state, and a mangled link says what it ignored", async ({
  page,
  signIn,
  setLanguage,
}) => {
  await signIn(SHELL_USER.email);
  await setLanguage("en");
  await page.goto(`${AUDIT_PATH}?action=agency.delete`);
  await expect(page.getByRole("heading", { level: 2, name: exact(en.audit.empty.filteredTitle) })).toBeVisible();
  await expect(auditTable(page, en)).toHaveCount(0);

  await page.goto(`${AUDIT_PATH}?action=nonsense&from=2026-02-30&older=tampered`);
  await expect(page.getByText(exact(en.audit.issues.invalid))).toBeVisible();
  await expect(page.getByText(exact(en.audit.issues.cursor))).toBeVisible();
  await expect(auditTable(page, en)).toBeVisible();
});

for (const [device, viewport] of Object.entries(viewports)) {
  test.describe(`audit screenshots on ${device} (${viewport.width}×${viewport.height})`, () => {
    test.use({ viewport });

    for (const locale of locales) {
      const name = `audit-${locale}-light-${device}`;
      test(name, async ({ page, context, baseURL, signIn }) => {
        const m = messages(locale);
        await signIn(SHELL_USER.email);
        await usePreferences(context, baseURL!, { locale, theme: "light" });
        await page.goto(AUDIT_PATH);
        await expect(page.getByRole("heading", { level: 1, name: exact(m.pages.audit.title) })).toBeVisible();
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await expect(bodyRows(auditTable(page, m)).first()).toBeVisible();
        await page.screenshot({
          path: path.join(SCREENSHOT_DIR, `${name}.png`),
          fullPage: true,
          animations: "disabled",
          caret: "hide",
        });
      });
    }
  });
}
