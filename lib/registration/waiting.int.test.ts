/**
 * Issue 7 §4 against the real database: a card's waiting flag keeps the date it started
 * (set, changed, cleared; a stale version changes nothing), the database keeps the flag
 * and its date together, and the bulk actions are all or nothing — one stale card or one
 * refused move and nothing is written, with a failure naming the card and why; a card of
 * another agency, or one a restricted staff member may not see, is NOT_FOUND for the
 * whole action; a manager may not; the assignee must be an active staff member. Then the
 * two JSON routes.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as postBulk } from "@/app/api/v1/registrations/bulk/route";
import { POST as postWaiting } from "@/app/api/v1/registrations/[id]/waiting/route";
import type { ApiActor } from "@/lib/api/auth";
import { createApiToken } from "@/lib/api/tokens";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { resetAppState } from "@/lib/testing/app-state";
import { idParams, makeRestrictedAgency, postJson, refusal } from "@/lib/testing/registration-fixtures";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import type { Stage } from "./pipelines";
import { getRegistration } from "./queries";
import { bulkAssign, bulkMove, bulkSetWaiting, setWaiting } from "./waiting";

process.env.TEST_CLOCK = "1";

const BASE = "http://weidesk.test/api/v1";
/** A Monday, 10:00 in Shanghai. */
const start = new Date("2026-05-04T02:00:00Z");
const later = new Date(start.getTime() + 3 * 86_400_000);
const unique = () => newId().slice(-12);

let admin: pg.Client;
let agencyId: string;
let companyId: string;
let staff: ApiActor;
let colleague: ApiActor;
let manager: ApiActor;
let restricted: ApiActor;
let outsider: ApiActor;
let outsiderCard: string;

/** An agency whose staff see only their assigned clients (ADR 0010), with one client assigned to the first member. */
const makeAgency = (roles: ("staff" | "admin" | "manager")[]) =>
  makeRestrictedAgency(admin, { slugPrefix: "wt", name: "Waiting agency", companyName: "等待测试有限公司", uscc: "91110000600037341L", roles, at: start });

/** A card straight in the database (an Official Account without an operator), in `stage`. */
async function insertCard(agency: string, company: string, stage: Stage, waiting = "none") {
  const id = newId();
  await admin.query(
    `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, stage_entered_at, waiting, created_at, updated_at)
     values ($1, $2, $3, 'official_account', 'oa_cn_org', $4, $5, $6, $5, $5)`,
    [id, agency, company, stage, start, waiting],
  );
  await admin.query(
    `insert into official_accounts (id, agency_id, client_company_id, registration_id, subject_kind, account_type, name, created_at, updated_at)
     values ($1, $2, $3, $4, 'cn_org', 'service', $5, $6, $6)`,
    [newId(), agency, company, id, `号 ${unique()}`, start],
  );
  return id;
}

async function row(id: string) {
  const { rows } = await admin.query<{ stage: string; waiting: string; waiting_since: Date | null; version: number; assignee_user_id: string | null }>(
    `select stage, waiting, waiting_since, version, assignee_user_id from registrations where id = $1`,
    [id],
  );
  return rows[0]!;
}

/** What a bulk action may write about `ids`: the cards, their events and their audit events. */
async function written(ids: string[]) {
  const cards = await Promise.all(ids.map(row));
  const { rows: events } = await admin.query(`select count(*)::int as n from registration_events where registration_id = any($1::uuid[])`, [ids]);
  const { rows: audits } = await admin.query(`select count(*)::int as n from audit_events where target_id = any($1::uuid[])`, [ids]);
  return { cards, events: events[0].n as number, audits: audits[0].n as number };
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  const own = await makeAgency(["staff", "admin", "manager", "staff"]);
  agencyId = own.id;
  companyId = own.company;
  [staff, colleague, manager, restricted] = own.actors as [ApiActor, ApiActor, ApiActor, ApiActor];
  const other = await makeAgency(["staff"]);
  outsider = other.actors[0]!;
  outsiderCard = await insertCard(other.id, other.company, "intake");
});

beforeEach(() => clock.set(start));
afterEach(() => clock.reset());

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("the waiting flag", () => {
  it("keeps the date it was set, restarts it on a change of kind, clears it with none", async () => {
    const id = await insertCard(agencyId, companyId, "documents");
    const set = await setWaiting(staff, id, { waiting: "client", version: 1 });
    expect(set).toMatchObject({ waiting: "client", waitingSince: start.toISOString(), version: 2 });

    // The same flag again: nothing changes, not even the version.
    clock.set(later);
    expect(await setWaiting(staff, id, { waiting: "client", version: 2 })).toMatchObject({ waitingSince: start.toISOString(), version: 2 });

    const changed = await setWaiting(staff, id, { waiting: "wechat", version: 2 });
    expect(changed).toMatchObject({ waiting: "wechat", waitingSince: later.toISOString(), version: 3 });

    const cleared = await setWaiting(colleague, id, { waiting: "none", version: 3 });
    expect(cleared).toMatchObject({ waiting: "none", waitingSince: null, version: 4 });

    const { rows } = await admin.query(`select data, actor_user_id from audit_events where action = 'registration.waiting' and target_id = $1 order by at, id`, [id]);
    expect(rows).toEqual([
      { data: { from: "none", to: "client" }, actor_user_id: staff.user.id },
      { data: { from: "client", to: "wechat" }, actor_user_id: staff.user.id },
      { data: { from: "wechat", to: "none" }, actor_user_id: colleague.user.id },
    ]);
  });

  it("refuses a stale version with the card as it stands, and changes nothing", async () => {
    const id = await insertCard(agencyId, companyId, "documents");
    await setWaiting(staff, id, { waiting: "client", version: 1 });
    const before = await row(id);
    const error = await refusal(setWaiting(colleague, id, { waiting: "wechat", version: 1 }));
    expect(error.code).toBe("STALE_VERSION");
    expect(error.details.current).toMatchObject({ id, waiting: "client", version: 2 });
    expect(await row(id)).toEqual(before);
  });

  it("is NOT_FOUND for another agency's card or a hidden one, FORBIDDEN for a manager, VALIDATION for a bad flag", async () => {
    const id = await insertCard(agencyId, companyId, "documents");
    expect((await refusal(setWaiting(outsider, id, { waiting: "client", version: 1 }))).code).toBe("NOT_FOUND");
    expect((await refusal(setWaiting(restricted, id, { waiting: "client", version: 1 }))).code).toBe("NOT_FOUND");
    expect((await refusal(setWaiting(manager, id, { waiting: "client", version: 1 }))).code).toBe("FORBIDDEN");
    expect((await refusal(setWaiting(staff, id, { waiting: "soon", version: 1 }))).details.fields).toHaveProperty("waiting");
    expect(await row(id)).toMatchObject({ waiting: "none", waiting_since: null, version: 1 });
  });

  it("is kept with its date by the database: a waiting card always has one, a card not waiting never", async () => {
    // A writer that sets only the flag (the seed, a script) gets the stage's entry on insert, now on a change.
    const id = await insertCard(agencyId, companyId, "documents", "wechat");
    expect((await row(id)).waiting_since).toEqual(start);
    await admin.query(`update registrations set waiting = 'none' where id = $1`, [id]);
    expect((await row(id)).waiting_since).toBeNull();
    // A date without a flag does not stick; and the CHECK holds the two together behind the trigger.
    await admin.query(`update registrations set waiting_since = now() where id = $1`, [id]);
    expect((await row(id)).waiting_since).toBeNull();
    const { rows } = await admin.query(`select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'registrations_waiting_since'`);
    expect(rows[0].def).toMatch(/waiting = 'none'.*waiting_since IS NULL/);
  });
});

describe("bulk actions", () => {
  it("flags every selected card, or none when one is stale (naming it)", async () => {
    const a = await insertCard(agencyId, companyId, "documents");
    const b = await insertCard(agencyId, companyId, "intake");
    await admin.query(`update registrations set version = 2 where id = $1`, [b]);
    const before = await written([a, b]);

    const error = await refusal(bulkSetWaiting(staff, { waiting: "client", cards: [{ id: a, version: 1 }, { id: b, version: 1 }] }));
    expect(error.code).toBe("CONFLICT");
    expect(error.details.failures).toEqual([{ id: b, code: "STALE_VERSION", messageKey: "registrationBulk.errors.stale", currentVersion: 2 }]);
    expect(await written([a, b])).toEqual(before);

    const cards = await bulkSetWaiting(staff, { waiting: "client", cards: [{ id: a, version: 1 }, { id: b, version: 2 }] });
    expect(cards.map((card) => [card.id, card.waiting, card.waitingSince, card.version])).toEqual([
      [a, "client", start.toISOString(), 2],
      [b, "client", start.toISOString(), 3],
    ]);
  });

  it("moves every selected card through the move's rules, or none when one is refused (with its reason)", async () => {
    const a = await insertCard(agencyId, companyId, "intake");
    const b = await insertCard(agencyId, companyId, "under_review");
    const before = await written([a, b]);

    const error = await refusal(bulkMove(staff, { to: "documents", cards: [{ id: a, version: 1 }, { id: b, version: 1 }] }));
    expect(error.code).toBe("CONFLICT");
    const failures = error.details.failures as { id: string; code: string; reason?: string; messageKey: string }[];
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ id: b, code: "CONFLICT" });
    expect(failures[0]!.messageKey).toBe(`registrationMoves.refusals.${failures[0]!.reason}`);
    // The allowed move of `a` was rolled back with the rest: no stage, no event, no audit.
    expect(await written([a, b])).toEqual(before);

    const c = await insertCard(agencyId, companyId, "intake");
    const moved = await bulkMove(staff, { to: "documents", note: "一起开始收资料", cards: [{ id: a, version: 1 }, { id: c, version: 1 }] });
    expect(moved.map((card) => [card.id, card.stage, card.version])).toEqual([
      [a, "documents", 2],
      [c, "documents", 2],
    ]);
    const { rows } = await admin.query(`select registration_id, note from registration_events where registration_id = any($1::uuid[]) order by registration_id`, [[a, c]]);
    expect(rows).toHaveLength(2);
    expect(rows.every((event) => event.note === "一起开始收资料")).toBe(true);
    const { rows: audits } = await admin.query(`select count(*)::int as n from audit_events where action = 'registration.move' and target_id = any($1::uuid[])`, [[a, c]]);
    expect(audits[0].n).toBe(2);
  });

  it("is NOT_FOUND, writing nothing, when a card is another agency's or hidden from a restricted member", async () => {
    const a = await insertCard(agencyId, companyId, "documents");
    const before = await written([a, outsiderCard]);
    const cross = await refusal(bulkSetWaiting(staff, { waiting: "wechat", cards: [{ id: a, version: 1 }, { id: outsiderCard, version: 1 }] }));
    expect(cross.code).toBe("NOT_FOUND");
    const hidden = await refusal(bulkAssign(restricted, { assignee: restricted.user.id, cards: [{ id: a, version: 1 }] }));
    expect(hidden.code).toBe("NOT_FOUND");
    expect(await written([a, outsiderCard])).toEqual(before);
  });

  it("assigns to an active staff member only; a manager may not act", async () => {
    const a = await insertCard(agencyId, companyId, "documents");
    const b = await insertCard(agencyId, companyId, "intake");
    const cards = [
      { id: a, version: 1 },
      { id: b, version: 1 },
    ];
    expect((await refusal(bulkAssign(staff, { assignee: manager.user.id, cards }))).details.fields).toHaveProperty("assignee");
    expect((await refusal(bulkAssign(staff, { assignee: outsider.user.id, cards }))).details.fields).toHaveProperty("assignee");
    expect((await refusal(bulkAssign(manager, { assignee: staff.user.id, cards }))).code).toBe("FORBIDDEN");
    expect((await refusal(bulkAssign(staff, { assignee: staff.user.id, cards: [...cards, { id: a, version: 1 }] }))).details.fields).toHaveProperty("cards");
    expect((await written([a, b])).audits).toBe(0);

    const assigned = await bulkAssign(staff, { assignee: colleague.user.id, cards });
    expect(assigned.map((card) => [card.assignee?.id, card.version])).toEqual([
      [colleague.user.id, 2],
      [colleague.user.id, 2],
    ]);
    const { rows } = await admin.query(`select data from audit_events where action = 'registration.assign' and target_id = $1`, [a]);
    expect(rows).toEqual([{ data: { from: null, to: colleague.user.id } }]);
    expect((await getRegistration(staff, a)).assignee?.id).toBe(colleague.user.id);
  });
});

describe("through the JSON API", () => {
  const post = (path: string, token: string, body: unknown) => postJson(`${BASE}${path}`, token, body);
  let token: string;
  let managerToken: string;

  beforeAll(async () => {
    clock.set(start);
    token = (await createApiToken(staff, { name: "waiting script", expiresInDays: 30 })).token;
    managerToken = (await createApiToken(manager, { name: "manager script", expiresInDays: 30 })).token;
  });

  it("sets the flag: 200 with the card, 409 stale with the current card, 403 for a manager, 404 for another agency's", async () => {
    const id = await insertCard(agencyId, companyId, "documents");
    const ok = await postWaiting(post(`/registrations/${id}/waiting`, token, { waiting: "client", version: 1 }), idParams(id));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id, waiting: "client", waitingSince: start.toISOString(), stale: false, version: 2 });
    const stale = await postWaiting(post(`/registrations/${id}/waiting`, token, { waiting: "none", version: 1 }), idParams(id));
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ code: "STALE_VERSION", current: { id, version: 2 } });
    expect((await postWaiting(post(`/registrations/${id}/waiting`, managerToken, { waiting: "none", version: 2 }), idParams(id))).status).toBe(403);
    expect((await postWaiting(post(`/registrations/${outsiderCard}/waiting`, token, { waiting: "none", version: 1 }), idParams(outsiderCard))).status).toBe(404);
  });

  it("runs a bulk action: 200 with the cards, 409 with the failures and nothing written, 422 for an unknown action", async () => {
    const a = await insertCard(agencyId, companyId, "intake");
    const b = await insertCard(agencyId, companyId, "intake");
    const failed = await postBulk(post(`/registrations/bulk`, token, { action: "move", to: "documents", cards: [{ id: a, version: 1 }, { id: b, version: 9 }] }));
    expect(failed.status).toBe(409);
    expect(await failed.json()).toMatchObject({ code: "CONFLICT", failures: [{ id: b, code: "STALE_VERSION" }] });
    expect((await row(a)).stage).toBe("intake");

    const ok = await postBulk(post(`/registrations/bulk`, token, { action: "waiting", waiting: "wechat", cards: [{ id: a, version: 1 }, { id: b, version: 1 }] }));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { data: { id: string; waiting: string }[] }).data.map((card) => [card.id, card.waiting])).toEqual([
      [a, "wechat"],
      [b, "wechat"],
    ]);
    expect((await postBulk(post(`/registrations/bulk`, token, { action: "archive", cards: [{ id: a, version: 2 }] }))).status).toBe(422);
  });
});
