/**
 * Issue 6 point 3 in a browser: on a client's accounts tab, create a WeCom corp (its
 * warnings shown as the form is filled, the corp then listed with its administrator),
 * and change an Official Account's operator (换绑): a choice whose ID is full is
 * explained and cannot be sent; a change moves the account to the new operator; a change
 * refused at the cap (the ID filled meanwhile in another tab) names and links the
 * accounts holding its slots. In English and in Chinese, with screenshots of both
 * dialogs in each language and axe checks with the dialogs open.
 */
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { createRng } from "../lib/validation/random";
import { generateResidentId } from "../lib/validation/resident-id";
import { generateUscc } from "../lib/validation/uscc";
import { expect, expectNoSeriousA11yViolations, test, usePreferences } from "./fixtures";
import { exact, format, messages, type Locale } from "./support/messages";
import { DEMO_AGENCY, demoUser } from "./support/users";

const SCREENSHOT_DIR = path.join(process.cwd(), "test-results", "screenshots");
const en = messages("en");
const tag = randomBytes(3).toString("hex");
const rng = createRng(Number.parseInt(tag, 16));

test.describe.configure({ mode: "serial" });
// Each test walks several dialogs in two languages.
test.setTimeout(120_000);

test.beforeEach(async ({ consoleErrors }) => {
  // As in accounts-flow.spec.ts: the streamed icon can come after Chromium's /favicon.ico request.
  consoleErrors.allow(/status of 404 \(Not Found\) \(http:\/\/localhost:\d+\/favicon\.ico/);
});

/** ICU's plural of the operator options, as the catalogue words it for these counts. */
function slotsOption(locale: Locale, name: string, free: number): string {
  if (locale === "zh-CN") return free === 0 ? `${name} — 名额已满` : `${name} — 剩余 ${free} 个名额`;
  return `${name} — ${free === 0 ? "no slots left" : free === 1 ? "1 slot left" : `${free} slots left`}`;
}

async function createCompany(page: Page, name: string): Promise<string> {
  await page.goto(`/${DEMO_AGENCY.slug}/clients/new`);
  await page.getByRole("radio", { name: en.clientForm.kinds.cn_org.title }).check();
  await page.getByLabel(exact(en.clientForm.fields.legalNameZh.cn_org)).fill(name);
  await page.getByLabel(exact(en.clientForm.fields.uscc)).fill(generateUscc({ rng }));
  await page.getByRole("button", { name: exact(en.clientForm.create) }).click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
  return page.url();
}

async function addPerson(page: Page, name: string, mobile?: string) {
  await page.getByRole("button", { name: en.personForm.open }).click();
  const dialog = page.getByRole("dialog", { name: en.personForm.title });
  await dialog.getByLabel(en.personForm.name).fill(name);
  await dialog.getByLabel(en.personForm.idNumber).fill(generateResidentId({ rng, birthDate: "1988-03-02" }));
  if (mobile) await dialog.getByLabel(en.personForm.mobile).fill(mobile);
  await dialog.getByLabel(en.personForm.role).selectOption({ label: en.peoplePages.roles.operator });
  await dialog.getByRole("button", { name: en.personForm.submit }).click();
  await expect(dialog).toHaveCount(0);
  // The refreshed page lists them before the next dialog is opened.
  await expect(page.getByRole("row").filter({ hasText: name })).toHaveCount(1);
}

/** A new Official Account named `name`, operated by `operator` (whose ID has `free` slots before). */
async function newAccount(page: Page, name: string, operator: string, free: number) {
  await page.getByRole("button", { name: en.accountForm.open }).click();
  const dialog = page.getByRole("dialog", { name: en.accountForm.title });
  await dialog.getByLabel(en.accountForm.operator).selectOption({ label: slotsOption("en", operator, free) });
  await dialog.getByLabel(en.accountForm.name, { exact: false }).fill(name);
  await dialog.getByRole("button", { name: en.accountForm.submit }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(exact(name))).toBeVisible();
}

/** The table row of the account or corp named `name`. */
const rowOf = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByText(exact(name)) });

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), animations: "disabled" });
}

let companyUrl: string;
const names = { a: `甲${tag}`, b: `乙${tag}`, c: `丙${tag}` };
const accounts = { one: `一号${tag}`, two: `二号${tag}`, three: `三号${tag}`, four: `四号${tag}`, five: `五号${tag}` };

test("a WeCom corp is created from the client page, its warnings shown before it is sent", async ({ page, signIn, setLanguage }) => {
  await setLanguage("en");
  await signIn(demoUser("staff").email);
  const legalName = `杭州企微流程测试有限公司${tag}`;
  companyUrl = await createCompany(page, legalName);

  await page.goto(`${companyUrl}?tab=people`);
  await addPerson(page, names.a, "13800138000");
  await addPerson(page, names.b);
  await addPerson(page, names.c, "13900139000");

  await page.goto(`${companyUrl}?tab=accounts`);
  await page.getByRole("button", { name: en.wecomForm.open }).click();
  const dialog = page.getByRole("dialog", { name: en.wecomForm.title });
  // The client's legal name to start with; its people (with their masked IDs) as administrators.
  await expect(dialog.getByLabel(en.wecomForm.corpName)).toHaveValue(legalName);
  const admin = dialog.getByLabel(en.wecomForm.admin);
  const chooseAdmin = async (name: string) => admin.selectOption((await admin.locator("option", { hasText: name }).getAttribute("value"))!);
  await chooseAdmin(names.a);
  const warnings = dialog.getByRole("status");
  await expect(warnings).toHaveCount(0);

  // 乙 has no mobile; no administrator yet; a name unlike the licence's; more than 200 people: each said, in words.
  await chooseAdmin(names.b);
  await expect(warnings).toContainText(en.wecomForm.warnings.admin_no_mobile);
  await admin.selectOption({ label: en.wecomForm.adminNone });
  await expect(warnings).toContainText(en.wecomForm.warnings.no_admin);
  await dialog.getByLabel(en.wecomForm.corpName).fill(`企微${tag}`);
  await expect(warnings).toContainText(en.wecomForm.warnings.name_differs);
  await dialog.getByLabel(en.wecomForm.scale).selectOption({ label: en.wecomForm.scales["201_500"] });
  await expect(warnings).toContainText(en.wecomForm.warnings.over_200_members);
  await expect(warnings.locator("li")).toHaveCount(3);

  // An empty name is refused on its field, in words, and nothing is made.
  await dialog.getByLabel(en.wecomForm.corpName).fill("   ");
  await dialog.getByRole("button", { name: en.wecomForm.submit }).click();
  await expect(dialog.getByText(en.validation.required)).toBeVisible();
  await expect(dialog.getByLabel(en.wecomForm.corpName)).toBeFocused();

  await dialog.getByLabel(en.wecomForm.corpName).fill(legalName);
  await chooseAdmin(names.a);
  await dialog.getByLabel(en.wecomForm.shortName, { exact: false }).fill(`企微${tag}`);
  await dialog.getByLabel(en.wecomForm.region, { exact: false }).fill("浙江省杭州市");
  await dialog.getByRole("radio", { name: en.wecomForm.tiers.paid }).check();
  await expect(warnings.locator("li")).toHaveCount(1);
  await expectNoSeriousA11yViolations(page, "the WeCom dialog");
  await shoot(page, "wecom-dialog-en");
  await dialog.getByRole("button", { name: en.wecomForm.submit }).click();
  await expect(dialog).toHaveCount(0);

  const row = rowOf(page, legalName);
  await expect(row).toContainText(en.catalogue.products.wecom);
  await expect(row).toContainText(format(en.wecomForm.row.admin, { name: names.a }));
  await expect(row).toContainText(en.portal.stages.intake);
  // WeCom corps have no operator to change.
  await expect(row.getByRole("button", { name: en.operatorChange.open })).toHaveCount(0);

  // In Chinese: the dialog in its words, and a second corp without an administrator.
  await usePreferences(page.context(), new URL(page.url()).origin, { locale: "zh-CN" });
  const zh = messages("zh-CN");
  await page.goto(`${companyUrl}?tab=accounts`);
  await page.getByRole("button", { name: zh.wecomForm.open }).click();
  const zhDialog = page.getByRole("dialog", { name: zh.wecomForm.title });
  await zhDialog.getByLabel(zh.wecomForm.admin).selectOption({ label: zh.wecomForm.adminNone });
  await zhDialog.getByLabel(zh.wecomForm.corpName).fill(`企微二号${tag}`);
  await zhDialog.getByLabel(zh.wecomForm.scale).selectOption({ label: zh.wecomForm.scales.over_1000 });
  await expect(zhDialog.getByRole("status")).toContainText(zh.wecomForm.warnings.scale_fee);
  await expect(zhDialog.getByRole("status")).toContainText(zh.wecomForm.warnings.no_admin);
  await shoot(page, "wecom-dialog-zh-CN");
  await zhDialog.getByRole("button", { name: zh.wecomForm.submit }).click();
  await expect(zhDialog).toHaveCount(0);
  await expect(rowOf(page, `企微二号${tag}`)).toContainText(zh.wecomForm.row.noAdmin);
});

test("an operator change moves the account; a full ID is explained, and a refusal at the cap names the holders", async ({
  page,
  signIn,
  setLanguage,
}) => {
  await setLanguage("en");
  await signIn(demoUser("staff").email);
  await page.goto(`${companyUrl}?tab=accounts`);
  await newAccount(page, accounts.one, names.a, 2);
  await newAccount(page, accounts.two, names.b, 2);
  await newAccount(page, accounts.three, names.b, 1);
  await expect(rowOf(page, accounts.one)).toContainText(format(en.operatorChange.row.operator, { name: names.a }));

  // 一号 (甲) → 乙: 乙's ID is full. Said before sending, with a link to the accounts; the button stays off.
  await rowOf(page, accounts.one).getByRole("button", { name: format(en.operatorChange.openLabel, { name: accounts.one }) }).click();
  const dialog = page.getByRole("dialog", { name: en.operatorChange.title });
  await expect(dialog).toContainText(names.a);
  await dialog.getByLabel(en.operatorChange.newOperator).selectOption({ label: slotsOption("en", names.b, 0) });
  await expect(dialog.getByRole("status")).toContainText(format(en.operatorChange.noSlotLeft, { name: names.b }));
  await expect(dialog.getByRole("link", { name: en.operatorChange.seeAccounts })).toBeVisible();
  await expect(dialog.getByRole("button", { name: en.operatorChange.submit })).toBeDisabled();

  // → 丙 (two free): the slot's move is explained, then done.
  await dialog.getByLabel(en.operatorChange.newOperator).selectOption({ label: slotsOption("en", names.c, 2) });
  await expect(dialog.getByTestId("slot-moves")).toHaveText(format(en.operatorChange.slotMoves, { from: names.a, to: names.c }));
  await expect(dialog.getByText(en.operatorChange.rules)).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the operator-change dialog");
  await shoot(page, "operator-change-dialog-en");
  await dialog.getByRole("button", { name: en.operatorChange.submit }).click();
  await expect(dialog).toHaveCount(0);
  await expect(rowOf(page, accounts.one)).toContainText(format(en.operatorChange.row.operator, { name: names.c }));

  // 一号 (丙) → 甲, whose ID is free now; but another tab gives 甲 two accounts before this is sent.
  await rowOf(page, accounts.one).getByRole("button", { name: format(en.operatorChange.openLabel, { name: accounts.one }) }).click();
  await dialog.getByLabel(en.operatorChange.newOperator).selectOption({ label: slotsOption("en", names.a, 2) });
  const other = await page.context().newPage();
  await other.goto(`${companyUrl}?tab=accounts`);
  await newAccount(other, accounts.four, names.a, 2);
  await newAccount(other, accounts.five, names.a, 1);
  await other.close();

  await dialog.getByRole("button", { name: en.operatorChange.submit }).click();
  const alert = dialog.getByRole("alert").first();
  await expect(alert).toContainText(en.operatorChange.errors.capReached);
  for (const holder of [accounts.four, accounts.five]) {
    await expect(dialog.getByRole("link", { name: holder })).toHaveAttribute("href", /\/people\/[0-9a-f-]{36}$/);
  }
  await shoot(page, "operator-change-refused-en");
  await dialog.getByRole("button", { name: en.members.cancel }).click();
  await page.reload();
  // Nothing changed: 一号 is still 丙's.
  await expect(rowOf(page, accounts.one)).toContainText(format(en.operatorChange.row.operator, { name: names.c }));

  // The holders' link leads to 甲's page, which lists them.
  await rowOf(page, accounts.one).getByRole("button", { name: format(en.operatorChange.openLabel, { name: accounts.one }) }).click();
  await dialog.getByLabel(en.operatorChange.newOperator).selectOption({ label: slotsOption("en", names.a, 0) });
  await dialog.getByRole("link", { name: en.operatorChange.seeAccounts }).click();
  await expect(page.getByRole("heading", { level: 1, name: names.a })).toBeVisible();
  await expect(page.getByText(accounts.four)).toBeVisible();
  await expect(page.getByText(accounts.five)).toBeVisible();

  // In Chinese: 二号 (乙) → 丙, who has one slot left.
  const zh = messages("zh-CN");
  await usePreferences(page.context(), new URL(page.url()).origin, { locale: "zh-CN" });
  await page.goto(`${companyUrl}?tab=accounts`);
  await rowOf(page, accounts.two).getByRole("button", { name: format(zh.operatorChange.openLabel, { name: accounts.two }) }).click();
  const zhDialog = page.getByRole("dialog", { name: zh.operatorChange.title });
  await zhDialog.getByLabel(zh.operatorChange.newOperator).selectOption({ label: slotsOption("zh-CN", names.c, 1) });
  await expect(zhDialog.getByTestId("slot-moves")).toHaveText(format(zh.operatorChange.slotMoves, { from: names.b, to: names.c }));
  await shoot(page, "operator-change-dialog-zh-CN");
  await zhDialog.getByRole("button", { name: zh.operatorChange.submit }).click();
  await expect(zhDialog).toHaveCount(0);
  await expect(rowOf(page, accounts.two)).toContainText(format(zh.operatorChange.row.operator, { name: names.c }));

  // 丙 is full now: in Chinese too, said before sending.
  await rowOf(page, accounts.three).getByRole("button", { name: format(zh.operatorChange.openLabel, { name: accounts.three }) }).click();
  await zhDialog.getByLabel(zh.operatorChange.newOperator).selectOption({ label: slotsOption("zh-CN", names.c, 0) });
  await expect(zhDialog.getByRole("status")).toContainText(format(zh.operatorChange.noSlotLeft, { name: names.c }));
  await expect(zhDialog.getByRole("button", { name: zh.operatorChange.submit })).toBeDisabled();
  await shoot(page, "operator-change-full-zh-CN");
});
