/**
 * Issue 6 §5 end to end: an admin turns on "staff see only their assigned clients" on the
 * settings page; the staff member then finds only the clients assigned to them or with
 * them on the team (list and search), and another client's URL answers 404; the admin adds
 * them to that client's team from its page, and it opens. The setting is put back off
 * after the spec, pass or fail, so the other specs see the seed as it was.
 */
import type { Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";
import { addCompany, setStaffRestriction } from "./support/control";
import { exact, format, messages } from "./support/messages";
import { NOT_FOUND_CONSOLE } from "./support/pages";
import { DEMO_AGENCY, demoUser } from "./support/users";

const m = messages("en");
const tag = randomBytes(3).toString("hex");
const admin = demoUser("admin");
const staff = demoUser("staff");
// Chinese names with a Chinese tag: the search finds a run of Chinese characters (ADR 0009).
const cnTag = [...tag].map((c) => "零一二三四五六七八九甲乙丙丁戊己"[Number.parseInt(c, 16)]).join("");
const query = `限制${cnTag}`;
const names = { mine: `${query}自有公司`, theirs: `${query}他人公司` };
const clientsPath = `/${DEMO_AGENCY.slug}/clients`;
const settingsPath = `/${DEMO_AGENCY.slug}/settings`;

test.describe.configure({ mode: "serial" });

let mine: string;
let theirs: string;

test.beforeAll(async () => {
  mine = (await addCompany({ agencySlug: DEMO_AGENCY.slug, name: names.mine, assigneeEmail: staff.email })).id;
  theirs = (await addCompany({ agencySlug: DEMO_AGENCY.slug, name: names.theirs, assigneeEmail: admin.email })).id;
});

test.afterAll(async () => {
  await setStaffRestriction(DEMO_AGENCY.slug, false);
});

test.beforeEach(async ({ setLanguage, consoleErrors }) => {
  // See clients-forms.spec.ts: the favicon request may reach the agency route.
  consoleErrors.allow(/status of 404 \(Not Found\) \(http:\/\/localhost:\d+\/favicon\.ico/);
  await setLanguage("en");
});

const setting = (page: Page) => page.getByRole("switch", { name: exact(m.clientTeam.setting.label) });

test("an admin turns the setting on; staff then see only their clients, and another's answers 404", async ({ page, browser, baseURL, signIn, consoleErrors }) => {
  consoleErrors.allow(NOT_FOUND_CONSOLE);
  await signIn(admin.email);
  await page.goto(settingsPath);
  await expect(page.getByRole("heading", { level: 2, name: m.clientTeam.setting.heading })).toBeVisible();
  await expect(setting(page)).toHaveAttribute("aria-checked", "false");
  await expect(page.getByText(m.clientTeam.setting.stateOff)).toBeVisible();
  await setting(page).click();
  await expect(page.getByText(m.clientTeam.setting.stateOn)).toBeVisible();
  // The switch moves at once; it is enabled again when the server has saved (a reload before that reads the old value).
  await expect(setting(page)).toBeEnabled();
  await page.reload();
  await expect(setting(page)).toHaveAttribute("aria-checked", "true");
  await expectNoSeriousA11yViolations(page, "settings with client access");

  const context = await browser.newContext({ baseURL, locale: "en" });
  try {
    await signIn(staff.email, context);
    const staffPage = await context.newPage();
    await staffPage.goto(`${clientsPath}?q=${encodeURIComponent(query)}`);
    const table = staffPage.getByRole("table");
    await expect(table.getByRole("link", { name: names.mine })).toBeVisible();
    await expect(table.getByRole("link", { name: names.theirs })).toHaveCount(0);
    for (const path of [`${clientsPath}/${theirs}`, `${clientsPath}/${theirs}/edit`]) {
      const response = await staffPage.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(staffPage.getByRole("heading", { level: 1, name: exact(m.notFound.title) })).toBeVisible();
      await expect(staffPage.getByText(names.theirs)).toHaveCount(0);
    }
    // Their own client opens, with its team card naming them as the assignee.
    await staffPage.goto(`${clientsPath}/${mine}`);
    const card = staffPage.getByRole("region", { name: exact(m.clientTeam.heading) });
    await expect(card.getByTestId("team-assignee")).toContainText(staff.name);
    await expect(card.getByText(m.clientTeam.restrictedNote)).toBeVisible();
  } finally {
    await context.close();
  }
});

test("the admin adds the staff member to another client's team, and it opens for them", async ({ page, browser, baseURL, signIn }) => {
  await signIn(admin.email);
  await page.goto(`${clientsPath}/${theirs}`);
  const card = page.getByRole("region", { name: exact(m.clientTeam.heading) });
  await expect(card.getByText(m.clientTeam.noMembers)).toBeVisible();
  await card.getByRole("button", { name: m.clientTeam.add }).click();
  const dialog = page.getByRole("dialog", { name: m.clientTeam.add });
  await expect(dialog.getByRole("button", { name: m.clientTeam.confirmAdd })).toBeDisabled();
  await dialog.getByRole("checkbox", { name: staff.name }).check();
  await expectNoSeriousA11yViolations(page, "add team members dialog");
  await dialog.getByRole("button", { name: m.clientTeam.confirmAdd }).click();
  await expect(dialog).toHaveCount(0);
  const members = card.getByRole("list", { name: m.clientTeam.members });
  await expect(members.getByRole("listitem").filter({ hasText: staff.name })).toBeVisible();

  const context = await browser.newContext({ baseURL, locale: "en" });
  try {
    await signIn(staff.email, context);
    const staffPage = await context.newPage();
    const response = await staffPage.goto(`${clientsPath}/${theirs}`);
    expect(response?.status()).toBe(200);
    await expect(staffPage.getByRole("heading", { level: 1 })).toContainText(names.theirs);
    await staffPage.goto(`${clientsPath}?q=${encodeURIComponent(query)}`);
    await expect(staffPage.getByRole("table").getByRole("link", { name: names.theirs })).toBeVisible();
  } finally {
    await context.close();
  }

  // Taken off again: the row goes, and the change is on the client's timeline.
  await members.getByRole("button", { name: format(m.clientTeam.remove, { name: staff.name }) }).click();
  await expect(card.getByText(m.clientTeam.noMembers)).toBeVisible();
  await page.goto(`${clientsPath}/${theirs}?tab=timeline`);
  const events = page.getByRole("region", { name: exact(m.clientPage.tabs.timeline) }).getByRole("listitem");
  await expect(events.filter({ hasText: m.audit.actions.client.team_add })).toHaveCount(1);
  await expect(events.filter({ hasText: m.audit.actions.client.team_remove })).toHaveCount(1);
});

test("the admin turns it off again: staff see every client", async ({ page, browser, baseURL, signIn }) => {
  await signIn(admin.email);
  await page.goto(settingsPath);
  await setting(page).click();
  await expect(page.getByText(m.clientTeam.setting.stateOff)).toBeVisible();
  await expect(setting(page)).toBeEnabled();
  const context = await browser.newContext({ baseURL, locale: "en" });
  try {
    await signIn(staff.email, context);
    const staffPage = await context.newPage();
    await staffPage.goto(`${clientsPath}?q=${encodeURIComponent(query)}`);
    await expect(staffPage.getByRole("table").getByRole("link", { name: names.theirs })).toBeVisible();
  } finally {
    await context.close();
  }
});
