/**
 * Fuzzing of every route handler (issue 10 §6): each exported method of each
 * app/**\/route.ts, listed from the file system, gets malformed and hostile input (path
 * segments, query strings, bodies that are mutated valid input, broken JSON or another
 * content type, hostile cookies) through Next's own request scope (./request-scope.ts),
 * signed in as the fuzz agency's owner (API token or session) or its client administrator.
 * Whatever comes in, the answer is never a 5xx; an /api/ refusal is problem+json with its
 * status and a title or detail; and a refusal writes nothing (the tenant checksum is
 * unchanged). A route without an entry here fails the suite.
 */
import { callRoute } from "./request-scope";
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { criticalVariants, CRITICAL_STRINGS, hostileBody, hostileQuery, hostileString, mostlyText, type HostileBody } from "./arbitraries";
import { changedTables, makeFuzzFixture, tenantChecksum, type FuzzFixture } from "./fixture";
import { coverageGaps, listRouteTargets, type RouteTarget } from "./inventory";
import { describeInput, fuzz, FUZZ_RUNS, FUZZ_SEED } from "./run";

vi.mock("next-intl/server", async () => (await import("./intl")).reactServerIntl());
vi.mock("next-intl/config", async () => (await import("./intl")).requestConfigModule());

const APP_URL = "http://localhost:3000";

type Caller = "token" | "owner" | "client" | "spare" | "anonymous";

type RouteEntry = {
  /** Who calls: the owner's bearer token (the default under /api/v1), a session cookie, or nobody. */
  as?: Caller;
  /** Valid values of the dynamic segments other than [agency]. */
  params?: (fx: FuzzFixture) => Record<string, string>;
  /** A valid body, which the fuzzer mutates (methods other than GET). */
  body?: (fx: FuzzFixture) => unknown;
  /** Extra request headers (kept or replaced by hostile text). */
  headers?: (fx: FuzzFixture) => Record<string, string>;
  /** Fewer runs for a handler that does slow work on every call. */
  runs?: number;
};

const uuid = "00000000-0000-4000-8000-000000000001";
const company = (fx: FuzzFixture) => ({ id: fx.companyId });
const companyBody = (fx: FuzzFixture) => ({ kind: "cn_org", subjectType: "enterprise", legalNameZh: "模糊测试公司", uscc: "91110000600037341L", assigneeUserId: fx.userId });

/** One entry per "METHOD /pattern" of app/**\/route.ts. */
const routes: Record<string, RouteEntry> = {
  "GET /[agency]/clients/export": { as: "owner" },
  "GET /[agency]/clients/import/template": { as: "owner" },
  "GET /[agency]/dashboard/export/[widget]": { as: "owner", params: () => ({ widget: "funnel" }) },
  "GET /[agency]/documents/versions/[id]/download": { as: "owner", params: (fx) => ({ id: fx.row("document_versions") }) },
  "GET /portal/[agency]/documents/versions/[id]/download": { as: "client", params: (fx) => ({ id: fx.row("document_versions") }) },
  "POST /api/auth/sign-in": { as: "anonymous", body: (fx) => ({ email: fx.ownerEmail, password: "not the password", code: "123456" }), runs: 6 },
  "POST /api/auth/sign-out": { as: "spare", body: () => ({}) },
  "GET /api/health": { as: "anonymous", runs: 3 },
  "GET /api/v1/audit-events": {},
  "GET /api/v1/companies": {},
  "POST /api/v1/companies": { body: companyBody },
  "GET /api/v1/companies/[id]": { params: company },
  "PATCH /api/v1/companies/[id]": { params: company, body: (fx) => ({ ...companyBody(fx), version: 1 }) },
  "GET /api/v1/companies/[id]/document-requests": { params: company },
  "POST /api/v1/companies/[id]/document-requests": {
    params: company,
    body: (fx) => ({ registrationId: fx.registrationId, kinds: ["business_licence"], dueOn: "2026-12-31", message: "请上传" }),
  },
  "GET /api/v1/companies/[id]/documents": { params: company },
  "GET /api/v1/companies/[id]/team": { params: company },
  "PUT /api/v1/companies/[id]/team": { params: company, body: (fx) => ({ userIds: [fx.userId] }) },
  "POST /api/v1/companies/archive": { body: (fx) => ({ ids: [fx.otherCompanyId], archived: false }) },
  "POST /api/v1/companies/assign": { body: (fx) => ({ ids: [fx.otherCompanyId], assigneeUserId: fx.userId }) },
  "GET /api/v1/dashboard": { runs: 6 },
  "GET /api/v1/dashboard/[widget]": { params: () => ({ widget: "funnel.csv" }), runs: 6 },
  "POST /api/v1/document-requests/[id]/cancel": { params: (fx) => ({ id: fx.row("document_requests") }), body: () => ({}) },
  "GET /api/v1/document-requests/[id]/comments": { params: (fx) => ({ id: fx.row("document_requests") }) },
  "POST /api/v1/document-requests/[id]/comments": { params: (fx) => ({ id: fx.row("document_requests") }), body: () => ({ body: "请重新扫描" }) },
  "GET /api/v1/document-versions/[id]/download": { params: (fx) => ({ id: fx.row("document_versions") }) },
  "POST /api/v1/document-versions/[id]/review": {
    params: (fx) => ({ id: fx.row("document_versions") }),
    body: () => ({ decision: "reject", reason: "模糊", signed: true, chopped: false, colourScan: true, expiresOn: "2027-01-01", version: 1 }),
  },
  "GET /api/v1/documents/[id]": { params: (fx) => ({ id: fx.row("documents") }) },
  "GET /api/v1/documents/review-queue": {},
  "GET /api/v1/holidays": {},
  "POST /api/v1/holidays": { body: () => ({ date: "2026-11-11", kind: "holiday", name: "光棍节" }) },
  "PUT /api/v1/holidays/[date]": { params: () => ({ date: "2026-10-01" }), body: () => ({ kind: "holiday", name: "国庆节" }) },
  "DELETE /api/v1/holidays/[date]": { params: () => ({ date: "2026-10-02" }) },
  "GET /api/v1/invitations": {},
  "POST /api/v1/invitations": { body: (fx) => ({ email: `fuzz-${fx.slug}@example.com`, role: "staff", clientCompanyId: null, locale: "zh-CN" }) },
  "DELETE /api/v1/invitations/[id]": { params: (fx) => ({ id: fx.row("invitations") }) },
  "GET /api/v1/members": {},
  "GET /api/v1/notifications": {},
  "POST /api/v1/notifications/[id]/read": { params: (fx) => ({ id: fx.row("notifications") }), body: () => ({}) },
  "POST /api/v1/notifications/read-all": { body: () => ({ upTo: "2026-12-01T00:00:00Z" }) },
  "POST /api/v1/official-accounts": {
    body: (fx) => ({ clientCompanyId: fx.companyId, accountType: "service", operatorPersonId: fx.personId, name: "模糊号", loginEmail: "oa@example.com" }),
  },
  "GET /api/v1/official-accounts/[id]": { params: (fx) => ({ id: fx.officialAccountId }) },
  "PATCH /api/v1/official-accounts/[id]": {
    params: (fx) => ({ id: fx.officialAccountId }),
    body: () => ({ version: 1, name: "新名字", introduction: "介绍", loginEmail: "oa2@example.com", wechatId: "fuzz_wechat", originalId: "gh_123456789abc", registeredAt: "2026-01-05" }),
  },
  "POST /api/v1/official-accounts/[id]/abandon": { params: (fx) => ({ id: fx.officialAccountId }), body: () => ({ version: 99, reason: "x" }) },
  "POST /api/v1/official-accounts/[id]/operator": { params: (fx) => ({ id: fx.officialAccountId }), body: (fx) => ({ version: 1, operatorPersonId: fx.personId }) },
  "POST /api/v1/official-accounts/[id]/restore": { params: (fx) => ({ id: fx.officialAccountId }), body: () => ({ version: 1, reason: "x" }) },
  "GET /api/v1/openapi.json": { runs: 3 },
  "GET /api/v1/people": {},
  "POST /api/v1/people": { body: () => ({ name: "李四", idType: "prc_resident_id", idNumber: "11010519491231002X", mobile: "13800138000" }) },
  "GET /api/v1/people/[id]": { params: (fx) => ({ id: fx.personId }) },
  "PATCH /api/v1/people/[id]": {
    params: (fx) => ({ id: fx.personId }),
    body: () => ({ name: "张三", idExpiresOn: "2030-01-01", birthDate: "1990-01-01", mobile: "13800138000", fixedLine: "010-12345678", email: "p@example.com", version: 1 }),
  },
  // Never the person's real name: a successful erasure would take the fixture's person away from the rest.
  "POST /api/v1/people/[id]/erase": { params: (fx) => ({ id: fx.personId }), body: () => ({ confirmName: "不是这个人", reason: "other" }) },
  "POST /api/v1/people/[id]/external-accounts": { params: (fx) => ({ id: fx.personId }), body: () => ({ name: "外部号", wechatId: "outside_1" }) },
  "GET /api/v1/registrations": {},
  "GET /api/v1/registrations/[id]": { params: (fx) => ({ id: fx.registrationId }) },
  "GET /api/v1/registrations/[id]/events": { params: (fx) => ({ id: fx.registrationId }) },
  "POST /api/v1/registrations/[id]/move": { params: (fx) => ({ id: fx.registrationId }), body: () => ({ to: "documents", version: 1, note: "备注" }) },
  "POST /api/v1/registrations/[id]/waiting": { params: (fx) => ({ id: fx.registrationId }), body: () => ({ waiting: "client", version: 1 }) },
  "POST /api/v1/registrations/bulk": { body: (fx) => ({ action: "waiting", cards: [{ id: fx.registrationId, version: 1 }], waiting: "wechat" }) },
  "GET /api/v1/saved-views": {},
  "POST /api/v1/saved-views": { body: () => ({ list: "clients", name: "我的视图", query: "kind=cn_org&q=%E4%B8%AD", isDefault: false }) },
  "PATCH /api/v1/saved-views/[id]": { params: () => ({ id: uuid }), body: () => ({ name: "改名", query: "kind=overseas", isDefault: true }) },
  "DELETE /api/v1/saved-views/[id]": { params: () => ({ id: uuid }) },
  "POST /api/v1/uploads": {
    headers: () => ({ "idempotency-key": "fuzz-upload-1" }),
    body: (fx) => ({ companyId: fx.companyId, kind: "business_licence", fileName: "执照.pdf", contentType: "application/pdf", size: 1024, registrationIds: [fx.registrationId] }),
  },
  "POST /api/v1/uploads/[id]/complete": { params: (fx) => ({ id: fx.row("upload_intents") }), body: () => ({}), runs: 6 },
  "POST /api/v1/wecom-corps": {
    body: (fx) => ({ clientCompanyId: fx.companyId, adminPersonId: fx.personId, corpName: "模糊企业", shortName: "模糊", industry: "IT", scale: "up_to_50", tier: "free", region: "北京" }),
  },
  "GET /api/v1/wecom-corps/[id]": { params: (fx) => ({ id: fx.row("wecom_corps") }) },
};

let admin: pg.Client;
let fx: FuzzFixture;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  fx = await makeFuzzFixture(admin);
});

afterAll(async () => {
  await admin?.end();
  await resetAppState();
});

/** A URL path segment as a browser would send it (a lone surrogate cannot travel: it becomes U+FFFD). */
const segment = (value: string) => encodeURIComponent(value.toWellFormed());

type Attack = { params: Record<string, string>; query: [string, string][]; body: HostileBody | null; headers: Record<string, string>; cookie: string | null };

function validOf(target: RouteTarget, entry: RouteEntry) {
  const names = [...target.pattern.matchAll(/\[(\w+)\]/g)].map((match) => match[1]!);
  const all: Record<string, string> = { agency: fx.slug, ...entry.params?.(fx) };
  const params = Object.fromEntries(names.map((name) => [name, all[name] ?? ""]));
  const hasBody = target.method !== "GET" && target.method !== "DELETE";
  return { params, headers: entry.headers?.(fx) ?? {}, body: hasBody ? (entry.body?.(fx) ?? {}) : null };
}

function attackOf(target: RouteTarget, entry: RouteEntry): fc.Arbitrary<Attack> {
  const valid = validOf(target, entry);
  const params = fc.record(Object.fromEntries(Object.entries(valid.params).map(([name, value]) => [name, mostlyText(value)])));
  const headers = fc.record(Object.fromEntries(Object.entries(valid.headers).map(([name, value]) => [name, mostlyText(value)])));
  const body = valid.body === null ? fc.constant(null) : hostileBody(valid.body);
  // Someone without a session may send any cookie at all.
  const cookie = entry.as === "anonymous" ? fc.option(hostileString.map((value) => `authjs.session-token=${segment(value)}`), { nil: null }) : fc.constant(null);
  return fc.record({ params, query: hostileQuery, body, headers, cookie });
}

/** The fixed examples: valid requests with one path segment or one string of the body replaced by NUL or a lone surrogate. */
function examplesOf(target: RouteTarget, entry: RouteEntry): Attack[] {
  const valid = validOf(target, entry);
  const json = (value: unknown): HostileBody => ({ text: JSON.stringify(value), contentType: "application/json" });
  const base: Attack = { params: valid.params, query: [], body: valid.body === null ? null : json(valid.body), headers: valid.headers, cookie: null };
  return [
    ...criticalVariants(valid.params).map((params) => ({ ...base, params: params as Record<string, string> })),
    ...(valid.body === null ? [] : criticalVariants(valid.body).map((body) => ({ ...base, body: json(body) }))),
    ...CRITICAL_STRINGS.map((value) => ({ ...base, query: [["q", value]] as [string, string][] })),
  ];
}

function requestOf(target: RouteTarget, entry: RouteEntry, attack: Attack): Request {
  const path = target.pattern.replace(/\[(\w+)\]/g, (_all, name: string) => segment(attack.params[name]!));
  const url = new URL(path, APP_URL);
  for (const [key, value] of attack.query) url.searchParams.append(key, value);
  const headers = new Headers({ origin: APP_URL });
  for (const [name, value] of Object.entries(attack.headers)) headers.set(name, value.toWellFormed().replace(/[^\x20-\x7e]/g, "?"));
  const as = entry.as ?? "token";
  if (as === "token") headers.set("authorization", `Bearer ${fx.token}`);
  const cookie = { owner: fx.ownerCookie, client: fx.clientCookie, spare: fx.spareCookie, token: null, anonymous: attack.cookie }[as];
  if (cookie) headers.set("cookie", cookie);
  if (attack.body?.contentType) headers.set("content-type", attack.body.contentType.replace(/[^\x20-\x7e]/g, "?"));
  return new Request(url, { method: target.method, headers, body: attack.body ? (attack.body.text as BodyInit) : undefined });
}

/** The answer is no 5xx; an /api/ refusal is problem+json saying what; a refusal wrote nothing. */
async function checkAnswer(target: RouteTarget, response: Response, thrown: unknown, before: Record<string, string> | null) {
  expect(thrown, `${target.key} threw`).toBeUndefined();
  expect(response.status, `${target.key} answered ${response.status}`).toBeLessThan(500);
  if (response.status < 400) return;
  if (target.pattern.startsWith("/api/")) {
    expect(response.headers.get("content-type"), `${target.key} refused without problem+json`).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as { status?: unknown; title?: unknown; detail?: unknown };
    expect(problem.status).toBe(response.status);
    expect(typeof problem.title === "string" && problem.title ? problem.title : problem.detail, `${target.key}: a problem without title or detail`).toEqual(
      expect.stringMatching(/\S/),
    );
  }
  if (before) expect(changedTables(before, await tenantChecksum(admin, fx)), `${target.key} refused but wrote`).toEqual([]);
}

describe("route handlers under fuzzing", () => {
  const targets = listRouteTargets();

  it("every route handler has an entry here, and every entry a route handler", () => {
    expect(coverageGaps(targets.map((target) => target.key), Object.keys(routes))).toEqual({ missing: [], stale: [] });
  });

  for (const target of targets) {
    const entry = routes[target.key];
    if (!entry) continue;
    it(`${target.key} (seed ${FUZZ_SEED})`, async () => {
      const loaded = (await import(/* @vite-ignore */ `@/${target.file}`)) as Record<string, unknown>;
      const handler = loaded[target.method] as Parameters<typeof callRoute>[0];
      await fuzz(
        attackOf(target, entry),
        async (attack) => {
          const before = target.method === "GET" ? null : await tenantChecksum(admin, fx);
          const { response, thrown } = await callRoute(handler, `${target.pattern}/route`, requestOf(target, entry, attack), { ...attack.params });
          try {
            await checkAnswer(target, response, thrown, before);
          } catch (error) {
            throw new Error(`${(error as Error).message}\ninput: ${describeInput(attack)}${thrown ? `\nthrown: ${(thrown as Error).stack}` : ""}`);
          }
        },
        entry.runs ?? FUZZ_RUNS,
        examplesOf(target, entry),
      );
    });
  }
});
