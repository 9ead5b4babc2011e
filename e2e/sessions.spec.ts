/**
 * Sessions end at once (issue 5): signing out in one browser ends the copy of the same
 * session in another on its very next request; and every sign-in issues a new session
 * cookie, never the one that was there before (no session fixation).
 */
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { demoPassword, expect, test } from "./fixtures";
import { DEMO_AGENCY, demoUser } from "./support/users";

const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token$/;

async function signIn(context: APIRequestContext, origin: string, email: string) {
  const response = await context.post("/api/auth/sign-in", { data: { email, password: demoPassword() }, headers: { Origin: origin } });
  expect(response.status()).toBe(200);
}

async function sessionCookie(context: APIRequestContext): Promise<string | undefined> {
  return (await context.storageState()).cookies.find((cookie) => SESSION_COOKIE.test(cookie.name))?.value;
}

test("signing out ends the same session everywhere on its next request; each sign-in is a new session", async ({}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  const origin = new URL(baseURL).origin;
  const email = demoUser("manager").email;
  const first = await playwrightRequest.newContext({ baseURL });
  await signIn(first, origin, email);
  const before = await sessionCookie(first);
  await signIn(first, origin, email);
  const after = await sessionCookie(first);
  expect(before).toBeTruthy();
  expect(after).toBeTruthy();
  expect(after).not.toBe(before);

  // A second browser with a copy of the cookie.
  const copy = await playwrightRequest.newContext({ baseURL, storageState: await first.storageState() });
  const home = `/${DEMO_AGENCY.slug}`;
  expect((await copy.get(home, { headers: { Accept: "text/html" }, maxRedirects: 0 })).status()).toBe(200);

  const signOut = await first.post("/api/auth/sign-out", { headers: { Origin: origin }, maxRedirects: 0 });
  expect(signOut.status()).toBe(303);
  const next = await copy.get(home, { headers: { Accept: "text/html" }, maxRedirects: 0 });
  expect(next.status()).toBe(307);
  expect(next.headers().location).toContain("reason=session-ended");
  await first.dispose();
  await copy.dispose();
});
