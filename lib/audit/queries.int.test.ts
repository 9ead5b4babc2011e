/**
 * The audit log read through the app's own role and row-level security: an agency sees
 * its own events only, every filter narrows as it says (dates as calendar days in the
 * agency's time zone), and keyset pages visit every event exactly once, in order.
 */
import { eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { makeAgencyWithEveryTable, type AgencyFixture } from "@/lib/testing/factories";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { encodeAuditCursor, noAuditFilters, type AuditFilters, type AuditPageRequest } from "./filters";
import { listAuditActors, listAuditEvents, type AuditEventRow, type AuditReadContext } from "./queries";

let admin: pg.Client;
let a: AgencyFixture;
let b: AgencyFixture;
let ownerId: string;
let context: AuditReadContext;
/** Every event of agency A, as the admin connection sees it: (at desc, id desc). */
let expectedA: { id: string; at: string; actor: string | null; action: string; target_type: string | null }[];
const eventsOfB: string[] = [];
const ids = {
  system: "",
  former: "",
  secret: "",
  beforeMidnight: "",
  atMidnight: "",
  lastOfDay: "",
  nextDay: "",
  dstFirst: "",
  dstLast: "",
};

type Seed = { at: string; actor: string | null; action: string; targetType: string | null; data?: Record<string, unknown> };

async function insertEvent(agencyId: string, seed: Seed): Promise<string> {
  const id = newId();
  await admin.query(
    `insert into audit_events (id, agency_id, actor_user_id, action, target_type, target_id, data, at)
     values ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz)`,
    [id, agencyId, seed.actor, seed.action, seed.targetType, newId(), JSON.stringify(seed.data ?? {}), seed.at],
  );
  return id;
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  a = await makeAgencyWithEveryTable(admin, "AuditA");
  b = await makeAgencyWithEveryTable(admin, "AuditB");

  // An owner of A who reads the log (named so they sort first among A's members).
  ownerId = newId();
  await admin.query(`insert into users (id, email, name, created_at) values ($1, $2, 'Aaron Owner', now())`, [
    ownerId,
    `owner-${ownerId}@example.com`,
  ]);
  await admin.query(
    `insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, 'owner', now())`,
    [newId(), a.agencyId, ownerId],
  );
  context = { agencyId: a.agencyId, userId: ownerId, clientCompanyId: null, readOnly: false, timeZone: "Asia/Shanghai" };

  // Sixty events a minute apart, every fifth sharing its neighbour's time (ties go by id),
  // by the staff member and the owner, over several actions and record types.
  const plan: [string, string][] = [
    ["member.add", "membership"],
    ["client.create", "client_company"],
    ["registration.move", "registration"],
    ["document.review", "document"],
    ["note.create", "note"],
  ];
  const start = Date.parse("2026-03-05T00:00:00Z");
  let minute = 0;
  for (let i = 0; i < 60; i++) {
    if (i % 5 !== 4) minute++;
    const [action, targetType] = plan[i % plan.length]!;
    await insertEvent(a.agencyId, {
      at: new Date(start + minute * 60_000).toISOString(),
      actor: i % 3 === 0 ? ownerId : a.userId,
      action,
      targetType,
      data: { n: i },
    });
  }
  // Two events in one millisecond: only a microsecond cursor keeps them apart.
  await insertEvent(a.agencyId, { at: "2026-03-05T12:00:00.000200Z", actor: a.userId, action: "note.create", targetType: "note" });
  await insertEvent(a.agencyId, { at: "2026-03-05T12:00:00.000100Z", actor: a.userId, action: "note.create", targetType: "note" });
  ids.system = await insertEvent(a.agencyId, { at: "2026-03-06T00:00:00Z", actor: null, action: "invitation.revoke", targetType: "invitation" });
  // B's staff member is no member of A: row-level security hides who they are.
  ids.former = await insertEvent(a.agencyId, { at: "2026-03-06T01:00:00Z", actor: b.userId, action: "member.remove", targetType: "membership" });
  ids.secret = await insertEvent(a.agencyId, {
    at: "2026-03-06T02:00:00Z",
    actor: ownerId,
    action: "member.role_change",
    targetType: "membership",
    data: { from: "staff", to: "admin", token: "s3cr3t", passwordHash: "x", ids: ["p", "q"], nested: { k: 1, secret: "s3cr3t" } },
  });
  // Around midnight in Shanghai (UTC+8) between the 9th and the 10th of March, and the 10th's end.
  ids.beforeMidnight = await insertEvent(a.agencyId, { at: "2026-03-09T15:59:59.999999Z", actor: ownerId, action: "agency.create", targetType: "agency" });
  ids.atMidnight = await insertEvent(a.agencyId, { at: "2026-03-09T16:00:00Z", actor: ownerId, action: "agency.create", targetType: "agency" });
  ids.lastOfDay = await insertEvent(a.agencyId, { at: "2026-03-10T15:59:59.999999Z", actor: ownerId, action: "agency.create", targetType: "agency" });
  ids.nextDay = await insertEvent(a.agencyId, { at: "2026-03-10T16:00:00Z", actor: ownerId, action: "agency.create", targetType: "agency" });
  // Either side of 2026-03-08 in New York, the day clocks spring forward (05:00Z to 04:00Z).
  const dst = (at: string) => insertEvent(a.agencyId, { at, actor: ownerId, action: "note.create", targetType: "note" });
  await dst("2026-03-08T04:59:59Z");
  ids.dstFirst = await dst("2026-03-08T05:00:00Z");
  ids.dstLast = await dst("2026-03-09T03:59:59Z");
  await dst("2026-03-09T04:00:00Z");

  // B's events look like A's, on the same days, by B's people.
  for (const [i, at] of ["2026-03-05T00:30:00Z", "2026-03-06T00:00:00Z", "2026-03-09T16:00:00Z"].entries()) {
    eventsOfB.push(await insertEvent(b.agencyId, { at, actor: b.userId, action: "member.add", targetType: "membership", data: { i } }));
    eventsOfB.push(await insertEvent(b.agencyId, { at, actor: null, action: "invitation.revoke", targetType: "invitation" }));
  }
  eventsOfB.push(...b.rows.audit_events!);

  const { rows } = await admin.query(
    `select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, actor_user_id as actor, action, target_type
     from audit_events where agency_id = $1 order by at desc, id desc`,
    [a.agencyId],
  );
  expectedA = rows;
});

afterAll(async () => {
  await admin.end();
  const globals = globalThis as Record<string, unknown>;
  await (globals.weideskPool as pg.Pool | undefined)?.end();
  delete globals.weideskPool;
  delete globals.weideskDb;
});

/** Every event of a view, following "older" links from the newest page. */
async function walkOlder(filters: AuditFilters, limit: number) {
  const pages: AuditEventRow[][] = [];
  let page: AuditPageRequest | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const result = await listAuditEvents(context, filters, page, limit);
    pages.push(result.events);
    if (guard === 0) expect(result.newer).toBeNull();
    else expect(result.newer).not.toBeNull();
    if (!result.older) return pages;
    page = result.older;
  }
  throw new Error("pagination never ended");
}

const idsOf = (events: AuditEventRow[]) => events.map((event) => event.id);
const expectedIds = (keep: (row: (typeof expectedA)[number]) => boolean = () => true) =>
  expectedA.filter(keep).map((row) => row.id);

describe("listAuditEvents", () => {
  it("lists the agency's own events, newest first, and none of another agency's", async () => {
    expect(expectedA.length).toBeGreaterThan(60);
    const { events, newer } = await listAuditEvents(context, noAuditFilters, null, 200);
    expect(idsOf(events)).toEqual(expectedIds());
    expect(newer).toBeNull();
    for (const id of eventsOfB) expect(idsOf(events)).not.toContain(id);

    // B's own view holds B's events, so the check above is not vacuous.
    const ofB = await listAuditEvents({ ...context, agencyId: b.agencyId, userId: b.userId }, noAuditFilters, null, 200);
    expect(idsOf(ofB.events).sort()).toEqual([...eventsOfB].sort());
  });

  it("cannot see another agency's events even when asking for them by agency id (row-level security)", async () => {
    const rows = await withTenant({ agencyId: a.agencyId, userId: ownerId }, (tx) =>
      tx.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.agencyId, b.agencyId)),
    );
    expect(rows).toEqual([]);
    // Filtering A's log by one of B's people finds nothing of B's.
    const byB = await listAuditEvents(context, { ...noAuditFilters, actor: b.userId }, null, 200);
    expect(idsOf(byB.events)).toEqual([ids.former]);
  });

  it("returns DTOs: actor names for members, the system, a former member without a name, and no secrets", async () => {
    const { events } = await listAuditEvents(context, noAuditFilters, null, 200);
    const byId = new Map(events.map((event) => [event.id, event]));
    expect(byId.get(ids.system)!.actor).toEqual({ kind: "system" });
    expect(byId.get(ids.former)!.actor).toEqual({ kind: "former", id: b.userId });
    const secret = byId.get(ids.secret)!;
    expect(secret).toMatchObject({
      actor: { kind: "user", id: ownerId, name: "Aaron Owner", email: `owner-${ownerId}@example.com` },
      action: "member.role_change",
      targetType: "membership",
    });
    expect(secret.at).toEqual(new Date("2026-03-06T02:00:00Z"));
    // jsonb keeps its own key order; what matters is what is there.
    expect(secret.details).toHaveLength(4);
    expect(secret.details).toEqual(
      expect.arrayContaining([
        { key: "from", values: ["staff"] },
        { key: "to", values: ["admin"] },
        { key: "ids", values: ["p", "q"] },
        { key: "nested", values: ['{"k":1}'] },
      ]),
    );
    expect(JSON.stringify(events)).not.toContain("s3cr3t");
    expect(Object.keys(secret).sort()).toEqual(["action", "actor", "at", "details", "id", "targetId", "targetType"]);
  });

  it("filters by actor, the system included", async () => {
    const byStaff = await listAuditEvents(context, { ...noAuditFilters, actor: a.userId }, null, 200);
    expect(idsOf(byStaff.events)).toEqual(expectedIds((row) => row.actor === a.userId));
    const bySystem = await listAuditEvents(context, { ...noAuditFilters, actor: "system" }, null, 200);
    expect(idsOf(bySystem.events)).toEqual([ids.system]);
  });

  it("filters by action and by record type, together too", async () => {
    const moves = await listAuditEvents(context, { ...noAuditFilters, action: "registration.move" }, null, 200);
    expect(moves.events.length).toBe(12);
    expect(idsOf(moves.events)).toEqual(expectedIds((row) => row.action === "registration.move"));

    const memberships = await listAuditEvents(context, { ...noAuditFilters, entity: "membership" }, null, 200);
    expect(idsOf(memberships.events)).toEqual(expectedIds((row) => row.target_type === "membership"));

    const both = await listAuditEvents(
      context,
      { ...noAuditFilters, action: "member.add", entity: "membership", actor: ownerId },
      null,
      200,
    );
    expect(idsOf(both.events)).toEqual(
      expectedIds((row) => row.action === "member.add" && row.target_type === "membership" && row.actor === ownerId),
    );
    expect(both.events.length).toBeGreaterThan(0);

    const none = await listAuditEvents(context, { ...noAuditFilters, action: "agency.delete" });
    expect(none).toEqual({ events: [], older: null, newer: null });
  });

  it("takes dates as whole calendar days in the agency's time zone, both ends included", async () => {
    const tenth = await listAuditEvents(context, { ...noAuditFilters, from: "2026-03-10", to: "2026-03-10" }, null, 200);
    expect(idsOf(tenth.events)).toEqual([ids.lastOfDay, ids.atMidnight]);

    const fromTenth = await listAuditEvents(context, { ...noAuditFilters, from: "2026-03-10" }, null, 200);
    expect(idsOf(fromTenth.events)).toEqual([ids.nextDay, ids.lastOfDay, ids.atMidnight]);

    const toNinth = await listAuditEvents(context, { ...noAuditFilters, to: "2026-03-09" }, null, 200);
    expect(idsOf(toNinth.events)[0]).toBe(ids.beforeMidnight);
    expect(idsOf(toNinth.events)).not.toContain(ids.atMidnight);

    // In UTC the 10th starts eight hours later: the time zone decides.
    const utc = await listAuditEvents(
      { ...context, timeZone: "UTC" },
      { ...noAuditFilters, from: "2026-03-10", to: "2026-03-10" },
      null,
      200,
    );
    expect(idsOf(utc.events)).toEqual([ids.nextDay, ids.lastOfDay]);
  });

  it("counts a day with a daylight-saving change by the calendar, not as 24 hours", async () => {
    // New York springs forward on 2026-03-08: that day runs from 05:00Z to 04:00Z the next morning.
    const day = await listAuditEvents(
      { ...context, timeZone: "America/New_York" },
      { ...noAuditFilters, from: "2026-03-08", to: "2026-03-08" },
      null,
      200,
    );
    expect(idsOf(day.events)).toEqual([ids.dstLast, ids.dstFirst]);
  });

  it("pages by keyset: every event exactly once, in order, and back again", async () => {
    const { rows } = await admin.query<{ id: string }>(
      `select id from audit_events where agency_id = $1 order by at desc, id desc`,
      [a.agencyId],
    );
    const all = rows.map((row) => row.id);
    const pages = await walkOlder(noAuditFilters, 7);
    expect(pages.length).toBe(Math.ceil(all.length / 7));
    expect(pages.every((page) => page.length > 0 && page.length <= 7)).toBe(true);
    expect(pages.flatMap(idsOf)).toEqual(all);

    // From the oldest page, "newer" links lead back through the same pages.
    const back: string[][] = [];
    let result = await listAuditEvents(context, noAuditFilters, null, 7);
    let page: AuditPageRequest | null = null;
    while (result.older) {
      page = result.older;
      result = await listAuditEvents(context, noAuditFilters, page, 7);
    }
    expect(result.older).toBeNull();
    back.push(idsOf(result.events));
    while (result.newer) {
      result = await listAuditEvents(context, noAuditFilters, result.newer, 7);
      back.push(idsOf(result.events));
    }
    expect(back.reverse().flat()).toEqual(all);
  });

  it("pages a filtered view the same way, microsecond neighbours included", async () => {
    const filters: AuditFilters = { ...noAuditFilters, action: "note.create", actor: a.userId };
    const pages = await walkOlder(filters, 3);
    expect(pages.flatMap(idsOf)).toEqual(expectedIds((row) => row.action === "note.create" && row.actor === a.userId));
    const micro = expectedA.filter((row) => row.at.startsWith("2026-03-05T12:00:00.000")).map((row) => row.at);
    expect(micro).toEqual(["2026-03-05T12:00:00.000200Z", "2026-03-05T12:00:00.000100Z"]);
    // A page edge between the two: the second still comes next.
    const edge = expectedA.find((row) => row.at === "2026-03-05T12:00:00.000200Z")!;
    const next = await listAuditEvents(context, filters, { direction: "older", cursor: encodeAuditCursor(edge) }, 1);
    expect(next.events.map((event) => event.id)).toEqual([expectedA.find((row) => row.at === micro[1])!.id]);
  });

  it("rejects a tampered cursor cleanly", async () => {
    const good = encodeAuditCursor({ at: expectedA[3]!.at, id: expectedA[3]!.id });
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    for (const cursor of [
      `x${good}`,
      `${good}==`,
      "not a cursor",
      forged(["x", "y"]),
      forged([expectedA[3]!.at, expectedA[3]!.id, "extra"]),
      forged([expectedA[3]!.at, "'; drop table audit_events; --"]),
      "",
    ]) {
      const attempt = listAuditEvents(context, noAuditFilters, { direction: "older", cursor });
      await expect(attempt).rejects.toBeInstanceOf(AppError);
      await expect(attempt).rejects.toMatchObject({ code: "BAD_REQUEST", status: 400 });
    }
  });

  it("gives an empty page past the oldest event, with a way back", async () => {
    const oldest = expectedA.at(-1)!;
    const past = await listAuditEvents(context, noAuditFilters, { direction: "older", cursor: encodeAuditCursor(oldest) });
    expect(past).toEqual({ events: [], older: null, newer: null });
  });
});

describe("listAuditActors", () => {
  it("lists the agency's members by name, and no one else", async () => {
    const actors = await listAuditActors(context);
    expect(actors.map((actor) => actor.id)).toEqual([ownerId, a.clientAdminUserId, a.userId]);
    expect(actors[0]).toEqual({
      id: ownerId,
      name: "Aaron Owner",
      email: `owner-${ownerId}@example.com`,
      role: "owner",
      active: true,
    });
    expect(actors.map((actor) => actor.id)).not.toContain(b.userId);
  });
});
