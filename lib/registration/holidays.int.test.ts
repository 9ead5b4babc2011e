/**
 * An agency's holiday calendar against the real database, through the app's own role:
 * the service (who may read and change it, field errors, audit events), row-level
 * security (another agency's days are never seen nor touched), the loader deadlines use,
 * sign-up's copy of the national calendar, and the JSON API's routes called directly.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteRoute, PUT as putRoute } from "@/app/api/v1/holidays/[date]/route";
import { GET as listRoute, POST as postRoute } from "@/app/api/v1/holidays/route";
import { withTenant } from "@/db/tenant";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { createApiToken } from "@/lib/api/tokens";
import { clock } from "@/lib/clock";
import type { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { signUp } from "@/lib/members/accounts";
import type { Role } from "@/lib/rbac/roles";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { isBusinessDay } from "./calendar";
import { dueAtOnEntering } from "./deadlines";
import { nationalDays } from "./holidays";
import {
  addNationalYear,
  createHoliday,
  deleteHoliday,
  getFollowUpDays,
  listCalendarYears,
  listHolidayYear,
  loadCalendar,
  loadDeadlineSettings,
  putHoliday,
  updateFollowUpDays,
  updateHoliday,
} from "./holidays-service";

process.env.TEST_CLOCK = "1";
const start = new Date("2026-05-04T02:00:00Z");
const BASE = "http://weidesk.test/api/v1";

let admin: pg.Client;
type StaffRole = Exclude<Role, "client_admin">;
type Agency = { id: string; slug: string; users: Record<StaffRole, string> };
let home: Agency;
let away: Agency;

const unique = () => newId().slice(-12);

/** An agency with one member of each staff-side role and a small calendar of its own. */
async function makeAgency(label: string, days: [string, "holiday" | "workday", string][]): Promise<Agency> {
  const id = newId();
  const slug = `hol-${label}-${unique()}`;
  await admin.query(`insert into agencies (id, slug, name, created_at) values ($1, $2, $3, $4)`, [id, slug, `Agency ${label}`, start]);
  const users = {} as Agency["users"];
  for (const role of ["owner", "admin", "staff", "manager"] as const) {
    const email = `${role}-${slug}@example.com`;
    const userId = newId();
    await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, $3, $4, $4)`, [userId, email, `${role} ${label}`, start]);
    await admin.query(`insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, $4, $5)`, [newId(), id, userId, role, start]);
    users[role] = email;
  }
  for (const [date, kind, name] of days) {
    await admin.query(`insert into holidays (agency_id, date, kind, name) values ($1, $2, $3, $4)`, [id, date, kind, name]);
  }
  return { id, slug, users };
}

const actorOf = (agency: Agency, role: StaffRole): Promise<ApiActor> => findMemberActor(agency.slug, agency.users[role]);

function refusal(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => error as AppError,
  );
}

async function rowsOf(agencyId: string) {
  const { rows } = await admin.query<{ date: string; kind: string; name: string }>(
    `select date::text as date, kind::text as kind, name from holidays where agency_id = $1 order by date`,
    [agencyId],
  );
  return rows;
}

async function auditOf(agencyId: string) {
  const { rows } = await admin.query<{ action: string; data: Record<string, unknown>; actor: string }>(
    `select a.action, a.data, u.email as actor from audit_events a join users u on u.id = a.actor_user_id
     where a.agency_id = $1 order by a.at, a.id`,
    [agencyId],
  );
  return rows;
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  clock.set(start);
  // Both agencies have 1 October 2026; only "away" has its own company day.
  home = await makeAgency("home", [
    ["2026-10-01", "holiday", "国庆节"],
    ["2026-10-10", "workday", "国庆节"],
  ]);
  away = await makeAgency("away", [
    ["2026-10-01", "holiday", "国庆节"],
    ["2026-07-01", "holiday", "公司周年"],
  ]);
});

afterEach(() => clock.set(start));

afterAll(async () => {
  clock.reset();
  await admin.end();
  await resetAppState();
});

describe("reading the calendar", () => {
  it("lists the year's days by date, with the notice and the national days the agency lacks", async () => {
    const year = await listHolidayYear(await actorOf(home, "manager"), { year: "2026" });
    expect(year.year).toBe(2026);
    expect(year.notice).toMatchObject({ number: "国办发明电〔2025〕7号" });
    expect(year.data).toEqual([
      { date: "2026-10-01", kind: "holiday", name: "国庆节", national: true },
      { date: "2026-10-10", kind: "workday", name: "国庆节", national: true },
    ]);
    expect(year.nationalMissing).toBe(nationalDays([2026]).length - 2);
    // This year in the agency's time zone when none is asked for.
    expect((await listHolidayYear(await actorOf(home, "staff"))).year).toBe(2026);
    expect(await listCalendarYears(await actorOf(home, "staff"))).toEqual([2026]);
  });

  it("never shows another agency's days", async () => {
    const days = (await listHolidayYear(await actorOf(home, "owner"), { year: 2026 })).data.map((d) => d.date);
    expect(days).not.toContain("2026-07-01");
    const theirs = (await listHolidayYear(await actorOf(away, "owner"), { year: 2026 })).data.map((d) => d.date);
    expect(theirs).toEqual(["2026-07-01", "2026-10-01"]);
  });

  it("refuses a year that is not one", async () => {
    const error = await refusal(listHolidayYear(await actorOf(home, "staff"), { year: "20x6" }));
    expect(error.code).toBe("VALIDATION");
    expect(error.details.fields).toEqual({ year: "holidays.errors.yearInvalid" });
  });
});

describe("loadCalendar", () => {
  it("reads the agency's days in the caller's transaction, for the years asked", async () => {
    const calendar = await withTenant({ agencyId: home.id, userId: null }, (tx) => loadCalendar(tx, home.id, 2026, 2027));
    expect([...calendar.holidays]).toEqual(["2026-10-01"]);
    expect([...calendar.workdays]).toEqual(["2026-10-10"]);
    expect(isBusinessDay("2026-10-10", calendar)).toBe(true);
    const none = await withTenant({ agencyId: home.id, userId: null }, (tx) => loadCalendar(tx, home.id, 2027, 2028));
    expect(none.holidays.size + none.workdays.size).toBe(0);
  });

  it("finds nothing of another agency even when asked for it by id: row-level security", async () => {
    const calendar = await withTenant({ agencyId: home.id, userId: null }, (tx) => loadCalendar(tx, away.id, 2026, 2026));
    expect(calendar.holidays.size + calendar.workdays.size).toBe(0);
  });

  it("gives deadlines the agency's days: a make-up Saturday counts", async () => {
    const enteredAt = new Date("2026-09-30T02:00:00Z");
    const settings = await withTenant({ agencyId: home.id, userId: null }, (tx) => loadDeadlineSettings(tx, home.id, enteredAt));
    expect(settings).toMatchObject({ timeZone: "Asia/Shanghai", overseasFollowUpDays: 10 });
    // Entered Wednesday 30 September 2026, 10:00 in Shanghai. This calendar has only 1 October off and
    // 10 October worked: Fri 2 (1), Mon 5 (2), Tue 6 (3), Wed 7 (4), Thu 8 (5), Fri 9 (6), Sat 10 (7).
    const due = dueAtOnEntering({ pipeline: "oa_cn_org", stage: "under_review", enteredAt, ...settings });
    expect(due?.toISOString()).toBe("2026-10-10T15:59:59.000Z");
  });
});

describe("changing the calendar", () => {
  it("adds a day with its audit event; owners and admins only", async () => {
    const admin_ = await actorOf(home, "admin");
    const added = await createHoliday(admin_, { date: " 2026-12-19 ", kind: "workday", name: " 年终调休 " }, "req-add");
    expect(added).toEqual({ date: "2026-12-19", kind: "workday", name: "年终调休", national: false });
    expect(await rowsOf(home.id)).toContainEqual({ date: "2026-12-19", kind: "workday", name: "年终调休" });
    expect((await auditOf(home.id)).at(-1)).toEqual({
      action: "agency.holidays_change",
      actor: home.users.admin,
      data: { change: "add", date: "2026-12-19", kind: "workday", name: "年终调休" },
    });
    for (const role of ["staff", "manager"] as const) {
      const error = await refusal(createHoliday(await actorOf(home, role), { date: "2026-12-20", kind: "workday", name: "x" }));
      expect(error.code).toBe("FORBIDDEN");
    }
    expect((await rowsOf(home.id)).map((r) => r.date)).not.toContain("2026-12-20");
  });

  it("says what is wrong, field by field", async () => {
    const owner = await actorOf(home, "owner");
    const fields = async (input: unknown) => (await refusal(createHoliday(owner, input))).details.fields;
    expect(await fields({})).toEqual({ date: "holidays.errors.dateRequired", kind: "holidays.errors.kindInvalid", name: "holidays.errors.nameRequired" });
    expect(await fields({ date: "2026-02-30", kind: "holiday", name: "x" })).toEqual({ date: "holidays.errors.dateInvalid" });
    expect(await fields({ date: "1999-12-31", kind: "holiday", name: "x" })).toEqual({ date: "holidays.errors.dateOutOfRange" });
    // Monday 21 December 2026 is a working day already.
    expect(await fields({ date: "2026-12-21", kind: "workday", name: "x" })).toEqual({ date: "holidays.errors.workdayOnWeekday" });
    expect(await fields({ date: "2026-12-22", kind: "holiday", name: "x".repeat(41) })).toEqual({ name: "holidays.errors.nameTooLong" });
    // A date the calendar has: on `date`, whether or not another agency has it too.
    expect(await fields({ date: "2026-10-01", kind: "holiday", name: "x" })).toEqual({ date: "holidays.errors.dateTaken" });
    expect((await createHoliday(owner, { date: "2026-07-01", kind: "holiday", name: "建党节" })).date).toBe("2026-07-01");
    expect(await rowsOf(away.id)).toContainEqual({ date: "2026-07-01", kind: "holiday", name: "公司周年" });
  });

  it("edits and moves a day, refusing a date already taken, and audits before and after", async () => {
    const owner = await actorOf(home, "owner");
    await createHoliday(owner, { date: "2026-11-20", kind: "holiday", name: "团建" });
    const moved = await updateHoliday(owner, "2026-11-20", { date: "2026-11-27", kind: "holiday", name: "团建日" });
    expect(moved).toMatchObject({ date: "2026-11-27", name: "团建日" });
    const dates = (await rowsOf(home.id)).map((r) => r.date);
    expect(dates).toContain("2026-11-27");
    expect(dates).not.toContain("2026-11-20");
    expect((await auditOf(home.id)).at(-1)?.data).toEqual({
      change: "edit",
      date: "2026-11-27",
      kind: "holiday",
      name: "团建日",
      fromDate: "2026-11-20",
      fromKind: "holiday",
      fromName: "团建",
    });
    const taken = await refusal(updateHoliday(owner, "2026-11-27", { date: "2026-10-01", kind: "holiday", name: "x" }));
    expect(taken.details.fields).toEqual({ date: "holidays.errors.dateTaken" });
    expect((await refusal(updateHoliday(owner, "2026-11-20", { date: "2026-11-20", kind: "holiday", name: "x" }))).code).toBe("NOT_FOUND");
  });

  it("removes a day; another agency's day, or a day it lacks, is NOT_FOUND and stays", async () => {
    const owner = await actorOf(home, "owner");
    await deleteHoliday(owner, "2026-11-27");
    expect((await rowsOf(home.id)).map((r) => r.date)).not.toContain("2026-11-27");
    expect((await auditOf(home.id)).at(-1)?.data).toEqual({ change: "remove", date: "2026-11-27", kind: "holiday", name: "团建日" });
    const awayOnly = await makeAgency("lone", [["2026-08-03", "holiday", "别家的假"]]);
    const error = await refusal(deleteHoliday(owner, "2026-08-03"));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.details.messageKey).toBe("holidays.errors.notFound");
    expect(await rowsOf(awayOnly.id)).toEqual([{ date: "2026-08-03", kind: "holiday", name: "别家的假" }]);
    expect((await refusal(deleteHoliday(owner, "not-a-date"))).code).toBe("NOT_FOUND");
  });

  it("sets a day with PUT: added when missing, changed when there", async () => {
    const admin_ = await actorOf(away, "admin");
    expect(await putHoliday(admin_, "2026-12-26", { kind: "workday", name: "补班" })).toEqual({
      holiday: { date: "2026-12-26", kind: "workday", name: "补班", national: false },
      created: true,
    });
    expect((await putHoliday(admin_, "2026-12-26", { kind: "holiday", name: "补休" })).created).toBe(false);
    expect((await rowsOf(away.id)).find((r) => r.date === "2026-12-26")).toEqual({ date: "2026-12-26", kind: "holiday", name: "补休" });
    const actions = (await auditOf(away.id)).map((a) => a.data.change);
    expect(actions.slice(-2)).toEqual(["add", "edit"]);
    // Friday 25 December is no make-up working day.
    const error = await refusal(putHoliday(admin_, "2026-12-25", { kind: "workday", name: "x" }));
    expect(error.details.fields).toEqual({ date: "holidays.errors.workdayOnWeekday" });
  });

  it("adds the national days of a year the agency lacks, leaving the days it has as they are", async () => {
    const owner = await actorOf(home, "owner");
    const before = await rowsOf(home.id);
    const { added } = await addNationalYear(owner, { year: 2026 });
    const national = nationalDays([2026]);
    expect(added).toBe(national.filter((day) => !before.some((row) => row.date === day.date)).length);
    expect((await listHolidayYear(owner, { year: 2026 })).nationalMissing).toBe(0);
    expect((await auditOf(home.id)).at(-1)?.data).toEqual({ change: "import", year: 2026, added, notice: "国办发明电〔2025〕7号" });
    // Again: nothing to add, and no event.
    const events = (await auditOf(home.id)).length;
    expect((await addNationalYear(owner, { year: 2026 })).added).toBe(0);
    expect((await auditOf(home.id)).length).toBe(events);
    const error = await refusal(addNationalYear(owner, { year: 2031 }));
    expect(error.details.fields).toEqual({ year: "holidays.errors.nationalYearMissing" });
    expect((await refusal(addNationalYear(await actorOf(home, "staff"), { year: 2025 }))).code).toBe("FORBIDDEN");
  });
});

describe("the overseas follow-up interval", () => {
  it("defaults to 10 business days; owners and admins change it, 1 to 60, with an audit event", async () => {
    expect(await getFollowUpDays(await actorOf(away, "manager"))).toBe(10);
    const owner = await actorOf(away, "owner");
    expect(await updateFollowUpDays(owner, { overseasFollowUpDays: "15" })).toEqual({ overseasFollowUpDays: 15 });
    expect(await getFollowUpDays(owner)).toBe(15);
    expect((await auditOf(away.id)).at(-1)).toMatchObject({
      action: "agency.settings_change",
      data: { setting: "overseasFollowUpDays", from: 10, to: 15 },
    });
    for (const days of [0, 61, 2.5, "ten"]) {
      const error = await refusal(updateFollowUpDays(owner, { overseasFollowUpDays: days }));
      expect(error.details.fields).toEqual({ overseasFollowUpDays: "holidays.errors.followUpDaysInvalid" });
    }
    expect((await refusal(updateFollowUpDays(await actorOf(away, "staff"), { overseasFollowUpDays: 5 }))).code).toBe("FORBIDDEN");
  });
});

describe("a new agency", () => {
  it("starts with the national calendar, in sign-up's transaction", async () => {
    const slug = `hol-new-${unique()}`;
    await signUp(
      { name: "Founder", email: `founder-${slug}@example.com`, password: "correct horse battery staple", agencyName: "新机构", slug, defaultLocale: "zh-CN", timeZone: "Asia/Shanghai" },
      "zh-CN",
    );
    const { rows } = await admin.query<{ id: string }>(`select id from agencies where slug = $1`, [slug]);
    expect((await rowsOf(rows[0]!.id)).map((r) => `${r.date} ${r.kind} ${r.name}`)).toEqual(
      nationalDays().map((day) => `${day.date} ${day.kind} ${day.name}`),
    );
  });
});

describe("the JSON API", () => {
  const tokens: Partial<Record<string, string>> = {};
  async function tokenOf(agency: Agency, role: StaffRole): Promise<string> {
    const key = `${agency.slug}:${role}`;
    tokens[key] ??= (await createApiToken(await actorOf(agency, role), { name: `${role} script`, expiresInDays: 30 })).token;
    return tokens[key]!;
  }
  function call(path: string, token: string, init: RequestInit = {}): Request {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${token}`);
    if (init.body) headers.set("content-type", "application/json");
    return new Request(`${BASE}${path}`, { ...init, headers });
  }
  async function read(response: Response) {
    const text = await response.text();
    return { status: response.status, type: response.headers.get("content-type"), headers: response.headers, body: text ? JSON.parse(text) : null };
  }
  const at = (date: string) => ({ params: Promise.resolve({ date }) });

  it("lists a year for every staff-side role", async () => {
    const answer = await read(await listRoute(call("/holidays?year=2026", await tokenOf(away, "staff"))));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ year: 2026, notice: { number: "国办发明电〔2025〕7号" } });
    expect(answer.body.data.map((d: { date: string }) => d.date)).toContain("2026-07-01");
    expect(answer.body.data.map((d: { date: string }) => d.date)).not.toContain("2026-10-10");
    const bad = await read(await listRoute(call("/holidays?year=nope", await tokenOf(away, "staff"))));
    expect(bad.status).toBe(422);
    expect(bad.type).toContain("application/problem+json");
  });

  it("adds, sets and removes days for owners and admins; staff get 403", async () => {
    const adminToken = await tokenOf(away, "admin");
    const created = await read(
      await postRoute(call("/holidays", adminToken, { method: "POST", body: JSON.stringify({ date: "2026-12-12", kind: "workday", name: "调休" }) })),
    );
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe("/api/v1/holidays/2026-12-12");
    expect(created.body).toEqual({ date: "2026-12-12", kind: "workday", name: "调休", national: false });

    const again = await read(
      await postRoute(call("/holidays", adminToken, { method: "POST", body: JSON.stringify({ date: "2026-12-12", kind: "workday", name: "调休" }) })),
    );
    expect(again.status).toBe(422);
    expect(again.body.fields.date).toMatchObject({ key: "holidays.errors.dateTaken" });

    const put = await read(await putRoute(call("/holidays/2026-12-12", adminToken, { method: "PUT", body: JSON.stringify({ kind: "holiday", name: "休息" }) }), at("2026-12-12")));
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ kind: "holiday", name: "休息" });

    const staffToken = await tokenOf(away, "staff");
    const refused = await read(await deleteRoute(call("/holidays/2026-12-12", staffToken, { method: "DELETE" }), at("2026-12-12")));
    expect(refused.status).toBe(403);

    const removed = await deleteRoute(call("/holidays/2026-12-12", adminToken, { method: "DELETE" }), at("2026-12-12"));
    expect(removed.status).toBe(204);
    const gone = await read(await deleteRoute(call("/holidays/2026-12-12", adminToken, { method: "DELETE" }), at("2026-12-12")));
    expect(gone.status).toBe(404);
  });

  it("never reaches another agency's day: 404, and it stays", async () => {
    const lone = await makeAgency("api-lone", [["2026-08-10", "holiday", "别家的假"]]);
    const homeToken = await tokenOf(home, "owner");
    const listed = await read(await listRoute(call("/holidays?year=2026", homeToken)));
    expect(listed.body.data.map((d: { date: string }) => d.date)).not.toContain("2026-08-10");
    const refused = await read(await deleteRoute(call("/holidays/2026-08-10", homeToken, { method: "DELETE" }), at("2026-08-10")));
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ code: "NOT_FOUND", messageKey: "holidays.errors.notFound" });
    expect(await rowsOf(lone.id)).toEqual([{ date: "2026-08-10", kind: "holiday", name: "别家的假" }]);
  });
});
