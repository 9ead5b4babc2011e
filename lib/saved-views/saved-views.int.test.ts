/**
 * Saved views (issue 6 §4) against the real database, through the app's own role: each
 * member keeps their own, managers included; nobody else of the agency, and no other
 * agency, sees or changes them (the database's own_saved_views policy and the service
 * say so both); one default per list; names unique per list for their user, ignoring
 * case. Then the same through /api/v1/saved-views with a member's token.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteView, PATCH as patchView } from "@/app/api/v1/saved-views/[id]/route";
import { GET as getViews, POST as postView } from "@/app/api/v1/saved-views/route";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { createApiToken } from "@/lib/api/tokens";
import type { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Role } from "@/lib/rbac/roles";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { SAVED_VIEW_MESSAGES } from "./schemas";
import { createSavedView, deleteSavedView, getSavedView, listSavedViews, updateSavedView, USER_REQUIRED_MESSAGE } from "./service";

const start = new Date("2026-05-04T02:00:00Z");
const BASE = "http://weidesk.test/api/v1";

let admin: pg.Client;
type Agency = { id: string; slug: string; users: Record<Role, { id: string; email: string }> };
let home: Agency;
let away: Agency;

const unique = () => newId().slice(-12);

async function makeAgency(label: string): Promise<Agency> {
  const id = newId();
  const slug = `views-${label}-${unique()}`;
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
  return { id, slug, users };
}

const actorOf = (agency: Agency, role: Exclude<Role, "client_admin">) => findMemberActor(agency.slug, agency.users[role].email);

function refusal(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => error as AppError,
  );
}

async function rowsOf(userId: string) {
  const { rows } = await admin.query<{ name: string; query: string; is_default: boolean }>(
    `select name, query, is_default from saved_views where user_id = $1 order by name`,
    [userId],
  );
  return rows;
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

describe("the service", () => {
  it("saves a member's view with its query as the list reads it, and lists their own by name", async () => {
    const staff = await actorOf(home, "staff");
    const saved = await createSavedView(staff, {
      list: "clients",
      name: "  Overseas, newest  ",
      query: "?kind=overseas&sort=updated&dir=desc&after=eyJ4IjoxfQ&junk=1",
    });
    expect(saved).toMatchObject({ list: "clients", name: "Overseas, newest", query: "kind=overseas&sort=updated&dir=desc", isDefault: false });
    await createSavedView(staff, { list: "clients", name: "archived", query: "archived=archived" });
    await createSavedView(staff, { list: "people", name: "Free slots", query: "slots=free" });
    expect((await listSavedViews(staff, "clients")).map((view) => view.name)).toEqual(["archived", "Overseas, newest"]);
    expect((await listSavedViews(staff, "people")).map((view) => view.name)).toEqual(["Free slots"]);
    expect(await getSavedView(staff, saved.id)).toEqual(saved);
  });

  it("refuses a name the member already uses for the list, whatever its case; others may use it", async () => {
    const staff = await actorOf(home, "staff");
    const taken = await refusal(createSavedView(staff, { list: "clients", name: "OVERSEAS, NEWEST" }));
    expect(taken).toMatchObject({ code: "VALIDATION", details: { fields: { name: SAVED_VIEW_MESSAGES.nameTaken } } });
    // Another list, another member, another agency: free.
    await createSavedView(staff, { list: "accounts", name: "Overseas, newest" });
    await createSavedView(await actorOf(home, "admin"), { list: "clients", name: "Overseas, newest" });
    await createSavedView(await actorOf(away, "staff"), { list: "clients", name: "Overseas, newest" });
    const empty = await refusal(createSavedView(staff, { list: "clients", name: " \t " }));
    expect(empty.details.fields).toEqual({ name: SAVED_VIEW_MESSAGES.nameRequired });
  });

  it("keeps one default per list: a new default takes over from the old in the same transaction", async () => {
    const owner = await actorOf(home, "owner");
    const first = await createSavedView(owner, { list: "clients", name: "Mine", query: `assignee=${owner.user.id}`, isDefault: true });
    const second = await createSavedView(owner, { list: "clients", name: "Overseas", query: "kind=overseas", isDefault: true });
    const other = await createSavedView(owner, { list: "people", name: "People default", isDefault: true });
    expect((await listSavedViews(owner, "clients")).map((view) => [view.name, view.isDefault])).toEqual([
      ["Mine", false],
      ["Overseas", true],
    ]);
    await updateSavedView(owner, first.id, { isDefault: true });
    expect((await listSavedViews(owner, "clients")).map((view) => [view.name, view.isDefault])).toEqual([
      ["Mine", true],
      ["Overseas", false],
    ]);
    expect((await getSavedView(owner, other.id)).isDefault).toBe(true);

    // Two "make default" clicks at once: one default afterwards, whichever won.
    const outcomes = await Promise.allSettled([
      updateSavedView(owner, second.id, { isDefault: true }),
      updateSavedView(owner, first.id, { isDefault: true }),
    ]);
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") expect((outcome.reason as AppError).code).toBe("CONFLICT");
    }
    expect((await listSavedViews(owner, "clients")).filter((view) => view.isDefault)).toHaveLength(1);

    await updateSavedView(owner, first.id, { isDefault: false });
    await updateSavedView(owner, second.id, { isDefault: false });
    expect((await listSavedViews(owner, "clients")).filter((view) => view.isDefault)).toEqual([]);
  });

  it("renames, replaces the query (canonical again) and deletes the member's own views", async () => {
    const staff = await actorOf(home, "staff");
    const view = await createSavedView(staff, { list: "clients", name: "Temp", query: "kind=cn_org" });
    const renamed = await updateSavedView(staff, view.id, { name: " Chinese orgs ", query: "kind=cn_org&limit=20&after=x" });
    expect(renamed).toMatchObject({ name: "Chinese orgs", query: "kind=cn_org&limit=20" });
    const taken = await refusal(updateSavedView(staff, view.id, { name: "archived" }));
    expect(taken.details.fields).toEqual({ name: SAVED_VIEW_MESSAGES.nameTaken });
    const nothing = await refusal(updateSavedView(staff, view.id, {}));
    expect(nothing.details.fields).toEqual({ form: SAVED_VIEW_MESSAGES.nothingToChange });
    expect(await deleteSavedView(staff, view.id)).toMatchObject({ id: view.id, name: "Chinese orgs" });
    expect((await refusal(getSavedView(staff, view.id))).code).toBe("NOT_FOUND");
  });

  it("answers NOT_FOUND for a colleague's view and another agency's, and changes neither", async () => {
    const staff = await actorOf(home, "staff");
    const view = await createSavedView(staff, { list: "clients", name: "Private", query: "kind=overseas", isDefault: true });
    for (const intruder of [await actorOf(home, "owner"), await actorOf(home, "manager"), await actorOf(away, "owner")]) {
      expect((await refusal(getSavedView(intruder, view.id))).code).toBe("NOT_FOUND");
      expect((await refusal(updateSavedView(intruder, view.id, { name: "Hijacked", isDefault: false }))).code).toBe("NOT_FOUND");
      expect((await refusal(deleteSavedView(intruder, view.id))).code).toBe("NOT_FOUND");
      expect((await listSavedViews(intruder, "clients")).map((v) => v.id)).not.toContain(view.id);
    }
    expect((await refusal(getSavedView(staff, "not-a-uuid"))).code).toBe("NOT_FOUND");
    expect(await getSavedView(staff, view.id)).toMatchObject({ name: "Private", isDefault: true });
  });

  it("lets a manager keep views (their own things, not business data), and no client administrator", async () => {
    const manager = await actorOf(home, "manager");
    const view = await createSavedView(manager, { list: "accounts", name: "Expiring", query: "verification=expiring", isDefault: true });
    await updateSavedView(manager, view.id, { name: "Expiring soon" });
    expect(await rowsOf(home.users.manager.id)).toEqual([{ name: "Expiring soon", query: "verification=expiring", is_default: true }]);
    await deleteSavedView(manager, view.id);

    const clientAdmin = { ...manager, role: "client_admin" as const, user: { ...manager.user, id: home.users.client_admin.id } };
    expect((await refusal(listSavedViews(clientAdmin, "clients"))).code).toBe("FORBIDDEN");
    expect((await refusal(createSavedView(clientAdmin, { list: "clients", name: "x" }))).code).toBe("FORBIDDEN");
    // A caller acting for the agency with no user of its own has no views.
    const agencyItself = { ...manager, user: null };
    expect(await refusal(listSavedViews(agencyItself, "clients"))).toMatchObject({
      code: "FORBIDDEN",
      details: { messageKey: USER_REQUIRED_MESSAGE },
    });
  });
});

describe("the purge of a deleted agency", () => {
  it("removes its members' saved views with the rest", async () => {
    const doomed = await makeAgency("doomed");
    await createSavedView(await actorOf(doomed, "staff"), { list: "clients", name: "Gone soon", isDefault: true });
    await admin.query(`update agencies set deleted_at = $2 where id = $1`, [doomed.id, start]);
    const { rows } = await admin.query(`select weidesk_purge_agency($1, $2) as purged`, [doomed.id, new Date(start.getTime() + 31 * 24 * 3600_000)]);
    expect(rows[0].purged).toBe(true);
    expect((await admin.query(`select 1 from saved_views where agency_id = $1`, [doomed.id])).rowCount).toBe(0);
  });
});

describe("/api/v1/saved-views", () => {
  let token: string;
  let staff: ApiActor;

  beforeAll(async () => {
    staff = await actorOf(home, "staff");
    token = (await createApiToken(staff, { name: "views script", expiresInDays: 30 })).token;
  });

  function call(path: string, init: RequestInit & { json?: unknown } = {}): Request {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${token}`);
    if (init.json !== undefined) headers.set("content-type", "application/json");
    return new Request(`${BASE}${path}`, { ...init, headers, body: init.json === undefined ? init.body : JSON.stringify(init.json) });
  }
  const params = (id: string) => ({ params: Promise.resolve({ id }) });
  async function read(response: Response) {
    const text = await response.text();
    return { status: response.status, type: response.headers.get("content-type"), location: response.headers.get("location"), body: text ? JSON.parse(text) : null };
  }

  it("lists, saves, changes and deletes the token's member's own views", async () => {
    const created = await read(
      await postView(call("/saved-views", { method: "POST", json: { list: "clients", name: "From the API", query: "kind=overseas&after=x", isDefault: true } })),
    );
    expect(created).toMatchObject({ status: 201, body: { name: "From the API", query: "kind=overseas", isDefault: true } });
    expect(created.location).toBe(`/api/v1/saved-views/${created.body.id}`);

    const listed = await read(await getViews(call("/saved-views?list=clients")));
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((view: { name: string }) => view.name)).toEqual(expect.arrayContaining(["From the API", "archived"]));
    expect(listed.body.data.every((view: { list: string }) => view.list === "clients")).toBe(true);

    const patched = await read(await patchView(call(`/saved-views/${created.body.id}`, { method: "PATCH", json: { name: "Renamed", isDefault: false } }), params(created.body.id)));
    expect(patched).toMatchObject({ status: 200, body: { name: "Renamed", isDefault: false } });

    const deleted = await deleteView(call(`/saved-views/${created.body.id}`, { method: "DELETE" }), params(created.body.id));
    expect(deleted.status).toBe(204);
    expect((await read(await deleteView(call(`/saved-views/${created.body.id}`, { method: "DELETE" }), params(created.body.id)))).status).toBe(404);
  });

  it("refuses with problem details: field messages, an unknown list, another member's view", async () => {
    const taken = await read(await postView(call("/saved-views", { method: "POST", json: { list: "clients", name: "archived" } })));
    expect(taken).toMatchObject({
      status: 422,
      type: "application/problem+json",
      body: { code: "VALIDATION", fields: { name: { key: SAVED_VIEW_MESSAGES.nameTaken, message: "You already have a view with this name." } } },
    });
    const noList = await read(await getViews(call("/saved-views?list=registrations")));
    expect(noList).toMatchObject({ status: 422, body: { fields: { list: { key: SAVED_VIEW_MESSAGES.list } } } });

    const colleagues = await createSavedView(await actorOf(home, "admin"), { list: "clients", name: "Admin's" });
    for (const response of [
      await patchView(call(`/saved-views/${colleagues.id}`, { method: "PATCH", json: { name: "Mine now" } }), params(colleagues.id)),
      await deleteView(call(`/saved-views/${colleagues.id}`, { method: "DELETE" }), params(colleagues.id)),
      await deleteView(call(`/saved-views/nope`, { method: "DELETE" }), params("nope")),
    ]) {
      expect(await read(response)).toMatchObject({ status: 404, type: "application/problem+json", body: { code: "NOT_FOUND" } });
    }
    expect((await rowsOf(home.users.admin.id)).map((row) => row.name)).toContain("Admin's");

    const unauthenticated = await getViews(new Request(`${BASE}/saved-views?list=clients`));
    expect(unauthenticated.status).toBe(401);
  });
});
