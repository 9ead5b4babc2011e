/**
 * Issue 6 §3, WeChat's newer caps (domain.md B2–B4) in a browser: a Chinese individual
 * added through the form, with themself as legal representative, gets one Official
 * Account with a login e-mail; the "New Official Account" dialog then warns — before
 * anything is sent — that the individual is already the subject of an account (B2), and,
 * once the same e-mail is typed again in another case, that another account uses it
 * (B4). Warnings never stop the account. Screenshots of the dialog with its warnings in
 * both languages.
 */
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { createRng } from "../lib/validation/random";
import { generateResidentId } from "../lib/validation/resident-id";
import { expect, expectNoSeriousA11yViolations, test, usePreferences } from "./fixtures";
import { exact, locales, messages, type Messages } from "./support/messages";
import { DEMO_AGENCY, demoUser } from "./support/users";

const SCREENSHOT_DIR = path.join(import.meta.dirname, "screenshots");
const m = messages("en");
const tag = randomBytes(3).toString("hex");
const rng = createRng(Number.parseInt(tag, 16));

test.beforeEach(async ({ consoleErrors }) => {
  // As in clients-forms.spec.ts: the streamed icon can come after Chromium's /favicon.ico request.
  consoleErrors.allow(/status of 404 \(Not Found\) \(http:\/\/localhost:\d+\/favicon\.ico/);
});

/** The warnings' region of the dialog (an amber note, titled). */
const warningsOf = (page: Page, cat: Messages) =>
  page.getByRole("dialog", { name: cat.accountForm.title }).getByRole("region", { name: cat.accountForm.warningsTitle });

/** Opens the dialog and waits for the first answer of the warnings' server action. */
async function openDialog(page: Page, cat: Messages) {
  const answered = page.waitForResponse((response) => response.request().method() === "POST" && !!response.request().headers()["next-action"]);
  await page.getByRole("button", { name: cat.accountForm.open }).click();
  await answered;
  return page.getByRole("dialog", { name: cat.accountForm.title });
}

test("an individual who is already the subject of an Official Account is warned of before a second is sent", async ({ page, signIn }) => {
  await signIn(demoUser("staff").email);
  const name = `林晓${tag}`;
  await page.goto(`/${DEMO_AGENCY.slug}/clients/new`);
  await page.getByRole("radio", { name: m.clientForm.kinds.cn_individual.title }).check();
  await page.getByLabel(exact(m.clientForm.fields.legalNameZh.cn_individual)).fill(name);
  await page.getByRole("button", { name: exact(m.clientForm.create) }).click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
  const companyUrl = page.url();

  // The individual themself, as the client's legal representative (the subject of its accounts).
  await page.goto(`${companyUrl}?tab=people`);
  await page.getByRole("button", { name: m.personForm.open }).click();
  const personDialog = page.getByRole("dialog", { name: m.personForm.title });
  await personDialog.getByLabel(m.personForm.name).fill(name);
  await personDialog.getByLabel(m.personForm.idNumber).fill(generateResidentId({ rng, birthDate: "1992-08-17" }));
  await personDialog.getByLabel(m.personForm.role).selectOption({ label: m.peoplePages.roles.legal_representative });
  await personDialog.getByRole("button", { name: m.personForm.submit }).click();
  await expect(personDialog).toHaveCount(0);

  // The first account: no warning.
  const email = `lin-${tag}@example.com`;
  await page.goto(`${companyUrl}?tab=accounts`);
  let dialog = await openDialog(page, m);
  await expect(warningsOf(page, m)).toHaveCount(0);
  await dialog.getByLabel(m.accountForm.name, { exact: false }).fill(`林晓的小店${tag}`);
  await dialog.getByLabel(m.accountForm.loginEmail, { exact: false }).fill(email);
  await expect(warningsOf(page, m)).toHaveCount(0);
  await dialog.getByRole("button", { name: m.accountForm.submit }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(exact(`林晓的小店${tag}`))).toBeVisible();

  // The second: the one-per-individual cap, as soon as the dialog opens; the e-mail once typed.
  dialog = await openDialog(page, m);
  const warnings = warningsOf(page, m);
  await expect(warnings.getByRole("listitem")).toHaveText([m.accountForm.warnings.individual_subject_has_account]);
  await dialog.getByLabel(m.accountForm.loginEmail, { exact: false }).fill(email.toUpperCase());
  await expect(warnings.getByRole("listitem")).toHaveText([m.accountForm.warnings.individual_subject_has_account, m.accountForm.warnings.login_email_used]);
  // A warning, not a refusal: the account may still be sent.
  await expect(dialog.getByRole("button", { name: m.accountForm.submit })).toBeEnabled();
  await expectNoSeriousA11yViolations(page, "new account dialog with warnings");

  for (const locale of locales) {
    const cat = messages(locale);
    await usePreferences(page.context(), new URL(page.url()).origin, { locale, theme: "light" });
    await page.goto(`${companyUrl}?tab=accounts`);
    const localised = await openDialog(page, cat);
    await localised.getByLabel(cat.accountForm.loginEmail, { exact: false }).fill(email);
    await expect(warningsOf(page, cat).getByRole("listitem")).toHaveText([
      cat.accountForm.warnings.individual_subject_has_account,
      cat.accountForm.warnings.login_email_used,
    ]);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `account-warnings-${locale}-desktop.png`), animations: "disabled" });
  }
});
