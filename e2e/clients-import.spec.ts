/**
 * Issue 6 §7 in a browser, as the demo agency's staff member: a CSV saved by Chinese
 * Excel (GB18030, lib/clients/fixtures/clients-gbk.csv) chosen with the file picker; the
 * preview names each error by row and column in the reader's language; the valid rows
 * are imported and found in the clients list; the same file again finds them all
 * already in the agency and creates nothing. Screenshots of the preview in both
 * languages go to e2e/screenshots/.
 *
 * The fixture's companies are named "…导入样例…" / "Import Sample…", which no other spec
 * or the seed uses; each run has a database of its own.
 */
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, test, usePreferences } from "./fixtures";
import { exact, format, messages, type Locale } from "./support/messages";
import { DEMO_AGENCY, demoUser } from "./support/users";

const staff = demoUser("staff");
const IMPORT = `/${DEMO_AGENCY.slug}/clients/import`;
const FIXTURE = path.join(import.meta.dirname, "../lib/clients/fixtures/clients-gbk.csv");
const SCREENSHOT_DIR = path.join(import.meta.dirname, "screenshots");
/** The fixture's known columns, in its order; the table has the row number and the status before them. */
const COLUMNS = ["kind", "legalNameZh", "nameEn", "uscc", "country", "industry", "scale", "address"] as const;

/** ICU plurals the catalogue uses here, filled for `count` (English "#", Chinese "#"). */
function plural(template: string, count: number): string {
  const branches = [...template.matchAll(/(=\d+|one|other) \{([^{}]*)\}/g)];
  const pick = branches.find(([, which]) => which === `=${count}`) ?? (count === 1 ? branches.find(([, which]) => which === "one") : undefined);
  const chosen = pick ?? branches.find(([, which]) => which === "other")!;
  return chosen[2]!.replace("#", String(count));
}

async function preview(page: Page, locale: Locale, options: { screenshot?: string } = {}): Promise<Locator> {
  const t = messages(locale).clientImport;
  await page.goto(IMPORT);
  await expect(page.getByRole("heading", { level: 1, name: exact(t.title) })).toBeVisible();
  if (options.screenshot) await screenshot(page, options.screenshot);
  await page.getByLabel(exact(t.file.label)).setInputFiles(FIXTURE);
  await page.getByRole("button", { name: exact(t.file.check) }).click();
  const table = page.getByRole("table", { name: exact(t.table.caption) });
  await expect(table).toBeVisible();
  return table;
}

/** The cell of `column` in the row numbered `line` (the spreadsheet's row: the header is 1). */
function cell(table: Locator, line: number, column: (typeof COLUMNS)[number] | "status"): Locator {
  const row = table.getByRole("row").filter({ has: table.page().getByRole("rowheader", { name: exact(String(line)) }) });
  return row.getByRole("cell").nth(column === "status" ? 0 : 1 + COLUMNS.indexOf(column));
}

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true, animations: "disabled", caret: "hide" });
}

test.beforeEach(async ({ signIn }) => {
  await signIn(staff.email);
});

test("the preview in Chinese: every error in its cell, in Chinese", async ({ page, context, baseURL }) => {
  await usePreferences(context, baseURL!, { locale: "zh-CN", theme: "light" });
  const zh = messages("zh-CN");
  const t = zh.clientImport;
  const table = await preview(page, "zh-CN", { screenshot: "clients-import-zh-CN-light-desktop.png" });
  await expect(page.getByRole("status").getByText(exact(plural(t.preview.summary.valid, 3)))).toBeVisible();
  await expect(page.getByRole("status").getByText(exact(plural(t.preview.summary.invalid, 3)))).toBeVisible();
  await expect(page.getByText(exact(t.preview.encoding.gb18030))).toBeVisible();
  await expect(cell(table, 5, "uscc")).toContainText(zh.clients.errors.usccOverride);
  await expect(cell(table, 6, "legalNameZh")).toContainText(zh.clients.errors.nameRequired);
  await expect(cell(table, 7, "kind")).toContainText(t.errors.kind);
  await expect(cell(table, 8, "status")).toHaveText(format(t.status.repeated, { line: "2" }));
  await expect(page.getByRole("button", { name: exact(plural(t.actions.importValid, 3)) })).toBeEnabled();
  await screenshot(page, "clients-import-preview-zh-CN-light-desktop.png");
});

test("imports the valid rows of a GBK file, finds them in the list, and creates nothing the second time", async ({ page, context, baseURL }) => {
  await usePreferences(context, baseURL!, { locale: "en", theme: "light" });
  const m = messages("en");
  const t = m.clientImport;

  // The template: UTF-8 with a byte order mark, the header in the reader's language.
  const template = await page.request.get(`${IMPORT}/template`);
  expect(template.status()).toBe(200);
  const templateText = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await template.body());
  expect(templateText.startsWith(`\uFEFF${t.columns.kind},`)).toBe(true);

  const table = await preview(page, "en");
  const summary = page.getByRole("status");
  await expect(summary.getByText(exact(plural(t.preview.summary.valid, 3)))).toBeVisible();
  await expect(summary.getByText(exact(plural(t.preview.summary.invalid, 3)))).toBeVisible();
  await expect(summary.getByText(exact(plural(t.preview.summary.existing, 0)))).toBeVisible();
  await expect(summary.getByText(exact(plural(t.preview.summary.repeated, 1)))).toBeVisible();
  await expect(page.getByText(exact(format(t.preview.unknownColumns, { columns: "备注" })))).toBeVisible();
  await expect(page.getByText(exact(t.preview.encoding.gb18030))).toBeVisible();

  // Each error by row and column; the rows read right from GB18030, quoted commas and line breaks kept.
  await expect(cell(table, 2, "status")).toHaveText(t.status.valid);
  await expect(cell(table, 2, "legalNameZh")).toHaveText("杭州导入样例科技有限公司");
  await expect(cell(table, 2, "address")).toHaveText("浙江省杭州市西湖区文三路 90 号,东部软件园");
  await expect(cell(table, 3, "legalNameZh")).toHaveText("𠮷田导入样例");
  await expect(cell(table, 4, "address")).toContainText("#20-01 One Raffles Place");
  await expect(cell(table, 5, "status")).toHaveText(t.status.invalid);
  await expect(cell(table, 5, "uscc")).toContainText(m.clients.errors.usccOverride);
  await expect(cell(table, 6, "legalNameZh")).toContainText(m.clients.errors.nameRequired);
  await expect(cell(table, 6, "scale")).toContainText(t.errors.scale);
  await expect(cell(table, 6, "uscc")).not.toContainText(m.clients.errors.usccOverride);
  await expect(cell(table, 7, "kind")).toContainText(t.errors.kind);
  await expect(cell(table, 8, "status")).toHaveText(format(t.status.repeated, { line: "2" }));
  await expectNoSeriousA11yViolations(page, "import preview");
  await screenshot(page, "clients-import-preview-en-light-desktop.png");

  // Only the rows that will not be imported.
  await page.getByLabel(exact(t.preview.onlyProblems)).check();
  await expect(table.getByRole("rowheader")).toHaveText(["5", "6", "7", "8"]);

  await page.getByRole("button", { name: exact(plural(t.actions.importValid, 3)) }).click();
  await expect(page.getByRole("heading", { level: 2, name: exact(t.result.title) })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(plural(t.result.created, 3));
  const skipped = t.result.skipped.replace(/\{(\w+), number\}/g, "{$1}");
  await expect(page.getByText(exact(format(skipped, { existing: "0", repeated: "1", invalid: "3" })))).toBeVisible();
  await page.getByRole("link", { name: exact(t.result.back) }).click();
  await expect(page).toHaveURL(new RegExp(`/${DEMO_AGENCY.slug}/clients$`));

  await page.goto(`/${DEMO_AGENCY.slug}/clients?q=${encodeURIComponent("导入样例")}`);
  const list = page.getByRole("table", { name: exact(m.clientsList.table.caption) });
  await expect(list.getByRole("link", { name: "杭州导入样例科技有限公司" })).toBeVisible();
  await expect(list.getByRole("link", { name: "𠮷田导入样例" })).toBeVisible();
  await expect(list.getByRole("row")).toHaveCount(3);
  await page.goto(`/${DEMO_AGENCY.slug}/clients?q=${encodeURIComponent("Import Sample Trading")}`);
  await expect(list.getByRole("link", { name: "Import Sample Trading Pte. Ltd." })).toBeVisible();

  // The same file again: everything it could add is there already.
  const again = await preview(page, "en");
  await expect(summary.getByText(exact(plural(t.preview.summary.valid, 0)))).toBeVisible();
  await expect(summary.getByText(exact(plural(t.preview.summary.existing, 4)))).toBeVisible();
  await expect(cell(again, 2, "status")).toHaveText(t.status.existing);
  await expect(cell(again, 8, "status")).toHaveText(t.status.existing);
  await expect(page.getByRole("button", { name: exact(plural(t.actions.importValid, 0)) })).toBeDisabled();
  // Its link goes to the client it matches.
  await cell(again, 3, "status").getByRole("link", { name: exact(t.status.existing) }).click();
  await expect(page.getByRole("heading", { level: 1, name: exact("𠮷田导入样例") })).toBeVisible();
  await page.goto(`/${DEMO_AGENCY.slug}/clients?q=${encodeURIComponent("导入样例")}`);
  await expect(list.getByRole("row")).toHaveCount(3);
});
