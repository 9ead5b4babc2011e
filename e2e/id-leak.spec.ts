/**
 * The ID-number leak test against the running app (issue 6, design.md §3): the clear
 * resident ID number appears nowhere but in the answers of the two audited reveals.
 *
 * Four fresh numbers are planted, typed as people type them (lower-case x, full width,
 * grouped with spaces), and used on every path that takes one, as the demo owner:
 *  - recorded on a client's page (the add-person dialog, a server action) and through
 *    POST /api/v1/people (a duplicate too: refused without echoing it);
 *  - found by the exact search on the people page (a POST), in each form; a malformed
 *    number and a valid one nobody has (the fourth, never recorded) are refused;
 *  - as operator of Official Accounts (the dialog and POST /official-accounts), an
 *    external account (the dialog and the API), and an operator change (换绑, the API);
 *  - in a company CSV import: people are not in the company CSV, so an ID-number column
 *    is unknown and must be dropped (its header reported, its cells nowhere); then the
 *    clients CSV export;
 *  - revealed (Show) and exported (Export data) on the person's page: those two answers
 *    must carry it, and only those.
 *  - edited: on the edit page (p1's mobile) and through PATCH /api/v1/people/{id} (p2: a
 *    save, an overtaken one answering the current values, and one carrying a number,
 *    refused on the field without echoing it); GET /api/v1/people/{id};
 *
 * Every answer the browser received (HTML, RSC, server-action and JSON answers) and every
 * API answer is kept. Then every page of the app is fetched as HTML and as RSC (header
 * `RSC: 1`) — the planted people's and companies' pages included, the portal as the
 * client administrator — and every GET of the API. Then the server's output
 * (scripts/e2e-server.ts writes next's stdout/stderr and the app's pino lines, at debug,
 * to test-results/e2e-server.log) and the database (GET /dump on the control endpoint:
 * every row of every table, audit_events and pgboss's jobs included, and pg_dump when
 * one matches the server, else its reason is noted on the test) are searched too.
 */
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { findIdNumbers, idNumberForms, leakReport } from "../lib/testing/id-leak";
import { listAppRoutes, listServerActions } from "../lib/testing/routes";
import { createRng } from "../lib/validation/random";
import { generateResidentId } from "../lib/validation/resident-id";
import { expect, test } from "./fixtures";
import { addCompany, fixtureIds } from "./support/control";
import { exact, format, messages } from "./support/messages";
import { DEMO_AGENCY, demoUser } from "./support/users";

const m = messages("en");
const tag = randomBytes(3).toString("hex");
const rng = createRng(Number.parseInt(tag, 16));
const agency = `/${DEMO_AGENCY.slug}`;
const SERVER_LOG = path.resolve(process.env.E2E_SERVER_LOG ?? "test-results/e2e-server.log");

/** A fresh adult resident ID; with `x`, one whose check character is X. */
function plant(birthDate: string, x = false): string {
  for (;;) {
    const n = generateResidentId({ rng, birthDate });
    if (!x || n.endsWith("X")) return n;
  }
}
const planted = [plant("1983-03-14", true), plant("1991-08-21"), plant("1976-12-02"), plant("1988-06-30")] as const;
const [n1, n2, n3, never] = planted;
/** As typed: the X in lower case; full width (an IME's digits); grouped with spaces as printed on the card. */
const lowerX = n1.toLowerCase();
const fullWidthN2 = idNumberForms(n2)[2]!;
const groupedN3 = idNumberForms(n3)[4]!;
const mask = (n: string) => `${n.slice(0, 6)}********${n.slice(-4)}`;

type Answer = { label: string; body: string; reveal: boolean };

/**
 * Bodies being read, and answers whose body Chromium could not give (a prefetch the
 * router dropped, say): never skipped silently, see `readUnread`.
 */
const pending: Promise<unknown>[] = [];
type Unread = { label: string; method: string; url: string; headers: Record<string, string>; postData: string };
const unread: Unread[] = [];

/**
 * Waits until every body asked for is read: Chromium drops a document's bodies when the
 * page navigates away, so each navigation of the flow waits for this first.
 */
async function settle() {
  for (let seen = -1; seen !== pending.length; ) {
    seen = pending.length;
    await Promise.all(pending);
  }
}

async function go(page: Page, url: string) {
  await settle();
  await page.goto(url);
}

/**
 * Keeps every same-origin answer a context receives (static assets aside), its server
 * action named. POSTs (server actions) pass through a route that reads the answer before
 * handing it on, since Chromium may not keep an action's body; GETs are read as they come.
 */
async function recordAnswers(context: BrowserContext, baseURL: string, answers: Answer[]) {
  const actions = new Map((listServerActions() ?? []).map((a) => [a.id, a.exportedName]));
  const revealing = new Set(["revealIdNumberAction", "exportPersonAction"]);
  const actionOf = (headers: Record<string, string>) => {
    const id = headers["next-action"];
    return id ? (actions.get(id) ?? `action ${id}`) : null;
  };
  await context.route(
    (url) => url.href.startsWith(baseURL),
    async (route) => {
      const request = route.request();
      if (request.method() !== "POST") return route.fallback();
      const response = await route.fetch({ maxRedirects: 0 });
      const body = await response.body();
      const action = actionOf(request.headers());
      const label = `browser POST ${request.url().replace(baseURL, "")}${action ? ` [${action}]` : ""} → ${response.status()}`;
      answers.push({ label, body: body.toString("utf8"), reveal: action !== null && revealing.has(action) });
      await route.fulfill({ response, body });
    },
  );
  context.on("response", (response) => {
    const url = response.url();
    if (!url.startsWith(baseURL) || url.includes("/_next/static/") || /\.(png|ico|svg|woff2?|css|js)(\?|$)/.test(url)) return;
    const request = response.request();
    if (request.method() === "POST") return; // read by the route above
    const action = actionOf(request.headers());
    const label = `browser ${request.method()} ${url.replace(baseURL, "")} → ${response.status()}`;
    pending.push(
      response.text().then(
        (body) => answers.push({ label, body, reveal: action !== null && revealing.has(action) }),
        // A redirect has no body; anything else unread is read again or reported (readUnread).
        () =>
          (response.status() >= 300 && response.status() < 400) ||
          unread.push({ label, method: request.method(), url, headers: request.headers(), postData: request.postData() ?? "" }),
      ),
    );
  });
}

/**
 * Answers whose body the browser did not give: a GET is asked again with the same
 * headers (RSC, router state, prefetch) and the new answer kept; a POST cannot be sent
 * again, so it may stay unread only if its request carried no planted number.
 */
async function readUnread(request: APIRequestContext, answers: Answer[]): Promise<string[]> {
  const refused: string[] = [];
  for (const answer of unread) {
    if (answer.method === "GET") {
      const keep = Object.entries(answer.headers).filter(([name]) => /^(rsc|next-router-state-tree|next-router-prefetch|next-url|accept)$/i.test(name));
      const again = await request.get(answer.url, { headers: Object.fromEntries(keep), failOnStatusCode: false });
      answers.push({ label: `${answer.label} (asked again)`, body: await again.text(), reveal: false });
    } else if (findIdNumbers(answer.postData, planted).length > 0) {
      refused.push(answer.label);
    } else {
      test.info().annotations.push({ type: "body not readable (request carried no ID number)", description: answer.label });
    }
  }
  return refused;
}

async function makeToken(page: Page): Promise<string> {
  await go(page, `${agency}/api-tokens`);
  const name = `ID leak ${tag}`;
  await page.getByRole("button", { name: exact(m.apiTokens.create.button) }).first().click();
  const create = page.getByRole("dialog", { name: exact(m.apiTokens.create.title) });
  await create.getByLabel(exact(m.apiTokens.create.name)).fill(name);
  await create.getByLabel(exact(m.apiTokens.create.expiry)).selectOption("30");
  await create.getByRole("button", { name: exact(m.apiTokens.create.submit) }).click();
  const reveal = page.getByRole("dialog", { name: exact(m.apiTokens.reveal.title) });
  const value = await reveal.getByLabel(exact(format(m.apiTokens.reveal.label, { name }))).inputValue();
  await reveal.getByRole("button", { name: exact(m.apiTokens.reveal.done) }).click();
  return value;
}

async function addPersonOnCompany(page: Page, companyUrl: string, name: string, idNumber: string): Promise<string> {
  await go(page, `${companyUrl}?tab=people`);
  await page.getByRole("button", { name: m.personForm.open }).click();
  const dialog = page.getByRole("dialog", { name: m.personForm.title });
  await dialog.getByLabel(m.personForm.name).fill(name);
  await dialog.getByLabel(m.personForm.idNumber).fill(idNumber);
  await dialog.getByLabel(m.personForm.role).selectOption({ label: m.peoplePages.roles.operator });
  await dialog.getByRole("button", { name: m.personForm.submit }).click();
  await expect(dialog).toHaveCount(0);
  const link = page.getByRole("link", { name: exact(name) });
  await expect(link).toBeVisible();
  return (await link.getAttribute("href"))!.split("/").pop()!;
}

test("a planted resident ID number is answered only by the audited reveal and export, and is in no page, log or row", async ({
  page,
  context,
  browser,
  baseURL,
  signIn,
  consoleErrors,
}) => {
  // The crawl grew with the edit pages of each planted person.
  test.setTimeout(180_000);
  // As in accounts-flow.spec.ts: the streamed icon can come after Chromium's /favicon.ico request.
  consoleErrors.allow(/status of 404 \(Not Found\) \(http:\/\/localhost:\d+\/favicon\.ico/);
  const started = Date.now();
  const answers: Answer[] = [];
  await recordAnswers(context, baseURL!, answers);
  const keep = async (label: string, response: { text(): Promise<string>; status(): number }) => {
    const body = await response.text();
    answers.push({ label: `${label} → ${response.status()}`, body, reveal: false });
    return body;
  };

  await signIn(demoUser("owner").email);
  const token = await makeToken(page);
  const bearer = { Authorization: `Bearer ${token}` };
  const api = context.request;
  const companyId = (await addCompany({ agencySlug: DEMO_AGENCY.slug, name: `泄漏测试境外公司${tag}` })).id;
  const companyUrl = `${agency}/clients/${companyId}`;

  // Recorded: in the dialog (lower-case x; grouped with spaces) and through the API (full width).
  const p1 = await addPersonOnCompany(page, companyUrl, `泄漏甲${tag}`, lowerX);
  const p3 = await addPersonOnCompany(page, companyUrl, `泄漏丙${tag}`, groupedN3);
  const created = await api.post("/api/v1/people", { headers: bearer, data: { name: `泄漏乙${tag}`, idType: "prc_resident_id", idNumber: fullWidthN2 } });
  expect(created.status()).toBe(201);
  const p2 = (JSON.parse(await keep("POST /api/v1/people", created)) as { id: string; idMask: string }).id;
  const duplicate = await api.post("/api/v1/people", { headers: bearer, data: { name: "重复", idType: "prc_resident_id", idNumber: n1 } });
  expect(duplicate.status()).toBe(422);
  await keep("POST /api/v1/people (duplicate)", duplicate);
  await keep("GET /api/v1/people", await api.get("/api/v1/people", { headers: bearer }));
  await expect(page.getByText(mask(n3))).toBeVisible();

  // The exact search, a POST: each form finds its person; a malformed or unknown number is refused.
  const search = async (typed: string) => {
    await go(page, `${agency}/people`);
    await page.getByRole("textbox", { name: m.peoplePages.idSearch.label }).fill(typed);
    await page.getByRole("button", { name: m.peoplePages.idSearch.submit }).click();
  };
  for (const [typed, id] of [
    [idNumberForms(n1)[1]!, p1],
    [idNumberForms(n2)[2]!, p2],
    [idNumberForms(n3)[5]!, p3],
  ] as const) {
    await search(typed);
    await expect(page).toHaveURL(new RegExp(`/people/${id}$`));
  }
  await search(never);
  await expect(page.getByText(m.peoplePages.errors.noMatch)).toBeVisible();
  await search(n2.slice(0, 17));
  await expect(page.getByText(m.peoplePages.errors.searchFormat)).toBeVisible();

  // Accounts with them as operator: in the dialog (p1), through the API (p2), an external account each way, 换绑 to p3.
  await go(page, `${companyUrl}?tab=accounts`);
  await page.getByRole("button", { name: m.accountForm.open }).click();
  const accountDialog = page.getByRole("dialog", { name: m.accountForm.title });
  const operator = accountDialog.getByLabel(m.accountForm.operator);
  const option = operator.locator("option").filter({ hasText: `泄漏甲${tag}` });
  await operator.selectOption(await option.getAttribute("value"));
  await accountDialog.getByLabel(m.accountForm.name, { exact: false }).fill(`泄漏一号${tag}`);
  await accountDialog.getByRole("button", { name: m.accountForm.submit }).click();
  await expect(accountDialog).toHaveCount(0);
  await expect(page.getByText(exact(`泄漏一号${tag}`))).toBeVisible();

  const account = await api.post("/api/v1/official-accounts", {
    headers: bearer,
    data: { clientCompanyId: companyId, accountType: "service", operatorPersonId: p2, name: `泄漏二号${tag}` },
  });
  expect(account.status()).toBe(201);
  const { id: accountId, registrationId, version } = JSON.parse(await keep("POST /api/v1/official-accounts", account)) as {
    id: string;
    registrationId: string;
    version: number;
  };
  const external = await api.post(`/api/v1/people/${p2}/external-accounts`, { headers: bearer, data: { name: "外部号", wechatId: `leak_${tag}` } });
  expect(external.status()).toBe(201);
  await keep("POST /api/v1/people/{id}/external-accounts", external);
  const change = await api.post(`/api/v1/official-accounts/${accountId}/operator`, { headers: bearer, data: { version, operatorPersonId: p3 } });
  expect(change.status()).toBe(200);
  await keep("POST /api/v1/official-accounts/{id}/operator", change);

  await go(page, `${agency}/people/${p1}`);
  await page.getByRole("button", { name: m.externalAccountForm.open }).click();
  const externalDialog = page.getByRole("dialog", { name: m.externalAccountForm.title });
  await externalDialog.getByLabel(m.externalAccountForm.name).fill(`外面的号${tag}`);
  await externalDialog.getByRole("button", { name: m.externalAccountForm.submit }).click();
  await expect(externalDialog).toHaveCount(0);
  await expect(page.getByText(`外面的号${tag}`)).toBeVisible();

  // Edited: on the edit page (p1), through the API (p2: saved, overtaken, a number refused).
  await go(page, `${agency}/people/${p1}`);
  await page.getByRole("link", { name: exact(m.personEditForm.edit) }).click();
  await expect(page.getByTestId("person-edit-id").getByText(exact(mask(n1)))).toBeVisible();
  await page.getByLabel(exact(m.personEditForm.fields.mobile)).fill("13900139000");
  await page.getByRole("button", { name: exact(m.personEditForm.save) }).click();
  await expect(page).toHaveURL(new RegExp(`/people/${p1}$`));
  const edited = await api.patch(`/api/v1/people/${p2}`, { headers: bearer, data: { version: 1, name: `泄漏乙${tag}改`, mobile: "13700137000" } });
  expect(edited.status()).toBe(200);
  await keep("PATCH /api/v1/people/{id}", edited);
  const overtaken = await api.patch(`/api/v1/people/${p2}`, { headers: bearer, data: { version: 1, name: "过期" } });
  expect(overtaken.status()).toBe(409);
  expect(await keep("PATCH /api/v1/people/{id} (stale)", overtaken)).toContain(mask(n2));
  const renumbered = await api.patch(`/api/v1/people/${p2}`, { headers: bearer, data: { version: 2, name: "改号", idNumber: fullWidthN2 } });
  expect(renumbered.status()).toBe(422);
  await keep("PATCH /api/v1/people/{id} (number)", renumbered);
  await keep("GET /api/v1/people/{id}", await api.get(`/api/v1/people/${p2}`, { headers: bearer }));

  // The two audited reveals: Show on p1's page, Export data on p2's.
  await page.getByRole("button", { name: m.peoplePages.person.reveal }).click();
  await expect(page.getByTestId("person-id-number")).toHaveText(n1);
  await go(page, `${agency}/people/${p2}`);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: m.peoplePages.person.export }).click();
  const exported = fs.readFileSync((await (await download).path())!, "utf8");
  expect(findIdNumbers(exported, planted)).toEqual([n2]);

  // The company CSV: an ID-number column is not one of its columns, so it is reported and dropped.
  await go(page, `${agency}/clients/import`);
  await page.getByLabel(exact(m.clientImport.file.label)).setInputFiles({
    name: "clients-with-ids.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`Kind,English name,Country or region,法定代表人身份证号\r\noverseas,Leak CSV ${tag} Pte. Ltd.,SG,${lowerX}\r\noverseas,Leak CSV ${tag} Ltd.,HK,${fullWidthN2}\r\n`),
  });
  await page.getByRole("button", { name: exact(m.clientImport.file.check) }).click();
  await expect(page.getByRole("table", { name: exact(m.clientImport.table.caption) })).toBeVisible();
  await expect(page.getByText("法定代表人身份证号")).toBeVisible();
  const importTwo = m.clientImport.actions.importValid.match(/other \{([^{}]*)\}/)![1]!.replace("#", "2");
  await page.getByRole("button", { name: exact(importTwo) }).click();
  await expect(page.getByRole("heading", { level: 2, name: exact(m.clientImport.result.title) })).toBeVisible();
  await keep("GET clients/export", await api.get(`${agency}/clients/export`));
  const imported = JSON.parse(await keep("GET /api/v1/companies?q=Leak CSV", await api.get(`/api/v1/companies?q=${encodeURIComponent(`Leak CSV ${tag}`)}`, { headers: bearer }))) as {
    data: { id: string }[];
  };
  expect(imported.data).toHaveLength(2);
  const flowSeconds = (Date.now() - started) / 1000;

  // Every page, as HTML and as RSC, with the planted people and companies; every GET of the API.
  const { ownCompany, ownPerson } = await fixtureIds();
  const values: Record<string, string[]> = {
    "[agency]": [DEMO_AGENCY.slug],
    "people/[id]": [p1, p2, p3, ownPerson],
    "clients/[id]": [companyId, ...imported.data.map((c) => c.id)],
    "companies/[id]": [companyId],
    "registrations/[id]": [registrationId],
    "official-accounts/[id]": [accountId],
  };
  const urls = (kind: "page" | "route", prefix: string) =>
    listAppRoutes()
      .filter((r) => r.kind === kind && r.pattern.startsWith(prefix) && (kind === "page" || r.methods.includes("GET")))
      .flatMap((r) => {
        let expanded = [r.pattern];
        for (const [segment, options] of Object.entries(values)) {
          if (!r.pattern.includes(segment)) continue;
          expanded = expanded.flatMap((url) => options.map((v) => url.replace(segment, segment.replace(/\[[a-z]+\]/, v))));
        }
        return expanded.map((url) => url.replace(/\[[a-z]+\]/g, `unknown-${tag}`));
      });
  const crawl = async (request: APIRequestContext, who: string, list: string[], headers: Record<string, string> = {}) => {
    for (const url of list) {
      const html = await request.get(url, { headers, failOnStatusCode: false });
      await keep(`${who} GET ${url}`, html);
      if (url.startsWith("/api/")) continue;
      const rsc = await request.get(url, { headers: { ...headers, RSC: "1" }, failOnStatusCode: false });
      await keep(`${who} GET ${url} (RSC)`, rsc);
    }
  };
  const pages = urls("page", "/").filter((url) => !url.startsWith("/portal"));
  const extra = [
    `${companyUrl}?tab=people`,
    `${companyUrl}?tab=accounts`,
    `${companyUrl}?tab=timeline`,
    `${agency}/people?q=${encodeURIComponent("泄漏")}`,
    `${agency}/audit?action=person.reveal_id`,
    `${agency}/audit?action=person.export`,
    `${agency}/audit?action=person.create`,
    `${agency}/audit?action=person.update`,
  ];
  await crawl(api, "owner", [...pages, ...extra, ...urls("route", `/${"[agency]"}`)]);
  await crawl(api, "owner", urls("route", "/api/v1"), bearer);
  const portal = await browser.newContext({ baseURL });
  try {
    await signIn(demoUser("client_admin").email, portal);
    await crawl(portal.request, "client admin", [...urls("page", "/portal"), `/portal/${DEMO_AGENCY.slug}?company=${ownCompany}`]);
  } finally {
    await portal.close();
  }
  await settle();
  expect(await readUnread(api, answers), "answers to a request carrying an ID number whose body could not be read").toEqual([]);

  // The reveals did carry it (so the search works); nothing else did.
  const revealAnswers = answers.filter((a) => a.reveal);
  expect(revealAnswers.map((a) => a.label.replace(/ \[.*$/, ""))).toHaveLength(2);
  expect(revealAnswers.flatMap((a) => findIdNumbers(a.body, planted)).sort()).toEqual([n1, n2].sort());
  const others = answers.filter((a) => !a.reveal);
  expect(others.length, "answers kept").toBeGreaterThan(100);
  expect(others.some((a) => a.body.includes(mask(n1))), "a mask was seen, so pages with the people were read").toBe(true);
  const rscOfP1 = others.find((a) => a.label.startsWith(`owner GET ${agency}/people/${p1} (RSC) → 200`));
  expect(rscOfP1?.body, "the RSC payload of a planted person's page was read").toContain(mask(n1));
  expect(leakReport(others.map((a) => [a.label, a.body]), planted), "answers carrying a clear ID number").toEqual([]);

  // The server's output, every level (a pino line at info proves the level).
  await expect.poll(() => fs.existsSync(SERVER_LOG) && fs.readFileSync(SERVER_LOG, "utf8").includes('"msg":"signed in"')).toBe(true);
  const serverLog = fs.readFileSync(SERVER_LOG, "utf8");
  expect(leakReport([["server log", serverLog]], planted), "server log lines carrying a clear ID number").toEqual([]);

  // The database: every row (audit_events and pgboss's jobs among them), and pg_dump when one matches the server.
  const port = process.env.E2E_CONTROL_PORT;
  const dumped = await fetch(`http://127.0.0.1:${port}/dump`);
  expect(dumped.status).toBe(200);
  const dump = (await dumped.json()) as { rows: string; pgDump: { data: string; schema: string } | null; pgDumpSkipped: string | null };
  for (const id of [p1, p2, p3]) expect(dump.rows).toContain(id);
  expect(dump.rows).toMatch(/^public\.audit_events: .*person\.reveal_id/m);
  expect(dump.rows).toMatch(/^public\.audit_events: .*person\.export/m);
  expect(dump.rows).toMatch(/^pgboss\.queue: /m);
  const sources: [string, string][] = [["database rows", dump.rows]];
  if (dump.pgDump) {
    sources.push(["pg_dump --data-only", dump.pgDump.data], ["pg_dump --schema-only", dump.pgDump.schema]);
  } else {
    test.info().annotations.push({ type: "pg_dump skipped", description: dump.pgDumpSkipped ?? "" });
    console.log(`[id-leak] pg_dump step skipped: ${dump.pgDumpSkipped} (every row was searched instead)`);
  }
  expect(leakReport(sources, planted), "database text carrying a clear ID number").toEqual([]);
  console.log(`[id-leak] ${answers.length} answers searched; flow ${flowSeconds.toFixed(1)} s, all ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
