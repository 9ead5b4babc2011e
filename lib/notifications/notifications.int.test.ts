/**
 * Notifications (issue 9) against the real database, through the app's own role: each
 * member reads and marks their own only (the own_notifications_* policies and the
 * service's filters say so both); another member's or another agency's notification is
 * NOT_FOUND; newest first in keyset pages of 20; the unread count (capped at 100); "mark
 * all read" touches only the caller's unread ones up to its instant. Then the same
 * through /api/v1/notifications with a member's token.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postRead } from "@/app/api/v1/notifications/[id]/read/route";
import { POST as postReadAll } from "@/app/api/v1/notifications/read-all/route";
import { GET as getNotifications } from "@/app/api/v1/notifications/route";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { createApiToken } from "@/lib/api/tokens";
import type { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Role } from "@/lib/rbac/roles";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { NOTIFICATIONS_PAGE_SIZE } from "./schemas";
import {
  countUnreadNotifications,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  notificationBell,
  type NotificationsActor,
} from "./service";

const start = new Date("2026-05-04T02:00:00Z");
const BASE = "http://weidesk.test/api/v1";
const MINUTE = 60_000;

let admin: pg.Client;
type Agency = { id: string; slug: string; companyId: string; users: Record<Role, { id: string; email: string }> };
let home: Agency;
let away: Agency;

const unique = () => newId().slice(-12);

async function makeAgency(label: string): Promise<Agency> {
  const id = newId();
  const slug = `notes-${label}-${unique()}`;
  const companyId = newId();
  await admin.query(`insert into agencies (id, slug, name, created_at) values ($1, $2, $3, $4)`, [id, slug, `Agency ${label}`, start]);
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, country, created_at, updated_at)
     values ($1, $2, 'overseas', 'overseas_company', $3, 'SG', $4, $4)`,
    [companyId, id, `测试公司${unique()}`, start],
  );
  const users = {} as Agency["users"];
  for (const role of ["owner", "admin", "staff", "manager", "client_admin"] as const) {
    const user = { id: newId(), email: `${role}-${slug}@example.com` };
    await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, $3, $4, $4)`, [
      user.id, user.email, `${role} ${label}`, start,
    ]);
    await admin.query(
      `insert into memberships (id, agency_id, user_id, role, client_company_id, created_at) values ($1, $2, $3, $4, $5, $6)`,
      [newId(), id, user.id, role, role === "client_admin" ? companyId : null, start],
    );
    users[role] = user;
  }
  return { id, slug, companyId, users };
}

/** Inserts a notification as the owner would (the worker writes them); answers its id. */
async function notify(agency: Agency, userId: string, at: Date, options: { read?: boolean; kind?: string; data?: object } = {}) {
  const id = newId();
  await admin.query(
    `insert into notifications (id, agency_id, user_id, kind, data, created_at, read_at) values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      id,
      agency.id,
      userId,
      options.kind ?? "document_request_due",
      JSON.stringify(options.data ?? { company: "测试公司", href: `/${agency.slug}/clients` }),
      at,
      options.read ? at : null,
    ],
  );
  return id;
}

const actorOf = (agency: Agency, role: Exclude<Role, "client_admin">) => findMemberActor(agency.slug, agency.users[role].email);

/** The client administrator as the portal's context has them (the API is for staff only). */
async function clientAdminOf(agency: Agency): Promise<NotificationsActor> {
  const staff = await actorOf(agency, "staff");
  return { agency: staff.agency, user: { id: agency.users.client_admin.id }, clientCompany: { id: agency.companyId, legalNameZh: null, nameEn: null } };
}

function refusal(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => error as AppError,
  );
}

async function readAtOf(id: string): Promise<Date | null> {
  const { rows } = await admin.query<{ read_at: Date | null }>(`select read_at from notifications where id = $1`, [id]);
  return rows[0]!.read_at;
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  home = await makeAgency("home");
  away = await makeAgency("away");
});

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("reading", () => {
  let staff: ApiActor;
  let ownIds: string[];
  let colleagueId: string;
  let elsewhereId: string;

  beforeAll(async () => {
    staff = await actorOf(home, "staff");
    ownIds = [];
    // 25 of the staff member's, one minute apart; two at the very same instant (the id breaks the tie).
    for (let i = 0; i < 25; i += 1) {
      ownIds.push(await notify(home, home.users.staff.id, new Date(start.getTime() + (i === 24 ? 23 : i) * MINUTE), { read: i < 10 }));
    }
    colleagueId = await notify(home, home.users.admin.id, new Date(start.getTime() + 60 * MINUTE));
    // The same user's id, but in another agency: not theirs here.
    elsewhereId = await notify(away, home.users.staff.id, new Date(start.getTime() + 61 * MINUTE));
  });

  it("lists the member's own, newest first, in keyset pages of 20 that neither skip nor repeat", async () => {
    const first = await listNotifications(staff);
    expect(first.items).toHaveLength(NOTIFICATIONS_PAGE_SIZE);
    expect(first.next).not.toBeNull();
    const second = await listNotifications(staff, { cursor: first.next! });
    expect(second.items).toHaveLength(5);
    expect(second.next).toBeNull();
    const seen = [...first.items, ...second.items];
    expect(new Set(seen.map((item) => item.id))).toEqual(new Set(ownIds));
    const order = seen.map((item) => [item.createdAt, item.id] as const);
    const sorted = [...order].sort((a, b) => (a[0] === b[0] ? b[1].localeCompare(a[1]) : b[0].localeCompare(a[0])));
    expect(order).toEqual(sorted);
    expect(seen.map((item) => item.id)).not.toContain(colleagueId);
    expect(seen.map((item) => item.id)).not.toContain(elsewhereId);
    expect(first.items[0]).toMatchObject({ kind: "document_request_due", data: { company: "测试公司" }, readAt: null });
  });

  it("keeps the unread ones with `unread`, and counts them", async () => {
    const unread = await listNotifications(staff, { unread: true });
    expect(unread.items).toHaveLength(15);
    expect(unread.items.every((item) => item.readAt === null)).toBe(true);
    expect(await countUnreadNotifications(staff)).toBe(15);
    const bell = await notificationBell(staff, 8);
    expect(bell.unread).toBe(15);
    expect(bell.latest.map((item) => item.id)).toEqual((await listNotifications(staff)).items.slice(0, 8).map((item) => item.id));
  });

  it("refuses a cursor it did not write", async () => {
    expect(await refusal(listNotifications(staff, { cursor: "bm90LWEtY3Vyc29y" }))).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("shows another member nothing of the staff member's, and the other agency's member nothing of this agency", async () => {
    const colleague = await actorOf(home, "admin");
    expect((await listNotifications(colleague)).items.map((item) => item.id)).toEqual([colleagueId]);
    expect((await listNotifications(await actorOf(away, "staff"))).items).toEqual([]);
  });

  it("counts up to 100, however many are unread", async () => {
    const manager = await actorOf(home, "manager");
    await admin.query(
      `insert into notifications (id, agency_id, user_id, kind, data, created_at)
       select gen_random_uuid(), $1, $2, 'weekly_digest', '{}', $3::timestamptz + g * interval '1 second' from generate_series(1, 120) g`,
      [home.id, home.users.manager.id, start],
    );
    expect(await countUnreadNotifications(manager)).toBe(100);
  });
});

describe("marking read", () => {
  it("marks the member's own read once (a second time keeps the first read time); a manager may too", async () => {
    for (const role of ["owner", "manager"] as const) {
      const actor = await actorOf(home, role);
      const id = await notify(home, home.users[role].id, new Date(start.getTime() + 90 * MINUTE));
      const marked = await markNotificationRead(actor, id);
      expect(marked.readAt).not.toBeNull();
      const first = await readAtOf(id);
      await markNotificationRead(actor, id);
      expect(await readAtOf(id)).toEqual(first);
    }
  });

  it("answers NOT_FOUND for another member's, another agency's, or no notification, and changes nothing", async () => {
    const staff = await actorOf(home, "staff");
    const colleagues = await notify(home, home.users.admin.id, new Date(start.getTime() + 91 * MINUTE));
    const sameUserElsewhere = await notify(away, home.users.staff.id, new Date(start.getTime() + 92 * MINUTE));
    const awayStaffs = await notify(away, away.users.staff.id, new Date(start.getTime() + 93 * MINUTE));
    for (const id of [colleagues, sameUserElsewhere, awayStaffs, newId(), "not-an-id"]) {
      expect(await refusal(markNotificationRead(staff, id)), id).toMatchObject({ code: "NOT_FOUND" });
    }
    for (const id of [colleagues, sameUserElsewhere, awayStaffs]) expect(await readAtOf(id)).toBeNull();
  });

  it("marks all the member's unread ones up to its instant, and nobody else's", async () => {
    const actor = await clientAdminOf(home);
    const before = await notify(home, home.users.client_admin.id, new Date(start.getTime() + 100 * MINUTE));
    const alsoBefore = await notify(home, home.users.client_admin.id, new Date(start.getTime() + 101 * MINUTE));
    const after = await notify(home, home.users.client_admin.id, new Date(start.getTime() + 200 * MINUTE));
    const colleagues = await notify(home, home.users.owner.id, new Date(start.getTime() + 100 * MINUTE));
    const awayAdmins = await notify(away, away.users.client_admin.id, new Date(start.getTime() + 100 * MINUTE));
    expect(await countUnreadNotifications(actor)).toBe(3);

    expect(await markAllNotificationsRead(actor, new Date(start.getTime() + 150 * MINUTE))).toEqual({ marked: 2 });
    expect(await readAtOf(before)).not.toBeNull();
    expect(await readAtOf(alsoBefore)).not.toBeNull();
    expect(await readAtOf(after)).toBeNull();
    expect(await readAtOf(colleagues)).toBeNull();
    expect(await readAtOf(awayAdmins)).toBeNull();
    expect(await countUnreadNotifications(actor)).toBe(1);
    expect(await markAllNotificationsRead(actor)).toEqual({ marked: 1 });
    expect(await countUnreadNotifications(actor)).toBe(0);
  });
});

describe("the JSON API", () => {
  let token: string;
  let awayToken: string;

  beforeAll(async () => {
    token = (await createApiToken(await actorOf(home, "admin"), { name: "inbox script", expiresInDays: 30 })).token;
    awayToken = (await createApiToken(await actorOf(away, "admin"), { name: "inbox script", expiresInDays: 30 })).token;
  });

  const call = (path: string, init: RequestInit & { json?: unknown } = {}, bearer = token) => {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${bearer}`);
    if (init.json !== undefined) headers.set("content-type", "application/json");
    return new Request(`${BASE}${path}`, { ...init, headers, body: init.json === undefined ? init.body : JSON.stringify(init.json) });
  };

  it("lists the token's member's own, with the unread count, a cursor and ?unread=1", async () => {
    await admin.query(`update notifications set read_at = now() where user_id = $1`, [home.users.admin.id]);
    const ids: string[] = [];
    for (let i = 0; i < 22; i += 1) ids.push(await notify(home, home.users.admin.id, new Date(start.getTime() + (300 + i) * MINUTE), { read: i % 2 === 0 }));

    const first = await getNotifications(call("/notifications"));
    expect(first.status).toBe(200);
    const body = (await first.json()) as { data: { id: string; readAt: string | null }[]; unread: number; next: string | null };
    expect(body.data).toHaveLength(20);
    expect(body.data[0]!.id).toBe(ids[21]);
    expect(body.unread).toBe(11);
    const second = (await (await getNotifications(call(`/notifications?cursor=${body.next}`))).json()) as typeof body;
    expect(second.data.length).toBeGreaterThan(0);
    expect(second.data.map((item) => item.id)).not.toContain(body.data[0]!.id);

    const unread = (await (await getNotifications(call("/notifications?unread=1"))).json()) as typeof body;
    expect(unread.data).toHaveLength(11);
    expect(unread.data.every((item) => item.readAt === null)).toBe(true);

    const bad = await getNotifications(call("/notifications?cursor=nonsense"));
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
  });

  it("marks one read; another member's or another agency's is 404", async () => {
    const own = await notify(home, home.users.admin.id, new Date(start.getTime() + 400 * MINUTE));
    const response = await postRead(call(`/notifications/${own}/read`, { method: "POST" }), { params: Promise.resolve({ id: own }) });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { readAt: string | null }).readAt).not.toBeNull();

    const colleagues = await notify(home, home.users.owner.id, new Date(start.getTime() + 401 * MINUTE));
    for (const [id, bearer] of [[colleagues, token], [own, awayToken]] as const) {
      const refused = await postRead(call(`/notifications/${id}/read`, { method: "POST" }, bearer), { params: Promise.resolve({ id }) });
      expect(refused.status).toBe(404);
      expect(refused.headers.get("content-type")).toContain("application/problem+json");
    }
    expect(await readAtOf(colleagues)).toBeNull();
  });

  it("marks all read, with no body or with `upTo`, only the token's member's", async () => {
    const colleagues = await notify(home, home.users.owner.id, new Date(start.getTime() + 500 * MINUTE));
    await notify(home, home.users.admin.id, new Date(start.getTime() + 500 * MINUTE));
    const later = await notify(home, home.users.admin.id, new Date(start.getTime() + 900 * MINUTE));
    const upTo = new Date(start.getTime() + 600 * MINUTE).toISOString();
    const first = await postReadAll(call("/notifications/read-all", { method: "POST", json: { upTo } }));
    expect(first.status).toBe(200);
    expect(((await first.json()) as { marked: number }).marked).toBeGreaterThan(0);
    expect(await readAtOf(later)).toBeNull();
    const rest = await postReadAll(call("/notifications/read-all", { method: "POST" }));
    expect(await rest.json()).toEqual({ marked: 1 });
    expect(await readAtOf(colleagues)).toBeNull();
    const invalid = await postReadAll(call("/notifications/read-all", { method: "POST", json: { upTo: "yesterday" } }));
    expect(invalid.status).toBe(422);
  });

  it("refuses a request without a token", async () => {
    expect((await getNotifications(new Request(`${BASE}/notifications`))).status).toBe(401);
  });
});
