/**
 * Issue 5 §1 in a browser: a fresh owner (signed up here, so the seeded users other
 * specs rely on keep no second factor) turns two-factor authentication on from the
 * account security page, reading the secret off the page and computing codes as an
 * authenticator app would; signs out; signs in with password and code; a replayed code
 * is refused; a recovery code works instead.
 */
import type { Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { expect, expectNoSeriousA11yViolations, test, usePreferences } from "./fixtures";
import { exact, messages } from "./support/messages";

const m = messages("en");
const tag = randomBytes(3).toString("hex");
const slug = `e2e-2fa-${tag}`;
const PASSWORD = "a long enough password";
const owner = { name: "Tao Two-Factor", email: `two-factor-${tag}@example.com` };

test.skip(!!process.env.SMTP_URL, "SMTP_URL is set: no outbox to read the links from");

/** The first link in the newest outbox mail to `to` whose URL contains `path`. */
async function linkFromOutbox(page: Page, to: string, path: string): Promise<string> {
  await page.goto("/dev/outbox");
  const mail = page.getByRole("listitem").filter({ hasText: to }).first();
  const href = await mail.locator(`a[href*="${path}"]`).first().getAttribute("href");
  expect(href, `a ${path} link in the mail to ${to}`).toBeTruthy();
  return new URL(href!).pathname;
}

async function enterPassword(page: Page) {
  await page.getByLabel(exact(m.auth.signIn.email)).fill(owner.email);
  await page.getByLabel(exact(m.auth.signIn.password)).fill(PASSWORD);
  await page.getByRole("button", { name: exact(m.auth.signIn.submit) }).click();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: exact(m.userMenu.signOut) }).click();
  await expect(page.getByText(m.auth.signIn.reasons.signedOut)).toBeVisible();
}

test("turn on two-factor authentication, then sign in with a code and with a recovery code", async ({
  page,
  context,
  baseURL,
  consoleErrors,
}) => {
  test.setTimeout(60_000);
  // The route answers 401 when it asks for the code, and for the replayed one; the browser logs each.
  consoleErrors.allow(/401 \(Unauthorized\).*\/api\/auth\/sign-in/);
  await usePreferences(context, baseURL!, { locale: "en", theme: "light" });

  // A fresh owner: sign up, confirm the address from the outbox, sign in.
  await page.goto("/sign-up");
  await page.getByLabel(m.signUp.name).fill(owner.name);
  await page.getByLabel(m.signUp.email).fill(owner.email);
  await page.getByLabel(m.signUp.password, { exact: true }).fill(PASSWORD);
  await page.getByLabel(m.signUp.agencyName).fill(`Agency ${tag}`);
  await page.getByLabel(m.signUp.slug).fill(slug);
  await page.getByRole("button", { name: m.signUp.submit }).click();
  await expect(page.getByRole("heading", { name: m.verifyEmail.checkInbox })).toBeVisible();
  await page.goto(await linkFromOutbox(page, owner.email, "/verify-email/"));
  await page.getByRole("button", { name: m.verifyEmail.confirm.submit }).click();
  await expect(page.getByText(m.auth.signIn.reasons.verified)).toBeVisible();
  await enterPassword(page);
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));

  // The user menu leads to the account security page.
  const trigger = page.getByRole("button", { name: exact(m.userMenu.trigger) });
  await expect(async () => {
    if ((await trigger.getAttribute("aria-expanded")) !== "true") await trigger.click();
    await expect(trigger).toHaveAttribute("aria-expanded", "true", { timeout: 1_000 });
  }).toPass();
  await page.getByRole("link", { name: exact(m.userMenu.accountSecurity) }).click();
  await expect(page.getByRole("heading", { level: 1, name: exact(m.accountSecurity.title) })).toBeVisible();

  // Set up: the secret is on the page; the first code comes from it, as an app would make it.
  await page.getByRole("button", { name: exact(m.accountSecurity.totp.setUp) }).click();
  await expect(page.getByRole("img", { name: exact(m.accountSecurity.totp.qrAlt) })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "account security, setting up");
  const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s+/g, "");
  const app = new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 });
  await page.getByLabel(exact(m.accountSecurity.totp.code)).fill(app.generate());
  await page.getByRole("button", { name: exact(m.accountSecurity.totp.turnOn) }).click();

  const codes = page.getByRole("list", { name: exact(m.accountSecurity.totp.codesLabel) });
  await expect(codes.getByRole("listitem")).toHaveCount(10);
  const recoveryCodes = await codes.getByRole("listitem").allTextContents();
  await page.getByRole("button", { name: exact(m.accountSecurity.totp.saved) }).click();
  await expect(page.getByText(m.accountSecurity.done.totpOn)).toBeVisible();
  await expect(page.getByText(exact(m.accountSecurity.totp.on))).toBeVisible();

  // Signed out, the password alone is not enough: the form asks for a code.
  await signOut(page);
  await enterPassword(page);
  const codeStep = page.getByRole("form", { name: exact(m.auth.signIn.totp.title) });
  await expect(codeStep).toBeVisible();
  await expectNoSeriousA11yViolations(page, "sign-in, second step");
  // The first code's step is used up: the next step's code (the window allows one ahead) is fresh.
  const code = app.generate({ timestamp: Date.now() + 30_000 });
  await codeStep.getByLabel(exact(m.auth.signIn.totp.code)).fill(code);
  await codeStep.getByRole("button", { name: exact(m.auth.signIn.totp.verify) }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));

  // The same code again is refused, and the form stays on the code step.
  await page.goto("/account/security");
  await signOut(page);
  await enterPassword(page);
  await codeStep.getByLabel(exact(m.auth.signIn.totp.code)).fill(code);
  await codeStep.getByRole("button", { name: exact(m.auth.signIn.totp.verify) }).click();
  await expect(codeStep.getByRole("alert")).toHaveText(exact(m.auth.signIn.errors.totpInvalid));

  // A recovery code works instead, once.
  await codeStep.getByRole("button", { name: exact(m.auth.signIn.totp.useRecovery) }).click();
  await codeStep.getByLabel(exact(m.auth.signIn.totp.recoveryCode)).fill(recoveryCodes[0]!);
  await codeStep.getByRole("button", { name: exact(m.auth.signIn.totp.verify) }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
  await page.goto("/account/security");
  await expect(page.getByText(m.accountSecurity.totp.codesLeft.replace("{left}", "9").replace("{total}", "10"))).toBeVisible();
});
