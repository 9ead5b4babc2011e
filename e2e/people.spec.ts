/**
 * People (issue 6 §2) in the browser: the list shows masked numbers only; a person's
 * page shows the slots and reveals the number on request (then masks it again on
 * reload); the exact search by full number is a POST: a match opens the person, and the
 * number is in no URL the browser visited. Screenshots of both pages in both languages.
 */
import path from "node:path";
import { expect, test, usePreferences } from "./fixtures";
import { exact, locales, messages } from "./support/messages";
import { DEMO_AGENCY, demoUser } from "./support/users";

const SCREENSHOT_DIR = path.join(import.meta.dirname, "screenshots");
const m = messages("en");
const peopleUrl = `/${DEMO_AGENCY.slug}/people`;

test("reveal a person's ID number, then find them by it without the number reaching a URL", async ({ page, signIn }) => {
  await signIn(demoUser("owner").email);
  const visited: string[] = [];
  page.on("request", (request) => visited.push(request.url()));

  await page.goto(peopleUrl);
  await expect(page.getByRole("heading", { level: 1, name: exact(m.pages.people.title) })).toBeVisible();
  const table = page.getByRole("table", { name: m.peoplePages.table.caption });
  // The first person with a resident ID (others hold passports).
  const row = table.locator("tbody tr").filter({ hasText: /\d{6}\*{8}\d{3}[\dX]/ }).first();
  const firstMask = (await row.locator("td").nth(1).innerText()).trim();
  expect(firstMask).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);

  await row.getByRole("link").click();
  await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}$/);
  const number = page.getByTestId("person-id-number");
  await expect(number).toHaveText(firstMask);
  await expect(page.getByTestId("person-slots")).toContainText(/of 2 used/);
  await page.getByRole("button", { name: m.peoplePages.person.reveal }).click();
  await expect(number).toHaveText(/^\d{17}[\dX]$/);
  const clear = (await number.innerText()).trim();
  expect(clear.slice(0, 6) + "********" + clear.slice(-4)).toBe(firstMask);
  const personUrl = page.url();

  await page.reload();
  await expect(number).toHaveText(firstMask);

  await page.goto(peopleUrl);
  const idField = page.getByRole("textbox", { name: m.peoplePages.idSearch.label });
  await idField.fill(clear.slice(0, 17));
  await page.getByRole("button", { name: m.peoplePages.idSearch.submit }).click();
  await expect(page.getByText(m.peoplePages.errors.searchFormat)).toBeVisible();
  // Typed in full width, as a Chinese input method may: normalised before hashing.
  await idField.fill(clear.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
  await page.getByRole("button", { name: m.peoplePages.idSearch.submit }).click();
  await expect(page).toHaveURL(personUrl);
  expect(visited.filter((url) => url.includes(clear) || url.includes(clear.slice(6, 14))), "the number in a URL").toEqual([]);
});

test("a manager sees masked numbers and no reveal", async ({ page, signIn }) => {
  await signIn(demoUser("manager").email);
  await page.goto(peopleUrl);
  await page.getByRole("table", { name: m.peoplePages.table.caption }).locator("tbody tr").first().getByRole("link").click();
  await expect(page.getByTestId("person-id-number")).toHaveText(/\*{8}/);
  await expect(page.getByRole("button", { name: m.peoplePages.person.reveal })).toHaveCount(0);
});

for (const locale of locales) {
  test(`screenshots of the people pages in ${locale}`, async ({ page, context, baseURL, signIn }) => {
    const t = messages(locale);
    await signIn(demoUser("owner").email);
    await usePreferences(context, baseURL!, { locale, theme: "light" });
    await page.goto(peopleUrl);
    await expect(page.getByRole("heading", { level: 1, name: exact(t.pages.people.title) })).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `people-${locale}-desktop.png`), fullPage: true, animations: "disabled" });
    await page.getByRole("table", { name: t.peoplePages.table.caption }).locator("tbody tr").first().getByRole("link").click();
    await expect(page.getByRole("heading", { level: 2, name: t.peoplePages.person.accounts })).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `person-${locale}-desktop.png`), fullPage: true, animations: "disabled" });
  });
}
