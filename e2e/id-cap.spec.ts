/**
 * The two-Official-Accounts-per-ID cap over HTTP against the running app (issue 6):
 * the demo admin makes a token on the API tokens page; for each of 3 fresh resident
 * IDs (the issue asks for 20 in the integration suite; 3 keep this spec fast), a person
 * is recorded through POST /people and 50 parallel POST /official-accounts for an
 * overseas company (so `service`) give exactly 2 × 201 and 48 × 409 problem+json naming
 * the two holders, and never a 5xx. No answer ever carries the clear ID number.
 */
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
const ROUNDS = 3;
const PARALLEL = 50;

test.describe.configure({ mode: "serial" });

test("50 parallel creations for one resident ID: 2 × 201, 48 × 409 naming the holders, 0 × 5xx (3 fresh IDs)", async ({
  page,
  baseURL,
  signIn,
  setLanguage,
}) => {
  test.setTimeout(120_000);
  await setLanguage("en");
  await signIn(ADMIN.email);
  expect((await page.goto(`/${DEMO_AGENCY.slug}/api-tokens`))?.status()).toBe(200);
  const name = `ID cap ${Date.now()}`;
  await page.getByRole("button", { name: exact(m.apiTokens.create.button) }).first().click();
  const create = page.getByRole("dialog", { name: exact(m.apiTokens.create.title) });
  await create.getByLabel(exact(m.apiTokens.create.name)).fill(name);
  await create.getByLabel(exact(m.apiTokens.create.expiry)).selectOption("30");
  await create.getByRole("button", { name: exact(m.apiTokens.create.submit) }).click();
  const reveal = page.getByRole("dialog", { name: exact(m.apiTokens.reveal.title) });
  const token = await reveal.getByLabel(exact(format(m.apiTokens.reveal.label, { name }))).inputValue();
  expect(token).toMatch(/^wdk_[A-Za-z0-9_-]{43}$/);
  await reveal.getByRole("button", { name: exact(m.apiTokens.reveal.done) }).click();

  const api = createClient<paths>({ baseUrl: new URL("/api/v1", baseURL).toString() });
  const headers = { Authorization: `Bearer ${token}` };
  const company = await addCompany({ agencySlug: DEMO_AGENCY.slug, name: `境外测试 ${Date.now()}` });
  const rng = createRng(Date.now() % 2_147_483_647);

  for (let round = 0; round < ROUNDS; round++) {
    const idNumber = generateResidentId({ rng, birthDate: `19${70 + round}-0${1 + round}-1${round}` });
    const person = await api.POST("/people", {
      headers,
      body: { name: `上限测试${round}`, idType: "prc_resident_id", idNumber },
    });
    expect(person.response.status).toBe(201);
    expect(JSON.stringify(person.data)).not.toContain(idNumber);
    const operatorPersonId = person.data!.id;

    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        const response = await fetch(new URL("/api/v1/official-accounts", baseURL), {
          method: "POST",
          headers: { ...headers, "Content-Type": "application/json" },
          body: JSON.stringify({ clientCompanyId: company.id, accountType: "service", operatorPersonId }),
        });
        return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
      }),
    );
    expect(answers.filter((a) => a.status >= 500).map((a) => a.text)).toEqual([]);
    for (const answer of answers) expect(answer.text).not.toContain(idNumber);
    const created = answers.filter((a) => a.status === 201).map((a) => JSON.parse(a.text) as { id: string });
    const refused = answers.filter((a) => a.status === 409);
    expect(created).toHaveLength(2);
    expect(refused).toHaveLength(PARALLEL - 2);
    const holderIds = created.map((c) => c.id).sort();
    for (const answer of refused) {
      expect(answer.type).toMatch(/^application\/problem\+json/);
      const problem = JSON.parse(answer.text) as { code: string; holders: { id: string }[] };
      expect(problem.code).toBe("ID_CAP_REACHED");
      expect(problem.holders.map((h) => h.id).sort()).toEqual(holderIds);
    }
  }
});
