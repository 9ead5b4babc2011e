/**
 * Issue 9 §3 end to end: a manager turns the weekly digest's e-mail off on their account's
 * notification settings and finds it off after a reload (then turns it back on); an admin
 * sets the agency's WeCom group robot in Settings — an address that is not a WeCom robot
 * is refused next to the field, a robot URL is saved and shown masked (its key's last 4
 * characters only), then removed. In both languages, with screenshots in
 * e2e/screenshots/ (git-ignored).
 */
import path from "node:path";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";
import { exact, format, locales, messages } from "./support/messages";
import { DEMO_AGENCY, demoUser } from "./support/users";

const SCREENSHOT_DIR = path.join(import.meta.dirname, "screenshots");
const manager = demoUser("manager");
const admin = demoUser("admin");
const ROBOT_KEY = "5d2c9e1a-1b2c-4d5e-8f90-a1b2c3d4e5f6";

test.describe.configure({ mode: "serial" });

test.beforeEach(async ({ consoleErrors }) => {
  // See clients-forms.spec.ts: the favicon request may reach the agency route.
  consoleErrors.allow(/status of 404 \(Not Found\) \(http:\/\/localhost:\d+\/favicon\.ico/);
});

for (const locale of locales) {
  const m = messages(locale);
  const t = m.notificationPreferences;
  const r = m.wecomRobot;

  test(`a manager turns the weekly digest e-mail off and on (${locale})`, async ({ page, signIn, setLanguage }) => {
    await setLanguage(locale);
    await signIn(manager.email);
    await page.goto("/account/preferences");
    await expect(page.getByRole("heading", { level: 1, name: exact(t.title) })).toBeVisible();
    const section = page.getByRole("region", { name: new RegExp(DEMO_AGENCY.name) });
    const table = section.getByRole("table", { name: format(t.caption, { agency: DEMO_AGENCY.name }) });
    await expect(table.getByRole("row")).toHaveCount(5);
    const digestEmail = table.getByRole("checkbox", { name: format(t.toggle, { topic: t.topics.weekly_digest.label, channel: t.email }) });
    await expect(digestEmail).toBeChecked();
    // The digest is an e-mail only: no in-app box for it.
    await expect(table.getByRole("checkbox", { name: format(t.toggle, { topic: t.topics.weekly_digest.label, channel: t.inApp }) })).toHaveCount(0);

    // Keyboard: focus the box, Space unticks it, then save.
    await digestEmail.focus();
    await page.keyboard.press("Space");
    await expect(digestEmail).not.toBeChecked();
    await section.getByRole("button", { name: t.save }).click();
    await expect(page.getByRole("status").filter({ hasText: format(t.saved, { agency: DEMO_AGENCY.name }) })).toBeVisible();
    await expectNoSeriousA11yViolations(page, "notification settings");
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `notification-settings-${locale}.png`), animations: "disabled", fullPage: true });

    await page.reload();
    await expect(digestEmail).not.toBeChecked();
    await digestEmail.check();
    await section.getByRole("button", { name: t.save }).click();
    await expect(page.getByRole("status").filter({ hasText: format(t.saved, { agency: DEMO_AGENCY.name }) })).toBeVisible();
    await page.reload();
    await expect(digestEmail).toBeChecked();
  });

  test(`an admin sets the WeCom group robot: refused, saved masked, removed (${locale})`, async ({ page, signIn, setLanguage }) => {
    await setLanguage(locale);
    await signIn(admin.email);
    await page.goto(`/${DEMO_AGENCY.slug}/settings`);
    const section = page.getByRole("region", { name: r.heading });
    await expect(section.getByText(r.notSet)).toBeVisible();
    const field = section.getByLabel(r.label);

    await field.fill("https://example.com/cgi-bin/webhook/send?key=abc");
    await section.getByRole("button", { name: exact(r.save) }).click();
    await expect(section.getByText(r.errors.invalidUrl)).toBeVisible();
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toBeFocused();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `wecom-robot-invalid-${locale}.png`), animations: "disabled" });

    await field.fill(`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${ROBOT_KEY}`);
    await section.getByRole("button", { name: exact(r.save) }).click();
    await expect(page.getByRole("status").filter({ hasText: r.saved })).toBeVisible();
    await expect(section.getByTestId("robot-masked-url")).toHaveText("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…e5f6");
    await expect(section).not.toContainText(ROBOT_KEY.slice(0, 8));
    await expect(section.getByRole("button", { name: r.test })).toBeVisible();
    await expectNoSeriousA11yViolations(page, "robot settings");
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `wecom-robot-${locale}.png`), animations: "disabled" });

    // After a reload: still masked, never the key.
    await page.reload();
    await expect(section.getByTestId("robot-masked-url")).toHaveText(/…e5f6$/);
    expect(await page.content()).not.toContain(ROBOT_KEY);

    await section.getByRole("button", { name: r.clear }).click();
    await expect(page.getByRole("status").filter({ hasText: r.cleared })).toBeVisible();
    await expect(section.getByText(r.notSet)).toBeVisible();
  });
}
