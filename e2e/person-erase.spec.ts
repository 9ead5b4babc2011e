/**
 * Erasing a person (issue 6 §2, design.md §3) in the browser, in both languages: the
 * danger zone on the person's page names the active accounts that keep them from being
 * erased (with links), and once those are abandoned, the dialog explains what goes and
 * asks for the name; afterwards the page says when and by whom, shows no personal data
 * and offers no reveal or export, and the same ID number can be recorded again.
 * Staff see no danger zone. Screenshots of each state go to test-results/screenshots/.
 */
import path from "node:path";
import type { Page } from "@playwright/test";
import createClient from "openapi-fetch";
import { createRng } from "../lib/validation/random";
import { generateResidentId } from "../lib/validation/resident-id";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";
import type { paths } from "./support/api-types";
import { addCompany, fixtureIds } from "./support/control";
import { exact, format, locales, messages, type Messages } from "./support/messages";
import { DEMO_AGENCY, demoUser } from "./support/users";

const SCREENSHOT_DIR = path.join(import.meta.dirname, "..", "test-results", "screenshots");
const OWNER = demoUser("owner");
const rng = createRng(Date.now() % 2_147_483_647);

test.describe.configure({ mode: "serial" });

/** Makes an API token on the API tokens page, as a user would, in the page's language. */
async function makeToken(page: Page, t: Messages): Promise<string> {
  expect((await page.goto(`/${DEMO_AGENCY.slug}/api-tokens`))?.status()).toBe(200);
  const name = `Erase ${Date.now()}`;
  await page.getByRole("button", { name: exact(t.apiTokens.create.button) }).first().click();
  const create = page.getByRole("dialog", { name: exact(t.apiTokens.create.title) });
  await create.getByLabel(exact(t.apiTokens.create.name)).fill(name);
  await create.getByLabel(exact(t.apiTokens.create.expiry)).selectOption("30");
  await create.getByRole("button", { name: exact(t.apiTokens.create.submit) }).click();
  const reveal = page.getByRole("dialog", { name: exact(t.apiTokens.reveal.title) });
  const value = await reveal.getByLabel(exact(format(t.apiTokens.reveal.label, { name }))).inputValue();
  await reveal.getByRole("button", { name: exact(t.apiTokens.reveal.done) }).click();
  return value;
}

for (const locale of locales) {
  test(`an owner erases a person once their account is abandoned (${locale})`, async ({ page, baseURL, signIn, setLanguage }) => {
    test.setTimeout(90_000);
    const t = messages(locale);
    await setLanguage(locale);
    await signIn(OWNER.email);
    const token = await makeToken(page, t);
    const auth = { Authorization: `Bearer ${token}` };
    const api = createClient<paths>({ baseUrl: new URL("/api/v1", baseURL).toString() });
    const companyName = `擦除测试客户 ${Date.now()}`;
    const companyId = (await addCompany({ agencySlug: DEMO_AGENCY.slug, name: companyName })).id;
    const idNumber = generateResidentId({ rng, birthDate: "1985-06-15" });
    const name = `待删除${locale === "en" ? "甲" : "乙"}${Date.now() % 100_000}`;
    const person = await api.POST("/people", { headers: auth, body: { name, idType: "prc_resident_id", idNumber, mobile: "+8613900139000" } });
    expect(person.response.status).toBe(201);
    const personId = person.data!.id;
    const external = await api.POST("/people/{id}/external-accounts", { headers: auth, params: { path: { id: personId } }, body: { name: "外部已有号" } });
    expect(external.response.status).toBe(201);
    const accountName = `擦除测试号${Date.now() % 100_000}`;
    const account = await api.POST("/official-accounts", {
      headers: auth,
      body: { clientCompanyId: companyId, accountType: "service", operatorPersonId: personId, name: accountName },
    });
    expect(account.response.status).toBe(201);

    // Blocked: the account is named, linked to its client, and the button is disabled.
    const personUrl = `/${DEMO_AGENCY.slug}/people/${personId}`;
    await page.goto(personUrl);
    const zone = page.getByRole("region", { name: t.personErase.section.heading });
    await expect(zone).toBeVisible();
    const blockers = zone.getByTestId("person-erase-blockers");
    await expect(blockers).toContainText(t.personErase.section.blockedTitle);
    await expect(blockers).toContainText(accountName);
    await expect(blockers.getByRole("link", { name: format(t.personErase.section.openAccount, { company: companyName }) })).toHaveAttribute(
      "href",
      `/${DEMO_AGENCY.slug}/clients/${companyId}`,
    );
    const eraseButton = zone.getByRole("button", { name: t.personErase.section.button });
    await expect(eraseButton).toBeDisabled();
    await zone.screenshot({ path: path.join(SCREENSHOT_DIR, `person-erase-blocked-${locale}.png`), animations: "disabled" });

    // Abandoned: the button works; the dialog explains and wants the name.
    const abandoned = await api.POST("/official-accounts/{id}/abandon", {
      headers: auth,
      params: { path: { id: account.data!.id } },
      body: { version: account.data!.version },
    });
    expect(abandoned.response.status).toBe(200);
    await page.reload();
    await expect(zone.getByTestId("person-erase-blockers")).toHaveCount(0);
    await eraseButton.click();
    const dialog = page.getByRole("dialog", { name: format(t.personErase.dialog.title, { name }) });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(t.personErase.dialog.irreversible);
    const submit = dialog.getByRole("button", { name: t.personErase.dialog.submit });
    await expect(submit).toBeDisabled();
    const confirm = dialog.getByRole("textbox");
    await expect(confirm).toBeFocused();
    await confirm.fill(`${name}x`);
    await expect(submit).toBeDisabled();
    await confirm.fill(name);
    await dialog.getByRole("combobox", { name: t.personErase.dialog.reasonLabel }).selectOption("person_request");
    await expect(submit).toBeEnabled();
    await expectNoSeriousA11yViolations(page, `erase dialog (${locale})`);
    await dialog.screenshot({ path: path.join(SCREENSHOT_DIR, `person-erase-dialog-${locale}.png`), animations: "disabled" });
    await submit.click();

    // Erased: when and by whom; no name, number, mobile, reveal or export.
    await expect(page.getByRole("heading", { level: 1, name: exact(t.personErase.erased.title) })).toBeVisible();
    await expect(dialog).toHaveCount(0);
    const notice = page.getByTestId("person-erased");
    await expect(notice).toContainText(OWNER.name);
    await expect(notice).toContainText(t.personErase.erased.body);
    const main = page.locator("main");
    await expect(main).not.toContainText(name);
    await expect(main).not.toContainText("13900139000");
    await expect(page.getByTestId("person-id-number")).toHaveCount(0);
    await expect(page.getByRole("button", { name: t.peoplePages.person.reveal })).toHaveCount(0);
    await expect(page.getByRole("button", { name: t.peoplePages.person.export })).toHaveCount(0);
    await expect(page.getByRole("region", { name: t.personErase.section.heading })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: t.peoplePages.person.companies })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, `erased person (${locale})`);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `person-erased-${locale}.png`), fullPage: true, animations: "disabled" });

    // The ID is free again: recorded as a new person.
    const again = await api.POST("/people", { headers: auth, body: { name: `${name}新`, idType: "prc_resident_id", idNumber } });
    expect(again.response.status).toBe(201);
    expect(again.data!.id).not.toBe(personId);
    // A second erasure over the API is a conflict.
    const twice = await fetch(new URL(`/api/v1/people/${personId}/erase`, baseURL), {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ confirmName: name }),
    });
    expect(twice.status).toBe(409);
    expect(twice.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });
}

test("staff see a person's page without the danger zone", async ({ page, signIn, setLanguage }) => {
  const t = messages("en");
  await setLanguage("en");
  await signIn(demoUser("staff").email);
  const { ownPerson } = await fixtureIds();
  await page.goto(`/${DEMO_AGENCY.slug}/people/${ownPerson}`);
  await expect(page.getByRole("heading", { level: 2, name: t.peoplePages.person.accounts })).toBeVisible();
  await expect(page.getByRole("button", { name: t.personErase.section.button })).toHaveCount(0);
});
