/**
 * The Official Accounts list (issue 6 §4) in a browser, as the demo agency's staff
 * member: search by name and by a seeded WeChat ID, sort by name both ways, a client
 * kind filter that survives a reload, a status filter that finds nothing (and its empty
 * state), keyset pages, hiding a column, a row opening its client's accounts tab, and
 * both languages, with screenshots in test-results/screenshots/.
 *
 * Two accounts are made here for a company of this run, named with two Chinese
 * characters picked at random, so searching for them finds them alone.
 */
import path from "node:path";
import type { Page } from "@playwright/test";
import { createRng } from "../lib/validation/random";
import { generateResidentId } from "../lib/validation/resident-id";
import { expect, expectNoSeriousA11yViolations, test, usePreferences } from "./fixtures";
import { addCompany } from "./support/control";
import { exact, locales, messages } from "./support/messages";
import { DEMO_AGENCY, demoUser } from "./support/users";

const SCREENSHOT_DIR = path.join(process.cwd(), "test-results", "screenshots");
const m = messages("en");
const t = m.accountsList;
const LIST = `/${DEMO_AGENCY.slug}/accounts`;
const rng = createRng(Math.floor(Math.random() * 2 ** 31));

const pick = () => String.fromCodePoint(0x9f00 + Math.floor(Math.random() * 0x90));
const pair = pick() + pick();
const names = ["A", "B"].map((letter) => `${pair}${letter}号`);
const companyName = `${pair}账号列表测试有限公司`;

test.describe.configure({ mode: "serial" });

let companyUrl = "";

test.beforeAll(async () => {
  const { id } = await addCompany({ agencySlug: DEMO_AGENCY.slug, name: companyName });
  companyUrl = `/${DEMO_AGENCY.slug}/clients/${id}`;
});

const table = (page: Page) => page.getByRole("table", { name: t.table.caption });
/** This run's account names in the table, top to bottom (not their company's links). */
const shownNames = (page: Page) =>
  table(page).getByRole("row").getByRole("link").filter({ hasText: new RegExp(`^${pair}[A-Z]号$`) }).allTextContents();
const total = (page: Page, text: string) => page.getByRole("status").filter({ hasText: exact(text) });

async function search(page: Page, text: string) {
  await page.getByRole("searchbox", { name: t.search.label }).fill(text);
  await page.getByRole("searchbox", { name: t.search.label }).press("Enter");
  await expect(page).toHaveURL((url) => url.searchParams.get("q") === text);
}

test("search, filter, sort, page and hide columns", async ({ page, signIn, setLanguage }) => {
  test.setTimeout(120_000);
  await signIn(demoUser("staff").email);
  await setLanguage("en");
  // An operator and two accounts, made on the company's page as staff make them.
  await page.goto(`${companyUrl}?tab=people`);
  await page.getByRole("button", { name: m.personForm.open }).click();
  const personDialog = page.getByRole("dialog", { name: m.personForm.title });
  await personDialog.getByLabel(m.personForm.name).fill(`${pair}运营`);
  await personDialog.getByLabel(m.personForm.idNumber).fill(generateResidentId({ rng, birthDate: "1986-07-08" }));
  await personDialog.getByLabel(m.personForm.role).selectOption({ label: m.peoplePages.roles.operator });
  await personDialog.getByRole("button", { name: m.personForm.submit }).click();
  await expect(personDialog).toHaveCount(0);
  await page.goto(`${companyUrl}?tab=accounts`);
  for (const name of names) {
    await page.getByRole("button", { name: m.accountForm.open }).click();
    const dialog = page.getByRole("dialog", { name: m.accountForm.title });
    await dialog.getByLabel(m.accountForm.name, { exact: false }).fill(name);
    await dialog.getByRole("button", { name: m.accountForm.submit }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText(exact(name))).toBeVisible();
  }

  await page.goto(LIST);
  await expect(page.getByRole("heading", { level: 1, name: exact(m.pages.accounts.title) })).toBeVisible();
  // Newest first by default: the two just made lead the list.
  await expect(table(page).getByRole("columnheader", { name: t.table.created })).toHaveAttribute("aria-sort", "descending");
  await expect.poll(() => shownNames(page)).toEqual([...names].reverse());
  await expectNoSeriousA11yViolations(page, "accounts list");

  // A seeded WeChat ID (registered accounts have them) finds its account, in any case.
  await page.goto(`${LIST}?stage=registered`);
  const ids = table(page).locator("tbody td:nth-child(5) span:first-child").filter({ hasText: /^[A-Za-z][\w-]+$/ });
  const wechatId = (await ids.first().innerText()).trim();
  await page.goto(LIST);
  await search(page, wechatId.toUpperCase());
  await expect(table(page).locator("tbody tr").first()).toContainText(wechatId);

  // The name finds the two; sorting by name goes A→Z, then Z→A.
  await search(page, pair);
  await expect(total(page, "2 Official Accounts")).toBeVisible();
  const row = table(page).getByRole("row").filter({ hasText: names[0]! });
  await expect(row).toContainText(companyName);
  await expect(row).toContainText(`${pair}运营`);
  await expect(row).toContainText(/\d{6}\*{8}\d{3}[\dX]/);
  await expect(row).toContainText(t.types.service);
  await expect(row).toContainText(t.statuses.active);
  await table(page).getByRole("link", { name: t.table.name }).click();
  await expect(page).toHaveURL(/sort=name/);
  await expect(table(page).getByRole("columnheader", { name: t.table.name })).toHaveAttribute("aria-sort", "ascending");
  await expect.poll(() => shownNames(page)).toEqual(names);
  await table(page).getByRole("link", { name: t.table.name }).click();
  await expect(page).toHaveURL(/dir=desc/);
  await expect.poll(() => shownNames(page)).toEqual([...names].reverse());

  // The kind filter goes into the URL and survives a reload.
  await page.getByRole("combobox", { name: t.filters.kind }).selectOption({ label: t.kinds.overseas });
  await page.getByRole("button", { name: t.filters.apply }).click();
  await expect(page).toHaveURL(/kind=overseas/);
  await page.reload();
  await expect(page.getByRole("combobox", { name: t.filters.kind })).toHaveValue("overseas");
  await expect(page.getByRole("searchbox", { name: t.search.label })).toHaveValue(pair);
  await expect.poll(() => shownNames(page)).toEqual([...names].reverse());

  // None of them is abandoned: the empty state offers to clear the filters.
  await page.getByRole("combobox", { name: t.filters.status }).selectOption({ label: t.statuses.abandoned });
  await page.getByRole("button", { name: t.filters.apply }).click();
  await expect(page.getByRole("heading", { name: t.empty.filteredTitle })).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: t.filters.clear }).last().click();
  await expect(page).toHaveURL(/\/accounts\?sort=name&dir=desc$/);

  // Pages of one: Next, then back to the first page.
  await page.goto(`${LIST}?q=${encodeURIComponent(pair)}&sort=name&dir=asc&limit=1`);
  await expect.poll(() => shownNames(page)).toEqual([names[0]]);
  const pages = page.getByRole("navigation", { name: t.pagination.label });
  await pages.getByRole("link", { name: t.pagination.next }).click();
  await expect(page).toHaveURL(/after=/);
  await expect.poll(() => shownNames(page)).toEqual([names[1]]);
  await expect(pages.getByRole("link", { name: t.pagination.next })).toHaveCount(0);
  await pages.getByRole("link", { name: t.pagination.first }).click();
  await expect(page).not.toHaveURL(/after=/);

  // Hiding a column puts it in the URL, and a reload keeps it hidden.
  await page.getByRole("button", { name: t.columns.trigger }).click();
  await page.getByRole("checkbox", { name: t.table.operator }).uncheck();
  await expect(page).toHaveURL(/cols=operator/);
  await page.reload();
  await expect(table(page).getByRole("columnheader", { name: t.table.operator })).toHaveCount(0);

  // A row opens its client's accounts tab.
  await table(page).getByRole("link", { name: names[0] }).click();
  await expect(page).toHaveURL(new RegExp(`${companyUrl}\\?tab=accounts$`));
  await expect(page.getByText(exact(names[0]!))).toBeVisible();
});

for (const locale of locales) {
  test(`the list in ${locale}, with a screenshot`, async ({ page, context, baseURL, signIn }) => {
    const tl = messages(locale).accountsList;
    await signIn(demoUser("staff").email);
    await usePreferences(context, baseURL!, { locale, theme: "light" });
    await page.goto(LIST);
    await expect(page.getByRole("heading", { level: 1, name: exact(messages(locale).pages.accounts.title) })).toBeVisible();
    await expect(page.getByRole("table", { name: tl.table.caption }).locator("tbody tr").first()).toBeVisible();
    await expect(page.getByRole("combobox", { name: tl.filters.verification })).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `accounts-list-${locale}.png`), fullPage: false, animations: "disabled" });
  });
}
