/**
 * Issue 9 §5: GET /api/v1/dashboard and GET /api/v1/dashboard/{widget}.csv, called as
 * Next would with a Request and a bearer token, against the real database: every
 * staff-side role reads the figures loadDashboard gives (staff their own slice), a bad
 * filter is a 422 problem with its field, an unknown widget 404, and a token of another
 * agency sees only its own agency's figures.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getDashboard } from "@/app/api/v1/dashboard/route";
import { GET as getWidgetCsv } from "@/app/api/v1/dashboard/[widget]/route";
import type { ApiActor } from "@/lib/api/auth";
import { createApiToken } from "@/lib/api/tokens";
import { CSV_BOM } from "@/lib/clients/csv";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { resetAppState } from "@/lib/testing/app-state";
import { addAgency, addMember, addOverseasCompany } from "@/lib/testing/registration-fixtures";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { dashboardCsv } from "./csv";
import { loadDashboard } from "./queries";
import type { DashboardFilters } from "./types";

process.env.TEST_CLOCK = "1";

const NOW = new Date("2026-12-02T04:00:00.000Z");
const BASE = "http://weidesk.test/api/v1";
const DEFAULTS: DashboardFilters = { from: "2026-09-04", to: "2026-12-02", pipeline: null, assignee: null };

let admin: pg.Client;
const actors = {} as Record<"owner" | "admin" | "manager" | "staff" | "colleague" | "otherManager", ApiActor>;
const tokens = {} as Record<keyof typeof actors, string>;

async function card(agencyId: string, companyId: string, stage: string, assignee: string | null, events: [string, string][] = [], dueAt: Date | null = null) {
  const id = newId();
  await admin.query(
    `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, stage_entered_at, due_at, assignee_user_id, created_at, updated_at)
     values ($1, $2, $3, 'official_account', 'oa_overseas', $4, $5, $6, $7, $5, $5)`,
    [id, agencyId, companyId, stage, events.at(-1)?.[1] ?? NOW, dueAt, assignee],
  );
  for (const [to, at] of events) {
    await admin.query(
      `insert into registration_events (id, agency_id, client_company_id, registration_id, to_stage, at) values ($1, $2, $3, $4, $5, $6)`,
      [newId(), agencyId, companyId, id, to, at],
    );
  }
}

function call(path: string, token: string | null): Request {
  return new Request(`${BASE}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

async function json(response: Response) {
  return { status: response.status, type: response.headers.get("content-type"), body: await response.json() };
}

const csvCall = (widget: string, token: string, query = "") =>
  getWidgetCsv(call(`/dashboard/${widget}${query}`, token), { params: Promise.resolve({ widget }) });

beforeAll(async () => {
  clock.set(NOW);
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  const agency = await addAgency(admin, "dash-api", "Dashboard API", "Asia/Shanghai");
  const other = await addAgency(admin, "dash-api", "Dashboard API elsewhere", "Asia/Shanghai");
  for (const role of ["owner", "admin", "manager", "staff"] as const) actors[role] = await addMember(admin, agency, role);
  actors.colleague = await addMember(admin, agency, "staff");
  actors.otherManager = await addMember(admin, other, "manager");
  for (const [key, actor] of Object.entries(actors)) {
    tokens[key as keyof typeof actors] = (await createApiToken(actor, { name: "Dashboard", expiresInDays: 30 })).token;
  }
  const company = await addOverseasCompany(admin, agency.id, "Alpha Pte. Ltd.", null);
  const otherCompany = await addOverseasCompany(admin, other.id, "Alpha Pte. Ltd.", null);
  await card(agency.id, company, "registered", actors.staff.user.id, [["intake", "2026-11-01T00:00:00Z"], ["documents", "2026-11-01T10:00:00Z"], ["registered", "2026-11-03T00:00:00Z"]]);
  await card(agency.id, company, "registered", actors.colleague.user.id, [["intake", "2026-11-10T00:00:00Z"], ["registered", "2026-11-11T00:00:00Z"]]);
  await card(agency.id, company, "documents", actors.staff.user.id, [], new Date(NOW.getTime() - 3_600_000));
  await card(agency.id, company, "intake", actors.colleague.user.id);
  await card(other.id, otherCompany, "intake", null, [], new Date(NOW.getTime() - 3_600_000));
});

afterAll(async () => {
  clock.reset();
  await admin?.end();
  await resetAppState();
});

describe("GET /api/v1/dashboard", () => {
  it("answers owners, admins and managers with loadDashboard's figures for the default range", async () => {
    const expected = JSON.parse(JSON.stringify(await loadDashboard(actors.manager, DEFAULTS)));
    expect(expected.cycleTime.find((c: { pipeline: string }) => c.pipeline === "oa_overseas")).toMatchObject({ count: 2, medianHours: 36 });
    // Stays in intake of 10 and 24 h: mean 17; in documents one of 38 h.
    const stay = (stage: string) => expected.timeInStage.find((s: { pipeline: string; stage: string }) => s.pipeline === "oa_overseas" && s.stage === stage);
    expect(stay("intake")).toMatchObject({ count: 2, meanHours: 17 });
    expect(stay("documents")).toMatchObject({ count: 1, meanHours: 38 });
    for (const role of ["owner", "admin", "manager"] as const) {
      const response = await json(await getDashboard(call("/dashboard", tokens[role])));
      expect(response.status, role).toBe(200);
      expect(response.type).toContain("application/json");
      expect(response.body).toEqual(expected);
    }
  });

  it("passes the filters on", async () => {
    const filters: DashboardFilters = { from: "2026-11-01", to: "2026-11-05", pipeline: "oa_overseas", assignee: actors.colleague.user.id };
    const response = await json(
      await getDashboard(call(`/dashboard?from=2026-11-01&to=2026-11-05&pipeline=oa_overseas&assignee=${actors.colleague.user.id}`, tokens.manager)),
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual(JSON.parse(JSON.stringify(await loadDashboard(actors.manager, filters))));
    expect(response.body.filters).toEqual(filters);
  });

  it("gives staff their own slice whatever they ask", async () => {
    const response = await json(await getDashboard(call(`/dashboard?assignee=${actors.colleague.user.id}`, tokens.staff)));
    expect(response.status).toBe(200);
    expect(response.body.filters.assignee).toBe(actors.staff.user.id);
    expect(response.body.openWork).toEqual([{ userId: actors.staff.user.id, name: actors.staff.user.name, open: 1, overdue: 1 }]);
    expect(response.body.cycleTime.find((c: { pipeline: string }) => c.pipeline === "oa_overseas").count).toBe(1);
  });

  it("refuses bad filters with 422 problem+json naming each field", async () => {
    const bad = await json(await getDashboard(call("/dashboard?from=2026-02-30&pipeline=fax&assignee=bob", tokens.manager)));
    expect(bad.status).toBe(422);
    expect(bad.type).toContain("application/problem+json");
    expect(bad.body).toMatchObject({ status: 422, code: "VALIDATION" });
    expect(Object.keys(bad.body.fields).sort()).toEqual(["assignee", "from", "pipeline"]);
    const reversed = await json(await getDashboard(call("/dashboard?from=2026-12-01&to=2026-11-01", tokens.manager)));
    expect(reversed.status).toBe(422);
    expect(reversed.body.fields.from.key).toBe("apiTokens.api.dateOrder");
  });

  it("needs a token, and shows another agency only its own figures", async () => {
    const anonymous = await getDashboard(call("/dashboard", null));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toContain("application/problem+json");
    const elsewhere = await json(await getDashboard(call("/dashboard", tokens.otherManager)));
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.deadlines).toEqual({ overdue: 1, dueWithin7Days: 0 });
    expect(elsewhere.body.cycleTime.every((c: { count: number }) => c.count === 0)).toBe(true);
    expect(elsewhere.body.openWork).toEqual([{ userId: null, name: null, open: 1, overdue: 1 }]);
  });
});

describe("GET /api/v1/dashboard/{widget}.csv", () => {
  it("exports one widget as CSV in the member's language (here the agency's: the member chose none)", async () => {
    const response = await csvCall("cycle_time.csv", tokens.manager, "?pipeline=oa_overseas");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="dashboard-cycle_time-2026-09-04-2026-12-02.csv"');
    const expected = await loadDashboard(actors.manager, { ...DEFAULTS, pipeline: "oa_overseas" });
    // Response.text() would drop the byte order mark: decode it ourselves to see it.
    const body = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(actors.manager.user.locale).toBeNull();
    expect(body).toBe(CSV_BOM + dashboardCsv(expected, "cycle_time", actors.manager.agency.defaultLocale));
    expect(body.split("\r\n")[1]).toBe("公众号 · 境外主体,2,36.0,45.6,0.0,0.0");
    const stays = (await (await csvCall("time_in_stage.csv", tokens.manager, "?pipeline=oa_overseas")).text()).split("\r\n");
    expect(stays.slice(0, 3)).toEqual(["流程,阶段,停留次数,平均用时（小时）", "公众号 · 境外主体,准备中,2,17.0", "公众号 · 境外主体,收集资料中,1,38.0"]);
  });

  it("gives staff their own slice", async () => {
    const body = await (await csvCall("open_work.csv", tokens.staff)).text();
    expect(body.split("\r\n").slice(1, -1)).toEqual([`${actors.staff.user.name},1,1`]);
  });

  it("answers 404 for what is no widget, and 422 for a bad filter", async () => {
    for (const widget of ["nope.csv", "cycle_time", "cycle_time.json"]) {
      const response = await csvCall(widget, tokens.manager);
      expect(response.status, widget).toBe(404);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
    const bad = await csvCall("funnel.csv", tokens.manager, "?to=tomorrow");
    expect(bad.status).toBe(422);
    expect((await bad.json()).fields.to).toBeDefined();
  });
});
