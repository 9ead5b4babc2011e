/**
 * The JSON API end to end: the demo admin makes a token on the API tokens page (shown
 * once, with a copy button), a typed openapi-fetch client (e2e/support/api-types.ts,
 * generated from the OpenAPI document) lists the members with it, a call without a
 * token and a cookie-only call both get 401, and once the token is revoked on the page
 * it opens nothing. The page passes axe with its dialogs open. A client company made
 * through the API is found by the list's search, and an edit from a stale version gets
 * 409 problem+json with the company as it now stands.
 */
import createClient from "openapi-fetch";
import { createRng } from "../lib/validation/random";
import { generateUscc } from "../lib/validation/uscc";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";
import type { paths } from "./support/api-types";
import { exact, format, messages } from "./support/messages";
import { DEMO_AGENCY, demoUser } from "./support/users";

const m = messages("en");
const TOKENS_PATH = `/${DEMO_AGENCY.slug}/api-tokens`;
const ADMIN = demoUser("admin");

test.describe.configure({ mode: "serial" });

test("a token made on the page lists the members through the API, and stops once revoked", async ({
  page,
  context,
  baseURL,
  signIn,
  setLanguage,
}) => {
  await setLanguage("en");
  await signIn(ADMIN.email);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const response = await page.goto(TOKENS_PATH);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: exact(m.apiTokens.page.title) })).toBeVisible();
  // Reached from the user menu (the member's own tokens), not the sidebar.
  const menu = page.getByRole("button", { name: exact(m.userMenu.trigger) });
  // A click before hydration opens nothing: click until the menu says it is open.
  await expect(async () => {
    if ((await menu.getAttribute("aria-expanded")) !== "true") await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true", { timeout: 1_000 });
  }).toPass();
  await expect(page.getByRole("link", { name: exact(m.userMenu.apiTokens) })).toHaveAttribute("href", TOKENS_PATH);
  await page.keyboard.press("Escape");
  await expectNoSeriousA11yViolations(page, `${TOKENS_PATH} (en)`);

  // Make a token: name and lifetime, then the token, once.
  const name = `E2E ${Date.now()}`;
  await page.getByRole("button", { name: exact(m.apiTokens.create.button) }).first().click();
  const create = page.getByRole("dialog", { name: exact(m.apiTokens.create.title) });
  await create.getByLabel(exact(m.apiTokens.create.name)).fill(name);
  await create.getByLabel(exact(m.apiTokens.create.expiry)).selectOption("30");
  await expectNoSeriousA11yViolations(page, `${TOKENS_PATH} create dialog`);
  await create.getByRole("button", { name: exact(m.apiTokens.create.submit) }).click();

  const reveal = page.getByRole("dialog", { name: exact(m.apiTokens.reveal.title) });
  await expect(reveal).toBeVisible();
  const field = reveal.getByLabel(exact(format(m.apiTokens.reveal.label, { name })));
  const token = await field.inputValue();
  expect(token).toMatch(/^wdk_[A-Za-z0-9_-]{43}$/);
  await reveal.getByRole("button", { name: exact(m.apiTokens.reveal.copy) }).click();
  await expect(reveal.getByRole("status")).toHaveText(
    new RegExp(`^(${m.apiTokens.reveal.copied}|${m.apiTokens.reveal.copyFailed.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})$`),
  );
  await expectNoSeriousA11yViolations(page, `${TOKENS_PATH} reveal dialog`);
  await reveal.getByRole("button", { name: exact(m.apiTokens.reveal.done) }).click();
  await expect(reveal).toBeHidden();
  // Shown once: the list has the token's name, never the token.
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: exact(name) }) });
  await expect(row).toBeVisible();
  await expect(page.locator("body")).not.toContainText(token);

  // The typed client, with the token.
  const api = createClient<paths>({ baseUrl: new URL("/api/v1", baseURL).toString() });
  const listed = await api.GET("/members", { headers: { Authorization: `Bearer ${token}` } });
  expect(listed.response.status).toBe(200);
  expect(listed.response.headers.get("content-type")).toMatch(/^application\/json/);
  const emails = listed.data?.data.map((member) => member.email) ?? [];
  expect(emails).toContain(ADMIN.email);
  expect(emails).toContain(demoUser("client_admin").email);

  // No token: 401 problem+json naming the scheme.
  const anonymous = await api.GET("/members");
  expect(anonymous.response.status).toBe(401);
  expect(anonymous.response.headers.get("content-type")).toBe("application/problem+json");
  expect(anonymous.response.headers.get("www-authenticate")).toMatch(/^Bearer /);
  expect(anonymous.error).toMatchObject({ code: "UNAUTHENTICATED", status: 401 });

  // The session cookie alone opens nothing under /api/v1.
  const cookieOnly = await page.request.get("/api/v1/members");
  expect(cookieOnly.status()).toBe(401);

  // The document describes what was just used, without a token.
  const document = await page.request.get("/api/v1/openapi.json");
  expect(document.status()).toBe(200);
  expect(Object.keys((await document.json()).paths)).toContain("/members");

  // Revoke on the page: the API refuses the token from then on.
  await row.getByRole("button", { name: exact(format(m.apiTokens.table.revokeLabel, { name })) }).click();
  const confirm = page.getByRole("dialog", { name: exact(format(m.apiTokens.revoke.title, { name })) });
  await confirm.getByRole("button", { name: exact(m.apiTokens.revoke.submit) }).click();
  await expect(confirm).toBeHidden();
  await expect(row.getByText(exact(m.apiTokens.status.revoked))).toBeVisible();
  const afterRevoke = await api.GET("/members", { headers: { Authorization: `Bearer ${token}` } });
  expect(afterRevoke.response.status).toBe(401);
});

test("a staff member manages their own tokens, without the administrators' list", async ({ page, signIn, setLanguage }) => {
  await setLanguage("en");
  await signIn(demoUser("staff").email);
  const response = await page.goto(TOKENS_PATH);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 2, name: exact(m.apiTokens.own.heading) })).toBeVisible();
  await expect(page.getByRole("heading", { name: exact(m.apiTokens.others.heading) })).toHaveCount(0);
});

test("client companies through the API: create, find by search, a stale edit gets 409 with the current company", async ({
  page,
  baseURL,
  signIn,
  setLanguage,
}) => {
  await setLanguage("en");
  await signIn(ADMIN.email);
  expect((await page.goto(TOKENS_PATH))?.status()).toBe(200);
  const name = `Companies ${Date.now()}`;
  await page.getByRole("button", { name: exact(m.apiTokens.create.button) }).first().click();
  const create = page.getByRole("dialog", { name: exact(m.apiTokens.create.title) });
  await create.getByLabel(exact(m.apiTokens.create.name)).fill(name);
  await create.getByLabel(exact(m.apiTokens.create.expiry)).selectOption("30");
  await create.getByRole("button", { name: exact(m.apiTokens.create.submit) }).click();
  const reveal = page.getByRole("dialog", { name: exact(m.apiTokens.reveal.title) });
  const token = await reveal.getByLabel(exact(format(m.apiTokens.reveal.label, { name }))).inputValue();
  await reveal.getByRole("button", { name: exact(m.apiTokens.reveal.done) }).click();

  const api = createClient<paths>({ baseUrl: new URL("/api/v1", baseURL).toString() });
  const headers = { Authorization: `Bearer ${token}` };
  const stamp = String(Date.now()).slice(-6);
  const legalNameZh = `杭州接口测试${stamp}有限公司`;
  const uscc = generateUscc({ rng: createRng(Date.now() % 2_147_483_647) });

  const created = await api.POST("/companies", { headers, body: { kind: "cn_org", legalNameZh, uscc } });
  expect(created.response.status).toBe(201);
  const id = created.data!.id;
  expect(created.response.headers.get("location")).toBe(`/api/v1/companies/${id}`);
  expect(created.data).toMatchObject({ legalNameZh, uscc, version: 1 });

  // Part of the Chinese name, and the credit code in lower case, both find it.
  const byName = await api.GET("/companies", { headers, params: { query: { q: `接口测试${stamp}` } } });
  expect(byName.response.status).toBe(200);
  expect(byName.data!.data.map((row) => row.id)).toContain(id);
  const byCode = await api.GET("/companies", { headers, params: { query: { q: uscc.toLowerCase() } } });
  expect(byCode.data).toMatchObject({ data: [{ id, legalNameZh }], total: 1, totalCapped: false, next: null });

  const saved = await api.PATCH("/companies/{id}", {
    headers,
    params: { path: { id } },
    body: { kind: "cn_org", legalNameZh: `${legalNameZh}（新）`, uscc, version: 1 },
  });
  expect(saved.response.status).toBe(200);
  expect(saved.data).toMatchObject({ version: 2 });

  const stale = await api.PATCH("/companies/{id}", {
    headers,
    params: { path: { id } },
    body: { kind: "cn_org", legalNameZh: `${legalNameZh}（旧）`, uscc, version: 1 },
  });
  expect(stale.response.status).toBe(409);
  expect(stale.response.headers.get("content-type")).toBe("application/problem+json");
  expect(stale.error).toMatchObject({
    code: "STALE_VERSION",
    current: { id, legalNameZh: `${legalNameZh}（新）`, version: 2 },
    changedBy: ADMIN.name,
  });
});
