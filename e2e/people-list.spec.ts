/**
 * The people list (issue 6 §4) in a browser, as the demo agency's staff member: search
 * by name and by mobile, sort both ways, a client filter that survives a reload, an ID
 * type filter that finds nobody (and its empty state), keyset pages, hiding a column, the
 * keyboard (`/` to search, `j` to the first row, Enter to open it), and both languages,
 * with screenshots in test-results/screenshots/.
 *
 * The people are added here to a company made for this run, named with two Chinese
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
const t = m.peopleList;
const LIST = `/${DEMO_AGENCY.slug}/people`;
const rng = createRng(Math.floor(Math.random() * 2 ** 31));

/** Two CJK characters no seeded name has together (from a block of rare ones). */
const pick = () => String.fromCodePoint(0x9f00 + Math.floor(Math.random() * 0x90));
const pair = pick() + pick();
// A, B, C sort the same way under every collation.
const names = ["A", "B", "C"].map((letter) => `${pair}${letter}`);
const mobile = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
const companyName = `${pair}人员列表测试有限公司`;

test.describe.configure({ mode: "serial" });

const table = (page: Page) => page.getByRole("table", { name: t.table.caption });
const shownNames = (page: Page) => table(page).getByRole("row").getByRole("link").filter({ hasText: pair }).allTextContents();
const total = (page: Page, text: string) => page.getByRole("status").filter({ hasText: exact(text) });

async function search(page: Page, text: string) {
  await page.getByRole("searchbox", { name: t.search.label }).fill(text);
  await page.getByRole("searchbox", { name: t.search.label }).press("Enter");
  await expect(page).toHaveURL((url) => url.searchParams.get("q") === text);
}

let companyUrl = "";

test.beforeAll(async () => {
  const { id } = await addCompany({ agencySlug: DEMO_AGENCY.slug, name: companyName });
  companyUrl = `/${DEMO_AGENCY.slug}/clients/${id}`;
});

test("search, filter, sort, page and hide columns", async ({ page, signIn, setLanguage }) => {
  test.setTimeout(120_000);
  await signIn(demoUser("staff").email);
  await setLanguage("en");
  // The people, added on the company's page as staff add them.
  for (const [index, name] of names.entries()) {
    await page.goto(`${companyUrl}?tab=people`);
    await page.getByRole("button", { name: m.personForm.open }).click();
    const dialog = page.getByRole("dialog", { name: m.personForm.title });
    await dialog.getByLabel(m.personForm.name).fill(name);
    await dialog.getByLabel(m.personForm.idNumber).fill(generateResidentId({ rng, birthDate: "1988-03-0" + (index + 1) }));
    if (index === 0) await dialog.getByLabel(m.personForm.mobile).fill(mobile);
    await dialog.getByRole("button", { name: m.personForm.submit }).click();
    await expect(dialog).toHaveCount(0);
  }

  await page.goto(LIST);
  await expect(page.getByRole("heading", { level: 1, name: exact(m.pages.people.title) })).toBeVisible();
  // `/` focuses the search box (pressed until the page has hydrated and listens).
  await expect(async () => {
    await page.locator("body").press("/");
    await expect(page.getByRole("searchbox", { name: t.search.label })).toBeFocused({ timeout: 500 });
  }).toPass();
  await search(page, pair);
  await expect(total(page, "3 people")).toBeVisible();
  await expect.poll(() => shownNames(page)).toEqual(names);
  await expect(table(page).getByRole("columnheader", { name: t.table.name })).toHaveAttribute("aria-sort", "ascending");
  // Masked numbers and mobiles only.
  const first = table(page).getByRole("row").filter({ hasText: names[0]! });
  await expect(first).toContainText(/\d{6}\*{8}\d{3}[\dX]/);
  await expect(first).toContainText(`+86 ${mobile.slice(0, 3)}****${mobile.slice(-4)}`);
  await expect(first).toContainText(companyName);
  await expect(first).toContainText("0 of 2 used");
  await expect(page.locator("body")).not.toContainText(mobile);
  await expectNoSeriousA11yViolations(page, "people list");

  // The mobile finds its person.
  await search(page, mobile);
  await expect(total(page, "1 person")).toBeVisible();
  await expect.poll(() => shownNames(page)).toEqual([names[0]]);

  // Sorting by name, descending: the header says so, the URL keeps it.
  await search(page, pair);
  await table(page).getByRole("link", { name: t.table.name }).click();
  await expect(page).toHaveURL(/dir=desc/);
  await expect(table(page).getByRole("columnheader", { name: t.table.name })).toHaveAttribute("aria-sort", "descending");
  await expect.poll(() => shownNames(page)).toEqual([...names].reverse());

  // The client filter goes into the URL and survives a reload.
  await page.goto(LIST);
  await page.getByRole("combobox", { name: t.filters.company }).selectOption({ label: companyName });
  await page.getByRole("button", { name: t.filters.apply }).click();
  await expect(page).toHaveURL(/company=/);
  await page.reload();
  await expect(page.getByRole("combobox", { name: t.filters.company })).toHaveValue(/[0-9a-f-]{36}/);
  await expect(total(page, "3 people")).toBeVisible();
  await expect.poll(() => shownNames(page)).toEqual(names);

  // Nobody of theirs holds a passport: the empty state offers to clear the filters.
  await page.getByRole("combobox", { name: t.filters.idType }).selectOption({ label: t.idTypes.passport });
  await page.getByRole("button", { name: t.filters.apply }).click();
  await expect(page.getByRole("heading", { name: t.empty.filteredTitle })).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: t.filters.clear }).last().click();
  // The unfiltered list says so (a bare URL would open the user's default saved view).
  await expect(page).toHaveURL(new RegExp(`${LIST}\\?view=all$`));

  // Pages of two: Next, then back to the first page.
  await page.goto(`${LIST}?q=${encodeURIComponent(pair)}&limit=2`);
  await expect.poll(() => shownNames(page)).toEqual(names.slice(0, 2));
  const pages = page.getByRole("navigation", { name: t.pagination.label });
  await pages.getByRole("link", { name: t.pagination.next }).click();
  await expect(page).toHaveURL(/after=/);
  await expect.poll(() => shownNames(page)).toEqual(names.slice(2));
  await expect(total(page, "3 people")).toBeVisible();
  await pages.getByRole("link", { name: t.pagination.first }).click();
  await expect(page).not.toHaveURL(/after=/);
  await expect.poll(() => shownNames(page)).toEqual(names.slice(0, 2));

  // Hiding a column puts it in the URL, and a reload keeps it hidden.
  await page.getByRole("button", { name: t.columns.trigger }).click();
  await page.getByRole("checkbox", { name: t.table.mobile }).uncheck();
  await expect(page).toHaveURL(/cols=/);
  await page.reload();
  await expect(table(page).getByRole("columnheader", { name: t.table.mobile })).toHaveCount(0);
  await expect(table(page).getByRole("columnheader", { name: t.table.idNumber })).toHaveCount(1);

  // The keyboard: j goes to the first row, Enter opens the person (pressed until the reloaded page has hydrated and listens).
  await expect(async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("j");
    await expect(table(page).getByRole("link", { name: names[0] })).toBeFocused({ timeout: 500 });
  }).toPass();
  await page.keyboard.press("j");
  await expect(table(page).getByRole("link", { name: names[1] })).toBeFocused();
  await page.keyboard.press("k");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: names[0] })).toBeVisible();
});

for (const locale of locales) {
  test(`the list in ${locale}, with a screenshot`, async ({ page, context, baseURL, signIn }) => {
    const tl = messages(locale).peopleList;
    await signIn(demoUser("staff").email);
    await usePreferences(context, baseURL!, { locale, theme: "light" });
    await page.goto(`${LIST}?q=${encodeURIComponent(pair)}`);
    await expect(page.getByRole("heading", { level: 1, name: exact(messages(locale).pages.people.title) })).toBeVisible();
    await expect(page.getByRole("table", { name: tl.table.caption })).toBeVisible();
    await expect(page.getByRole("searchbox", { name: tl.search.label })).toHaveValue(pair);
    await expect(page.getByRole("combobox", { name: tl.filters.idType })).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `people-list-${locale}.png`), fullPage: true, animations: "disabled" });
    // The seeded people, unfiltered.
    await page.goto(LIST);
    await expect(page.getByRole("table", { name: tl.table.caption }).locator("tbody tr").first()).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `people-list-all-${locale}.png`), fullPage: false, animations: "disabled" });
  });
}
