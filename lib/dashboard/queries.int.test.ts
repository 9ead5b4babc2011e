/**
 * Issue 9 §1, §5: every figure of the dashboard against the real database, as
 * weidesk_app under row-level security, with the clock fixed, each checked against a
 * value worked out by hand from the rows seeded here (the definitions are in
 * lib/dashboard/types.ts). The agency is in Asia/Shanghai and "now" is Wednesday
 * 6 January 2027, noon there: the default range is 9 October 2026 – 6 January 2027
 * (from 2026-10-08T16:00Z to 2027-01-06T16:00Z), and the throughput weeks run from
 * 2026-W43 (19 October) to 2027-W01 (4 January), across 2026-W53 (2026 has 53 ISO weeks:
 * it began on a Thursday). Another agency's rows are seeded the same way and must never count.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { pool } from "@/db/client";
import { withTenant } from "@/db/tenant";
import type { ApiActor } from "@/lib/api/auth";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { addAgency, addMember, addOverseasCompany } from "@/lib/testing/registration-fixtures";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import type { Pipeline } from "@/lib/registration/pipelines";
import { dashboardCsv } from "./csv";
import { dashboardBounds, dashboardSql, finalStage, INACTIVE_STAGES, isoWeek, loadDashboard, parseDashboardFilters, throughputWeeks } from "./queries";
import type { Dashboard, DashboardFilters } from "./types";

process.env.TEST_CLOCK = "1";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TIME_ZONE = "Asia/Shanghai";
const NOW = new Date("2027-01-06T04:00:00.000Z");
const TODAY = "2027-01-06";
const FROM = "2026-10-09";
const unique = () => newId().slice(-12);

let admin: pg.Client;
let agency: { id: string; slug: string };
let other: { id: string; slug: string };
let staff: ApiActor;
let colleague: ApiActor;
let manager: ApiActor;
let otherManager: ApiActor;
let companyA: string;
let companyB: string;

const t = (iso: string) => new Date(iso);
const after = (start: string, hours: number) => new Date(t(start).getTime() + hours * HOUR);
const fromNow = (ms: number) => new Date(NOW.getTime() + ms);

type RegInput = {
  agencyId?: string;
  companyId?: string;
  pipeline: Extract<Pipeline, "oa_overseas" | "wecom">;
  stage: string;
  assignee: string | null;
  dueAt?: Date | null;
  /** Stage changes in order: [stage entered, when]; the first is the intake. */
  events?: [string, Date][];
  /** The account's (or corp's) WeChat verification. */
  verification?: { status: "none" | "pending" | "verified" | "expired"; expiresAt: Date | null };
};

/** A card with its events and its Official Account (oa_overseas) or WeCom corp; returns the account's id. */
async function reg(input: RegInput): Promise<{ id: string; account: string }> {
  const id = newId();
  const account = newId();
  const agencyId = input.agencyId ?? agency.id;
  const companyId = input.companyId ?? companyA;
  const side = ["on_hold", "rejected", "abandoned"].includes(input.stage);
  const events = input.events ?? [];
  const created = events[0]?.[1] ?? t("2026-09-01T00:00:00Z");
  await admin.query(
    `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, resume_stage, stage_entered_at, due_at,
       assignee_user_id, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`,
    [
      id,
      agencyId,
      companyId,
      input.pipeline === "wecom" ? "wecom" : "official_account",
      input.pipeline,
      input.stage,
      side ? "intake" : null,
      events.at(-1)?.[1] ?? created,
      input.dueAt ?? null,
      input.assignee,
      created,
    ],
  );
  let from: string | null = null;
  for (const [stage, at] of events) {
    await admin.query(
      `insert into registration_events (id, agency_id, client_company_id, registration_id, from_stage, to_stage, at)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [newId(), agencyId, companyId, id, from, stage, at],
    );
    from = stage;
  }
  const verification = input.verification ?? { status: "none", expiresAt: null };
  if (input.pipeline === "oa_overseas") {
    await admin.query(
      `insert into official_accounts (id, agency_id, client_company_id, registration_id, subject_kind, account_type, name,
         verification_status, verification_expires_at, created_at, updated_at)
       values ($1, $2, $3, $4, 'overseas', 'service', $5, $6, $7, now(), now())`,
      [account, agencyId, companyId, id, `Account ${unique().slice(-5)}`, verification.status, verification.expiresAt],
    );
  } else {
    await admin.query(
      `insert into wecom_corps (id, agency_id, client_company_id, registration_id, corp_name, verification_status, verification_expires_at,
         created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, now(), now())`,
      [account, agencyId, companyId, id, `Corp ${unique().slice(-5)}`, verification.status, verification.expiresAt],
    );
  }
  return { id, account };
}

type DocInput = {
  agencyId?: string;
  companyId?: string;
  /** When the answered request was made; none: the document answers no request. */
  requestedAt?: Date;
  /** Each version's reviews in order: [decision, when]. */
  versions: ["approve" | "reject", Date][][];
};

async function doc(input: DocInput): Promise<void> {
  const agencyId = input.agencyId ?? agency.id;
  const companyId = input.companyId ?? companyA;
  let requestId: string | null = null;
  if (input.requestedAt) {
    requestId = newId();
    await admin.query(
      `insert into document_requests (id, agency_id, client_company_id, kinds, created_at) values ($1, $2, $3, '{business_licence}', $4)`,
      [requestId, agencyId, companyId, input.requestedAt],
    );
  }
  const documentId = newId();
  await admin.query(
    `insert into documents (id, agency_id, client_company_id, document_request_id, kind, status, created_at, updated_at)
     values ($1, $2, $3, $4, 'business_licence', 'uploaded', '2026-09-01', '2026-09-01')`,
    [documentId, agencyId, companyId, requestId],
  );
  for (const reviews of input.versions) {
    const versionId = newId();
    await admin.query(
      `insert into document_versions (id, agency_id, client_company_id, document_id, s3_key, size_bytes, sha256, etag, detected_type,
         original_name, uploaded_at)
       values ($1, $2, $3, $4, $5, 1024, $6, '"etag"', 'image/jpeg', 'licence.jpg', '2026-09-01')`,
      [versionId, agencyId, companyId, documentId, `${agencyId}/${documentId}/${versionId}`, Buffer.from(versionId)],
    );
    for (const [decision, at] of reviews) {
      await admin.query(
        `insert into document_reviews (id, agency_id, client_company_id, document_version_id, decision, reason, at)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [newId(), agencyId, companyId, versionId, decision, decision === "reject" ? "Blurred" : null, at],
      );
    }
  }
}

async function person(agencyId: string): Promise<string> {
  const id = newId();
  await admin.query(
    `insert into people (id, agency_id, name, id_type, id_number_ciphertext, id_key_id, id_number_hmac, id_mask, created_at, updated_at)
     values ($1, $2, $3, 'passport', '\\x00', 'k1', decode(md5($4), 'hex'), 'E****5678', now(), now())`,
    [id, agencyId, `Person ${unique().slice(-5)}`, id],
  );
  return id;
}

async function external(agencyId: string, personId: string): Promise<string> {
  const id = newId();
  await admin.query(`insert into external_accounts (id, agency_id, operator_person_id, name, created_at) values ($1, $2, $3, 'Outside', now())`, [
    id,
    agencyId,
    personId,
  ]);
  return id;
}

async function slot(agencyId: string, holder: string, slotNo: 1 | 2, account: { official?: string; external?: string }) {
  await admin.query(
    `insert into id_slots (agency_id, operator_id_hmac, slot, official_account_id, external_account_id, taken_at)
     values ($1, decode(md5($2), 'hex'), $3, $4, $5, now())`,
    [agencyId, holder, slotNo, account.official ?? null, account.external ?? null],
  );
}

const filters = (extra: Partial<DashboardFilters> = {}): DashboardFilters => ({ from: FROM, to: TODAY, pipeline: null, assignee: null, ...extra });
const cycleOf = (dashboard: Dashboard, pipeline: Pipeline) => dashboard.cycleTime.find((c) => c.pipeline === pipeline)!;
const stayOf = (dashboard: Dashboard, pipeline: Pipeline, stage: string) =>
  dashboard.timeInStage.find((s) => s.pipeline === pipeline && s.stage === stage);
const funnelOf = (dashboard: Dashboard) =>
  Object.fromEntries(dashboard.funnel.filter((f) => f.count > 0).map((f) => [`${f.pipeline}.${f.stage}`, f.count]));
const completedWeeks = (dashboard: Dashboard) =>
  Object.fromEntries(dashboard.throughput.filter((w) => w.completed > 0).map((w) => [w.week, w.completed]));

beforeAll(async () => {
  clock.set(NOW);
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  agency = await addAgency(admin, "dash", "Dashboard", TIME_ZONE);
  other = await addAgency(admin, "dash", "Dashboard elsewhere", TIME_ZONE);
  staff = await addMember(admin, agency, "staff");
  colleague = await addMember(admin, agency, "staff");
  manager = await addMember(admin, agency, "manager");
  otherManager = await addMember(admin, other, "manager");
  const otherStaff = await addMember(admin, other, "staff");
  companyA = await addOverseasCompany(admin, agency.id, "Alpha Pte. Ltd.", staff.user.id);
  companyB = await addOverseasCompany(admin, other.id, "Alpha Pte. Ltd.", null);
  const me = staff.user.id;
  const them = colleague.user.id;

  // Completed Official Accounts (staff's), cycle times 10, 20, 30 and 40 hours; the last spent 8 of them on hold.
  // C1 is done on Thursday 31 December (2026-W53); C2 on Sunday 3 January 23:30 in Shanghai (still W53);
  // C3 at 00:30 on Monday 4 January in Shanghai (2027-W01), 16:30Z on the 3rd; C4 at 17:00Z on Sunday
  // 29 November, which is Monday 30 November in Shanghai (2026-W49).
  const c1 = await reg({
    pipeline: "oa_overseas", stage: "registered", assignee: me,
    events: [["intake", t("2026-12-31T00:00:00Z")], ["documents", t("2026-12-31T04:00:00Z")], ["registered", t("2026-12-31T10:00:00Z")]],
    verification: { status: "verified", expiresAt: fromNow(5 * DAY) },
  });
  const c2 = await reg({
    pipeline: "oa_overseas", stage: "registered", assignee: me,
    events: [["intake", t("2027-01-02T19:30:00Z")], ["documents", after("2027-01-02T19:30:00Z", 6)], ["registered", t("2027-01-03T15:30:00Z")]],
    verification: { status: "verified", expiresAt: fromNow(20 * DAY) },
  });
  await reg({
    pipeline: "oa_overseas", stage: "registered", assignee: me,
    events: [["intake", t("2027-01-02T10:30:00Z")], ["documents", after("2027-01-02T10:30:00Z", 8)], ["registered", t("2027-01-03T16:30:00Z")]],
    verification: { status: "verified", expiresAt: fromNow(100 * DAY) },
  });
  await reg({
    pipeline: "oa_overseas", stage: "registered", assignee: me,
    events: [
      ["intake", t("2026-11-28T01:00:00Z")],
      ["on_hold", after("2026-11-28T01:00:00Z", 5)],
      ["documents", after("2026-11-28T01:00:00Z", 13)],
      ["registered", t("2026-11-29T17:00:00Z")],
    ],
    verification: { status: "expired", expiresAt: fromNow(-3 * DAY) },
  });
  // Completed before the range: neither a cycle time, nor a stay, nor a week of the chart.
  await reg({
    pipeline: "oa_overseas", stage: "registered", assignee: me,
    events: [["intake", t("2026-09-10T00:00:00Z")], ["documents", t("2026-09-11T00:00:00Z")], ["registered", t("2026-09-20T00:00:00Z")]],
  });
  // A completed WeCom corp (the colleague's), 24 h in intake, 24 h with its admin appointed: done on Tuesday 15 December (W51).
  const w1 = await reg({
    pipeline: "wecom", stage: "live", assignee: them,
    events: [["intake", t("2026-12-13T02:00:00Z")], ["admin_appointed", t("2026-12-14T02:00:00Z")], ["live", t("2026-12-15T02:00:00Z")]],
    verification: { status: "verified", expiresAt: fromNow(60 * DAY) },
  });

  // Abandoned in the range after 9 days in intake, a stay begun before the range: it counts (216 h); abandoned, no stay ends.
  await reg({
    pipeline: "wecom", stage: "abandoned", assignee: them,
    events: [["intake", t("2026-10-01T00:00:00Z")], ["abandoned", t("2026-10-10T00:00:00Z")]],
  });

  // Active cards. A1's stays ended (intake) or run on (documents) outside the range: no time in stage.
  const a1 = await reg({
    pipeline: "oa_overseas", stage: "documents", assignee: me, dueAt: fromNow(-HOUR),
    events: [["intake", t("2026-09-01T00:00:00Z")], ["documents", t("2026-09-02T00:00:00Z")]],
    verification: { status: "verified", expiresAt: fromNow(-DAY) },
  });
  await reg({
    pipeline: "oa_overseas", stage: "awaiting_response", assignee: me, dueAt: fromNow(3 * DAY),
    verification: { status: "pending", expiresAt: fromNow(5 * DAY) },
  });
  await reg({ pipeline: "oa_overseas", stage: "on_hold", assignee: null });
  await reg({ pipeline: "oa_overseas", stage: "intake", assignee: null, dueAt: fromNow(7 * DAY) });
  await reg({ pipeline: "wecom", stage: "intake", assignee: them, dueAt: fromNow(8 * DAY) });
  await reg({ pipeline: "wecom", stage: "documents", assignee: them, dueAt: fromNow(-2 * DAY) });
  await reg({ pipeline: "wecom", stage: "intake", assignee: them });
  // Closed: neither in the funnel nor open work, however overdue.
  await reg({ pipeline: "oa_overseas", stage: "rejected", assignee: me, dueAt: fromNow(-DAY) });
  await reg({ pipeline: "oa_overseas", stage: "abandoned", assignee: me, dueAt: fromNow(-DAY) });
  void w1;

  // ID slots: one person at the cap (an account here and one outside), two with one each.
  const p1 = await person(agency.id);
  const p3 = await person(agency.id);
  await slot(agency.id, "p1", 1, { official: c1.account });
  await slot(agency.id, "p1", 2, { external: await external(agency.id, p1) });
  await slot(agency.id, "p2", 1, { official: c2.account });
  await slot(agency.id, "p3", 1, { external: await external(agency.id, p3) });
  void a1;

  // Documents. Turnaround from the request to the document's first approval: 10, 20, 30 and 60 hours.
  await doc({
    requestedAt: t("2026-12-01T00:00:00Z"),
    versions: [[["reject", t("2026-12-01T05:00:00Z")]], [["approve", t("2026-12-01T10:00:00Z")]]],
  });
  await doc({
    requestedAt: t("2026-12-02T00:00:00Z"),
    // A later version approved again: the first approval counts.
    versions: [[["approve", t("2026-12-02T20:00:00Z")]], [["approve", t("2026-12-05T00:00:00Z")]]],
  });
  await doc({ requestedAt: t("2026-12-03T00:00:00Z"), versions: [[["approve", after("2026-12-03T00:00:00Z", 30)]]] });
  await doc({ requestedAt: t("2026-12-04T00:00:00Z"), versions: [[["approve", after("2026-12-04T00:00:00Z", 60)]]] });
  // First approved before the range (re-approved in it): no turnaround; its new version's review counts.
  await doc({
    requestedAt: t("2026-09-01T00:00:00Z"),
    versions: [[["approve", t("2026-09-05T00:00:00Z")]], [["approve", t("2026-12-10T00:00:00Z")]]],
  });
  // No request: reviews only.
  await doc({ versions: [[["approve", t("2026-12-06T00:00:00Z")]]] });
  // A version rejected, then approved on a second look: its first review (the rejection) counts.
  await doc({ versions: [[["reject", t("2026-12-20T00:00:00Z")], ["approve", t("2026-12-21T00:00:00Z")]]] });
  // A version first reviewed before the range: not counted, though reviewed again in it.
  await doc({ versions: [[["reject", t("2026-09-10T00:00:00Z")], ["approve", t("2026-12-11T00:00:00Z")]]] });

  // The other agency: the same kinds of rows, which must never count here.
  const ob = await reg({
    agencyId: other.id, companyId: companyB, pipeline: "oa_overseas", stage: "registered", assignee: otherStaff.user.id,
    events: [["intake", t("2026-12-01T00:00:00Z")], ["registered", t("2026-12-11T00:00:00Z")]],
    verification: { status: "verified", expiresAt: fromNow(2 * DAY) },
  });
  // Registered before the range, put on hold, registered again in it: its first completion is not in the range.
  await reg({
    agencyId: other.id, companyId: companyB, pipeline: "oa_overseas", stage: "registered", assignee: null,
    events: [
      ["intake", t("2026-09-01T00:00:00Z")],
      ["registered", t("2026-09-05T00:00:00Z")],
      ["on_hold", t("2026-12-01T00:00:00Z")],
      ["registered", t("2026-12-02T00:00:00Z")],
    ],
  });
  await reg({ agencyId: other.id, companyId: companyB, pipeline: "wecom", stage: "intake", assignee: otherStaff.user.id, dueAt: fromNow(-HOUR) });
  await reg({ agencyId: other.id, companyId: companyB, pipeline: "wecom", stage: "intake", assignee: null, dueAt: fromNow(DAY) });
  await doc({ agencyId: other.id, companyId: companyB, requestedAt: t("2026-12-01T00:00:00Z"), versions: [[["reject", t("2026-12-01T01:00:00Z")]]] });
  await slot(other.id, "p1", 1, { official: ob.account });
});

afterEach(() => clock.set(NOW));

afterAll(async () => {
  clock.reset();
  await admin?.end();
});

describe("ISO weeks", () => {
  it("names weeks across 2026-W53 and the year boundary", () => {
    expect(isoWeek("2026-12-28")).toBe("2026-W53");
    expect(isoWeek("2027-01-03")).toBe("2026-W53");
    expect(isoWeek("2027-01-04")).toBe("2027-W01");
    expect(isoWeek("2026-01-01")).toBe("2026-W01");
    expect(isoWeek("2025-12-29")).toBe("2026-W01");
    expect(isoWeek("2021-01-03")).toBe("2020-W53");
    const weeks = throughputWeeks(TODAY);
    expect(weeks).toHaveLength(12);
    expect(weeks[0]).toEqual({ week: "2026-W43", weekStart: "2026-10-19" });
    expect(weeks.slice(-2)).toEqual([
      { week: "2026-W53", weekStart: "2026-12-28" },
      { week: "2027-W01", weekStart: "2027-01-04" },
    ]);
  });
});

describe("the dashboard's figures", () => {
  it("counts active cards per pipeline and stage, on hold apart, closed ones left out", async () => {
    const dashboard = await loadDashboard(manager, filters());
    expect(funnelOf(dashboard)).toEqual({
      "oa_overseas.intake": 1,
      "oa_overseas.documents": 1,
      "oa_overseas.awaiting_response": 1,
      "oa_overseas.on_hold": 1,
      "wecom.intake": 2,
      "wecom.documents": 1,
    });
    // Every stage of every pipeline but its last, in board order, then on hold.
    expect(dashboard.funnel.filter((f) => f.pipeline === "oa_overseas").map((f) => f.stage)).toEqual([
      "intake", "documents", "application_submitted", "awaiting_response", "credentials_received", "on_hold",
    ]);
    expect(dashboard.funnel).toHaveLength(9 + 9 + 6 + 9);
  });

  it("counts overdue cards and cards due within 7 days (the 7th day's instant excluded)", async () => {
    const dashboard = await loadDashboard(manager, filters());
    expect(dashboard.deadlines).toEqual({ overdue: 2, dueWithin7Days: 1 });
    expect(dashboard.asOf).toBe(NOW.toISOString());
    expect(dashboard.timeZone).toBe(TIME_ZONE);
  });

  it("gives cycle times' median and 90th percentile with interpolation, on hold apart", async () => {
    const dashboard = await loadDashboard(manager, filters());
    // 10, 20, 30, 40 h: median 25; p90 at rank 0.9 × 3 = 2.7, 30 + 0.7 × 10 = 37. On hold 0, 0, 0, 8: p90 0.7 × 8 = 5.6.
    const oa = cycleOf(dashboard, "oa_overseas");
    expect(oa.count).toBe(4);
    expect(oa.medianHours).toBeCloseTo(25, 9);
    expect(oa.p90Hours).toBeCloseTo(37, 9);
    expect(oa.onHold).toEqual({ count: 4, medianHours: 0, p90Hours: expect.closeTo(5.6, 9) });
    expect(cycleOf(dashboard, "wecom")).toMatchObject({ count: 1, medianHours: 48, p90Hours: 48 });
    // A pipeline with nothing done has null figures, never 0.
    expect(cycleOf(dashboard, "oa_cn_org")).toEqual({
      pipeline: "oa_cn_org", count: 0, medianHours: null, p90Hours: null, onHold: { count: 0, medianHours: null, p90Hours: null },
    });
  });

  it("gives time in stage from stays that ended in the range", async () => {
    const dashboard = await loadDashboard(manager, filters());
    // Intake 4, 6, 8, 5 h: mean 23 / 4 = 5.75. Documents 6, 14, 22, 27: mean 69 / 4 = 17.25.
    expect(stayOf(dashboard, "oa_overseas", "intake")).toEqual({ pipeline: "oa_overseas", stage: "intake", count: 4, meanHours: 5.75 });
    expect(stayOf(dashboard, "oa_overseas", "documents")).toMatchObject({ count: 4, meanHours: 17.25 });
    expect(stayOf(dashboard, "oa_overseas", "on_hold")).toMatchObject({ count: 1, meanHours: 8 });
    expect(stayOf(dashboard, "oa_overseas", "awaiting_response")).toMatchObject({ count: 0, meanHours: null });
    // Stays in the final stage never end: no row.
    expect(stayOf(dashboard, "oa_overseas", "registered")).toBeUndefined();
    // WeCom intake 24 and 216 h: mean 120.
    expect(stayOf(dashboard, "wecom", "intake")).toMatchObject({ count: 2, meanHours: 120 });
    expect(stayOf(dashboard, "wecom", "abandoned")).toBeUndefined();
    expect(stayOf(dashboard, "wecom", "admin_appointed")).toMatchObject({ count: 1, meanHours: 24 });
  });

  it("counts completions per ISO week in the agency's time zone, across W53 and the new year", async () => {
    const dashboard = await loadDashboard(manager, filters());
    expect(dashboard.throughput).toHaveLength(12);
    expect(dashboard.throughput[0]).toEqual({ week: "2026-W43", weekStart: "2026-10-19", completed: 0 });
    expect(completedWeeks(dashboard)).toEqual({ "2026-W49": 1, "2026-W51": 1, "2026-W53": 2, "2027-W01": 1 });
    // Throughput ends with the week of `to`, whatever `from` says.
    const earlier = await loadDashboard(manager, filters({ from: "2026-12-01", to: "2026-12-31" }));
    expect(earlier.throughput.at(-1)).toMatchObject({ week: "2026-W53", completed: 1 });
    expect(completedWeeks(earlier)).toEqual({ "2026-W49": 1, "2026-W51": 1, "2026-W53": 1 });
  });

  it("turns the range's dates into the agency's days", async () => {
    // 30 November in Shanghai holds C4's completion (17:00Z on the 29th); 29 November does not.
    const monday = await loadDashboard(manager, filters({ from: "2026-11-30", to: "2026-11-30" }));
    expect(cycleOf(monday, "oa_overseas").count).toBe(1);
    const sunday = await loadDashboard(manager, filters({ from: "2026-11-29", to: "2026-11-29" }));
    expect(cycleOf(sunday, "oa_overseas").count).toBe(0);
  });

  it("gives document turnaround from request to first approval, and the rejection rate of first reviews", async () => {
    const dashboard = await loadDashboard(manager, filters());
    // 10, 20, 30, 60 h: median 25, p90 30 + 0.7 × 30 = 51. Nine versions first reviewed in the range, two rejected.
    // 10, 20, 30 and 60 h: mean 120 / 4 = 30.
    expect(dashboard.documents.turnaround).toEqual({ count: 4, meanHours: 30 });
    expect(dashboard.documents.versionsReviewed).toBe(9);
    expect(dashboard.documents.versionsRejected).toBe(2);
    expect(dashboard.documents.rejectionRate).toBeCloseTo(2 / 9, 12);
    // A range with no review: null, not 0.
    const empty = await loadDashboard(manager, filters({ from: "2026-10-09", to: "2026-10-10" }));
    expect(empty.documents).toEqual({
      turnaround: { count: 0, meanHours: null }, versionsReviewed: 0, versionsRejected: 0, rejectionRate: null,
    });
  });

  it("lists open work per member, most open first, unassigned as its own row", async () => {
    const dashboard = await loadDashboard(manager, filters());
    expect(dashboard.openWork).toEqual([
      { userId: colleague.user.id, name: colleague.user.name, open: 3, overdue: 1 },
      { userId: staff.user.id, name: staff.user.name, open: 2, overdue: 1 },
      { userId: null, name: null, open: 2, overdue: 0 },
    ]);
  });

  it("counts verifications expiring within 7, 30 and 90 days (cumulative), expired apart", async () => {
    const dashboard = await loadDashboard(manager, filters());
    expect(dashboard.verifications).toEqual({ within7: 1, within30: 2, within90: 3, expired: 2 });
  });

  it("counts ID slots in use and the people holding one or two", async () => {
    const dashboard = await loadDashboard(manager, filters());
    expect(dashboard.idSlots).toEqual({ slotsInUse: 4, peopleWithOne: 2, peopleAtCap: 1 });
  });
});

describe("statements", () => {
  it("reads every figure in one statement, after the tenant's settings (design.md §8: at most 8)", async () => {
    // Every query of the app's pool, as its clients are handed out (read before the spies are restored, which clears them).
    const spies: { mock: { calls: unknown[][] }; mockRestore: () => void }[] = [];
    const watch = (client: pg.PoolClient) => void spies.push(vi.spyOn(client, "query") as never);
    let texts: string[] = [];
    pool().on("acquire", watch);
    try {
      await loadDashboard(manager, filters());
      texts = spies.flatMap((spy) =>
        spy.mock.calls.map(([query]) => (typeof query === "string" ? query : (query as { text: string }).text).trim()),
      );
    } finally {
      pool().off("acquire", watch);
      for (const spy of spies) spy.mockRestore();
    }
    const statements = texts.filter((text) => !/^(begin|commit|start transaction)/i.test(text));
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/^select\s+weidesk_enter_tenant\(/);
    expect(texts.length).toBeLessThanOrEqual(8);
  });
});

describe("plans", () => {
  it("reads every table through an index under row-level security, never a sequential scan", async () => {
    const applied = filters();
    const query = dashboardSql(agency.id, TIME_ZONE, applied, dashboardBounds(applied, TIME_ZONE, NOW));
    const plan = await withTenant({ agencyId: agency.id, userId: manager.user.id, readOnly: true }, async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const { rows } = await tx.execute<{ "QUERY PLAN": string }>(sql`explain ${query}`);
      return rows.map((row) => row["QUERY PLAN"]).join("\n");
    });
    // A small table: with sequential scans forbidden, the plan shows whether an index can serve under the policies.
    for (const table of [
      "registrations", "registration_counts", "registration_completions", "stage_time_daily", "document_daily", "id_slot_totals",
      "verification_expiries",
    ]) {
      expect(plan, plan).not.toMatch(new RegExp(`Seq Scan on ${table}\\b`));
    }
  });
});

describe("filters", () => {
  it("narrows every registration figure to one pipeline; documents and ID slots stay the agency's", async () => {
    const all = await loadDashboard(manager, filters());
    const dashboard = await loadDashboard(manager, filters({ pipeline: "wecom" }));
    expect(new Set(dashboard.funnel.map((f) => f.pipeline))).toEqual(new Set(["wecom"]));
    expect(funnelOf(dashboard)).toEqual({ "wecom.intake": 2, "wecom.documents": 1 });
    expect(dashboard.deadlines).toEqual({ overdue: 1, dueWithin7Days: 0 });
    expect(dashboard.cycleTime.map((c) => c.pipeline)).toEqual(["wecom"]);
    expect(new Set(dashboard.timeInStage.map((s) => s.pipeline))).toEqual(new Set(["wecom"]));
    expect(completedWeeks(dashboard)).toEqual({ "2026-W51": 1 });
    expect(dashboard.openWork).toEqual([{ userId: colleague.user.id, name: colleague.user.name, open: 3, overdue: 1 }]);
    expect(dashboard.verifications).toEqual({ within7: 0, within30: 0, within90: 1, expired: 0 });
    expect(dashboard.documents).toEqual(all.documents);
    expect(dashboard.idSlots).toEqual(all.idSlots);
  });

  it("narrows to one assignee, or to unassigned cards", async () => {
    const mine = await loadDashboard(manager, filters({ assignee: staff.user.id }));
    expect(funnelOf(mine)).toEqual({ "oa_overseas.documents": 1, "oa_overseas.awaiting_response": 1 });
    expect(mine.deadlines).toEqual({ overdue: 1, dueWithin7Days: 1 });
    expect(cycleOf(mine, "oa_overseas").count).toBe(4);
    expect(cycleOf(mine, "wecom").count).toBe(0);
    expect(completedWeeks(mine)).toEqual({ "2026-W49": 1, "2026-W53": 2, "2027-W01": 1 });
    expect(mine.openWork).toEqual([{ userId: staff.user.id, name: staff.user.name, open: 2, overdue: 1 }]);
    expect(mine.verifications).toEqual({ within7: 1, within30: 2, within90: 2, expired: 2 });

    const none = await loadDashboard(manager, filters({ assignee: "none" }));
    expect(funnelOf(none)).toEqual({ "oa_overseas.intake": 1, "oa_overseas.on_hold": 1 });
    expect(none.openWork).toEqual([{ userId: null, name: null, open: 2, overdue: 0 }]);
    expect(none.deadlines).toEqual({ overdue: 0, dueWithin7Days: 0 });
  });

  it("holds staff to their own slice whatever they ask", async () => {
    const dashboard = await loadDashboard(staff, filters({ assignee: colleague.user.id }));
    expect(dashboard.filters.assignee).toBe(staff.user.id);
    expect(dashboard).toEqual({ ...(await loadDashboard(manager, filters({ assignee: staff.user.id }))) });
    const everyone = await loadDashboard(staff, filters());
    expect(everyone.openWork.map((w) => w.userId)).toEqual([staff.user.id]);
  });

  it("parses the query: defaults, staff forced, bad values refused for the API and defaulted for the page", () => {
    const context = { today: TODAY, role: "manager" as const, userId: manager.user.id };
    expect(parseDashboardFilters({}, context)).toEqual({ filters: filters(), error: null });
    expect(parseDashboardFilters({ to: "2026-12-31", pipeline: "wecom", assignee: "none" }, context).filters).toEqual({
      from: "2026-10-03", to: "2026-12-31", pipeline: "wecom", assignee: "none",
    });
    expect(parseDashboardFilters(new URLSearchParams("from=2026-12-01&to=2026-12-02"), context).filters).toMatchObject({
      from: "2026-12-01", to: "2026-12-02",
    });
    const bad = parseDashboardFilters({ from: "2026-02-30", to: "soon", pipeline: "fax", assignee: "bob" }, context);
    expect(bad.filters).toEqual(filters());
    expect(bad.error?.issues.map((issue) => issue.path[0]).sort()).toEqual(["assignee", "from", "pipeline", "to"]);
    const reversed = parseDashboardFilters({ from: "2026-12-02", to: "2026-12-01" }, context);
    expect(reversed.error?.issues[0]).toMatchObject({ path: ["from"], message: "apiTokens.api.dateOrder" });
    expect(reversed.filters).toEqual({ ...filters(), from: "2026-09-03", to: "2026-12-01" });
    const forced = parseDashboardFilters({ assignee: colleague.user.id }, { ...context, role: "staff", userId: staff.user.id });
    expect(forced.filters.assignee).toBe(staff.user.id);
  });
});

describe("tenancy", () => {
  it("shows agency B none of agency A's figures, and A none of B's", async () => {
    const b = await loadDashboard(otherManager, filters());
    expect(funnelOf(b)).toEqual({ "wecom.intake": 2 });
    expect(b.deadlines).toEqual({ overdue: 1, dueWithin7Days: 1 });
    expect(cycleOf(b, "oa_overseas")).toMatchObject({ count: 1, medianHours: 240 });
    expect(cycleOf(b, "wecom").count).toBe(0);
    expect(completedWeeks(b)).toEqual({ "2026-W50": 1 });
    // A stay in the final stage that ended (by going on hold) counts like any other.
    expect(stayOf(b, "oa_overseas", "registered")).toMatchObject({ count: 1, meanHours: (87 * 24) });
    expect(stayOf(b, "oa_overseas", "on_hold")).toMatchObject({ count: 1, meanHours: 24 });
    expect(b.documents).toMatchObject({ turnaround: { count: 0 }, versionsReviewed: 1, versionsRejected: 1, rejectionRate: 1 });
    expect(b.openWork.map((w) => w.open)).toEqual([1, 1]);
    expect(b.verifications).toEqual({ within7: 1, within30: 1, within90: 1, expired: 0 });
    expect(b.idSlots).toEqual({ slotsInUse: 1, peopleWithOne: 1, peopleAtCap: 0 });
    // A member of A filtering on B's member finds nothing (the assignee is only a filter).
    const a = await loadDashboard(manager, filters({ assignee: otherManager.user.id }));
    expect(a.funnel.every((f) => f.count === 0)).toBe(true);
    expect(a.openWork).toEqual([]);
  });

  it("refuses client administrators", async () => {
    const clientAdmin = { ...manager, role: "client_admin" as const };
    await expect(loadDashboard(clientAdmin, filters())).rejects.toBeInstanceOf(AppError);
  });
});

describe("CSV", () => {
  it("writes each widget with a header row, hours with one decimal", async () => {
    const dashboard = await loadDashboard(manager, filters());
    const cycle = dashboardCsv(dashboard, "cycle_time", "en").split("\r\n");
    expect(cycle[0]).toBe("Pipeline,Completed,Median (hours),90th percentile (hours),\"On hold, median (hours)\",\"On hold, 90th percentile (hours)\"");
    expect(cycle).toContain("Official Account · outside China,4,25.0,37.0,0.0,5.6");
    expect(cycle).toContain("Official Account · Chinese organisation,0,,,,");
    const throughput = dashboardCsv(dashboard, "throughput", "zh-CN").split("\r\n");
    expect(throughput[0]).toBe("周,周起始日,完成量");
    expect(throughput).toContain("2026-W53,2026-12-28,2");
    expect(dashboardCsv(dashboard, "documents", "en").split("\r\n")[1]).toBe("4,30.0,9,2,22.2");
    expect(dashboardCsv(dashboard, "time_in_stage", "en").split("\r\n")).toContain("Official Account · outside China,Getting started,4,5.8");
    expect(dashboardCsv(dashboard, "open_work", "en").split("\r\n")).toContain("Unassigned,2,0");
    expect(dashboardCsv(dashboard, "id_slots", "en")).toBe("ID slots in use,People holding one account,People at the limit of two\r\n4,2,1\r\n");
  });
});

describe("summary rows (ADR 0020)", () => {
  /** An agency's summary rows, without the rows a change brought back to nothing. */
  async function summaries(agencyId: string) {
    const read = async (query: string) => (await admin.query(query, [agencyId])).rows;
    return {
      counts: await read(`select pipeline, stage, assignee_user_id, cards from registration_counts
        where agency_id = $1 and cards <> 0 order by 1, 2, 3`),
      stays: await read(`select day::text, pipeline, stage, assignee_user_id, stays, stay_us::text from stage_time_daily
        where agency_id = $1 and (stays <> 0 or stay_us <> 0) order by 1, 2, 3, 4`),
      completions: await read(`select registration_id, pipeline, assignee_user_id, started_at, completed_at, total_us::text, hold_us::text
        from registration_completions where agency_id = $1 order by 1`),
      documents: await read(`select day::text, reviewed, rejected, approved, turnaround_us::text from document_daily
        where agency_id = $1 and (reviewed, rejected, approved, turnaround_us) <> (0, 0, 0, 0) order by 1`),
      slots: await read(`select slots, people_with_one, people_at_cap from id_slot_totals where agency_id = $1`),
      verifications: await read(`select registration_id, pipeline, assignee_user_id, expired, expires_at, sort_at
        from verification_expiries where agency_id = $1 order by 1`),
      due: await read(`select due_day::text, pipeline, assignee_user_id, cards from registration_due_days
        where agency_id = $1 and cards <> 0 order by 1, 2, 3`),
      completed: await read(`select day::text, pipeline, assignee_user_id, completed from completion_daily
        where agency_id = $1 and completed <> 0 order by 1, 2, 3`),
    };
  }

  it("are what a rebuild from the rows gives, through moves, reassignments, deletions, back-dated and multi-row inserts", async () => {
    const elsewhere = await addAgency(admin, "sums", "Summaries", TIME_ZONE);
    const first = await addMember(admin, elsewhere, "staff");
    const second = await addMember(admin, elsewhere, "staff");
    const company = await addOverseasCompany(admin, elsewhere.id, "Summa Pte. Ltd.", null);
    const at = { agencyId: elsewhere.id, companyId: company };
    const r1 = await reg({
      ...at, pipeline: "oa_overseas", stage: "registered", assignee: first.user.id,
      events: [
        ["intake", t("2026-12-01T00:00:00Z")], ["on_hold", t("2026-12-01T06:00:00Z")],
        ["documents", t("2026-12-02T06:00:00Z")], ["registered", t("2026-12-05T00:00:00Z")],
      ],
      verification: { status: "verified", expiresAt: fromNow(10 * DAY) },
    });
    const r2 = await reg({ ...at, pipeline: "wecom", stage: "intake", assignee: null, dueAt: fromNow(-3 * DAY), events: [["intake", t("2026-12-03T00:00:00Z")]] });
    const r3 = await reg({ ...at, pipeline: "oa_overseas", stage: "documents", assignee: second.user.id, dueAt: fromNow(2 * DAY) });
    // Three events of r3 in one statement, listed latest first.
    await admin.query(
      `insert into registration_events (id, agency_id, client_company_id, registration_id, to_stage, at) values
         ($1, $4, $5, $6, 'documents', '2026-12-09T00:00:00Z'), ($2, $4, $5, $6, 'on_hold', '2026-12-08T00:00:00Z'),
         ($3, $4, $5, $6, 'intake', '2026-12-07T00:00:00Z')`,
      [newId(), newId(), newId(), elsewhere.id, company, r3.id],
    );
    // A back-dated event in the middle of r1's history splits a stay; then r1 changes hands.
    await admin.query(
      `insert into registration_events (id, agency_id, client_company_id, registration_id, to_stage, at)
       values ($1, $2, $3, $4, 'documents', '2026-12-01T03:00:00Z')`,
      [newId(), elsewhere.id, company, r1.id],
    );
    await admin.query(`update registrations set assignee_user_id = $1 where id = $2`, [second.user.id, r1.id]);
    // r2 moves as the app would: weidesk_app under row-level security writes the card and its event.
    await withTenant({ agencyId: elsewhere.id, userId: first.user.id }, async (tx) => {
      await tx.execute(sql`update registrations set stage = 'admin_appointed', assignee_user_id = ${first.user.id},
        due_at = ${fromNow(4 * DAY).toISOString()}::timestamptz where id = ${r2.id}`);
      await tx.execute(sql`insert into registration_events (id, agency_id, client_company_id, registration_id, from_stage, to_stage, at)
        values (${newId()}, ${elsewhere.id}, ${company}, ${r2.id}, 'intake', 'admin_appointed', '2026-12-04T12:00:00Z')`);
    });
    // r2's corp is verified, then lapses.
    await admin.query(`update wecom_corps set verification_status = 'verified', verification_expires_at = $1 where registration_id = $2`, [fromNow(DAY), r2.id]);
    await admin.query(`update wecom_corps set verification_status = 'expired' where registration_id = $1`, [r2.id]);
    // Documents: a rejection then an approval of one version, a later version approved again.
    await doc({ ...at, requestedAt: t("2026-12-01T00:00:00Z"), versions: [[["reject", t("2026-12-01T08:00:00Z")], ["approve", t("2026-12-02T08:00:00Z")]], [["approve", t("2026-12-06T00:00:00Z")]]] });
    // ID slots: two for one person, the first given up, the second handed to someone else.
    const outside = [await external(elsewhere.id, await person(elsewhere.id)), await external(elsewhere.id, await person(elsewhere.id))];
    await slot(elsewhere.id, "s1", 1, { external: outside[0] });
    await slot(elsewhere.id, "s1", 2, { external: outside[1] });
    await admin.query(`delete from id_slots where external_account_id = $1`, [outside[0]]);
    await admin.query(`update id_slots set operator_id_hmac = decode(md5('s2'), 'hex') where external_account_id = $1`, [outside[1]]);

    const kept = await summaries(elsewhere.id);
    expect(kept.slots).toEqual([{ slots: 1, people_with_one: 1, people_at_cap: 0 }]);
    expect(kept.completions).toHaveLength(1);
    // r1: intake 3 h, documents 3 h, on hold 24 h, documents 66 h; r2 intake 36 h; r3 intake 24 h, on hold 24 h.
    expect(kept.stays.map((s) => [s.stage, s.stays, Number(s.stay_us) / HOUR / 1000])).toEqual([
      ["intake", 1, 3], ["documents", 1, 3], ["on_hold", 1, 24], ["intake", 1, 36], ["documents", 1, 66],
      ["intake", 1, 24], ["on_hold", 1, 24],
    ]);
    // r3 and a completed r4 go, with their stays, cards and completion.
    const r4 = await reg({ ...at, pipeline: "wecom", stage: "live", assignee: first.user.id,
      events: [["intake", t("2026-12-01T00:00:00Z")], ["live", t("2026-12-03T00:00:00Z")]] });
    for (const gone of [r3, r4]) {
      await admin.query(`delete from official_accounts where registration_id = $1`, [gone.id]);
      await admin.query(`delete from wecom_corps where registration_id = $1`, [gone.id]);
      await admin.query(`delete from registrations where id = $1`, [gone.id]);
    }
    const rebuilt = async () => {
      await admin.query(`select weidesk_rebuild_summaries($1)`, [elsewhere.id]);
      return summaries(elsewhere.id);
    };
    const before = await summaries(elsewhere.id);
    expect(await rebuilt()).toEqual(before);
    expect(before.stays).toHaveLength(5);
    // r1 completed on 5 December in Shanghai, now the second's.
    expect(before.completed).toEqual([{ day: "2026-12-05", pipeline: "oa_overseas", assignee_user_id: second.user.id, completed: 1 }]);
    // r3 (due in 2 days) went with its deletion; r2 is due in 4 days, the first's.
    expect(before.due).toEqual([{ due_day: fromNow(4 * DAY).toISOString().slice(0, 10), pipeline: "wecom", assignee_user_id: first.user.id, cards: 1 }]);
    expect(before.verifications.map((v) => [v.registration_id, v.assignee_user_id, v.expired])).toEqual(
      [[r1.id, second.user.id, false], [r2.id, first.user.id, true]].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    // A new time zone moves the days (by a rebuild): 08:00Z on 1 December is midnight that day in Los Angeles.
    await admin.query(`update agencies set time_zone = 'America/Los_Angeles' where id = $1`, [elsewhere.id]);
    await slot(elsewhere.id, "s3", 1, { external: outside[0] });
    const after = await summaries(elsewhere.id);
    expect(await rebuilt()).toEqual(after);
    // Midnight UTC on 5 December is the 4th in Los Angeles.
    expect(after.completed).toMatchObject([{ day: "2026-12-04", completed: 1 }]);
    expect(after.documents).toEqual([
      { day: "2026-12-01", reviewed: 1, rejected: 1, approved: 0, turnaround_us: "0" },
      { day: "2026-12-02", reviewed: 0, rejected: 0, approved: 1, turnaround_us: String(32 * HOUR * 1000) },
      { day: "2026-12-05", reviewed: 1, rejected: 0, approved: 0, turnaround_us: "0" },
    ]);
  });

  it("give a staff member restricted to their clients the cards assigned to them, and no agency-wide totals", async () => {
    const restricted = await addAgency(admin, "sumr", "Restricted", TIME_ZONE);
    await admin.query(`update agencies set restrict_staff_to_assigned = true where id = $1`, [restricted.id]);
    const member = await addMember(admin, restricted, "staff");
    const colleagueThere = await addMember(admin, restricted, "staff");
    const theirs = await addOverseasCompany(admin, restricted.id, "Theirs Pte. Ltd.", member.user.id);
    const others = await addOverseasCompany(admin, restricted.id, "Others Pte. Ltd.", colleagueThere.user.id);
    const at = (companyId: string) => ({ agencyId: restricted.id, companyId });
    await reg({ ...at(theirs), pipeline: "oa_overseas", stage: "documents", assignee: member.user.id, dueAt: fromNow(-HOUR),
      events: [["intake", t("2026-12-20T00:00:00Z")], ["documents", t("2026-12-21T00:00:00Z")]] });
    await reg({ ...at(others), pipeline: "oa_overseas", stage: "documents", assignee: colleagueThere.user.id, dueAt: fromNow(-HOUR),
      events: [["intake", t("2026-12-20T00:00:00Z")], ["documents", t("2026-12-22T00:00:00Z")]] });
    await doc({ ...at(theirs), requestedAt: t("2026-12-01T00:00:00Z"), versions: [[["approve", t("2026-12-01T10:00:00Z")]]] });
    await slot(restricted.id, "r1", 1, { external: await external(restricted.id, await person(restricted.id)) });

    const seen = await loadDashboard(member, filters());
    expect(funnelOf(seen)).toEqual({ "oa_overseas.documents": 1 });
    expect(seen.deadlines.overdue).toBe(1);
    expect(stayOf(seen, "oa_overseas", "intake")).toMatchObject({ count: 1, meanHours: 24 });
    expect(seen.documents).toMatchObject({ turnaround: { count: 0 }, versionsReviewed: 0 });
    expect(seen.idSlots).toEqual({ slotsInUse: 0, peopleWithOne: 0, peopleAtCap: 0 });
    // Their manager sees the agency's.
    const boss = await addMember(admin, restricted, "manager");
    const whole = await loadDashboard(boss, filters());
    expect(funnelOf(whole)).toEqual({ "oa_overseas.documents": 2 });
    expect(whole.documents).toMatchObject({ turnaround: { count: 1, meanHours: 10 }, versionsReviewed: 1 });
    expect(whole.idSlots.slotsInUse).toBe(1);
  });

  it("are written by the triggers only: the app role can neither change one nor call their functions", async () => {
    const refused = async (statement: ReturnType<typeof sql>) => {
      const error = await withTenant({ agencyId: agency.id, userId: manager.user.id }, (tx) => tx.execute(statement)).catch((e: Error) => e);
      expect(String((error as Error & { cause?: Error }).cause?.message ?? error)).toMatch(/permission denied/);
    };
    await refused(sql`insert into id_slot_totals values (${agency.id}, 9, 9, 9)`);
    await refused(sql`update registration_counts set cards = cards + 1`);
    await refused(sql`select weidesk_rebuild_summaries(${agency.id})`);
    await refused(sql`select weidesk_registration_counts_add(${agency.id}, 'wecom', 'intake', null, 100)`);
  });

  it("keeps the SQL final stages and the app's in step", async () => {
    const { rows } = await admin.query<{ pipeline: Pipeline; stage: string }>(
      `select p as pipeline, weidesk_final_stage(p)::text as stage from unnest(enum_range(null::pipeline)) p`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.pipeline, r.stage]))).toEqual(finalStage);
    expect(new Set(INACTIVE_STAGES)).toEqual(new Set([...Object.values(finalStage), "rejected", "abandoned"]));
  });
});
