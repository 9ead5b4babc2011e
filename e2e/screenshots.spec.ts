/**
 * Full-page screenshots for people to look at (e2e/screenshots/, git-ignored): the
 * landing page, sign-in, sign-up, password reset and sign-in link requests, the agency
 * picker, the agency home, the clients page, a new client's form, one client's page,
 * settings, members, API tokens, account security, and the client portal, in both
 * languages, light on a laptop and on a phone, and dark on a laptop for a representative
 * few (DARK). They assert only that the page rendered without console errors.
 *
 * One test per page and language: it loads the page once, shoots it on the laptop, resizes
 * to the phone and shoots again, then reloads dark when the page is in DARK. Each user
 * signs in once for the whole file (reuseSessions).
 */
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test, usePreferences } from "./fixtures";
import { exact, locales, messages, type Messages } from "./support/messages";
import { fixtureIds } from "./support/control";
import { homePage, landingPage, sectionPages } from "./support/pages";
import { DEMO_AGENCY, DEMO_CLIENT_COMPANY, demoUser, SHELL_USER } from "./support/users";

const SCREENSHOT_DIR = path.join(import.meta.dirname, "screenshots");

const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 375, height: 812 },
} as const;

type Shot = {
  name: string;
  /** A path, or how to find one (ids made at seed time). */
  path: string | (() => Promise<string>);
  heading: (m: Messages, locale: (typeof locales)[number]) => string;
  /** Signed in as this user first, or signed out. */
  as: string | null;
};

const clientsPage = sectionPages.find((p) => p.name === "clients")!;
/** The pages also shot dark (laptop only): the public face, the shell, a table, a record, the portal. */
const DARK = new Set(["landing", "home", "clients", "client-page", "portal"]);
const shots: Shot[] = [
  { name: landingPage.name, path: landingPage.path, heading: landingPage.heading, as: null },
  { name: "sign-in", path: "/sign-in", heading: (m) => m.auth.signIn.title, as: null },
  { name: "picker", path: "/agencies", heading: (m) => m.auth.picker.title, as: demoUser("staff").email },
  { name: homePage.name, path: homePage.path, heading: homePage.heading, as: SHELL_USER.email },
  { name: clientsPage.name, path: clientsPage.path, heading: clientsPage.heading, as: SHELL_USER.email },
  { name: "sign-up", path: "/sign-up", heading: (m) => m.signUp.title, as: null },
  { name: "forgot-password", path: "/forgot-password", heading: (m) => m.forgotPassword.title, as: null },
  { name: "sign-in-link", path: "/sign-in-link", heading: (m) => m.signInLink.title, as: null },
  { name: "account-security", path: "/account/security", heading: (m) => m.accountSecurity.title, as: SHELL_USER.email },
  { name: "members", path: `/${DEMO_AGENCY.slug}/settings/members`, heading: (m) => m.pages.settings.title, as: SHELL_USER.email },
  { name: "settings", path: `/${DEMO_AGENCY.slug}/settings`, heading: (m) => m.pages.settings.title, as: SHELL_USER.email },
  { name: "api-tokens", path: `/${DEMO_AGENCY.slug}/api-tokens`, heading: (m) => m.apiTokens.page.title, as: SHELL_USER.email },
  { name: "client-new", path: `/${DEMO_AGENCY.slug}/clients/new`, heading: (m) => m.clientForm.newTitle, as: SHELL_USER.email },
  {
    name: "client-page",
    path: async () => `/${DEMO_AGENCY.slug}/clients/${(await fixtureIds()).ownCompany}`,
    heading: () => DEMO_CLIENT_COMPANY.legalNameZh,
    as: SHELL_USER.email,
  },
  {
    name: "portal",
    path: `/portal/${DEMO_AGENCY.slug}`,
    heading: (_m, locale) => (locale === "zh-CN" ? DEMO_CLIENT_COMPANY.legalNameZh : DEMO_CLIENT_COMPANY.nameEn),
    as: demoUser("client_admin").email,
  },
];

const shoot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: "disabled", caret: "hide" });

test.describe("screenshots of every page", () => {
  test.use({ viewport: viewports.desktop, reuseSessions: true });

  for (const shot of shots) {
    for (const locale of locales) {
      test(`${shot.name}-${locale}`, async ({ page, context, baseURL, signIn }) => {
        if (shot.as) await signIn(shot.as);
        await usePreferences(context, baseURL!, { locale, theme: "light" });
        await page.goto(typeof shot.path === "string" ? shot.path : await shot.path());
        const heading = page.getByRole("heading", { level: 1, name: exact(shot.heading(messages(locale), locale)) });
        await expect(heading).toBeVisible();
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await shoot(page, `${shot.name}-${locale}-light-desktop`);

        // The phone: the same page laid out again at its width (the dark layout is the laptop's).
        await page.setViewportSize(viewports.phone);
        await expect(heading).toBeVisible();
        await shoot(page, `${shot.name}-${locale}-light-phone`);

        if (!DARK.has(shot.name)) return;
        await page.setViewportSize(viewports.desktop);
        await usePreferences(context, baseURL!, { theme: "dark" });
        await page.reload();
        await expect(page.locator("html")).toHaveClass(/(^|\s)dark(\s|$)/);
        await expect(heading).toBeVisible();
        await shoot(page, `${shot.name}-${locale}-dark-desktop`);
      });
    }
  }
});

/** States worth a look that a plain page load does not show: the open user menu, a refused sign-in. */
test.describe("screenshots of states", () => {
  test.use({ viewport: viewports.desktop, reuseSessions: true });

  for (const locale of locales) {
    const m = messages(locale);

    test(`user-menu-${locale}`, async ({ page, context, baseURL, signIn }) => {
      await signIn(SHELL_USER.email);
      await usePreferences(context, baseURL!, { locale, theme: "light" });
      await page.goto(homePage.path);
      await page.getByRole("button", { name: exact(m.userMenu.trigger) }).click();
      await expect(page.getByRole("button", { name: exact(m.userMenu.signOut) })).toBeVisible();
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `user-menu-${locale}-light-desktop.png`), animations: "disabled", caret: "hide" });
    });

    test(`clients-selected-${locale}`, async ({ page, context, baseURL, signIn }) => {
      await signIn(SHELL_USER.email);
      await usePreferences(context, baseURL!, { locale, theme: "light" });
      await page.goto(clientsPage.path);
      const table = page.getByRole("table", { name: exact(m.clientsList.table.caption) });
      await table.getByRole("row").nth(1).getByRole("checkbox").check();
      await table.getByRole("row").nth(2).getByRole("checkbox").check();
      await expect(page.getByRole("region", { name: exact(m.clientsList.bulk.label) })).toBeVisible();
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `clients-selected-${locale}-light-desktop.png`), animations: "disabled", caret: "hide" });
    });

    test(`client-form-states-${locale}`, async ({ page, context, baseURL, signIn }) => {
      await signIn(SHELL_USER.email);
      await usePreferences(context, baseURL!, { locale, theme: "light" });
      await page.goto(`/${DEMO_AGENCY.slug}/clients/new`);
      await page.getByRole("radio", { name: m.clientForm.kinds.cn_org.title }).check();
      // A credit code whose check character is wrong (the seed's, last character changed).
      await page.getByLabel(exact(m.clientForm.fields.uscc)).fill(`${DEMO_CLIENT_COMPANY.uscc.slice(0, 17)}0`);
      await page.getByLabel(exact(m.clientForm.fields.legalNameZh.cn_org)).click();
      await expect(page.getByText(exact(m.clientForm.usccWarning.title))).toBeVisible();
      await page.getByRole("button", { name: exact(m.clientForm.create) }).click();
      await expect(page.getByText(m.clients.errors.nameRequired)).toBeVisible();
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `client-form-errors-${locale}-light-desktop.png`), fullPage: true, animations: "disabled", caret: "hide" });
    });

    test(`client-page-tabs-${locale}`, async ({ page, context, baseURL, signIn }) => {
      await signIn(SHELL_USER.email);
      await usePreferences(context, baseURL!, { locale, theme: "light" });
      const companyPath = `/${DEMO_AGENCY.slug}/clients/${(await fixtureIds()).ownCompany}`;
      for (const tab of ["people", "accounts", "documents", "notes", "timeline"] as const) {
        await page.goto(`${companyPath}?tab=${tab}`);
        const tabs = page.getByRole("navigation", { name: exact(m.clientPage.tabs.label) });
        await expect(tabs.getByRole("link", { name: new RegExp(`^${m.clientPage.tabs[tab]}`) })).toHaveAttribute("aria-current", "page");
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `client-page-${tab}-${locale}-light-desktop.png`), fullPage: true, animations: "disabled", caret: "hide" });
      }
    });

    test(`sign-in-refused-${locale}`, async ({ page, context, baseURL, consoleErrors }) => {
      consoleErrors.allow(/status of 401/);
      await usePreferences(context, baseURL!, { locale, theme: "light" });
      await page.goto("/sign-in");
      await page.getByRole("button", { name: exact(m.auth.signIn.submit) }).click();
      await expect(page.getByText(m.auth.signIn.errors.emailRequired)).toBeVisible();
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `sign-in-field-errors-${locale}-light-desktop.png`), animations: "disabled", caret: "hide" });
      await page.getByLabel(exact(m.auth.signIn.email)).fill(SHELL_USER.email);
      await page.getByLabel(exact(m.auth.signIn.password)).fill("wrong password");
      await page.getByRole("button", { name: exact(m.auth.signIn.submit) }).click();
      await expect(page.getByRole("main").getByRole("alert")).toHaveText(exact(m.auth.signIn.errors.credentials));
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `sign-in-refused-${locale}-light-desktop.png`), animations: "disabled", caret: "hide" });
    });
  }
});
