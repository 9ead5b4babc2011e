/**
 * Editing an Official Account (issue 6 §3) in the browser, in both languages: the Edit
 * button on the client's accounts tab opens the account's profile with its name history;
 * field errors show next to their fields with what was typed kept; a rename lands in the
 * history (newest first) and on the row; once registered, an introduction change locks
 * the field until the first of next month, and the dialog says so with the date; an
 * organisation renamed after registration is warned that WeChat takes the name at
 * (re)verification or the annual review. Screenshots of the dialog go to
 * test-results/screenshots/account-edit-{locale}.png.
 */
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { createRng } from "../lib/validation/random";
import { generateResidentId } from "../lib/validation/resident-id";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";
import { addCompany } from "./support/control";
import { exact, format, locales, messages, type Messages } from "./support/messages";
import { DEMO_AGENCY, demoUser } from "./support/users";

const SCREENSHOT_DIR = path.join(import.meta.dirname, "..", "test-results", "screenshots");
const tag = randomBytes(3).toString("hex");
const rng = createRng(Number.parseInt(tag, 16));

/** The table row of the account named `name`. */
const rowOf = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByText(exact(name)) });

/** A pattern for a catalogue template whose {placeholders} may read anything. */
function templatePattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped.replace(/\\\{\w+\\\}/g, ".+")}$`);
}

/** A client outside China with one operator and one Official Account named `name`; the accounts tab open. */
async function accountOnNewClient(page: Page, t: Messages, locale: string, name: string): Promise<void> {
  const companyId = (await addCompany({ agencySlug: DEMO_AGENCY.slug, name: `资料编辑客户${tag}${locale}` })).id;
  await page.goto(`/${DEMO_AGENCY.slug}/clients/${companyId}?tab=people`);
  await page.getByRole("button", { name: t.personForm.open }).click();
  const person = page.getByRole("dialog", { name: t.personForm.title });
  await person.getByLabel(t.personForm.name).fill(`运营${tag}`);
  await person.getByLabel(t.personForm.idNumber).fill(generateResidentId({ rng, birthDate: "1985-04-12" }));
  await person.getByLabel(t.personForm.role).selectOption({ label: t.peoplePages.roles.operator });
  await person.getByRole("button", { name: t.personForm.submit }).click();
  await expect(person).toHaveCount(0);
  await expect(page.getByRole("row").filter({ hasText: `运营${tag}` })).toHaveCount(1);

  await page.goto(`/${DEMO_AGENCY.slug}/clients/${companyId}?tab=accounts`);
  await page.getByRole("button", { name: t.accountForm.open }).click();
  const dialog = page.getByRole("dialog", { name: t.accountForm.title });
  await dialog.getByLabel(t.accountForm.name, { exact: false }).fill(name);
  await dialog.getByRole("button", { name: t.accountForm.submit }).click();
  await expect(dialog).toHaveCount(0);
  await expect(rowOf(page, name)).toHaveCount(1);
}

for (const locale of locales) {
  test(`an Official Account is renamed with its history kept, and its introduction waits for next month (${locale})`, async ({
    page,
    signIn,
    setLanguage,
    consoleErrors,
  }) => {
    test.setTimeout(90_000);
    consoleErrors.allow(/status of 404 \(Not Found\) \(http:\/\/localhost:\d+\/favicon\.ico/);
    const t = messages(locale);
    const e = t.accountEdit;
    await setLanguage(locale);
    await signIn(demoUser("staff").email);
    const names = { first: `初名${tag}${locale === "en" ? "甲" : "乙"}`, second: `新名${tag}${locale === "en" ? "甲" : "乙"}`, third: `三名${tag}${locale === "en" ? "甲" : "乙"}` };
    await accountOnNewClient(page, t, locale, names.first);

    const open = async (name: string) => {
      await rowOf(page, name).getByRole("button", { name: format(e.openLabel, { name }) }).click();
      const dialog = page.getByRole("dialog", { name: e.title });
      await expect(dialog.getByLabel(exact(e.fields.name))).toBeVisible();
      return dialog;
    };

    // The profile, with the one name it has had.
    let dialog = await open(names.first);
    await expect(dialog.getByLabel(exact(e.fields.name))).toHaveValue(names.first);
    await expect(dialog.getByTestId("name-history").locator("li")).toHaveCount(1);
    await expect(dialog.getByTestId("name-history")).toContainText(names.first);
    await expect(dialog.getByTestId("org-rename-note")).toHaveCount(0);

    // Field errors in place, what was typed kept, the first refused field focused.
    await dialog.getByLabel(exact(e.fields.wechatId)).fill("1abc");
    await dialog.getByLabel(exact(e.fields.originalId)).fill("gh_1");
    await dialog.getByRole("button", { name: exact(e.submit) }).click();
    await expect(dialog.getByText(exact(e.errors.wechatId))).toBeVisible();
    await expect(dialog.getByText(exact(e.errors.originalId))).toBeVisible();
    await expect(dialog.getByLabel(exact(e.fields.wechatId))).toHaveValue("1abc");
    await expect(dialog.getByLabel(exact(e.fields.wechatId))).toBeFocused();

    // Renamed and registered: the row shows the new name.
    await dialog.getByLabel(exact(e.fields.name)).fill(names.second);
    await dialog.getByLabel(exact(e.fields.wechatId)).fill(`ed_${tag}`);
    await dialog.getByLabel(exact(e.fields.originalId)).fill(`gh_${tag}${tag}`);
    await dialog.getByLabel(exact(e.fields.registeredAt)).fill("2026-11-20");
    await dialog.getByRole("button", { name: exact(e.submit) }).click();
    await expect(dialog).toHaveCount(0);
    await expect(rowOf(page, names.second)).toHaveCount(1);

    // The history, newest first; the introduction may change (once this month).
    dialog = await open(names.second);
    const history = dialog.getByTestId("name-history").locator("li");
    await expect(history).toHaveCount(2);
    await expect(history.nth(0)).toContainText(names.second);
    await expect(history.nth(0)).toContainText(demoUser("staff").name);
    await expect(history.nth(1)).toContainText(names.first);
    await expect(dialog.getByText(exact(e.hints.introductionRule))).toBeVisible();
    await dialog.getByLabel(exact(e.fields.introduction)).fill(locale === "en" ? "Travel notes from Singapore." : "新加坡旅行笔记。");
    await dialog.getByRole("button", { name: exact(e.submit) }).click();
    await expect(dialog).toHaveCount(0);

    // Changed once this month: locked, and the dialog says until when.
    dialog = await open(names.second);
    const introduction = dialog.getByLabel(exact(e.fields.introduction));
    await expect(introduction).toBeDisabled();
    await expect(introduction).toHaveValue(locale === "en" ? "Travel notes from Singapore." : "新加坡旅行笔记。");
    await expect(dialog.getByTestId("intro-locked")).toHaveText(templatePattern(e.introLocked));
    await expect(dialog.getByTestId("org-rename-note")).toHaveText(e.orgRenameNote);
    await expectNoSeriousA11yViolations(page, "the account edit dialog");
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `account-edit-${locale}.png`), animations: "disabled" });

    // An organisation renamed after registration: saved, with WeChat's condition said.
    await dialog.getByLabel(exact(e.fields.name)).fill(names.third);
    await dialog.getByRole("button", { name: exact(e.submit) }).click();
    await expect(dialog.getByTestId("warning-org_rename_at_verification")).toHaveText(e.warnings.org_rename_at_verification);
    await expect(dialog.getByTestId("name-history").locator("li")).toHaveCount(3);
    await dialog.getByRole("button", { name: exact(e.done) }).click();
    await expect(dialog).toHaveCount(0);
    await expect(rowOf(page, names.third)).toHaveCount(1);
  });
}
