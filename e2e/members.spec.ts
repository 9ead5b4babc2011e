/**
 * Issue 4 end to end, in a browser: sign up a new agency and confirm the e-mail from the
 * outbox → invite a staff member and a client administrator → both accept from the
 * outbox → each sees what their role allows → disable the staff member and hand their
 * client over → the audit log shows it; screenshots of the members and audit pages in
 * both languages. A fresh agency, so the seed other specs use is left alone.
 */
import type { Browser, Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, expectNoSeriousA11yViolations, test, usePreferences } from "./fixtures";
import { addCompany } from "./support/control";
import { messages } from "./support/messages";

const m = messages("en");
const SCREENSHOT_DIR = path.join(import.meta.dirname, "screenshots");
const tag = randomBytes(3).toString("hex");
const slug = `e2e-${tag}`;
const PASSWORD = "a long enough password";
const people = {
  owner: { name: "Olivia Owner", email: `owner-${tag}@example.com` },
  staff: { name: "Sam Staff", email: `staff-${tag}@example.com` },
  client: { name: "Chen Client", email: `client-${tag}@example.com` },
};

test.describe.configure({ mode: "serial" });
test.skip(!!process.env.SMTP_URL, "SMTP_URL is set: no outbox to read the links from");

/** The first link in the newest outbox mail to `to` whose URL contains `path`. */
async function linkFromOutbox(page: Page, to: string, path: string): Promise<string> {
  await page.goto("/dev/outbox");
  const mail = page.getByRole("listitem").filter({ hasText: to }).first();
  const href = await mail.locator(`a[href*="${path}"]`).first().getAttribute("href");
  expect(href, `a ${path} link in the mail to ${to}`).toBeTruthy();
  return new URL(href!).pathname;
}

async function signIn(page: Page, email: string) {
  await page.getByLabel(m.auth.signIn.email).fill(email);
  await page.getByLabel(m.auth.signIn.password, { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: m.auth.signIn.submit }).click();
}

/** Someone new accepts their invitation: account, then sign-in, landing on `home`. */
async function accept(browser: Browser, baseURL: string, who: { name: string; email: string }, home: string) {
  const context = await browser.newContext({ baseURL, locale: "en" });
  await usePreferences(context, baseURL, { locale: "en", theme: "light" });
  const page = await context.newPage();
  const link = await linkFromOutbox(page, who.email, "/invitations/");
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Agency ${tag}`);
  await page.getByLabel(m.invitations.page.name).fill(who.name);
  await page.getByLabel(m.invitations.page.password, { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: m.invitations.page.submit }).click();
  await expect(page.getByText(m.auth.signIn.reasons.accountCreated)).toBeVisible();
  await signIn(page, who.email);
  await expect(page).toHaveURL(new RegExp(`${home}$`));
  return { context, page };
}

test("sign up, invite, accept, offboard, audit", async ({ page, context, browser, baseURL }) => {
  test.setTimeout(180_000);
  await usePreferences(context, baseURL!, { locale: "en", theme: "light" });

  // Sign up: a new agency and its owner; the agency opens after the e-mail check.
  await page.goto("/sign-up");
  await page.getByLabel(m.signUp.name).fill(people.owner.name);
  await page.getByLabel(m.signUp.email).fill(people.owner.email);
  await page.getByLabel(m.signUp.password, { exact: true }).fill(PASSWORD);
  await page.getByLabel(m.signUp.agencyName).fill(`Agency ${tag}`);
  await page.getByLabel(m.signUp.slug).fill(slug);
  await expectNoSeriousA11yViolations(page, "sign-up");
  await page.getByRole("button", { name: m.signUp.submit }).click();
  await expect(page.getByRole("heading", { name: m.verifyEmail.checkInbox })).toBeVisible();

  await page.goto(await linkFromOutbox(page, people.owner.email, "/verify-email/"));
  await page.getByRole("button", { name: m.verifyEmail.confirm.submit }).click();
  await expect(page.getByText(m.auth.signIn.reasons.verified)).toBeVisible();
  await signIn(page, people.owner.email);
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));

  // A company for the client administrator (companies have no screen yet).
  const company = `清河贸易 ${tag}`;
  await addCompany({ agencySlug: slug, name: company });

  // Invite a staff member and a client administrator.
  await page.goto(`/${slug}/settings/members`);
  for (const invitee of [
    { ...people.staff, role: m.roles.staff },
    { ...people.client, role: m.roles.client_admin },
  ]) {
    await page.getByRole("button", { name: m.members.actions.invite }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel(m.members.fields.email).fill(invitee.email);
    await dialog.getByLabel(m.members.fields.role).selectOption({ label: invitee.role });
    if (invitee.role === m.roles.client_admin) {
      await dialog.getByLabel(m.members.fields.company, { exact: true }).selectOption({ label: company });
    }
    await dialog.getByRole("button", { name: m.members.invite.submit }).click();
    await expect(page.getByText(m.members.done.invited.replace("{email}", invitee.email))).toBeVisible();
  }
  await expect(page.getByRole("table").filter({ hasText: people.client.email })).toBeVisible();

  // Both accept from the outbox, and each sees what the role allows.
  const staff = await accept(browser, baseURL!, people.staff, `/${slug}`);
  const nav = staff.page.getByRole("navigation", { name: m.shell.mainNavigation });
  await expect(nav.getByRole("link", { name: m.nav.clients })).toBeVisible();
  await expect(staff.page.getByRole("link", { name: m.nav.settings })).toHaveCount(0);
  expect((await staff.page.goto(`/${slug}/settings/members`))?.status()).toBe(404);
  expect((await staff.page.goto(`/${slug}/audit`))?.status()).toBe(404);

  const client = await accept(browser, baseURL!, people.client, `/portal/${slug}`);
  await expect(client.page.getByRole("heading", { level: 1, name: company })).toBeVisible();
  await client.page.goto(`/${slug}`);
  await expect(client.page).toHaveURL(new RegExp(`/portal/${slug}$`));
  await client.context.close();

  // The staff member now looks after a client; disabling them hands it over first.
  await addCompany({ agencySlug: slug, name: `Harbour Trading ${tag}`, assigneeEmail: people.staff.email });
  await page.reload();
  const staffRow = page.getByRole("row").filter({ hasText: people.staff.email });
  await staffRow.getByRole("button", { name: m.members.table.rowActions.replace("{name}", people.staff.name) }).click();
  await page.getByRole("menuitem", { name: m.members.actions.disable }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(people.staff.name);
  await dialog.getByLabel(m.members.fields.reassignTo).selectOption({ label: `${people.owner.name} — ${m.roles.owner}` });
  await dialog.getByRole("button", { name: m.members.disable.submit }).click();
  await expect(page.getByText(m.members.done.disabled.replace("{name}", people.staff.name))).toBeVisible();
  await expect(staffRow).toContainText(m.members.status.disabled);
  const ownerRow = page.getByRole("row").filter({ hasText: people.owner.email });
  await expect(ownerRow).toContainText(m.members.table.clients.replace("{count, plural, one {# client} other {# clients}}", "1 client"));

  // The disabled member's next request is refused: their session ended with the change.
  await staff.page.goto(`/${slug}`);
  await expect(staff.page).toHaveURL(/\/sign-in\?.*reason=session-ended/);
  await staff.context.close();

  // The audit log has every membership change.
  await page.goto(`/${slug}/audit`);
  const actions = m.audit.actions;
  for (const label of [actions.agency.create, actions.invitation.create, actions.invitation.accept, actions.member.reassign, actions.member.disable]) {
    await expect(page.getByRole("cell", { name: label, exact: true }).first()).toBeVisible();
  }

  // Screenshots of the members and audit pages, in both languages.
  for (const locale of ["en", "zh-CN"] as const) {
    await usePreferences(context, baseURL!, { locale, theme: "light" });
    for (const [name, url] of [
      ["members", `/${slug}/settings/members`],
      ["audit", `/${slug}/audit`],
    ] as const) {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSeriousA11yViolations(page, `${name} ${locale}`);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-flow-${locale}-light-desktop.png`), fullPage: true, animations: "disabled", caret: "hide" });
    }
  }
});
