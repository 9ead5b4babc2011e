/**
 * Issue 6, design.md §4.2: abandoning an Official Account frees its operator's ID slot,
 * restoring it takes one again, and may be refused. Against the real database: the
 * freed slot goes to exactly one of 10 parallel creations; a restore onto a full ID is
 * refused naming the holders and changes nothing; a stale version is 409 with the
 * current card; another agency's id is NOT_FOUND; and each move writes its
 * registration_events row and its audit event in the very transaction that moves the
 * card (same xmin). Both are moves of the stage machine (ADR 0012): a registered account
 * cannot be abandoned (reason `finished`, nothing written), and a restored card gets its
 * stage's deadline as a board move gives it. Also the JSON routes, and external accounts
 * taking slots.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postAbandon } from "@/app/api/v1/official-accounts/[id]/abandon/route";
import { POST as postRestore } from "@/app/api/v1/official-accounts/[id]/restore/route";
import { POST as postExternal } from "@/app/api/v1/people/[id]/external-accounts/route";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { createApiToken } from "@/lib/api/tokens";
import type { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { createPerson } from "@/lib/people/service";
import { moveRegistration } from "@/lib/registration/move";
import { resetAppState } from "@/lib/testing/app-state";
import { refusal } from "@/lib/testing/registration-fixtures";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { createRng } from "@/lib/validation/random";
import { generateResidentId } from "@/lib/validation/resident-id";
import { generateUscc } from "@/lib/validation/uscc";
import {
  abandonOfficialAccount,
  createExternalAccount,
  createOfficialAccount,
  restoreOfficialAccount,
  type CreatedOfficialAccount,
  type IdSlotHolder,
  type OfficialAccountCard,
} from "./service";

const BASE = "http://weidesk.test/api/v1";
const start = new Date("2026-05-04T02:00:00Z");
const rng = createRng(Number.parseInt(newId().replace(/-/g, "").slice(-8), 16));
const unique = () => newId().slice(-12);

let admin: pg.Client;
let agencyId: string;
let companyId: string;
let staff: ApiActor;
let manager: ApiActor;
let outsider: ApiActor;

/** An agency with an overseas company (so `service` accounts) and members of the given roles. */
async function makeAgency(roles: ("staff" | "manager")[]) {
  const id = newId();
  const slug = `ab-${unique()}`;
  const company = newId();
  await admin.query(`insert into agencies (id, slug, name, created_at) values ($1, $2, 'Abandon agency', $3)`, [id, slug, start]);
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, name_en, country, created_at, updated_at)
     values ($1, $2, 'overseas', 'overseas_company', null, $3, 'SG', $4, $4)`,
    [company, id, `Merlion Pte ${unique()}`, start],
  );
  const actors: ApiActor[] = [];
  for (const role of roles) {
    const userId = newId();
    const email = `${role}-${slug}@example.com`;
    await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, $3, $4, $4)`, [userId, email, role, start]);
    await admin.query(`insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, $4, $5)`, [newId(), id, userId, role, start]);
    actors.push(await findMemberActor(slug, email));
  }
  return { id, company, actors };
}

async function settle<T>(promises: Promise<T>[]) {
  const results = await Promise.allSettled(promises);
  return {
    ok: results.filter((r): r is PromiseFulfilledResult<Awaited<T>> => r.status === "fulfilled").map((r) => r.value),
    errors: results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as unknown),
  };
}

const newOperator = async (name: string) => (await createPerson(staff, { name, idType: "prc_resident_id", idNumber: generateResidentId({ rng }) })).id;
const newAccount = (operatorPersonId: string, name: string) =>
  createOfficialAccount(staff, { clientCompanyId: companyId, accountType: "service", operatorPersonId, name });

/** The slots of an operator's ID: slot → holder. */
async function slotsOf(operatorPersonId: string): Promise<Record<number, string>> {
  const { rows } = await admin.query<{ slot: number; holder: string }>(
    `select s.slot, coalesce(s.official_account_id, s.external_account_id) as holder
     from id_slots s join people p on p.agency_id = s.agency_id and p.id_number_hmac = s.operator_id_hmac
     where p.id = $1 order by s.slot`,
    [operatorPersonId],
  );
  return Object.fromEntries(rows.map((r) => [r.slot, r.holder]));
}

/** Everything a move may touch, to check that a refusal changed nothing. */
async function snapshot(registrationId: string, operatorPersonId: string) {
  const { rows: card } = await admin.query(`select stage, resume_stage, version, stage_entered_at from registrations where id = $1`, [registrationId]);
  const { rows: events } = await admin.query(`select count(*)::int as n from registration_events where registration_id = $1`, [registrationId]);
  const { rows: audits } = await admin.query(`select count(*)::int as n from audit_events where agency_id = $1`, [agencyId]);
  return { card: card[0], events: events[0].n, audits: audits[0].n, slots: await slotsOf(operatorPersonId) };
}

/** The card's moves, oldest first, each with the transaction that wrote it. */
async function movesOf(registrationId: string) {
  const { rows } = await admin.query<{ from_stage: string | null; to_stage: string; note: string | null; tx: string }>(
    `select from_stage, to_stage, note, xmin::text as tx from registration_events where registration_id = $1 order by at`,
    [registrationId],
  );
  return rows;
}

/** The registration.move audit events of a card, oldest first, with their transactions. */
async function auditedMovesOf(registrationId: string) {
  const { rows } = await admin.query<{ data: Record<string, unknown>; tx: string }>(
    `select data, xmin::text as tx from audit_events where action = 'registration.move' and target_id = $1 order by at`,
    [registrationId],
  );
  return rows;
}

const cardTx = async (registrationId: string) =>
  (await admin.query<{ tx: string }>(`select xmin::text as tx from registrations where id = $1`, [registrationId])).rows[0]!.tx;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  const own = await makeAgency(["staff", "manager"]);
  agencyId = own.id;
  companyId = own.company;
  [staff, manager] = own.actors as [ApiActor, ApiActor];
  outsider = (await makeAgency(["staff"])).actors[0]!;
});

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("abandoning and restoring an Official Account", () => {
  let operator: string;
  let first: CreatedOfficialAccount;
  let second: CreatedOfficialAccount;
  let taker: CreatedOfficialAccount;

  beforeAll(async () => {
    operator = await newOperator("放弃测试");
    first = await newAccount(operator, "First");
    second = await newAccount(operator, "Second");
    expect([first.slot, second.slot]).toEqual([1, 2]);
    expect(first.version).toBe(1);
  });

  it("abandoning moves the card, frees the slot, and writes the move and its audit event in that same transaction", async () => {
    const card = await abandonOfficialAccount(staff, first.id, { version: 1, reason: " 客户不再需要 " });
    expect(card).toMatchObject({ id: first.id, registrationId: first.registrationId, stage: "abandoned", resumeStage: "intake", version: 2, slot: null });
    expect(await slotsOf(operator)).toEqual({ 2: second.id });

    const moves = await movesOf(first.registrationId);
    expect(moves.map(({ tx: _tx, ...m }) => m)).toEqual([
      { from_stage: null, to_stage: "intake", note: null },
      { from_stage: "intake", to_stage: "abandoned", note: "客户不再需要" },
    ]);
    const audited = await auditedMovesOf(first.registrationId);
    expect(audited.map((a) => a.data)).toEqual([
      { officialAccountId: first.id, from: "intake", to: "abandoned", slotBefore: 1, slotAfter: null, note: "客户不再需要" },
    ]);
    const tx = await cardTx(first.registrationId);
    expect([moves[1]!.tx, audited[0]!.tx]).toEqual([tx, tx]);
  });

  it("the freed slot goes to exactly one of 10 parallel creations; 9 get ID_CAP_REACHED naming the holders", async () => {
    const { ok, errors } = await settle(Array.from({ length: 10 }, (_, i) => newAccount(operator, `Taker ${i}`)));
    expect(ok).toHaveLength(1);
    taker = ok[0]!;
    expect(taker.slot).toBe(1);
    expect(errors).toHaveLength(9);
    for (const error of errors) {
      expect((error as AppError).code).toBe("ID_CAP_REACHED");
      expect(((error as AppError).details.holders as IdSlotHolder[]).map((h) => h.id)).toEqual([taker.id, second.id]);
    }
    expect(await slotsOf(operator)).toEqual({ 1: taker.id, 2: second.id });
  });

  it("restoring onto a full ID is refused naming the holders, and changes nothing", async () => {
    const before = await snapshot(first.registrationId, operator);
    const error = await refusal(restoreOfficialAccount(staff, first.id, { version: 2 }));
    expect(error.code).toBe("ID_CAP_REACHED");
    expect(error.status).toBe(409);
    expect(error.details.holders).toEqual([
      { kind: "official_account", id: taker.id, name: taker.name },
      { kind: "official_account", id: second.id, name: "Second" },
    ]);
    expect(await snapshot(first.registrationId, operator)).toEqual(before);
    expect(before.card).toMatchObject({ stage: "abandoned", resume_stage: "intake", version: 2 });
  });

  it("once a slot is free again, restoring takes it and brings the card back to the stage it left", async () => {
    await abandonOfficialAccount(staff, taker.id, { version: 1 });
    const card = await restoreOfficialAccount(staff, first.id, { version: 2, reason: "客户回来了" });
    expect(card).toMatchObject({ stage: "intake", resumeStage: null, version: 3, slot: 1 });
    expect(await slotsOf(operator)).toEqual({ 1: first.id, 2: second.id });

    const moves = await movesOf(first.registrationId);
    expect(moves.slice(1).map(({ tx: _tx, ...m }) => m)).toEqual([
      { from_stage: "intake", to_stage: "abandoned", note: "客户不再需要" },
      { from_stage: "abandoned", to_stage: "intake", note: "客户回来了" },
    ]);
    const audited = await auditedMovesOf(first.registrationId);
    expect(audited.map((a) => a.data)).toEqual([
      expect.objectContaining({ from: "intake", to: "abandoned" }),
      { officialAccountId: first.id, from: "abandoned", to: "intake", slotBefore: null, slotAfter: 1, note: "客户回来了" },
    ]);
    const tx = await cardTx(first.registrationId);
    expect([moves[2]!.tx, audited[1]!.tx]).toEqual([tx, tx]);
    const { rows } = await admin.query(`select due_at from registrations where id = $1`, [first.registrationId]);
    expect(rows[0].due_at).toBeNull();
  });

  it("a stale version is STALE_VERSION (409) with the current card, and changes nothing", async () => {
    const before = await snapshot(first.registrationId, operator);
    const error = await refusal(abandonOfficialAccount(staff, first.id, { version: 2 }));
    expect(error.code).toBe("STALE_VERSION");
    expect(error.status).toBe(409);
    expect(error.details.current).toMatchObject({ id: first.id, stage: "intake", version: 3, slot: 1 } satisfies Partial<OfficialAccountCard>);
    expect(await snapshot(first.registrationId, operator)).toEqual(before);
  });

  it("of 10 parallel abandons with the same version, exactly one moves the card; 9 are stale", async () => {
    const { ok, errors } = await settle(Array.from({ length: 10 }, () => abandonOfficialAccount(staff, second.id, { version: 1 })));
    expect(ok.map((c) => c.version)).toEqual([2]);
    expect(errors.map((e) => (e as AppError).code)).toEqual(Array(9).fill("STALE_VERSION"));
    expect(await movesOf(second.registrationId)).toHaveLength(2);
    expect(await auditedMovesOf(second.registrationId)).toHaveLength(1);
    expect(await slotsOf(operator)).toEqual({ 1: first.id });
  });

  it("refuses abandoning an abandoned card and restoring one that is not abandoned (CONFLICT)", async () => {
    const twice = await refusal(abandonOfficialAccount(staff, second.id, { version: 2 }));
    expect(twice).toMatchObject({ code: "CONFLICT", details: { messageKey: "accounts.errors.notAbandonable" } });
    const working = await refusal(restoreOfficialAccount(staff, first.id, { version: 3 }));
    expect(working).toMatchObject({ code: "CONFLICT", details: { messageKey: "accounts.errors.notAbandoned" } });
  });

  it("another agency's id, an unknown one and a non-UUID are NOT_FOUND; a manager is FORBIDDEN; a bad body is VALIDATION", async () => {
    const before = await snapshot(first.registrationId, operator);
    expect((await refusal(abandonOfficialAccount(outsider, first.id, { version: 3 }))).code).toBe("NOT_FOUND");
    expect((await refusal(restoreOfficialAccount(outsider, second.id, { version: 2 }))).code).toBe("NOT_FOUND");
    expect((await refusal(abandonOfficialAccount(staff, newId(), { version: 1 }))).code).toBe("NOT_FOUND");
    expect((await refusal(abandonOfficialAccount(staff, "not-a-uuid", { version: 1 }))).code).toBe("NOT_FOUND");
    expect((await refusal(abandonOfficialAccount(manager, first.id, { version: 3 }))).code).toBe("FORBIDDEN");
    const invalid = await refusal(abandonOfficialAccount(staff, first.id, { version: "3", reason: "x".repeat(501) }));
    expect(invalid.details.fields).toEqual({ version: "apiTokens.api.invalidValue", reason: "apiTokens.api.invalidValue" });
    expect(await snapshot(first.registrationId, operator)).toEqual(before);
  });

  it("a card abandoned while on hold comes back on hold, still knowing the stage it resumes", async () => {
    const onHold = await newAccount(await newOperator("暂停"), "On hold");
    await admin.query(`update registrations set stage = 'on_hold', resume_stage = 'documents', version = 4 where id = $1`, [onHold.registrationId]);
    const abandoned = await abandonOfficialAccount(staff, onHold.id, { version: 4 });
    expect(abandoned).toMatchObject({ stage: "abandoned", resumeStage: "documents", version: 5, slot: null });
    const restored = await restoreOfficialAccount(staff, onHold.id, { version: 5 });
    expect(restored).toMatchObject({ stage: "on_hold", resumeStage: "documents", version: 6, slot: 1 });
    expect((await movesOf(onHold.registrationId)).slice(1).map((m) => [m.from_stage, m.to_stage])).toEqual([
      ["on_hold", "abandoned"],
      ["abandoned", "on_hold"],
    ]);
  });

  it("a card the seed abandoned, with no move into abandoned, comes back to its resume stage", async () => {
    const seeded = await newAccount(await newOperator("种子"), "Seeded");
    await admin.query(`update registrations set stage = 'abandoned', resume_stage = 'documents', version = 3 where id = $1`, [seeded.registrationId]);
    await admin.query(`delete from id_slots where official_account_id = $1`, [seeded.id]);
    const restored = await restoreOfficialAccount(staff, seeded.id, { version: 3 });
    expect(restored).toMatchObject({ stage: "documents", resumeStage: null, version: 4, slot: 1 });
  });
});

describe("abandoning and restoring go through the stage machine, as a board move", () => {
  /** A company of `kind` in the agency, for its pipeline's deadlines. */
  async function makeCompany(kind: "cn_org" | "overseas"): Promise<string> {
    const id = newId();
    await admin.query(
      `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, name_en, uscc, country, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
      kind === "cn_org"
        ? [id, agencyId, kind, "enterprise", `状态机测试${unique()}`, null, generateUscc({ rng }), null, start]
        : [id, agencyId, kind, "overseas_company", null, `Machine Pte ${unique()}`, null, "SG", start],
    );
    return id;
  }

  const eventsOf = async (registrationId: string) =>
    (await admin.query<{ n: number }>(`select count(*)::int as n from registration_events where registration_id = $1`, [registrationId])).rows[0]!.n;

  it("abandoning a registered account is refused with the machine's reason (finished), and writes nothing", async () => {
    const operator = await newOperator("已注册");
    const account = await newAccount(operator, "Registered");
    await admin.query(`update registrations set stage = 'registered', version = 7 where id = $1`, [account.registrationId]);
    const { token } = await createApiToken(staff, { name: `registered ${unique()}`, expiresInDays: 30 });
    const before = await snapshot(account.registrationId, operator);

    const error = await refusal(abandonOfficialAccount(staff, account.id, { version: 7, reason: "客户不要了" }));
    expect(error.code).toBe("CONFLICT");
    expect(error.status).toBe(409);
    expect(error.details).toMatchObject({ reason: "finished", messageKey: "registrationMoves.refusals.finished" });
    expect(await snapshot(account.registrationId, operator)).toEqual(before);
    expect(before.slots).toEqual({ 1: account.id });

    // The JSON route says why, as the board's move route does.
    const response = await postAbandon(
      new Request(`${BASE}/official-accounts/${account.id}/abandon`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ version: 7 }),
      }),
      { params: Promise.resolve({ id: account.id }) },
    );
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ code: "CONFLICT", reason: "finished", messageKey: "registrationMoves.refusals.finished" });
    expect(await snapshot(account.registrationId, operator)).toEqual(before);
  });

  it("restoring gives the stage its deadline back (the activation link's 48 hours); each move writes one registration event", async () => {
    const cnCompany = await makeCompany("cn_org");
    const operator = await newOperator("截止时间");
    const account = await createOfficialAccount(staff, { clientCompanyId: cnCompany, accountType: "service", operatorPersonId: operator, name: "Deadline" });
    // In account_created, as a board move there would have left it (its 48-hour link running).
    await admin.query(
      `update registrations set stage = 'account_created', stage_entered_at = $2, due_at = $2::timestamptz + interval '48 hours', version = 3 where id = $1`,
      [account.registrationId, start],
    );
    const events = await eventsOf(account.registrationId);

    const abandoned = await abandonOfficialAccount(staff, account.id, { version: 3 });
    expect(abandoned).toMatchObject({ stage: "abandoned", resumeStage: "account_created", version: 4, slot: null });
    expect(await eventsOf(account.registrationId)).toBe(events + 1);
    const { rows: side } = await admin.query(`select due_at from registrations where id = $1`, [account.registrationId]);
    expect(side[0].due_at).toBeNull();

    const restored = await restoreOfficialAccount(staff, account.id, { version: 4 });
    expect(restored).toMatchObject({ pipeline: "oa_cn_org", stage: "account_created", resumeStage: null, version: 5, slot: 1 });
    expect(await eventsOf(account.registrationId)).toBe(events + 2);
    const { rows } = await admin.query<{ entered: Date; due: Date | null }>(
      `select stage_entered_at as entered, due_at as due from registrations where id = $1`,
      [account.registrationId],
    );
    expect(rows[0]!.due).not.toBeNull();
    expect(rows[0]!.due!.getTime() - rows[0]!.entered.getTime()).toBe(48 * 60 * 60 * 1000);
  });

  it("an overseas card restored to awaiting_response gets the same follow-up date as a card the board moves there", async () => {
    const company = await makeCompany("overseas");
    const restoredOne = await createOfficialAccount(staff, { clientCompanyId: company, accountType: "service", operatorPersonId: await newOperator("跟进"), name: "Restored" });
    const movedOne = await createOfficialAccount(staff, { clientCompanyId: company, accountType: "service", operatorPersonId: await newOperator("看板"), name: "Moved" });
    await admin.query(`update registrations set stage = 'awaiting_response', version = 2 where id = $1`, [restoredOne.registrationId]);
    await admin.query(`update registrations set stage = 'application_submitted', version = 2 where id = $1`, [movedOne.registrationId]);
    await abandonOfficialAccount(staff, restoredOne.id, { version: 2 });
    await restoreOfficialAccount(staff, restoredOne.id, { version: 3 });
    await moveRegistration(staff, movedOne.registrationId, { to: "awaiting_response", version: 2 });
    const { rows } = await admin.query<{ id: string; stage: string; due: Date | null }>(
      `select id, stage, due_at as due from registrations where id in ($1, $2)`,
      [restoredOne.registrationId, movedOne.registrationId],
    );
    const restored = rows.find((r) => r.id === restoredOne.registrationId)!;
    const moved = rows.find((r) => r.id === movedOne.registrationId)!;
    expect([restored.stage, moved.stage]).toEqual(["awaiting_response", "awaiting_response"]);
    expect(moved.due).not.toBeNull();
    // Both at 23:59:59 of the tenth business day after today, in the agency's time zone.
    expect(restored.due).toEqual(moved.due);
  });
});

describe("external accounts", () => {
  it("take a slot like the agency's own: two external accounts fill the ID, the third is refused naming them", async () => {
    const operator = await newOperator("外部号");
    const one = await createExternalAccount(staff, operator, { name: "旧号一", wechatId: "old_one" });
    const two = await createExternalAccount(staff, operator, { name: "旧号二" });
    expect([one.slot, two.slot]).toEqual([1, 2]);
    expect(two.wechatId).toBeNull();
    const third = await refusal(createExternalAccount(staff, operator, { name: "旧号三" }));
    expect(third.code).toBe("ID_CAP_REACHED");
    expect(third.details.holders).toEqual([
      { kind: "external_account", id: one.id, name: "旧号一" },
      { kind: "external_account", id: two.id, name: "旧号二" },
    ]);
    const { rows } = await admin.query(`select count(*)::int as n from external_accounts where operator_person_id = $1`, [operator]);
    expect(rows[0].n).toBe(2); // the refused one rolled back
    const { rows: audits } = await admin.query(`select count(*)::int as n from audit_events where action = 'external_account.create' and data->>'operatorPersonId' = $1`, [operator]);
    expect(audits[0].n).toBe(2);
    expect((await refusal(createExternalAccount(outsider, operator, { name: "x" }))).code).toBe("NOT_FOUND");
    expect((await refusal(createExternalAccount(manager, operator, { name: "x" }))).code).toBe("FORBIDDEN");
  });
});

describe("the JSON routes", () => {
  const post = (path: string, token: string, body: unknown) =>
    new Request(`${BASE}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const params = (id: string) => ({ params: Promise.resolve({ id }) });

  it("abandon and restore answer the card, and their refusals are problem+json with `current` or `holders`", async () => {
    const { token } = await createApiToken(staff, { name: "abandon script", expiresInDays: 30 });
    const operator = await newOperator("接口放弃");
    const account = await newAccount(operator, "Via API");

    const abandoned = await postAbandon(post(`/official-accounts/${account.id}/abandon`, token, { version: 1 }), params(account.id));
    expect(abandoned.status).toBe(200);
    expect(await abandoned.json()).toMatchObject({ id: account.id, stage: "abandoned", version: 2, slot: null });

    const stale = await postAbandon(post(`/official-accounts/${account.id}/abandon`, token, { version: 1 }), params(account.id));
    expect(stale.status).toBe(409);
    expect(stale.headers.get("content-type")).toBe("application/problem+json");
    expect(await stale.json()).toMatchObject({ code: "STALE_VERSION", current: { id: account.id, stage: "abandoned", version: 2 } });

    const external = await postExternal(post(`/people/${operator}/external-accounts`, token, { name: "外面的号" }), params(operator));
    expect(external.status).toBe(201);
    const other = await newAccount(operator, "Second via API");
    const full = await postRestore(post(`/official-accounts/${account.id}/restore`, token, { version: 2 }), params(account.id));
    expect(full.status).toBe(409);
    const problem = (await full.json()) as { code: string; holders: IdSlotHolder[] };
    expect(problem.code).toBe("ID_CAP_REACHED");
    expect(problem.holders.map((h) => h.kind)).toEqual(["external_account", "official_account"]);
    expect(problem.holders[1]!.id).toBe(other.id);

    const refusedExternal = await postExternal(post(`/people/${operator}/external-accounts`, token, { name: "再一个" }), params(operator));
    expect(refusedExternal.status).toBe(409);
    expect(((await refusedExternal.json()) as { holders: unknown[] }).holders).toHaveLength(2);

    const unknown = await postRestore(post(`/official-accounts/nope/restore`, token, { version: 2 }), params("nope"));
    expect(unknown.status).toBe(404);
    const invalid = await postAbandon(post(`/official-accounts/${other.id}/abandon`, token, {}), params(other.id));
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as { fields: Record<string, unknown> }).fields).toHaveProperty("version");
  });
});
