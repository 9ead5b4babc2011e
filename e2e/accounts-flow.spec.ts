/**
 * Issue 6 in a browser, end to end: add a Chinese organisation through the form, add an
 * administrator (operator) with a resident ID on its page, create two Official Accounts
 * with them, and see the third explained before submitting — the operator's ID has no
 * slot left, with a link to the accounts holding them — and the person's page show both
 * slots used. Screenshots of the dialog in both languages.
 */
import path from "node:path";
import type { Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { createRng } from "../lib/validation/random";
import { generateResidentId } from "../lib/validation/resident-id";
import { generateUscc } from "../lib/validation/uscc";
import { expect, test, usePreferences } from "./fixtures";
import { exact, format, locales, messages } from "./support/messages";
import { DEMO_AGENCY, demoUser } from "./support/users";

const SCREENSHOT_DIR = path.join(import.meta.dirname, "screenshots");
const m = messages("en");
const tag = randomBytes(3).toString("hex");
const rng = createRng(Number.parseInt(tag, 16));

test.beforeEach(async ({ consoleErrors }) => {
  // As in clients-forms.spec.ts: the streamed icon can come after Chromium's /favicon.ico request.
  consoleErrors.allow(/status of 404 \(Not Found\) \(http:\/\/localhost:\d+\/favicon\.ico/);
});

async function createCompany(page: Page, name: string): Promise<string> {
  await page.goto(`/${DEMO_AGENCY.slug}/clients/new`);
  await page.getByRole("radio", { name: m.clientForm.kinds.cn_org.title }).check();
  await page.getByLabel(exact(m.clientForm.fields.legalNameZh.cn_org)).fill(name);
  await page.getByLabel(exact(m.clientForm.fields.uscc)).fill(generateUscc({ rng }));
  await page.getByRole("button", { name: exact(m.clientForm.create) }).click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
  return page.url();
}

async function newAccount(page: Page, name: string) {
  await page.getByRole("button", { name: m.accountForm.open }).click();
  const dialog = page.getByRole("dialog", { name: m.accountForm.title });
  await dialog.getByLabel(m.accountForm.name, { exact: false }).fill(name);
  await dialog.getByRole("button", { name: m.accountForm.submit }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(exact(name))).toBeVisible();
}

test("an operator's resident ID takes two Official Accounts; the third is explained and cannot be sent", async ({ page, signIn }) => {
  await signIn(demoUser("staff").email);
  const companyUrl = await createCompany(page, `福州闽江流程测试有限公司${tag}`);

  await page.goto(`${companyUrl}?tab=people`);
  await page.getByRole("button", { name: m.personForm.open }).click();
  const personDialog = page.getByRole("dialog", { name: m.personForm.title });
  await personDialog.getByLabel(m.personForm.name).fill("陈运营");
  // A wrong check character first: refused on the field, nothing saved.
  const idNumber = generateResidentId({ rng, birthDate: "1990-05-04" });
  const wrong = idNumber.slice(0, 17) + (idNumber[17] === "1" ? "2" : "1");
  await personDialog.getByLabel(m.personForm.idNumber).fill(wrong);
  await personDialog.getByRole("button", { name: m.personForm.submit }).click();
  await expect(personDialog.getByText(m.validation.residentId.checkCharacter)).toBeVisible();
  await personDialog.getByLabel(m.personForm.idNumber).fill(idNumber);
  await personDialog.getByLabel(m.personForm.role).selectOption({ label: m.peoplePages.roles.operator });
  await personDialog.getByRole("button", { name: m.personForm.submit }).click();
  await expect(personDialog).toHaveCount(0);
  const mask = `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`;
  await expect(page.getByText(mask)).toBeVisible();

  await page.goto(`${companyUrl}?tab=accounts`);
  await newAccount(page, `闽江一号${tag}`);
  await newAccount(page, `闽江二号${tag}`);

  await page.getByRole("button", { name: m.accountForm.open }).click();
  const dialog = page.getByRole("dialog", { name: m.accountForm.title });
  await expect(dialog.getByRole("status")).toContainText(format(m.accountForm.noSlotLeft, { name: "陈运营" }));
  await expect(dialog.getByRole("button", { name: m.accountForm.submit })).toBeDisabled();
  await dialog.getByRole("link", { name: m.accountForm.seeAccounts }).click();

  await expect(page.getByRole("heading", { level: 1, name: "陈运营" })).toBeVisible();
  await expect(page.getByTestId("person-slots")).toHaveText(format(m.peoplePages.person.slotsValue, { used: "2", free: "0" }));
  await expect(page.getByText(`闽江一号${tag}`)).toBeVisible();
  await expect(page.getByText(`闽江二号${tag}`)).toBeVisible();

  for (const locale of locales) {
    const context = page.context();
    await usePreferences(context, new URL(page.url()).origin, { locale, theme: "light" });
    await page.goto(`${companyUrl}?tab=accounts`);
    await page.getByRole("button", { name: messages(locale).accountForm.open }).click();
    await expect(page.getByRole("dialog", { name: messages(locale).accountForm.title })).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `account-cap-${locale}-desktop.png`), animations: "disabled" });
  }
});
