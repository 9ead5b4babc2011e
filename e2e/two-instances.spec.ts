/**
 * Issue 10 §4, the scale-out path: two `next start` instances of one build behind a
 * round-robin proxy (lib/testing/round-robin-proxy.ts), sharing PostgreSQL, the bucket and
 * the environment (scripts/e2e-server.ts starts the second one and the proxy). A session
 * made on one instance is good on the other; a server action, an upload (intent, presigned
 * POST to the store, complete) and the read-back work whichever instance answers each step.
 *
 * The proxy names the instance that answered in `x-weidesk-instance`. The first test leaves
 * the choice to the proxy (strictly in turn); the second steers each step to the instance
 * the previous step did not use, by naming it in the same header on the request, so each
 * step depends on what the other instance wrote.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import { INSTANCE_HEADER } from "../lib/testing/round-robin-proxy";
import { demoPassword, expect, test } from "./fixtures";
import { addDocumentRequest, startScaleOut, stopScaleOut } from "./support/control";
import { exact, format, messages } from "./support/messages";
import { DEMO_AGENCY, demoUser } from "./support/users";

type Instance = "a" | "b";

const proxyPort = process.env.E2E_PROXY_PORT;
if (!proxyPort) throw new Error("E2E_PROXY_PORT is not set: run the specs through playwright.config.ts.");
const proxyUrl = `http://localhost:${proxyPort}`;
const LICENCE_JPEG = path.join(import.meta.dirname, "fixtures", "licence.jpg");
const en = messages("en");
const client = demoUser("client_admin");

test.use({ baseURL: proxyUrl });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const scaleOut = await startScaleOut();
  expect(scaleOut.proxyUrl).toBe(proxyUrl);
});

test.afterAll(async () => {
  await stopScaleOut();
});

/** Signs `email` in through the sign-in route handler on `instance`; answers who answered. */
async function signInOn(request: APIRequestContext, email: string, instance?: Instance): Promise<string | null> {
  const response = await request.post("/api/auth/sign-in", {
    data: { email, password: demoPassword() },
    headers: { Origin: proxyUrl, ...(instance ? { [INSTANCE_HEADER]: instance } : {}) },
  });
  expect(response.status(), `sign-in: ${await response.text()}`).toBe(200);
  return response.headers()[INSTANCE_HEADER] ?? null;
}

type Answer = { method: string; path: string; action: boolean; status: number; instance: string | null };

/**
 * Steers the context's requests to the proxy: each goes to `to`, except server action
 * POSTs, which take the next instance from `actions` while it has one. Every answer is
 * recorded, with the instance that gave it.
 */
async function steer(context: BrowserContext) {
  const state = { to: "a" as Instance, actions: [] as Instance[], answers: [] as Answer[] };
  const isAction = (method: string, headers: Record<string, string>) => method === "POST" && "next-action" in headers;
  await context.route(`${proxyUrl}/**`, async (route) => {
    const request = route.request();
    const headers = await request.allHeaders();
    const instance = (isAction(request.method(), headers) && state.actions.shift()) || state.to;
    await route.continue({ headers: { ...headers, [INSTANCE_HEADER]: instance } });
  });
  context.on("response", (response) => {
    if (!response.url().startsWith(proxyUrl)) return;
    const request = response.request();
    state.answers.push({
      method: request.method(),
      path: new URL(response.url()).pathname,
      action: isAction(request.method(), request.headers()),
      status: response.status(),
      instance: response.headers()[INSTANCE_HEADER] ?? null,
    });
  });
  return state;
}

/** The answers of server actions since `from` (an index into answers). */
const actionsSince = (answers: Answer[], from: number) => answers.slice(from).filter((answer) => answer.action);

const kindSection = (page: Page, kindName: string) => page.getByRole("region", { name: exact(kindName) });

test.describe("two instances behind one port", () => {
  test("the proxy takes turns, and a session from one instance is good on both", async ({ context }) => {
    const signedInOn = await signInOn(context.request, client.email);
    expect(["a", "b"]).toContain(signedInOn);
    const answered: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      // No redirects followed: a 307 to the sign-in page would mean the session was refused.
      const response = await context.request.get(`/portal/${DEMO_AGENCY.slug}`, { maxRedirects: 0 });
      expect(response.status(), `GET /portal/${DEMO_AGENCY.slug}, answer ${i + 1}`).toBe(200);
      answered.push(response.headers()[INSTANCE_HEADER] ?? "none");
    }
    const other = signedInOn === "a" ? "b" : "a";
    expect(answered).toEqual([other, signedInOn, other, signedInOn]);
  });

  test("sign-in, a server action, an upload and the read-back, each step on the other instance", async ({ page, context }) => {
    test.setTimeout(60_000);
    const { requestId } = await addDocumentRequest({ agencySlug: DEMO_AGENCY.slug });
    const route = await steer(context);

    // Signed in on a; the request's page comes from b.
    expect(await signInOn(context.request, client.email, "a")).toBe("a");
    route.to = "b";
    const opened = await page.goto(`/portal/${DEMO_AGENCY.slug}/requests/${requestId}`);
    expect(opened?.headers()[INSTANCE_HEADER]).toBe("b");
    await expect(page.getByRole("heading", { level: 1, name: exact(en.portal.request.title) })).toBeVisible();

    // A server action from b's page, answered by a, writes a comment; b reads it back.
    const comment = `Sent through instance a, read through b (${requestId.slice(0, 8)}).`;
    let mark = route.answers.length;
    route.actions = ["a"];
    await page.getByLabel(exact(en.portal.comments.label)).fill(comment);
    await page.getByRole("button", { name: exact(en.portal.comments.submit) }).click();
    await expect(page.getByRole("listitem").filter({ hasText: comment })).toBeVisible();
    expect(actionsSince(route.answers, mark).map((answer) => [answer.instance, answer.status])).toEqual([["a", 200]]);
    await page.reload();
    await expect(page.getByRole("listitem").filter({ hasText: comment })).toBeVisible();

    // The upload: the intent on a, the file straight to the store, complete on b (which reads a's intent).
    const posted: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && !request.url().startsWith(proxyUrl)) posted.push(request.url());
    });
    mark = route.answers.length;
    route.actions = ["a", "b"];
    const section = kindSection(page, en.catalogue.documentKinds.business_licence);
    const chooser = page.waitForEvent("filechooser");
    await section.getByRole("button", { name: exact(en.portal.request.uploadFirst) }).click();
    await (await chooser).setFiles(LICENCE_JPEG);
    await expect(section.getByText(exact(en.portal.request.status.uploaded))).toBeVisible({ timeout: 20_000 });
    expect(actionsSince(route.answers, mark).map((answer) => [answer.instance, answer.status])).toEqual([
      ["a", 200],
      ["b", 200],
    ]);
    expect(posted).toHaveLength(1);

    // Read back on a: the page lists the version; its download (a 303 to the store) from b gives the same bytes.
    route.to = "a";
    const reloaded = await page.reload();
    expect(reloaded?.headers()[INSTANCE_HEADER]).toBe("a");
    await expect(section.getByText(exact(en.portal.request.status.uploaded))).toBeVisible();
    const download = section.getByRole("link", { name: exact(format(en.portal.request.downloadNamed, { name: "licence.jpg" })) });
    const redirect = await context.request.get((await download.getAttribute("href"))!, { maxRedirects: 0, headers: { [INSTANCE_HEADER]: "b" } });
    expect([redirect.status(), redirect.headers()[INSTANCE_HEADER]]).toEqual([303, "b"]);
    const stored = await context.request.get(redirect.headers().location!);
    expect(stored.status()).toBe(200);
    expect((await stored.body()).equals(await readFile(LICENCE_JPEG))).toBe(true);

    // Both instances answered pages and actions, and none of their answers was an error.
    const failed = route.answers.filter((answer) => answer.status >= 400);
    expect(failed, "answers of 400 and up").toEqual([]);
    expect(new Set(route.answers.filter((answer) => answer.action).map((answer) => answer.instance))).toEqual(new Set(["a", "b"]));
    expect(new Set(route.answers.map((answer) => answer.instance))).toEqual(new Set(["a", "b"]));
  });
});
