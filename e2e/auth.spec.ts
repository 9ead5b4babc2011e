/**
 * Sign-in, the agency picker, sign-out and who may open what (issue 3): every seeded
 * role signs in through the form and lands where it works, with its name, its agency
 * and only the navigation its role has; wrong credentials get one neutral message;
 * another agency's URL is a 404; the route handlers refuse other sites.
 * Expected text comes from messages/*.json, people and agencies from db/seed.ts.
 */
import { type Page } from "@playwright/test";
import { demoPassword, expect, expectNoSeriousA11yViolations, test } from "./fixtures";
import { exact, format, messages, type Locale, type Messages } from "./support/messages";
import { NOT_FOUND_CONSOLE } from "./support/pages";
import { DEMO_AGENCY, DEMO_CLIENT_COMPANY, demoUser, roleLabel, SECOND_AGENCY, type DemoRole } from "./support/users";

const en = messages("en");
const zh = messages("zh-CN");
const SESSION_COOKIE = /authjs\.session-token/;
/** Chromium logs every 4xx a fetch receives; a refused sign-in is one. */
const REFUSED_SIGN_IN_CONSOLE = /status of 401 \(Unauthorized\).*\/api\/auth\/sign-in/;

async function fillSignIn(page: Page, email: string, password: string, m: Messages = en) {
  await page.getByLabel(exact(m.auth.signIn.email)).fill(email);
  await page.getByLabel(exact(m.auth.signIn.password)).fill(password);
  await page.getByRole("button", { name: exact(m.auth.signIn.submit) }).click();
}

/** Matches any of `texts` exactly. */
const anyOf = (texts: string[]) => new RegExp(texts.map((text) => `(?:${exact(text).source})`).join("|"));
const heading = (page: Page, text: string) => page.getByRole("heading", { level: 1, name: exact(text) });
const mainNavigation = (page: Page, m: Messages = en) => page.getByRole("navigation", { name: exact(m.shell.mainNavigation) });

/** Opens the user menu and checks it names the user, their role here and the agency. */
async function expectUserMenu(page: Page, role: DemoRole, agencyName: string, m: Messages = en) {
  const user = demoUser(role);
  const trigger = page.getByRole("button", { name: exact(m.userMenu.trigger) });
  // A click that lands before hydration opens nothing: click again until the menu says it is open.
  await expect(async () => {
    if ((await trigger.getAttribute("aria-expanded")) !== "true") await trigger.click();
    await expect(trigger).toHaveAttribute("aria-expanded", "true", { timeout: 1_000 });
  }).toPass();
  const panel = page.locator(`[id="${await trigger.getAttribute("aria-controls")}"]`);
  await expect(panel).toBeVisible();
  await expect(panel).toContainText(user.name);
  await expect(panel).toContainText(user.email);
  await expect(panel).toContainText(roleLabel(m, role));
  await expect(panel).toContainText(agencyName);
  await page.keyboard.press("Escape");
}

test.describe("signing in with the form", () => {
  for (const role of ["owner", "admin", "manager"] as const) {
    test(`${role} lands on the agency home, with their name, the agency and a ${role}'s navigation`, async ({ page, setLanguage }) => {
      await setLanguage("en");
      await page.goto("/sign-in");
      await fillSignIn(page, demoUser(role).email, demoPassword());

      await expect(page).toHaveURL(new RegExp(`/${DEMO_AGENCY.slug}$`));
      await expect(heading(page, en.pages.home.title)).toBeVisible();
      await expect(page.getByRole("button", { name: new RegExp(DEMO_AGENCY.name) })).toBeVisible();
      await expectUserMenu(page, role, DEMO_AGENCY.name);

      const nav = mainNavigation(page);
      for (const key of ["home", "clients", "people", "accounts", "registrations", "documents", "dashboard", "notifications"] as const) {
        await expect(nav.getByRole("link", { name: exact(en.nav[key]) })).toBeVisible();
      }
      const administers = role !== "manager";
      for (const key of ["settings", "audit"] as const) {
        await expect(nav.getByRole("link", { name: exact(en.nav[key]) })).toHaveCount(administers ? 1 : 0);
      }
    });
  }

  test("a manager who opens Settings or the audit log by URL gets the 404 page", async ({ page, signIn, consoleErrors }) => {
    consoleErrors.allow(NOT_FOUND_CONSOLE);
    await signIn(demoUser("manager").email);
    for (const section of ["settings", "audit"]) {
      const response = await page.goto(`/${DEMO_AGENCY.slug}/${section}`);
      expect(response?.status()).toBe(404);
      await expect(heading(page, en.notFound.title)).toBeVisible();
    }
  });

  test("staff, a member of two agencies, lands on the picker and can open either", async ({ page, setLanguage }) => {
    await setLanguage("en");
    const staff = demoUser("staff");
    await page.goto("/sign-in");
    await fillSignIn(page, staff.email, demoPassword());

    await expect(page).toHaveURL(/\/agencies$/);
    await expect(heading(page, en.auth.picker.title)).toBeVisible();
    const list = page.getByRole("list", { name: exact(en.auth.picker.listLabel) });
    await expect(list.getByRole("link")).toHaveCount(2);
    await expectNoSeriousA11yViolations(page, "the agency picker");

    await list.getByRole("link", { name: new RegExp(SECOND_AGENCY.name) }).click();
    await expect(page).toHaveURL(new RegExp(`/${SECOND_AGENCY.slug}$`));
    await expect(heading(page, en.pages.home.title)).toBeVisible();
    await expect(page.getByRole("button", { name: new RegExp(SECOND_AGENCY.name) })).toBeVisible();
    await expectUserMenu(page, "staff", SECOND_AGENCY.name);
    // Staff work, but do not administer.
    await expect(mainNavigation(page).getByRole("link", { name: exact(en.nav.clients) })).toBeVisible();
    await expect(mainNavigation(page).getByRole("link", { name: exact(en.nav.settings) })).toHaveCount(0);

    // The agency menu lists both; the other one opens too.
    await page.getByRole("button", { name: new RegExp(SECOND_AGENCY.name) }).click();
    await page.getByRole("menu").getByRole("menuitem", { name: new RegExp(DEMO_AGENCY.name) }).click();
    await expect(page).toHaveURL(new RegExp(`/${DEMO_AGENCY.slug}$`));
    await expect(page.getByRole("button", { name: new RegExp(DEMO_AGENCY.name) })).toBeVisible();
  });

  test("the client administrator lands on the portal home of their company", async ({ page, setLanguage }) => {
    await setLanguage("en");
    await page.goto("/sign-in");
    await fillSignIn(page, demoUser("client_admin").email, demoPassword());

    await expect(page).toHaveURL(new RegExp(`/portal/${DEMO_AGENCY.slug}$`));
    await expect(heading(page, DEMO_CLIENT_COMPANY.nameEn)).toBeVisible();
    // (Its WeCom registration bears the same name further down.)
    await expect(page.getByRole("paragraph").filter({ hasText: exact(DEMO_CLIENT_COMPANY.legalNameZh) })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: exact(en.portal.needs.heading) })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: exact(en.portal.registrations.heading) })).toBeVisible();
    // The demo client has open requests and registrations (db/seed-data/demo.ts: 青禾文化
    // is collecting documents and waits on the client), so the lists show, not the empty states.
    const needs = page.getByRole("region", { name: exact(en.portal.needs.heading) });
    const registrations = page.getByRole("region", { name: exact(en.portal.registrations.heading) });
    await expect(needs.getByRole("listitem").first()).toBeVisible();
    await expect(needs.getByText(anyOf(Object.values(en.catalogue.documentKinds))).first()).toBeVisible();
    await expect(needs.getByText(new RegExp(format(en.portal.needs.due, { date: ".+" })))).not.toHaveCount(0);
    await expect(registrations.getByRole("listitem").first()).toBeVisible();
    await expect(registrations.getByText("青禾文化", { exact: true })).toBeVisible();
    await expect(registrations.getByText(exact(en.portal.stages.documents)).first()).toBeVisible();
    await expect(registrations.getByText(exact(en.portal.registrations.waitingForYou)).first()).toBeVisible();
    for (const empty of [en.portal.needs.emptyTitle, en.portal.registrations.emptyTitle]) {
      await expect(page.getByRole("heading", { level: 3, name: exact(empty) })).toHaveCount(0);
    }
    // No staff navigation in the portal.
    await expect(mainNavigation(page)).toHaveCount(0);
    await expectUserMenu(page, "client_admin", DEMO_AGENCY.name);
    await expectNoSeriousA11yViolations(page, "the portal home");
  });

  test("the whole form works from the keyboard", async ({ page, setLanguage }) => {
    await setLanguage("en");
    await page.goto("/sign-in");
    await page.getByLabel(exact(en.auth.signIn.email)).focus();
    await page.keyboard.type(demoUser("admin").email);
    await page.keyboard.press("Tab");
    await expect(page.getByLabel(exact(en.auth.signIn.password))).toBeFocused();
    await page.keyboard.type(demoPassword());
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/${DEMO_AGENCY.slug}$`));
  });
});

test.describe("the sign-in page", () => {
  for (const locale of ["en", "zh-CN"] as const satisfies Locale[]) {
    test(`speaks ${locale} and passes axe, also while showing field errors`, async ({ page, setLanguage }) => {
      const m = messages(locale);
      await setLanguage(locale);
      await page.goto("/sign-in");
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(heading(page, m.auth.signIn.title)).toBeVisible();
      await expectNoSeriousA11yViolations(page, `sign-in (${locale})`);

      // Nothing typed: each field says what it needs, and the first one gets the focus.
      await page.getByRole("button", { name: exact(m.auth.signIn.submit) }).click();
      const email = page.getByLabel(exact(m.auth.signIn.email));
      await expect(email).toBeFocused();
      await expect(email).toHaveAttribute("aria-invalid", "true");
      await expect(email).toHaveAccessibleDescription(exact(m.auth.signIn.errors.emailRequired));
      await expect(page.getByLabel(exact(m.auth.signIn.password))).toHaveAccessibleDescription(
        exact(m.auth.signIn.errors.passwordRequired),
      );
      await expectNoSeriousA11yViolations(page, `sign-in with field errors (${locale})`);

      await email.fill("not-an-address");
      await page.getByRole("button", { name: exact(m.auth.signIn.submit) }).click();
      await expect(email).toHaveAccessibleDescription(exact(m.auth.signIn.errors.emailInvalid));
      await expect(page).toHaveURL(/\/sign-in$/);
    });
  }

  test("a wrong password and an unknown e-mail get the same message, and stay on sign-in", async ({
    page,
    setLanguage,
    consoleErrors,
  }) => {
    consoleErrors.allow(REFUSED_SIGN_IN_CONSOLE);
    await setLanguage("en");
    await page.goto("/sign-in");
    const alert = page.getByRole("main").getByRole("alert");

    await fillSignIn(page, demoUser("owner").email, `${demoPassword()}-wrong`);
    await expect(alert).toHaveText(exact(en.auth.signIn.errors.credentials));
    await expect(page).toHaveURL(/\/sign-in$/);
    // The e-mail stays, the password is cleared and focused for the next try.
    await expect(page.getByLabel(exact(en.auth.signIn.email))).toHaveValue(demoUser("owner").email);
    await expect(page.getByLabel(exact(en.auth.signIn.password))).toHaveValue("");
    await expect(page.getByLabel(exact(en.auth.signIn.password))).toBeFocused();

    await fillSignIn(page, "nobody@yunfan.example", demoPassword());
    await expect(alert).toHaveText(exact(en.auth.signIn.errors.credentials));
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("says it in Chinese too", async ({ page, setLanguage, consoleErrors }) => {
    consoleErrors.allow(REFUSED_SIGN_IN_CONSOLE);
    await setLanguage("zh-CN");
    await page.goto("/sign-in");
    await fillSignIn(page, demoUser("owner").email, "wrong-password", zh);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(exact(zh.auth.signIn.errors.credentials));
  });

  test("the show-password button reveals and hides what was typed", async ({ page, setLanguage }) => {
    await setLanguage("en");
    await page.goto("/sign-in");
    const password = page.getByLabel(exact(en.auth.signIn.password));
    await password.fill("secret words");
    const toggle = page.getByRole("button", { name: exact(en.auth.signIn.showPassword) });
    await expect(password).toHaveAttribute("type", "password");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await expect(password).toHaveAttribute("type", "text");
    await toggle.click();
    await expect(password).toHaveAttribute("type", "password");
  });

  test("does not scroll sideways on a phone", async ({ page, setLanguage }) => {
    await page.setViewportSize({ width: 375, height: 812 });
    for (const locale of ["en", "zh-CN"] as const) {
      await setLanguage(locale);
      await page.goto("/sign-in");
      await expect(heading(page, messages(locale).auth.signIn.title)).toBeVisible();
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    }
  });
});

test.describe("who may open what", () => {
  test("signed out, an agency page sends you to sign-in, and back there afterwards", async ({ page, setLanguage }) => {
    await setLanguage("en");
    await page.goto(`/${DEMO_AGENCY.slug}/clients`);
    await expect(page).toHaveURL(new RegExp(`/sign-in\\?next=${encodeURIComponent(`/${DEMO_AGENCY.slug}/clients`)}$`));
    await expect(heading(page, en.auth.signIn.title)).toBeVisible();

    await fillSignIn(page, demoUser("owner").email, demoPassword());
    await expect(page).toHaveURL(new RegExp(`/${DEMO_AGENCY.slug}/clients$`));
    await expect(heading(page, en.pages.clients.title)).toBeVisible();
  });

  test("signed out, the agency home, the portal and the picker all lead to sign-in", async ({ page }) => {
    for (const path of [`/${DEMO_AGENCY.slug}`, `/portal/${DEMO_AGENCY.slug}`, "/agencies"]) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/sign-in\?next=/);
    }
  });

  test("another agency's slug is a 404, the same as an agency that does not exist", async ({ page, signIn, consoleErrors }) => {
    consoleErrors.allow(NOT_FOUND_CONSOLE);
    // The owner works for the demo agency only.
    await signIn(demoUser("owner").email);
    for (const path of [`/${SECOND_AGENCY.slug}`, `/${SECOND_AGENCY.slug}/clients`, `/portal/${SECOND_AGENCY.slug}`, "/no-such-agency"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(heading(page, en.notFound.title)).toBeVisible();
      await expect(page.getByText(SECOND_AGENCY.name)).toHaveCount(0);
    }
  });

  test("a client administrator who opens the staff app is sent to the portal, and staff the other way", async ({
    page,
    browser,
    baseURL,
    signIn,
  }) => {
    await signIn(demoUser("client_admin").email);
    await page.goto(`/${DEMO_AGENCY.slug}/clients`);
    await expect(page).toHaveURL(new RegExp(`/portal/${DEMO_AGENCY.slug}$`));

    const staffContext = await browser.newContext({ baseURL });
    try {
      await signIn(demoUser("admin").email, staffContext);
      const staffPage = await staffContext.newPage();
      await staffPage.goto(`/portal/${DEMO_AGENCY.slug}`);
      await expect(staffPage).toHaveURL(new RegExp(`/${DEMO_AGENCY.slug}$`));
    } finally {
      await staffContext.close();
    }
  });

  test("signed in, the landing page and sign-in lead straight to work", async ({ page, signIn }) => {
    await signIn(demoUser("manager").email);
    await page.goto("/");
    await expect(page).toHaveURL(new RegExp(`/${DEMO_AGENCY.slug}$`));
    await page.goto("/sign-in");
    await expect(page).toHaveURL(new RegExp(`/${DEMO_AGENCY.slug}$`));
  });
});

test.describe("signing out", () => {
  test("the user menu signs out, and the agency is closed again afterwards", async ({ page, signIn, setLanguage, context }) => {
    await signIn(demoUser("admin").email);
    await setLanguage("en");
    await page.goto(`/${DEMO_AGENCY.slug}`);
    await page.getByRole("button", { name: exact(en.userMenu.trigger) }).click();
    await page.getByRole("button", { name: exact(en.userMenu.signOut) }).click();

    await expect(page).toHaveURL(/\/sign-in\?reason=signed-out$/);
    await expect(page.getByRole("main").getByRole("status")).toHaveText(exact(en.auth.signIn.reasons.signedOut));
    expect((await context.cookies()).filter((cookie) => SESSION_COOKIE.test(cookie.name))).toEqual([]);

    await page.goto(`/${DEMO_AGENCY.slug}`);
    await expect(page).toHaveURL(/\/sign-in\?next=/);
  });

  test("from the picker too", async ({ page, signIn, setLanguage }) => {
    await signIn(demoUser("staff").email);
    await setLanguage("en");
    await page.goto("/agencies");
    await page.getByRole("button", { name: exact(en.userMenu.signOut) }).click();
    await expect(page).toHaveURL(/\/sign-in\?reason=signed-out$/);
  });
});

test.describe("the route handlers", () => {
  test("sign-in answers 401 with one neutral message for a wrong password and an unknown e-mail", async ({ page, baseURL }) => {
    const post = (email: string, password: string) =>
      page.request.post("/api/auth/sign-in", { data: { email, password }, headers: { Origin: baseURL! } });
    const wrongPassword = await post(demoUser("owner").email, "wrong");
    const unknownEmail = await post("nobody@yunfan.example", demoPassword());
    expect(wrongPassword.status()).toBe(401);
    expect(unknownEmail.status()).toBe(401);
    expect(await wrongPassword.json()).toEqual(await unknownEmail.json());
    expect((await page.context().cookies()).filter((cookie) => SESSION_COOKIE.test(cookie.name))).toEqual([]);
  });

  test("sign-in answers 422 naming every bad field", async ({ page, baseURL }) => {
    const response = await page.request.post("/api/auth/sign-in", { data: { email: "nope" }, headers: { Origin: baseURL! } });
    expect(response.status()).toBe(422);
    expect((await response.json()).fields).toEqual({
      email: "auth.signIn.errors.emailInvalid",
      password: "auth.signIn.errors.passwordRequired",
    });
  });

  test("sign-in sets an httpOnly, SameSite=Lax session cookie and never sends you off-site", async ({ page, baseURL, context }) => {
    const post = (next: string) =>
      page.request.post("/api/auth/sign-in", {
        data: { email: demoUser("owner").email, password: demoPassword(), next },
        headers: { Origin: baseURL! },
      });
    expect(await (await post("//evil.example/")).json()).toEqual({ redirectTo: `/${DEMO_AGENCY.slug}` });
    expect(await (await post("https://evil.example/")).json()).toEqual({ redirectTo: `/${DEMO_AGENCY.slug}` });
    expect(await (await post(`/${DEMO_AGENCY.slug}/people`)).json()).toEqual({ redirectTo: `/${DEMO_AGENCY.slug}/people` });

    const [cookie] = (await context.cookies()).filter((candidate) => SESSION_COOKIE.test(candidate.name));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    // http in the tests; APP_URL with https makes it Secure (and __Secure- prefixed).
    expect(cookie!.secure).toBe(baseURL!.startsWith("https:"));
  });

  test("sign-in and sign-out refuse requests from another site, or from nowhere", async ({ page, signIn, baseURL }) => {
    const credentials = { email: demoUser("owner").email, password: demoPassword() };
    const attempts: Record<string, string>[] = [
      { Origin: "https://evil.example" },
      { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
      {},
    ];
    for (const headers of attempts) {
      const response = await page.request.post("/api/auth/sign-in", { data: credentials, headers });
      expect(response.status(), JSON.stringify(headers)).toBe(403);
    }

    await signIn(demoUser("owner").email);
    const signOut = await page.request.post("/api/auth/sign-out", { headers: { Origin: "https://evil.example" }, maxRedirects: 0 });
    expect(signOut.status()).toBe(403);
    // Still signed in.
    await page.goto(`/${DEMO_AGENCY.slug}`);
    await expect(heading(page, en.pages.home.title)).toBeVisible();

    const sameSite = await page.request.post("/api/auth/sign-out", { headers: { Origin: baseURL! }, maxRedirects: 0 });
    expect(sameSite.status()).toBe(303);
    expect(sameSite.headers().location).toBe("/sign-in?reason=signed-out");
  });

  test("a plain form post (no JavaScript) gets redirects, and the page shows what went wrong", async ({ page, baseURL }) => {
    const post = (password: string) =>
      page.request.post("/api/auth/sign-in", {
        form: { email: demoUser("owner").email, password, next: `/${DEMO_AGENCY.slug}/people` },
        headers: { Origin: baseURL! },
        maxRedirects: 0,
      });
    const refused = await post("wrong");
    expect(refused.status()).toBe(303);
    expect(refused.headers().location).toBe(`/sign-in?next=${encodeURIComponent(`/${DEMO_AGENCY.slug}/people`)}&error=credentials`);
    await page.goto(refused.headers().location!);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(exact(en.auth.signIn.errors.credentials));

    const accepted = await post(demoPassword());
    expect(accepted.status()).toBe(303);
    expect(accepted.headers().location).toBe(`/${DEMO_AGENCY.slug}/people`);
  });

  test("sign-out does not answer GET", async ({ page }) => {
    const response = await page.request.get("/api/auth/sign-out", { maxRedirects: 0 });
    expect(response.status()).toBe(405);
  });
});
