/**
 * Editing a person (issue 6) in the browser, in both languages: the Edit link on the
 * person's page opens the form with the ID number masked and fixed; field errors show
 * next to the fields with what was typed kept; a save lands back on the page with the
 * new details. An edit overtaken by someone else's save (a second tab of another member)
 * says who and when, shows their values next to ours, and overwrites nothing. A
 * screenshot of the conflict goes to test-results/screenshots/person-edit-{locale}.png.
 */
import path from "node:path";
import type { Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { createRng } from "../lib/validation/random";
import { generateResidentId } from "../lib/validation/resident-id";
import { expect, expectNoSeriousA11yViolations, test, usePreferences } from "./fixtures";
import { addCompany } from "./support/control";
import { exact, format, locales, messages, type Messages } from "./support/messages";
import { DEMO_AGENCY, demoUser } from "./support/users";

const SCREENSHOT_DIR = path.join(import.meta.dirname, "..", "test-results", "screenshots");
const tag = randomBytes(3).toString("hex");
const rng = createRng(Number.parseInt(tag, 16));
const owner = demoUser("owner");
const admin = demoUser("admin");

/** Records a person on a new client's page (the add-person dialog); their page's path. */
async function addPerson(page: Page, t: Messages, name: string, idNumber: string): Promise<string> {
  const companyId = (await addCompany({ agencySlug: DEMO_AGENCY.slug, name: `编辑人员测试客户${tag}${name}` })).id;
  await page.goto(`/${DEMO_AGENCY.slug}/clients/${companyId}?tab=people`);
  await page.getByRole("button", { name: t.personForm.open }).click();
  const dialog = page.getByRole("dialog", { name: t.personForm.title });
  await dialog.getByLabel(t.personForm.name).fill(name);
  await dialog.getByLabel(t.personForm.idNumber).fill(idNumber);
  await dialog.getByLabel(t.personForm.role).selectOption({ label: t.peoplePages.roles.operator });
  await dialog.getByRole("button", { name: t.personForm.submit }).click();
  await expect(dialog).toHaveCount(0);
  const link = page.getByRole("link", { name: exact(name) });
  await expect(link).toBeVisible();
  return (await link.getAttribute("href"))!;
}

for (const locale of locales) {
  test(`a person is edited, and an overtaken edit shows both versions (${locale})`, async ({ page, browser, baseURL, signIn, setLanguage, consoleErrors }) => {
    test.setTimeout(90_000);
    consoleErrors.allow(/status of 404 \(Not Found\) \(http:\/\/localhost:\d+\/favicon\.ico/);
    const t = messages(locale);
    const f = t.personEditForm;
    await setLanguage(locale);
    await signIn(owner.email);
    const idNumber = generateResidentId({ rng, birthDate: "1986-09-12" });
    const name = `编辑${locale === "en" ? "甲" : "乙"}${tag}`;
    const personPath = await addPerson(page, t, name, idNumber);
    const mask = `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`;

    // The Edit link; the number masked and fixed, the birth date read from it.
    await page.goto(personPath);
    await page.getByRole("link", { name: exact(f.edit) }).click();
    await expect(page).toHaveURL(new RegExp(`${personPath}/edit$`));
    await expect(page.getByRole("heading", { level: 1, name: exact(f.title) })).toBeVisible();
    const idBox = page.getByTestId("person-edit-id");
    await expect(idBox.getByText(exact(mask))).toBeVisible();
    await expect(idBox.getByText(exact(format(f.birthDateFromId, { date: "1986-09-12" })))).toBeVisible();
    await expect(page.getByLabel(exact(f.fields.birthDate))).toHaveCount(0);
    await expect(page.locator("body")).not.toContainText(idNumber);
    await expectNoSeriousA11yViolations(page, "person edit form");

    // Field errors in place, what was typed kept.
    await page.getByLabel(exact(f.fields.mobile)).fill("12345");
    await page.getByLabel(exact(f.fields.email)).fill("not-an-address");
    await page.getByRole("button", { name: exact(f.save) }).click();
    await expect(page.getByText(exact(t.validation.mobile.format))).toBeVisible();
    await expect(page.getByText(exact(f.errors.email))).toBeVisible();
    await expect(page.getByLabel(exact(f.fields.mobile))).toHaveValue("12345");
    await expect(page.getByLabel(exact(f.fields.mobile))).toBeFocused();

    // Saved: back on the person's page with the new details.
    await page.getByLabel(exact(f.fields.mobile)).fill("138 0013 8000");
    await page.getByLabel(exact(f.fields.fixedLine)).fill("0755 2345 6789");
    await page.getByLabel(exact(f.fields.email)).fill(`wang.${tag}@example.com`);
    await page.getByLabel(exact(f.fields.idExpiresOn)).fill("2036-05-01");
    await page.getByRole("button", { name: exact(f.save) }).click();
    await expect(page).toHaveURL(new RegExp(`${personPath}$`));
    await expect(page.getByRole("status").getByText(exact(f.saved))).toBeVisible();
    await expect(page.getByText(exact("+8613800138000"))).toBeVisible();
    await expect(page.getByText(exact("0755-23456789"))).toBeVisible();
    await expect(page.getByText(exact(`wang.${tag}@example.com`))).toBeVisible();

    // Two tabs: the admin saves first, in a browser of their own.
    const other = await browser.newContext({ baseURL, locale: locale === "en" ? "en" : "zh-CN" });
    await usePreferences(other, baseURL!, { locale, theme: "light" });
    await signIn(admin.email, other);
    const theirs = await other.newPage();
    await theirs.goto(`${personPath}/edit`);
    await page.goto(`${personPath}/edit`);
    await theirs.getByLabel(exact(f.fields.name)).fill(`${name}改`);
    await theirs.getByLabel(exact(f.fields.mobile)).fill("13900139000");
    await theirs.getByRole("button", { name: exact(f.save) }).click();
    await expect(theirs).toHaveURL(new RegExp(`${personPath}$`));
    await other.close();

    await page.getByLabel(exact(f.fields.mobile)).fill("13700137000");
    await page.getByRole("button", { name: exact(f.save) }).click();
    const conflict = page.getByTestId("person-conflict");
    await expect(conflict).toBeVisible();
    // "Changed by <admin> at <time>", the time in the agency's zone.
    const title = format(f.conflict.title, { name: admin.name, time: "\u0000" }).replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace("\u0000", ".+");
    await expect(conflict.getByText(new RegExp(`^${title}$`))).toBeVisible();
    await expect(conflict.locator('tr[data-field="mobile"]').getByRole("cell")).toHaveText(["13700137000", "+8613900139000"]);
    await expect(conflict.locator('tr[data-field="name"]').getByRole("cell")).toHaveText([name, `${name}改`]);
    await expect(page.getByLabel(exact(f.fields.mobile))).toHaveValue("13700137000");
    await conflict.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `person-edit-${locale}.png`), fullPage: true, animations: "disabled" });

    // Nothing was overwritten.
    const check = await page.context().newPage();
    await check.goto(personPath);
    await expect(check.getByRole("heading", { level: 1, name: exact(`${name}改`) })).toBeVisible();
    await expect(check.getByText(exact("+8613900139000"))).toBeVisible();
    await check.close();

    // Keep mine: the next save replaces the newer version, knowingly.
    await conflict.getByRole("button", { name: exact(f.conflict.keep) }).click();
    await expect(conflict.getByText(exact(f.conflict.kept))).toBeVisible();
    await page.getByRole("button", { name: exact(f.save) }).click();
    await expect(page).toHaveURL(new RegExp(`${personPath}$`));
    await expect(page.getByText(exact("+8613700137000"))).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: exact(name) })).toBeVisible();
  });
}
