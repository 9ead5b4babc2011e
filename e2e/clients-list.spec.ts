/**
 * The clients list (issue 6 §4) in a browser, as the demo agency's staff member:
 * search by two Chinese characters and by credit code, a kind filter that survives a
 * reload, sorting by name, keyset pages, selecting rows with the keyboard and the mouse
 * to assign, archive and restore them; then as its manager, who sees no checkboxes but
 * downloads the filtered list as CSV (UTF-8 with a BOM, formulas neutralised).
 *
 * The companies are made here, named with two Chinese characters picked at random for
 * this run, so searching for them finds them alone whatever else the seed holds.
 */
import type { Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";
import { addCompany } from "./support/control";
import { exact, format, messages } from "./support/messages";
import { DEMO_AGENCY, DEMO_CLIENT_COMPANY, demoUser } from "./support/users";

const m = messages("en");
const zh = messages("zh-CN");
const t = m.clientsList;
const LIST = `/${DEMO_AGENCY.slug}/clients`;

/** Two CJK characters no seeded name has together (from a block of rare ones). */
function rarePair(): string {
  const pick = () => String.fromCodePoint(0x9f00 + Math.floor(Math.random() * 0x90));
  return pick() + pick();
}

const pair = rarePair();
// A, B, C sort the same way under every collation.
const names = ["A", "B", "C"].map((letter) => `${pair}${letter}贸易有限公司`);

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  for (const name of names) await addCompany({ agencySlug: DEMO_AGENCY.slug, name });
});

const table = (page: Page) => page.getByRole("table", { name: t.table.caption });
/** The company names in the table, top to bottom. */
const shownNames = (page: Page) => table(page).getByRole("row").getByRole("link").filter({ hasText: pair }).allTextContents();
const total = (page: Page, count: number) =>
  page.getByRole("status").filter({ hasText: exact(count === 1 ? "1 client" : `${count} clients`) });
const rowOf = (page: Page, name: string) => table(page).getByRole("row").filter({ hasText: name });

/** Searches, and waits for the new view: the form starts afresh with it. */
async function search(page: Page, text: string) {
  await page.getByRole("searchbox", { name: t.search.label }).fill(text);
  await page.getByRole("searchbox", { name: t.search.label }).press("Enter");
  await expect(page).toHaveURL((url) => url.searchParams.get("q") === text);
}

test("search, filter, sort and page", async ({ page, setLanguage, signIn }) => {
  await signIn(demoUser("staff").email);
  await setLanguage("en");
  await page.goto(LIST);
  await expect(page.getByRole("heading", { level: 1, name: exact(m.pages.clients.title) })).toBeVisible();

  // `/` focuses the search box; two Chinese characters find the three companies.
  // (Pressed until the page has hydrated and listens.)
  await expect(async () => {
    await page.locator("body").press("/");
    await expect(page.getByRole("searchbox", { name: t.search.label })).toBeFocused({ timeout: 500 });
  }).toPass();
  await expect(page.getByRole("searchbox", { name: t.search.label })).toHaveValue("");
  await search(page, pair);
  await expect(page).toHaveURL(new RegExp(`\\?q=${encodeURIComponent(pair)}$`));
  await expect(total(page, 3)).toBeVisible();
  await expect.poll(() => shownNames(page)).toEqual(names);
  await expect(rowOf(page, names[0]!)).toContainText(t.kinds.overseas);
  await expect(table(page).getByRole("columnheader", { name: t.table.name })).toHaveAttribute("aria-sort", "ascending");
  await expectNoSeriousA11yViolations(page, "clients list");

  // The credit code finds the seeded company.
  await search(page, DEMO_CLIENT_COMPANY.uscc);
  await expect(total(page, 1)).toBeVisible();
  await expect(rowOf(page, DEMO_CLIENT_COMPANY.legalNameZh)).toContainText(DEMO_CLIENT_COMPANY.uscc);
  await expect(rowOf(page, DEMO_CLIENT_COMPANY.legalNameZh)).toContainText(DEMO_CLIENT_COMPANY.nameEn);

  // A kind filter goes into the URL and survives a reload.
  await search(page, pair);
  await page.getByRole("combobox", { name: t.filters.kind }).selectOption({ label: t.kinds.overseas });
  await page.getByRole("button", { name: t.filters.apply }).click();
  await expect(page).toHaveURL(/kind=overseas/);
  await page.reload();
  await expect(page.getByRole("combobox", { name: t.filters.kind })).toHaveValue("overseas");
  await expect(total(page, 3)).toBeVisible();

  // No Chinese organisation among them: the empty state offers to clear the filters.
  await page.getByRole("combobox", { name: t.filters.kind }).selectOption({ label: t.kinds.cn_org });
  await page.getByRole("button", { name: t.filters.apply }).click();
  await expect(page.getByRole("heading", { name: t.empty.filteredTitle })).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: t.filters.clear }).last().click();
  await expect(page).toHaveURL(new RegExp(`${LIST}\\?view=all$`));
  await expect(page.getByRole("searchbox", { name: t.search.label })).toHaveValue("");

  // Sorting by name, descending: the header says so, the URL keeps it.
  await page.goto(`${LIST}?q=${encodeURIComponent(pair)}`);
  await table(page).getByRole("link", { name: t.table.name }).click();
  await expect(page).toHaveURL(/dir=desc/);
  await expect(table(page).getByRole("columnheader", { name: t.table.name })).toHaveAttribute("aria-sort", "descending");
  await expect.poll(() => shownNames(page)).toEqual([...names].reverse());

  // Pages of two: Next, then back to the first page; the total stays.
  await page.goto(`${LIST}?q=${encodeURIComponent(pair)}&limit=2`);
  await expect.poll(() => shownNames(page)).toEqual(names.slice(0, 2));
  const pages = page.getByRole("navigation", { name: t.pagination.label });
  await pages.getByRole("link", { name: t.pagination.next }).click();
  await expect(page).toHaveURL(/after=/);
  await expect.poll(() => shownNames(page)).toEqual(names.slice(2));
  await expect(total(page, 3)).toBeVisible();
  await expect(pages.getByRole("link", { name: t.pagination.next })).toHaveCount(0);
  await pages.getByRole("link", { name: t.pagination.first }).click();
  await expect(page).not.toHaveURL(/after=/);
  await expect.poll(() => shownNames(page)).toEqual(names.slice(0, 2));

  // Hiding a column puts it in the URL.
  await page.getByRole("button", { name: t.columns.trigger }).click();
  await page.getByRole("checkbox", { name: t.table.uscc }).uncheck();
  await expect(page).toHaveURL(/cols=/);
  await expect(table(page).getByRole("columnheader", { name: t.table.uscc })).toHaveCount(0);
  await page.reload();
  await expect(table(page).getByRole("columnheader", { name: t.table.uscc })).toHaveCount(0);
});

test("select rows to assign, archive and restore them", async ({ page, setLanguage, signIn }) => {
  const staff = demoUser("staff");
  await signIn(staff.email);
  await setLanguage("en");
  await page.goto(`${LIST}?q=${encodeURIComponent(pair)}`);
  await expect(total(page, 3)).toBeVisible();

  // The keyboard selects a row: Space on its checkbox.
  const checkbox = (name: string) => page.getByRole("checkbox", { name: format(t.table.selectRow, { name }) });
  await checkbox(names[0]!).focus();
  await page.keyboard.press("Space");
  await expect(checkbox(names[0]!)).toBeChecked();
  await checkbox(names[1]!).check();
  const bulk = page.getByRole("region", { name: t.bulk.label });
  await expect(bulk).toContainText(format(t.bulk.selected, { count: "2" }));

  // Assign both to the staff member.
  await bulk.getByRole("button", { name: t.bulk.assign }).click();
  let dialog = page.getByRole("dialog", { name: "Assign 2 clients" });
  await dialog.getByLabel(t.assign.field).selectOption({ label: staff.name });
  await dialog.getByRole("button", { name: t.assign.submit }).click();
  await expect(page.getByText(`Assigned 2 clients to ${staff.name}`)).toBeVisible();
  await expect(rowOf(page, names[0]!)).toContainText(staff.name);
  await expect(rowOf(page, names[1]!)).toContainText(staff.name);
  await expect(bulk).toHaveCount(0);

  // Archive them: they leave the active list.
  await checkbox(names[0]!).check();
  await checkbox(names[1]!).check();
  await bulk.getByRole("button", { name: t.bulk.archive }).click();
  dialog = page.getByRole("dialog", { name: "Archive 2 clients?" });
  await dialog.getByRole("button", { name: t.archive.submit }).click();
  await expect(page.getByText("Archived 2 clients")).toBeVisible();
  await expect(total(page, 1)).toBeVisible();
  await expect.poll(() => shownNames(page)).toEqual([names[2]]);

  // …and are among the archived ones.
  await page.getByRole("combobox", { name: t.filters.archived }).selectOption({ label: t.filters.archivedOnly });
  await page.getByRole("button", { name: t.filters.apply }).click();
  await expect(page).toHaveURL(/archived=archived/);
  await expect(total(page, 2)).toBeVisible();
  await expect.poll(() => shownNames(page)).toEqual(names.slice(0, 2));
  await expect(rowOf(page, names[0]!)).toContainText(t.table.archived);

  // Restore both (select all on the page): none is archived any more.
  await page.getByRole("checkbox", { name: t.table.selectAll }).check();
  await expect(checkbox(names[1]!)).toBeChecked();
  await bulk.getByRole("button", { name: t.bulk.restore }).click();
  dialog = page.getByRole("dialog", { name: "Restore 2 clients?" });
  await dialog.getByRole("button", { name: t.restore.submit }).click();
  await expect(page.getByText("Restored 2 clients")).toBeVisible();
  await expect(page.getByRole("heading", { name: t.empty.filteredTitle })).toBeVisible();

  await page.goto(`${LIST}?q=${encodeURIComponent(pair)}`);
  await expect(total(page, 3)).toBeVisible();
  await expect.poll(() => shownNames(page)).toEqual(names);
});

test("a manager sees no selection, and exports the filtered list as CSV", async ({ page, context, setLanguage, signIn, baseURL }) => {
  const formulaPair = rarePair();
  const formula = `=HYPERLINK("http://evil.example","${formulaPair}")`;
  await addCompany({ agencySlug: DEMO_AGENCY.slug, name: formula });
  await signIn(demoUser("manager").email);
  await setLanguage("en");
  await page.goto(`${LIST}?q=${encodeURIComponent(pair)}&kind=overseas`);
  await expect(total(page, 3)).toBeVisible();
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByRole("link", { name: t.newClient })).toHaveCount(0);

  const exportLink = page.getByRole("link", { name: t.exportCsv });
  const href = await exportLink.getAttribute("href");
  expect(href).toContain(`/${DEMO_AGENCY.slug}/clients/export?`);
  expect(href).toContain("kind=overseas");

  // The page's cookies go with the request.
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="clients-\d{4}-\d{2}-\d{2}\.csv"$/);
  const body = await response.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = body.toString("utf8").slice(1).trimEnd().split("\r\n");
  expect(lines[0]).toBe(Object.values(t.csv).map((header) => (header.includes(",") ? `"${header}"` : header)).join(","));
  expect(lines).toHaveLength(4);
  expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(names);
  expect(lines[1]).toContain(t.kinds.overseas);

  // Another filter, another file: a formula in a name is neutralised.
  const formulaCsv = await page.request.get(`/${DEMO_AGENCY.slug}/clients/export?q=${encodeURIComponent(formulaPair)}`);
  const formulaLines = (await formulaCsv.text()).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
  expect(formulaLines).toHaveLength(2);
  expect(formulaLines[1]!.startsWith(`"'${formula.replace(/"/g, '""')}"`)).toBe(true);

  // The header row speaks the reader's language.
  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: baseURL! }]);
  const chinese = await page.request.get(href!);
  expect((await chinese.text()).replace(/^\uFEFF/, "").split("\r\n")[0]).toBe(Object.values(zh.clientsList.csv).join(","));
});

test("staff may not export; another agency's export is not found", async ({ page, signIn }) => {
  await signIn(demoUser("staff").email);
  await page.goto(LIST);
  await expect(page.getByRole("link", { name: t.exportCsv })).toHaveCount(0);
  expect((await page.request.get(`/${DEMO_AGENCY.slug}/clients/export`)).status()).toBe(403);
  await signIn(demoUser("manager").email);
  expect((await page.request.get("/demo-north/clients/export", { maxRedirects: 0 })).status()).toBe(404);
});
