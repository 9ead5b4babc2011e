/**
 * Issue 6 §1/§6/§8 in a browser: add a client of each kind through the form; a credit
 * code with a wrong check character shows the warning as the user leaves the field and
 * needs a reason; field errors next to the fields in both languages, with what was typed
 * kept; an edit overtaken by someone else's save says who and when, shows their values
 * next to ours and overwrites nothing; a note added on the client page, then seen with
 * the timeline. Companies with unique names in the demo agency, so the seed is left as
 * it was for the other specs.
 */
import type { Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { createRng } from "../lib/validation/random";
import { generateUscc, usccCheckCharacter } from "../lib/validation/uscc";
import { expect, expectNoSeriousA11yViolations, test, usePreferences } from "./fixtures";
import { exact, format, messages, type Messages } from "./support/messages";
import { NOT_FOUND_CONSOLE } from "./support/pages";
import { DEMO_AGENCY, demoUser, SECOND_AGENCY } from "./support/users";
import { fixtureIds } from "./support/control";

const m = messages("en");
const tag = randomBytes(3).toString("hex");
const rng = createRng(Number.parseInt(tag, 16));
const owner = demoUser("owner");
const admin = demoUser("admin");
const newClientPath = `/${DEMO_AGENCY.slug}/clients/new`;
const companyUrl = new RegExp(`/${DEMO_AGENCY.slug}/clients/[0-9a-f-]{36}$`);

test.beforeEach(async ({ signIn, setLanguage, consoleErrors }) => {
  // Next streams metadata into the body after the shell, so the inline icon of
  // app/layout.tsx can arrive after Chromium has asked for /favicon.ico, which reaches the
  // agency route and answers 404. Not this feature's; only that request is let through.
  consoleErrors.allow(/status of 404 \(Not Found\) \(http:\/\/localhost:\d+\/favicon\.ico/);
  await setLanguage("en");
  await signIn(owner.email);
});

function field(page: Page, label: string) {
  return page.getByLabel(exact(label));
}

/** The message shown under the field labelled `label`. */
function fieldMessage(page: Page, label: string, text: string) {
  return page.getByLabel(exact(label)).locator("xpath=ancestor::div[label][1]").getByText(text, { exact: true });
}

/** A tab of the client page. */
function tab(page: Page, name: string) {
  return page.getByRole("navigation", { name: exact(m.clientPage.tabs.label) }).getByRole("link", { name: new RegExp(`^${name}`) });
}

async function chooseKind(page: Page, cat: Messages, kind: "cn_org" | "cn_individual" | "overseas") {
  await page.getByRole("radio", { name: cat.clientForm.kinds[kind].title }).check();
}

test("adds a Chinese organisation with a valid credit code, and lands on its page", async ({ page }) => {
  const uscc = generateUscc({ rng });
  const name = `杭州云帆网络科技有限公司${tag}`;
  await page.goto(newClientPath);
  await expect(page.getByRole("heading", { level: 1, name: exact(m.clientForm.newTitle) })).toBeVisible();
  // Nothing but the kind until one is chosen.
  await expect(field(page, m.clientForm.fields.uscc)).toHaveCount(0);
  await chooseKind(page, m, "cn_org");
  await field(page, m.clientForm.fields.legalNameZh.cn_org).fill(name);
  await field(page, m.clientForm.fields.nameEn.cn_org).fill(`Hangzhou Yunfan ${tag}`);
  // Typed in lower case: checked and stored normalised.
  await field(page, m.clientForm.fields.uscc).fill(uscc.toLowerCase());
  await field(page, m.clientForm.fields.industry).click();
  await expect(page.getByText(exact(m.clientForm.usccWarning.title))).toHaveCount(0);
  await field(page, m.clientForm.fields.industry).fill("Software");
  await field(page, m.clientForm.fields.scale).selectOption({ label: m.clientForm.scales.small });
  await field(page, m.clientForm.fields.assigneeUserId).selectOption({ label: admin.name });
  await expectNoSeriousA11yViolations(page, "new client form");
  await page.getByRole("button", { name: exact(m.clientForm.create) }).click();

  await expect(page).toHaveURL(companyUrl);
  await expect(page.getByRole("heading", { level: 1, name: exact(name) })).toBeVisible();
  await expect(page.getByRole("status").getByText(exact(m.clientPage.saved.created))).toBeVisible();
  const header = page.locator("header").filter({ has: page.getByRole("heading", { level: 1 }) });
  await expect(header.getByText(exact(m.clientPage.kinds.cn_org))).toBeVisible();
  await expect(header.getByText(exact(uscc))).toBeVisible();
  await expect(header.getByText(exact(admin.name))).toBeVisible();
  await expectNoSeriousA11yViolations(page, "client page");
});

test("a credit code with a wrong check character warns as the field is left and needs a reason", async ({ page }) => {
  const valid = generateUscc({ rng });
  const wrong = valid.slice(0, 17) + (usccCheckCharacter(valid.slice(0, 17)) === "0" ? "1" : "0");
  const name = `厦门试点企业${tag}`;
  await page.goto(newClientPath);
  await chooseKind(page, m, "cn_org");
  await field(page, m.clientForm.fields.legalNameZh.cn_org).fill(name);
  await field(page, m.clientForm.fields.uscc).fill(wrong);
  await expect(field(page, m.clientForm.fields.usccOverrideReason)).toHaveCount(0);
  await field(page, m.clientForm.fields.uscc).blur();
  await expect(page.getByText(exact(m.clientForm.usccWarning.title))).toBeVisible();
  await expect(field(page, m.clientForm.fields.usccOverrideReason)).toBeVisible();

  // No reason: refused, the reason field says why and has the focus.
  await page.getByRole("button", { name: exact(m.clientForm.create) }).click();
  await expect(fieldMessage(page, m.clientForm.fields.usccOverrideReason, m.clients.errors.usccOverride)).toBeVisible();
  await expect(field(page, m.clientForm.fields.usccOverrideReason)).toBeFocused();
  await expect(page).toHaveURL(new RegExp(`${newClientPath}$`));

  await field(page, m.clientForm.fields.usccOverrideReason).fill("The licence shows this code; issued in the pilot.");
  await page.getByRole("button", { name: exact(m.clientForm.create) }).click();
  await expect(page).toHaveURL(companyUrl);
  await expect(page.getByText(exact(m.clientPage.overview.usccOverrideReason))).toBeVisible();
  await expect(page.getByText(exact("The licence shows this code; issued in the pilot."))).toBeVisible();
});

test("adds a Chinese individual and a company outside China", async ({ page }) => {
  const person = `王芳${tag}`;
  await page.goto(newClientPath);
  await chooseKind(page, m, "cn_individual");
  // What an individual does not have is not asked for.
  await expect(field(page, m.clientForm.fields.uscc)).toHaveCount(0);
  await expect(field(page, m.clientForm.fields.subjectType)).toHaveCount(0);
  await field(page, m.clientForm.fields.legalNameZh.cn_individual).fill(person);
  await page.getByRole("button", { name: exact(m.clientForm.create) }).click();
  await expect(page).toHaveURL(companyUrl);
  await expect(page.getByRole("heading", { level: 1, name: exact(person) })).toBeVisible();
  await expect(page.getByText(exact(m.clientPage.kinds.cn_individual))).toBeVisible();

  const company = `Lion Harbour Pte Ltd ${tag}`;
  await page.goto(newClientPath);
  await chooseKind(page, m, "overseas");
  await expect(field(page, m.clientForm.fields.uscc)).toHaveCount(0);
  await field(page, m.clientForm.fields.nameEn.overseas).fill(company);
  await field(page, m.clientForm.fields.country).fill("sg");
  await expect(page.getByText(exact("Singapore"))).toBeVisible();
  await field(page, m.clientForm.fields.foreignRegistrationNumber).fill("201912345K");
  await page.getByRole("button", { name: exact(m.clientForm.create) }).click();
  await expect(page).toHaveURL(companyUrl);
  await expect(page.getByRole("heading", { level: 1, name: exact(company) })).toBeVisible();
  await expect(page.getByText(exact(m.clientPage.kinds.overseas))).toBeVisible();
  await expect(page.getByText("201912345K")).toBeVisible();
});

for (const locale of ["en", "zh-CN"] as const) {
  test(`field errors next to the fields, with what was typed kept (${locale})`, async ({ page, context, baseURL }) => {
    const cat = messages(locale);
    await usePreferences(context, baseURL!, { locale });
    await page.goto(newClientPath);
    // Saving before choosing a kind says to choose one.
    await page.getByRole("button", { name: exact(cat.clientForm.create) }).click();
    await expect(page.getByText(exact(cat.clientForm.errors.kindRequired))).toBeVisible();

    await chooseKind(page, cat, "cn_org");
    await field(page, cat.clientForm.fields.nameEn.cn_org).fill(`Typed ${tag}`);
    await field(page, cat.clientForm.fields.registrationNumber).fill("12345");
    await page.getByRole("button", { name: exact(cat.clientForm.create) }).click();
    await expect(fieldMessage(page, cat.clientForm.fields.legalNameZh.cn_org, cat.clients.errors.nameRequired)).toBeVisible();
    await expect(fieldMessage(page, cat.clientForm.fields.uscc, cat.validation.required)).toBeVisible();
    await expect(page.getByRole("alert").getByText(exact(cat.errors.codes.VALIDATION))).toBeVisible();
    await expect(field(page, cat.clientForm.fields.legalNameZh.cn_org)).toBeFocused();
    await expect(field(page, cat.clientForm.fields.nameEn.cn_org)).toHaveValue(`Typed ${tag}`);
    await expect(field(page, cat.clientForm.fields.registrationNumber)).toHaveValue("12345");

    // A malformed code is caught as the field is left, before any save.
    await field(page, cat.clientForm.fields.uscc).fill("12345");
    await field(page, cat.clientForm.fields.uscc).blur();
    await expect(fieldMessage(page, cat.clientForm.fields.uscc, cat.validation.uscc.format)).toBeVisible();
    await field(page, cat.clientForm.fields.uscc).fill(generateUscc({ rng }));
    await field(page, cat.clientForm.fields.legalNameZh.cn_org).fill(`字段错误测试${tag}${locale}`);
    await page.getByRole("button", { name: exact(cat.clientForm.create) }).click();
    await expect(fieldMessage(page, cat.clientForm.fields.registrationNumber, cat.clients.errors.registrationNumber)).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`${newClientPath}$`));
  });
}

test("an edit overtaken by someone else's save shows both versions and overwrites nothing", async ({ page, browser, baseURL, signIn }) => {
  const name = `并发编辑测试有限公司${tag}`;
  await page.goto(newClientPath);
  await chooseKind(page, m, "cn_org");
  await field(page, m.clientForm.fields.legalNameZh.cn_org).fill(name);
  await field(page, m.clientForm.fields.uscc).fill(generateUscc({ rng }));
  await field(page, m.clientForm.fields.industry).fill("Tea");
  await page.getByRole("button", { name: exact(m.clientForm.create) }).click();
  await expect(page).toHaveURL(companyUrl);
  const clientPath = new URL(page.url()).pathname;

  // The admin opens the same edit form in a browser of their own.
  const other = await browser.newContext({ baseURL, locale: "en" });
  await usePreferences(other, baseURL!, { locale: "en", theme: "light" });
  await signIn(admin.email, other);
  const theirs = await other.newPage();
  await theirs.goto(`${clientPath}/edit`);
  await page.goto(`${clientPath}/edit`);
  await expect(page.getByText(exact(m.clientForm.kindFixed))).toBeVisible();
  await expect(page.getByRole("radio")).toHaveCount(0);

  await field(theirs, m.clientForm.fields.industry).fill("Coffee");
  await theirs.getByRole("button", { name: exact(m.clientForm.save) }).click();
  await expect(theirs).toHaveURL(new RegExp(`${clientPath}$`));
  await expect(theirs.getByRole("status").getByText(exact(m.clientPage.saved.updated))).toBeVisible();
  await other.close();

  await field(page, m.clientForm.fields.industry).fill("Juice");
  await field(page, m.clientForm.fields.address).fill("1 Harbour Road");
  await page.getByRole("button", { name: exact(m.clientForm.save) }).click();
  const conflict = page.getByTestId("company-conflict");
  await expect(conflict).toBeVisible();
  await expect(conflict.getByText(new RegExp(`^${format(m.clientForm.conflict.title, { name: admin.name, time: "" }).trim()}`))).toBeVisible();
  const industryRow = conflict.locator('tr[data-field="industry"]');
  await expect(industryRow.getByRole("cell")).toHaveText(["Juice", "Coffee"]);
  await expect(conflict.locator('tr[data-field="address"]').getByRole("cell")).toHaveText(["1 Harbour Road", m.clientForm.conflict.empty]);
  // Still on the form, with what this user typed.
  await expect(field(page, m.clientForm.fields.industry)).toHaveValue("Juice");

  // Nothing was overwritten.
  const check = await page.context().newPage();
  await check.goto(clientPath);
  await expect(check.getByText(exact("Coffee"))).toBeVisible();
  await expect(check.getByText(exact("Juice"))).toHaveCount(0);
  await check.close();

  // Load the latest: their industry in the form; change the address again and save.
  await conflict.getByRole("button", { name: exact(m.clientForm.conflict.reload) }).click();
  await expect(conflict).toHaveCount(0);
  await expect(field(page, m.clientForm.fields.industry)).toHaveValue("Coffee");
  await field(page, m.clientForm.fields.address).fill("1 Harbour Road");
  await page.getByRole("button", { name: exact(m.clientForm.save) }).click();
  await expect(page).toHaveURL(new RegExp(`${clientPath}$`));
  await expect(page.getByText(exact("Coffee"))).toBeVisible();
  await expect(page.getByText(exact("1 Harbour Road"))).toBeVisible();
});

test("a note added on the client page shows in the notes and the timeline", async ({ page }) => {
  const name = `备注测试${tag}`;
  await page.goto(newClientPath);
  await chooseKind(page, m, "cn_individual");
  await field(page, m.clientForm.fields.legalNameZh.cn_individual).fill(name);
  await page.getByRole("button", { name: exact(m.clientForm.create) }).click();
  await expect(page).toHaveURL(companyUrl);
  const clientPath = new URL(page.url()).pathname;

  await tab(page, m.clientPage.tabs.documents).click();
  await expect(page.getByRole("heading", { name: exact(m.documentsUi.company.emptyTitle) })).toBeVisible();

  await tab(page, m.clientPage.tabs.notes).click();
  await expect(page).toHaveURL(new RegExp(`${clientPath}\\?tab=notes$`));
  await expect(page.getByText(exact(m.clientPage.notes.emptyTitle))).toBeVisible();
  await page.getByRole("button", { name: exact(m.clientPage.notes.submit) }).click();
  await expect(fieldMessage(page, m.clientPage.notes.label, m.clientPage.notes.errors.required)).toBeVisible();
  await field(page, m.clientPage.notes.label).fill(`Prefers calls after 3 pm ${tag}`);
  await page.getByRole("button", { name: exact(m.clientPage.notes.submit) }).click();
  await expect(page.getByRole("status").getByText(exact(m.clientPage.notes.added))).toBeVisible();
  const notes = page.getByRole("list", { name: exact(m.clientPage.notes.listLabel) });
  await expect(notes.getByRole("listitem")).toHaveCount(1);
  await expect(notes.getByText(exact(`Prefers calls after 3 pm ${tag}`))).toBeVisible();
  await expect(notes.getByText(exact(owner.name))).toBeVisible();
  await expect(field(page, m.clientPage.notes.label)).toHaveValue("");
  await expectNoSeriousA11yViolations(page, "client notes");

  await tab(page, m.clientPage.tabs.timeline).click();
  const events = page.getByRole("region", { name: exact(m.clientPage.tabs.timeline) }).getByRole("listitem");
  await expect(events).toHaveCount(2);
  await expect(events.nth(0)).toContainText(m.audit.actions.note.create);
  await expect(events.nth(0)).toContainText(owner.name);
  await expect(events.nth(1)).toContainText(m.audit.actions.client.create);
});

test("another agency's client, or an id that is not one, is not found", async ({ page, consoleErrors }) => {
  consoleErrors.allow(NOT_FOUND_CONSOLE);
  const { otherAgencyCompany } = await fixtureIds();
  for (const path of [
    `/${DEMO_AGENCY.slug}/clients/${otherAgencyCompany}`,
    `/${DEMO_AGENCY.slug}/clients/${otherAgencyCompany}/edit`,
    `/${DEMO_AGENCY.slug}/clients/not-an-id`,
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: exact(m.notFound.title) })).toBeVisible();
    await expect(page.getByText(SECOND_AGENCY.name)).toHaveCount(0);
  }
});
