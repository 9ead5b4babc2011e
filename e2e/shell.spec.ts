/**
 * The application shell: every page renders with its heading in both languages, passes
 * axe (in English; in Chinese and in the dark theme for a representative few) and does
 * not scroll sideways on a phone; the language and theme switchers work and persist; the
 * phone layout hides the sidebar behind a menu button; the skip link works. Expected text
 * comes from messages/*.json. The staff app's pages are opened signed in as the owner
 * (SHELL_USER), who sees them all; nothing here signs out, so the owner signs in once for
 * the file (reuseSessions).
 */
import { type Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";
import { exact, locales, messages, type Locale } from "./support/messages";
import { AGENCY, allPages, homePage, landingPage, NOT_FOUND_CONSOLE, sectionPages, type ShellPage } from "./support/pages";
import { SHELL_USER } from "./support/users";

const en = messages("en");
const zh = messages("zh-CN");
const clientsPage = sectionPages.find((p) => p.name === "clients")!;

const heading = (page: Page, text: string) => page.getByRole("heading", { level: 1, name: exact(text) });
const PHONE = { width: 375, height: 812 };
const DARK_CLASS = /(^|\s)dark(\s|$)/;
/** Axe in Chinese too, and the dark theme's contrast, on these: the public face, the shell, a table. */
const REPRESENTATIVE = new Set([landingPage.name, homePage.name, clientsPage.name]);

test.use({ reuseSessions: true });

/** Fails when the page is wider than the viewport (it would scroll sideways). */
async function expectNoSidewaysScroll(page: Page, label: string) {
  const { scrollWidth, clientWidth, widest } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // The deepest elements reaching past the right edge: what to fix.
    const past = [...document.body.querySelectorAll("*")].filter((element) => element.getBoundingClientRect().right > width + 1);
    const leaves = past.filter((element) => !past.some((other) => other !== element && element.contains(other)));
    return {
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: width,
      widest: leaves.slice(0, 5).map((element) => `<${element.tagName.toLowerCase()} class="${element.getAttribute("class") ?? ""}"> right ${Math.round(element.getBoundingClientRect().right)}`),
    };
  });
  expect(scrollWidth, `${label} is ${scrollWidth}px wide on a ${clientWidth}px screen:\n${widest.join("\n")}`).toBeLessThanOrEqual(clientWidth);
}
const mainNavigation = (page: Page, locale: Locale) =>
  page.getByRole("navigation", { name: exact(messages(locale).shell.mainNavigation) });

test.describe("every page", () => {
  for (const shellPage of allPages) {
    const found = shellPage.status === 200;
    test(`${shellPage.name} (${shellPage.path}) answers ${shellPage.status} with its heading in both languages, no serious axe violations${found ? " and no sideways scroll on a phone" : ""}`, async ({
      page,
      setLanguage,
      signIn,
      consoleErrors,
    }) => {
      if (!found) consoleErrors.allow(NOT_FOUND_CONSOLE);
      if (shellPage.signedIn) await signIn(SHELL_USER.email);
      for (const locale of locales) {
        await page.setViewportSize({ width: 1280, height: 720 });
        await setLanguage(locale);
        const response = await page.goto(shellPage.path);
        expect(response?.status()).toBe(shellPage.status);
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await expect(page.locator("html")).not.toHaveClass(DARK_CLASS);
        await expect(heading(page, shellPage.heading(messages(locale)))).toBeVisible();
        await expect(page).toHaveTitle(/\S/);
        if (locale === "en" || REPRESENTATIVE.has(shellPage.name)) {
          await expectNoSeriousA11yViolations(page, `${shellPage.path} (${locale})`);
        }
        if (!found) continue;
        // The same page laid out again at a phone's width.
        await page.setViewportSize(PHONE);
        await expect(heading(page, shellPage.heading(messages(locale)))).toBeVisible();
        await expectNoSidewaysScroll(page, `${shellPage.path} in ${locale}`);
      }
    });
  }
});

test.describe("in the dark theme", () => {
  // Colour contrast in the dark theme, in one language each (the colours do not depend on it).
  const cases = [
    [landingPage, "en"],
    [homePage, "zh-CN"],
    [clientsPage, "en"],
  ] as const satisfies (readonly [ShellPage, Locale])[];
  for (const [shellPage, locale] of cases) {
    test(`${shellPage.path} in ${locale}: class dark, heading and axe`, async ({ page, setLanguage, setTheme, signIn }) => {
      if (shellPage.signedIn) await signIn(SHELL_USER.email);
      await setLanguage(locale);
      await setTheme("dark");
      const response = await page.goto(shellPage.path);
      expect(response?.status()).toBe(200);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page.locator("html")).toHaveClass(DARK_CLASS);
      await expect(heading(page, shellPage.heading(messages(locale)))).toBeVisible();
      await expectNoSeriousA11yViolations(page, `${shellPage.path} (${locale}, dark)`);
    });
  }
});

test.describe("language", () => {
  for (const locale of locales) {
    test(`the sidebar speaks ${locale} when NEXT_LOCALE is ${locale}`, async ({ page, setLanguage, signIn }) => {
      const m = messages(locale);
      await signIn(SHELL_USER.email);
      await setLanguage(locale);
      await page.goto(`/${AGENCY}`);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      const nav = mainNavigation(page, locale);
      await expect(nav).toBeVisible();
      for (const key of ["home", "clients", "registrations", "settings"] as const) {
        await expect(nav.getByRole("link", { name: exact(m.nav[key]) })).toBeVisible();
      }
      await expect(nav.getByRole("link", { name: exact(m.nav.clients) })).toHaveAttribute(
        "href",
        `/${AGENCY}/clients`,
      );
    });
  }

  test("with no cookie, the browser's Accept-Language decides", async ({ browser, baseURL, signIn }) => {
    const context = await browser.newContext({ baseURL, locale: "zh-CN" });
    try {
      await signIn(SHELL_USER.email, context);
      const page = await context.newPage();
      await page.goto(`/${AGENCY}`);
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
      await expect(heading(page, zh.pages.home.title)).toBeVisible();
    } finally {
      await context.close();
    }
  });

  test("the language switcher changes the language, and the choice survives a reload", async ({
    page,
    context,
    setLanguage,
    signIn,
  }) => {
    await signIn(SHELL_USER.email);
    await setLanguage("en");
    await page.goto(clientsPage.path);
    await expect(heading(page, en.pages.clients.title)).toBeVisible();

    await page.getByRole("button", { name: new RegExp(`^${en.language.trigger}`) }).click();
    const menu = page.getByRole("menu");
    await expect(menu).toBeVisible();
    await expect(menu.getByRole("menuitemradio", { name: exact(en.language.self) })).toHaveAttribute(
      "aria-checked",
      "true",
    );
    await menu.getByRole("menuitemradio", { name: exact(zh.language.self) }).click();

    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(heading(page, zh.pages.clients.title)).toBeVisible();
    await expect(mainNavigation(page, "zh-CN").getByRole("link", { name: exact(zh.nav.clients) })).toBeVisible();
    await expect.poll(async () => (await context.cookies()).find((c) => c.name === "NEXT_LOCALE")?.value).toBe("zh-CN");

    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(heading(page, zh.pages.clients.title)).toBeVisible();

    // And back, from the Chinese UI.
    await page.getByRole("button", { name: new RegExp(`^${zh.language.trigger}`) }).click();
    await page.getByRole("menu").getByRole("menuitemradio", { name: exact(en.language.self) }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(heading(page, en.pages.clients.title)).toBeVisible();
  });
});

test.describe("theme", () => {
  test.use({ colorScheme: "light" });

  test("the theme switcher puts class dark on <html>, and the choice survives a reload", async ({
    page,
    setLanguage,
    signIn,
  }) => {
    await signIn(SHELL_USER.email);
    await setLanguage("en");
    await page.goto(`/${AGENCY}`);
    const html = page.locator("html");
    await expect(html).not.toHaveClass(/(^|\s)dark(\s|$)/);

    await page.getByRole("button", { name: exact(en.theme.trigger) }).click();
    await page.getByRole("menu").getByRole("menuitemradio", { name: exact(en.theme.dark) }).click();
    await expect(html).toHaveClass(/(^|\s)dark(\s|$)/);
    await expect(page.getByRole("menu")).toBeHidden();

    await page.reload();
    await expect(html).toHaveClass(/(^|\s)dark(\s|$)/);

    await page.getByRole("button", { name: exact(en.theme.trigger) }).click();
    await expect(
      page.getByRole("menu").getByRole("menuitemradio", { name: exact(en.theme.dark) }),
    ).toHaveAttribute("aria-checked", "true");
    await page.getByRole("menu").getByRole("menuitemradio", { name: exact(en.theme.light) }).click();
    await expect(html).not.toHaveClass(/(^|\s)dark(\s|$)/);
  });

  test("System follows the operating system's colour scheme", async ({ page, setLanguage, signIn }) => {
    await signIn(SHELL_USER.email);
    await setLanguage("en");
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`/${AGENCY}`);
    await expect(page.locator("html")).toHaveClass(/(^|\s)dark(\s|$)/);
    await page.emulateMedia({ colorScheme: "light" });
    await expect(page.locator("html")).not.toHaveClass(/(^|\s)dark(\s|$)/);
  });
});

test.describe("skip link", () => {
  test("is the first thing Tab reaches, and moves focus to the main content", async ({ page, setLanguage, signIn }) => {
    await signIn(SHELL_USER.email);
    await setLanguage("en");
    // The agency home: its main content has a link, where the Tab after the skip must land.
    await page.goto(homePage.path);
    // My work streams its cards in behind a skeleton: wait for them, or the last Tab can run
    // before main has any link to land on.
    const firstLinkInMain = page.getByRole("main").getByRole("link").first();
    await expect(firstLinkInMain).toBeVisible();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: exact(en.common.skipToContent) });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("main")).toBeFocused();
    // The next Tab continues inside the main content (My work's first link: a card, or the
    // board when nothing is the member's), not back in the header.
    await page.keyboard.press("Tab");
    await expect(firstLinkInMain).toBeFocused();
  });
});

test.describe("on a phone (375×812)", () => {
  test.use({ viewport: PHONE });

  test("the sidebar is behind a menu button that opens it; Escape closes it", async ({ page, setLanguage, signIn }) => {
    await signIn(SHELL_USER.email);
    await setLanguage("en");
    await page.goto(`/${AGENCY}`);
    const nav = mainNavigation(page, "en");
    await expect(nav).toBeHidden();

    const open = page.getByRole("button", { name: exact(en.shell.openNavigation) });
    await expect(open).toBeVisible();
    await expect(open).toHaveAttribute("aria-expanded", "false");
    await open.click();

    const drawer = page.getByRole("dialog", { name: exact(en.shell.mainNavigation) });
    await expect(drawer).toBeVisible();
    await expect(open).toHaveAttribute("aria-expanded", "true");
    await expect(drawer.getByRole("link", { name: exact(en.nav.clients) })).toBeVisible();
    await expectNoSeriousA11yViolations(page, "the open navigation drawer");

    await page.keyboard.press("Escape");
    await expect(drawer).toBeHidden();
    await expect(open).toHaveAttribute("aria-expanded", "false");
    await expect(open).toBeFocused();

    // The close button closes it too, and a link in it navigates and closes it.
    await open.click();
    await drawer.getByRole("button", { name: exact(en.shell.closeNavigation) }).click();
    await expect(drawer).toBeHidden();
    await open.click();
    await drawer.getByRole("link", { name: exact(en.nav.clients) }).click();
    await expect(page).toHaveURL(new RegExp(`/${AGENCY}/clients$`));
    await expect(heading(page, en.pages.clients.title)).toBeVisible();
    await expect(drawer).toBeHidden();
  });

  test("the menu button works from the keyboard: Tab to it, Enter opens, Escape closes", async ({
    page,
    setLanguage,
    signIn,
  }) => {
    await signIn(SHELL_USER.email);
    await setLanguage("zh-CN");
    await page.goto(`/${AGENCY}`);
    const open = page.getByRole("button", { name: exact(zh.shell.openNavigation) });

    let reached = false;
    for (let presses = 0; presses < 5 && !reached; presses++) {
      await page.keyboard.press("Tab");
      reached = await open.evaluate((element) => element === document.activeElement);
    }
    expect(reached, "Tab reaches the menu button within five presses").toBe(true);

    await page.keyboard.press("Enter");
    const drawer = page.getByRole("dialog", { name: exact(zh.shell.mainNavigation) });
    await expect(drawer).toBeVisible();
    // Focus moves into the drawer, and Tab stays there.
    await expect
      .poll(() => drawer.evaluate((element) => element.contains(document.activeElement)))
      .toBe(true);
    await page.keyboard.press("Tab");
    expect(await drawer.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    await expect(drawer.getByRole("link", { name: exact(zh.nav.clients) })).toBeVisible();

    await page.keyboard.press("Escape");
    await expect(drawer).toBeHidden();
    await expect(open).toBeFocused();
  });
});
