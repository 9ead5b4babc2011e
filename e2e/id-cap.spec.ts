/**
 * The two-Official-Accounts-per-ID cap over HTTP against the running app (issue 6,
 * design.md §4.2): the demo admin makes a token on the API tokens page; then
 *  - for each of 20 fresh resident IDs (one after the other, the 50 requests of an ID in
 *    parallel), a person is recorded through POST /people and 50 parallel POST
 *    /official-accounts for an overseas company (so `service`) give exactly 2 × 201 and
 *    48 × 409 problem+json naming the two holders, and never a 5xx;
 *  - an external account recorded on an ID (POST /people/{id}/external-accounts) leaves
 *    room for one more account only;
 *  - abandoning one of an ID's two accounts frees its slot for exactly one of 10 parallel
 *    new attempts, after which restoring the abandoned one is refused naming the holders.
 * No answer ever carries the clear ID number.
 */
import type { Page } from "@playwright/test";
import createClient from "openapi-fetch";
import { createRng } from "../lib/validation/random";
import { generateResidentId } from "../lib/validation/resident-id";
import { expect, test } from "./fixtures";
import type { paths } from "./support/api-types";
import { addCompany } from "./support/control";
import { exact, format, messages } from "./support/messages";
import { DEMO_AGENCY, demoUser } from "./support/users";

const m = messages("en");
const ADMIN = demoUser("admin");
const ROUNDS = 20;
const PARALLEL = 50;

type Answer = { status: number; type: string | null; text: string };
type Holder = { kind: string; id: string };

test.describe.configure({ mode: "serial" });

/** What the specs below share: the admin's token, a typed client, an overseas company and fresh IDs. */
let token: string;
let api: ReturnType<typeof createClient<paths>>;
let companyId: string;
const rng = createRng(Date.now() % 2_147_483_647);
let idCount = 0;
const issued: string[] = [];

const auth = () => ({ Authorization: `Bearer ${token}` });
const pad = (n: number) => String(n).padStart(2, "0");

/** Makes an API token on the API tokens page, as a user would. */
async function makeToken(page: Page): Promise<string> {
  expect((await page.goto(`/${DEMO_AGENCY.slug}/api-tokens`))?.status()).toBe(200);
  const name = `ID cap ${Date.now()}`;
  await page.getByRole("button", { name: exact(m.apiTokens.create.button) }).first().click();
  const create = page.getByRole("dialog", { name: exact(m.apiTokens.create.title) });
  await create.getByLabel(exact(m.apiTokens.create.name)).fill(name);
  await create.getByLabel(exact(m.apiTokens.create.expiry)).selectOption("30");
  await create.getByRole("button", { name: exact(m.apiTokens.create.submit) }).click();
  const reveal = page.getByRole("dialog", { name: exact(m.apiTokens.reveal.title) });
  const value = await reveal.getByLabel(exact(format(m.apiTokens.reveal.label, { name }))).inputValue();
  expect(value).toMatch(/^wdk_[A-Za-z0-9_-]{43}$/);
  await reveal.getByRole("button", { name: exact(m.apiTokens.reveal.done) }).click();
  return value;
}

/** Records a person with a fresh adult resident ID; answers their id. */
async function recordOperator(name: string): Promise<string> {
  const n = idCount++;
  const idNumber = generateResidentId({ rng, birthDate: `${1970 + n}-${pad(1 + (n % 12))}-${pad(10 + (n % 18))}` });
  issued.push(idNumber);
  const person = await api.POST("/people", { headers: auth(), body: { name, idType: "prc_resident_id", idNumber } });
  expect(person.response.status).toBe(201);
  expect(JSON.stringify(person.data)).not.toContain(idNumber);
  return person.data!.id;
}

/** `count` parallel POST /official-accounts for one operator, each answer as sent. */
async function createInParallel(baseURL: string, operatorPersonId: string, count: number): Promise<Answer[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const response = await fetch(new URL("/api/v1/official-accounts", baseURL), {
        method: "POST",
        headers: { ...auth(), "Content-Type": "application/json" },
        body: JSON.stringify({ clientCompanyId: companyId, accountType: "service", operatorPersonId }),
      });
      return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
    }),
  );
}

/** Exactly `winners` × 201, the rest 409 ID_CAP_REACHED problem+json naming `holders()`, no 5xx, no clear ID. */
function expectCap(answers: Answer[], winners: number, holders: (created: { id: string }[]) => Holder[]): { id: string }[] {
  expect(answers.filter((a) => a.status >= 500).map((a) => a.text)).toEqual([]);
  for (const answer of answers) for (const idNumber of issued) expect(answer.text).not.toContain(idNumber);
  const created = answers.filter((a) => a.status === 201).map((a) => JSON.parse(a.text) as { id: string });
  const refused = answers.filter((a) => a.status === 409);
  expect(created).toHaveLength(winners);
  expect(refused).toHaveLength(answers.length - winners);
  const expected = holders(created).map((h) => `${h.kind}:${h.id}`).sort();
  for (const answer of refused) {
    expect(answer.type).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(answer.text) as { code: string; holders: Holder[] };
    expect(problem.code).toBe("ID_CAP_REACHED");
    expect(problem.holders.map((h) => `${h.kind}:${h.id}`).sort()).toEqual(expected);
  }
  return created;
}

const accounts = (created: { id: string }[]): Holder[] => created.map((c) => ({ kind: "official_account", id: c.id }));

test(`50 parallel creations for one resident ID: 2 × 201, 48 × 409 naming the holders, 0 × 5xx (${ROUNDS} fresh IDs)`, async ({
  page,
  baseURL,
  signIn,
  setLanguage,
}) => {
  test.setTimeout(300_000);
  await setLanguage("en");
  await signIn(ADMIN.email);
  token = await makeToken(page);
  api = createClient<paths>({ baseUrl: new URL("/api/v1", baseURL).toString() });
  companyId = (await addCompany({ agencySlug: DEMO_AGENCY.slug, name: `境外测试 ${Date.now()}` })).id;

  for (let round = 0; round < ROUNDS; round++) {
    const operatorPersonId = await recordOperator(`上限测试${round}`);
    const answers = await createInParallel(baseURL!, operatorPersonId, PARALLEL);
    expectCap(answers, 2, accounts);
  }
});

test("an external account on an ID leaves room for one more account only", async ({ baseURL }) => {
  const operatorPersonId = await recordOperator("外部账号测试");
  const external = await api.POST("/people/{id}/external-accounts", {
    headers: auth(),
    params: { path: { id: operatorPersonId } },
    body: { name: "已有的号", wechatId: "already_there" },
  });
  expect(external.response.status).toBe(201);
  expect(external.data).toMatchObject({ operatorPersonId, name: "已有的号", slot: 1 });
  const externalId = external.data!.id;

  const answers = await createInParallel(baseURL!, operatorPersonId, PARALLEL);
  expectCap(answers, 1, (created) => [{ kind: "external_account", id: externalId }, ...accounts(created)]);
});

test("abandoning one of an ID's two accounts frees its slot for exactly one of 10 parallel attempts", async ({ baseURL }) => {
  const operatorPersonId = await recordOperator("放弃测试");
  const [first, second] = expectCap(await createInParallel(baseURL!, operatorPersonId, 2), 2, accounts);

  const abandoned = await api.POST("/official-accounts/{id}/abandon", {
    headers: auth(),
    params: { path: { id: first!.id } },
    body: { version: 1, reason: "客户不做了" },
  });
  expect(abandoned.response.status).toBe(200);
  expect(abandoned.data).toMatchObject({ id: first!.id, stage: "abandoned", resumeStage: "intake", version: 2, slot: null });

  const [taker] = expectCap(await createInParallel(baseURL!, operatorPersonId, 10), 1, (created) => [
    ...accounts(created),
    { kind: "official_account", id: second!.id },
  ]);

  // The abandoned account cannot come back while the ID is full: the holders are named, nothing changes.
  const restore = await api.POST("/official-accounts/{id}/restore", {
    headers: auth(),
    params: { path: { id: first!.id } },
    body: { version: 2 },
  });
  expect(restore.response.status).toBe(409);
  expect(restore.error).toMatchObject({ code: "ID_CAP_REACHED" });
  expect((restore.error as { holders: Holder[] }).holders.map((h) => h.id).sort()).toEqual([taker!.id, second!.id].sort());

  // A stale version is 409 with the card as it stands.
  const stale = await api.POST("/official-accounts/{id}/abandon", {
    headers: auth(),
    params: { path: { id: first!.id } },
    body: { version: 1 },
  });
  expect(stale.response.status).toBe(409);
  expect(stale.error).toMatchObject({ code: "STALE_VERSION", current: { id: first!.id, stage: "abandoned", version: 2 } });
});
