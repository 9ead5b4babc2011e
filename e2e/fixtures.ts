/**
 * Playwright's `test` with Weidesk's house rules:
 * - a console.error or an uncaught exception on any page of the test fails it (the
 *   messages are in the failure); a test that expects one says so with
 *   `consoleErrors.allow(/pattern/)`;
 * - `setLanguage` / `setTheme` choose the language (NEXT_LOCALE cookie) and theme
 *   (next-themes' localStorage key) before the first navigation;
 * - `expectNoSeriousA11yViolations(page)` runs axe for WCAG 2.1 A and AA;
 * - `signIn(email)` signs a seeded demo user in through the sign-in route handler
 *   (DEMO_PASSWORD, set by playwright.config.ts), leaving the session cookie in the
 *   test's browser context, or in another context passed as the second argument. A spec
 *   that neither signs out nor changes users says `test.use({ reuseSessions: true })`:
 *   then each user signs in once per spec file and later tests get a copy of that
 *   session's cookies (a sign-out elsewhere in the file would end it for them all).
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type BrowserContext, type Cookie, type Page } from "@playwright/test";
import type { Locale } from "./support/messages";

export type Theme = "light" | "dark";

export const LOCALE_COOKIE = "NEXT_LOCALE";
export const THEME_STORAGE_KEY = "theme";

type ConsoleErrors = {
  /** Messages seen so far ("console.error: …", "pageerror: …"). */
  readonly messages: string[];
  /** Don't fail on messages matching this (e.g. the 404 of a not-found page). */
  allow(pattern: RegExp): void;
  /** The messages no allow() pattern matches. */
  unexpected(): string[];
};

type Fixtures = {
  consoleErrors: ConsoleErrors;
  setLanguage: (locale: Locale) => Promise<void>;
  setTheme: (theme: Theme) => Promise<void>;
  signIn: (email: string, context?: BrowserContext) => Promise<void>;
  /** Option: signIn copies one session per user and spec file instead of signing in each time. */
  reuseSessions: boolean;
};

type WorkerFixtures = {
  /** The cookies each sign-in set, by spec file and e-mail (for reuseSessions). */
  sessionCookies: Map<string, Cookie[]>;
};

export const test = base.extend<Fixtures, WorkerFixtures>({
  reuseSessions: [false, { option: true }],

  sessionCookies: [
    async ({}, use) => {
      await use(new Map());
    },
    { scope: "worker" },
  ],

  consoleErrors: async ({}, use) => {
    const messages: string[] = [];
    const allowed: RegExp[] = [];
    await use({
      messages,
      allow: (pattern) => void allowed.push(pattern),
      unexpected: () => messages.filter((line) => !allowed.some((pattern) => pattern.test(line))),
    });
  },

  context: async ({ context, consoleErrors }, use) => {
    // Every Content-Security-Policy violation is reported as a console error tagged CSP_VIOLATION,
    // which no test may allow (see `page` below): the policy must hold across the whole run.
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        console.error(`CSP_VIOLATION ${event.violatedDirective} blocked ${event.blockedURI || "inline"} in ${event.sourceFile}:${event.lineNumber}`);
      });
    });
    // On the context, so pages a test opens itself are watched too.
    context.on("console", (message) => {
      if (message.type() !== "error") return;
      const { url, lineNumber } = message.location();
      consoleErrors.messages.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ""}`);
    });
    context.on("weberror", (webError) => {
      const error = webError.error();
      consoleErrors.messages.push(`pageerror: ${error.stack ?? error.message}`);
    });
    await use(context);
  },

  page: async ({ page, consoleErrors }, use) => {
    await use(page);
    // Late errors (hydration, effects) arrive after the last assertion: give them a moment.
    await page.waitForTimeout(50).catch(() => {});
    const unexpected = consoleErrors.unexpected();
    expect(unexpected, `The page logged errors:\n${unexpected.join("\n")}`).toEqual([]);
    const violations = consoleErrors.messages.filter((line) => line.includes("CSP_VIOLATION") || line.includes("Content Security Policy"));
    expect(violations, "Content-Security-Policy violations").toEqual([]);
  },

  setLanguage: async ({ context, baseURL }, use) => {
    await use((locale) => usePreferences(context, baseURL!, { locale }));
  },

  setTheme: async ({ context, baseURL }, use) => {
    await use((theme) => usePreferences(context, baseURL!, { theme }));
  },

  signIn: async ({ context, baseURL, reuseSessions, sessionCookies }, use, testInfo) => {
    await use(async (email, target = context) => {
      if (!reuseSessions) return signInThroughApi(target, baseURL!, email);
      // Per file: another spec may sign the same user out (which ends all their sessions).
      const key = `${testInfo.file}\n${email}`;
      const cached = sessionCookies.get(key);
      if (cached) return target.addCookies(cached);
      const before = new Set((await target.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`));
      await signInThroughApi(target, baseURL!, email);
      // Only what the sign-in set: the test's own language cookie is not part of the session.
      sessionCookies.set(key, (await target.cookies()).filter((cookie) => !before.has(`${cookie.name}=${cookie.value}`)));
    });
  },
});

export { expect };

/** Axe for WCAG 2.0/2.1 A and AA; fails on serious and critical violations, listed readably. */
export async function expectNoSeriousA11yViolations(page: Page, label?: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  // One readable line per element, so the failure says what to fix without a 40-line object diff.
  const problems = serious.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `[${violation.impact}] ${violation.id} (${violation.help}) at ${node.target.join(" ")}: ` +
        `${node.failureSummary?.replace(/\s+/g, " ").trim() ?? ""} — ${node.html.slice(0, 200)}`,
    ),
  );
  const links = [...new Set(serious.map((violation) => violation.helpUrl.replace(/\?.*$/, "")))];
  expect(
    problems,
    `Serious accessibility violations on ${label ?? page.url()}:\n${problems.join("\n")}\n${links.join("\n")}`,
  ).toEqual([]);
}

/** The seeded demo users' password for this run (playwright.config.ts sets it before the server seeds). */
export function demoPassword(): string {
  const password = process.env.DEMO_PASSWORD;
  if (!password) throw new Error("DEMO_PASSWORD is not set: run the specs through playwright.config.ts.");
  return password;
}

/**
 * Signs in as a browser would, without the form: a same-origin POST to the route
 * handler. The context's request client shares the context's cookies, so its pages are
 * signed in afterwards.
 */
export async function signInThroughApi(context: BrowserContext, baseURL: string, email: string): Promise<void> {
  const response = await context.request.post("/api/auth/sign-in", {
    data: { email, password: demoPassword() },
    headers: { Origin: new URL(baseURL).origin },
  });
  expect(response.status(), `sign-in as ${email}: ${await response.text()}`).toBe(200);
}

/**
 * The language and theme of a context, set before navigating. The theme is written by
 * an init script, before any page script on every load (so next-themes starts with it);
 * a test of the theme switcher's own persistence must not set one.
 */
export async function usePreferences(
  context: BrowserContext,
  baseURL: string,
  { locale, theme }: { locale?: Locale; theme?: Theme },
): Promise<void> {
  if (locale) await context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: baseURL, sameSite: "Lax" }]);
  if (theme) {
    await context.addInitScript(
      ([key, value]) => {
        // about:blank and other opaque origins (axe opens one) have no localStorage.
        try {
          window.localStorage.setItem(key, value);
        } catch {}
      },
      [THEME_STORAGE_KEY, theme] as const,
    );
  }
}
