/**
 * Issue 7 §1, §7, §8 against the real database: moving a card with its version; a stale
 * version is 409 with the current card and who moved it; the guard refuses the stage that
 * submits to WeChat until the required documents are approved; an Official Account's ID
 * slot is freed on rejected or abandoned and taken again on leaving them (or refused when
 * the ID is full, changing nothing); the registration event and the audit event are
 * written in the very transaction that moves the card (same xmin), and a refused move
 * writes neither; another agency's card and another client's (restricted staff) are 404; a
 * manager may not move; of 10 parallel moves with one version exactly one wins. Then the
 * read side (filters, keyset pages, the timeline) and the JSON routes.
 */
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getEvents } from "@/app/api/v1/registrations/[id]/events/route";
import { POST as postMove } from "@/app/api/v1/registrations/[id]/move/route";
import { GET as getOne } from "@/app/api/v1/registrations/[id]/route";
import { GET as getList } from "@/app/api/v1/registrations/route";
import { withTenant } from "@/db/tenant";
import { createOfficialAccount, type CreatedOfficialAccount } from "@/lib/accounts/service";
import type { ApiActor } from "@/lib/api/auth";
import { createApiToken } from "@/lib/api/tokens";
import { clock } from "@/lib/clock";
import type { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { createPerson } from "@/lib/people/service";
import { resetAppState } from "@/lib/testing/app-state";
import { idParams, makeRestrictedAgency, postJson, refusal } from "@/lib/testing/registration-fixtures";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { createRng } from "@/lib/validation/random";
import { generateResidentId } from "@/lib/validation/resident-id";
import { createWecomCorp } from "@/lib/wecom/service";
import { moveRegistration } from "./move";
import type { Pipeline, Stage } from "./pipelines";
import {
  getRegistration,
  listRegistrationEvents,
  listRegistrations,
  registrationsPageSql,
  type RegistrationCard,
  type RegistrationListQuery,
} from "./queries";

process.env.TEST_CLOCK = "1";

const BASE = "http://weidesk.test/api/v1";
/** A Monday, 10:00 in Shanghai. */
const start = new Date("2026-05-04T02:00:00Z");
const rng = createRng(Number.parseInt(newId().replace(/-/g, "").slice(-8), 16));

let admin: pg.Client;
let agencyId: string;
let companyId: string;
let staff: ApiActor;
let colleague: ApiActor;
let manager: ApiActor;
let restricted: ApiActor;
let outsider: ApiActor;

/**
 * An agency whose staff see only their assigned clients (ADR 0010), with a Chinese
 * organisation assigned to the first member; members of the given roles.
 */
const makeAgency = (roles: ("staff" | "admin" | "manager")[], uscc: string) =>
  makeRestrictedAgency(admin, { slugPrefix: "mv", name: "Move agency", companyName: "移动测试有限公司", uscc, roles, at: start });

async function settle<T>(promises: Promise<T>[]) {
  const results = await Promise.allSettled(promises);
  return {
    ok: results.filter((r): r is PromiseFulfilledResult<Awaited<T>> => r.status === "fulfilled").map((r) => r.value),
    errors: results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as AppError),
  };
}

const newOperator = async (name: string) => (await createPerson(staff, { name, idType: "prc_resident_id", idNumber: generateResidentId({ rng }) })).id;
const newAccount = (operatorPersonId: string, name: string): Promise<CreatedOfficialAccount> =>
  createOfficialAccount(staff, { clientCompanyId: companyId, accountType: "service", operatorPersonId, name });

/** Puts a card where a test needs it, as the database would hold it. */
async function place(registrationId: string, stage: Stage, version: number, resumeStage: Stage | null = null) {
  await admin.query(`update registrations set stage = $2, resume_stage = $3, version = $4 where id = $1`, [registrationId, stage, resumeStage, version]);
}

/** Links a document of `kind` in `status` to the card. */
async function attach(registrationId: string, kind: string, status: string, expiresOn: string | null = null) {
  const id = newId();
  const { rows } = await admin.query<{ client_company_id: string }>(`select client_company_id from registrations where id = $1`, [registrationId]);
  const company = rows[0]!.client_company_id;
  await admin.query(
    `insert into documents (id, agency_id, client_company_id, kind, status, expires_on, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $7)`,
    [id, agencyId, company, kind, status, expiresOn, start],
  );
  await admin.query(`insert into document_registrations (agency_id, client_company_id, document_id, registration_id) values ($1, $2, $3, $4)`, [
    agencyId,
    company,
    id,
    registrationId,
  ]);
  return id;
}

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

/** The card's moves, oldest first, each with the transaction that wrote it. */
async function movesOf(registrationId: string) {
  const { rows } = await admin.query<{ from_stage: string | null; to_stage: string; note: string | null; actor_user_id: string | null; tx: string }>(
    `select from_stage, to_stage, note, actor_user_id, xmin::text as tx from registration_events where registration_id = $1 order by at, id`,
    [registrationId],
  );
  return rows;
}

/** The registration.move audit events of a card, oldest first, with their transactions. */
async function auditedMovesOf(registrationId: string) {
  const { rows } = await admin.query<{ data: Record<string, unknown>; actor_user_id: string; tx: string }>(
    `select data, actor_user_id, xmin::text as tx from audit_events where action = 'registration.move' and target_id = $1 order by at, id`,
    [registrationId],
  );
  return rows;
}

async function cardRow(registrationId: string) {
  const { rows } = await admin.query(
    `select stage, resume_stage, version, stage_entered_at, due_at, xmin::text as tx from registrations where id = $1`,
    [registrationId],
  );
  return rows[0] as { stage: string; resume_stage: string | null; version: number; stage_entered_at: Date; due_at: Date | null; tx: string };
}

/** Everything a move may touch, to check that a refusal changed nothing. */
async function snapshot(registrationId: string, operatorPersonId?: string) {
  const { tx: _tx, ...card } = await cardRow(registrationId);
  return {
    card,
    moves: (await movesOf(registrationId)).length,
    audits: (await auditedMovesOf(registrationId)).length,
    slots: operatorPersonId ? await slotsOf(operatorPersonId) : null,
  };
}

/** The move and its audit event were written by the transaction that last wrote the card. */
async function expectOneTransaction(registrationId: string) {
  const tx = (await cardRow(registrationId)).tx;
  expect((await movesOf(registrationId)).at(-1)!.tx).toBe(tx);
  expect((await auditedMovesOf(registrationId)).at(-1)!.tx).toBe(tx);
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  const own = await makeAgency(["staff", "admin", "manager", "staff"], "91110000600037341L");
  agencyId = own.id;
  companyId = own.company;
  [staff, colleague, manager, restricted] = own.actors as [ApiActor, ApiActor, ApiActor, ApiActor];
  outsider = (await makeAgency(["staff"], "91110000600037341L")).actors[0]!;
});

beforeEach(() => clock.set(start));
afterEach(() => clock.reset());

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("moving a card", () => {
  let operator: string;
  let account: CreatedOfficialAccount;

  beforeAll(async () => {
    clock.set(start);
    operator = await newOperator("移动测试");
    account = await newAccount(operator, "Mover");
    expect(account.version).toBe(1);
  });

  it("moves with the version, and writes the move and its audit event in that same transaction", async () => {
    const card = await moveRegistration(staff, account.registrationId, { to: "documents", version: 1, note: " 资料齐了 " });
    expect(card).toMatchObject({
      id: account.registrationId,
      pipeline: "oa_cn_org",
      product: "official_account",
      stage: "documents",
      resumeStage: null,
      version: 2,
      stageEnteredAt: start.toISOString(),
      dueAt: null,
      due: null,
      company: { id: companyId },
      account: { kind: "official_account", id: account.id, name: "Mover", type: "service" },
      documents: { required: 3, approved: 0, missing: ["business_licence", "id_holding_photo", "authorisation_letter"] },
      lastMove: { from: "intake", to: "documents", by: { id: staff.user.id, name: "staff 0" }, at: start.toISOString() },
    });

    expect((await movesOf(account.registrationId)).map(({ tx: _tx, ...m }) => m)).toEqual([
      { from_stage: null, to_stage: "intake", note: null, actor_user_id: staff.user.id },
      { from_stage: "intake", to_stage: "documents", note: "资料齐了", actor_user_id: staff.user.id },
    ]);
    expect((await auditedMovesOf(account.registrationId)).map((a) => [a.actor_user_id, a.data])).toEqual([
      [staff.user.id, { officialAccountId: account.id, from: "intake", to: "documents", slotBefore: 1, slotAfter: 1, note: "资料齐了" }],
    ]);
    await expectOneTransaction(account.registrationId);
  });

  it("refuses a stale version with the current card and who moved it last, and changes nothing", async () => {
    clock.set(new Date(start.getTime() + 60_000));
    const before = await snapshot(account.registrationId, operator);
    const error = await refusal(moveRegistration(colleague, account.registrationId, { to: "account_created", version: 1 }));
    expect(error).toMatchObject({ code: "STALE_VERSION", status: 409 });
    expect(error.details.current).toMatchObject({ id: account.registrationId, stage: "documents", version: 2 });
    expect(error.details.movedBy).toEqual({ id: staff.user.id, name: "staff 0" });
    expect(error.details.movedAt).toBe(start.toISOString());
    expect(await snapshot(account.registrationId, operator)).toEqual(before);
  });

  it("refuses what the pipeline does not allow, with the reason, and writes nothing", async () => {
    const before = await snapshot(account.registrationId, operator);
    const skip = await refusal(moveRegistration(staff, account.registrationId, { to: "registered", version: 2 }));
    expect(skip).toMatchObject({ code: "CONFLICT", status: 409, details: { reason: "oneStepAtATime", messageKey: "registrationMoves.refusals.oneStepAtATime" } });
    const notRejectable = await refusal(moveRegistration(staff, account.registrationId, { to: "rejected", version: 2 }));
    expect(notRejectable.details.reason).toBe("notRejectable");
    const otherPipeline = await refusal(moveRegistration(staff, account.registrationId, { to: "corp_created", version: 2 }));
    expect(otherPipeline.details.reason).toBe("notInPipeline");
    expect(await snapshot(account.registrationId, operator)).toEqual(before);
  });

  it("refuses the guard stage until every required document is approved (and not expired), then moves with the deadline", async () => {
    await place(account.registrationId, "type_chosen", 5);
    const before = await snapshot(account.registrationId, operator);
    const none = await refusal(moveRegistration(staff, account.registrationId, { to: "subject_submitted", version: 5 }));
    expect(none).toMatchObject({
      code: "CONFLICT",
      details: { reason: "documentsNotApproved", missingDocuments: ["business_licence", "id_holding_photo", "authorisation_letter"] },
    });

    await attach(account.registrationId, "business_licence", "approved");
    await attach(account.registrationId, "id_holding_photo", "approved", "2036-01-01");
    const letter = await attach(account.registrationId, "authorisation_letter", "uploaded");
    // Approved, but its validity ended yesterday in Shanghai.
    await attach(account.registrationId, "authorisation_letter", "approved", "2026-05-03");
    const one = await refusal(moveRegistration(staff, account.registrationId, { to: "subject_submitted", version: 5 }));
    expect(one.details.missingDocuments).toEqual(["authorisation_letter"]);
    expect(await snapshot(account.registrationId, operator)).toEqual(before);

    await admin.query(`update documents set status = 'approved' where id = $1`, [letter]);
    const card = await moveRegistration(staff, account.registrationId, { to: "subject_submitted", version: 5 });
    // The small corporate payment: 10 calendar days, ending 23:59:59 in Shanghai.
    expect(card).toMatchObject({
      stage: "subject_submitted",
      version: 6,
      dueAt: "2026-05-14T15:59:59.000Z",
      documents: { required: 3, approved: 3, missing: [] },
    });
    await expectOneTransaction(account.registrationId);
  });

  it("sets deadlines from the agency's calendar, none in side states, and again on resuming", async () => {
    await moveRegistration(staff, account.registrationId, { to: "profile_submitted", version: 6 });
    // Two days off and a worked Saturday: 7 business days from Monday end on the next Thursday.
    await admin.query(
      `insert into holidays (agency_id, date, kind, name) values ($1, '2026-05-05', 'holiday', '测试假日'), ($1, '2026-05-06', 'holiday', '测试假日'),
       ($1, '2026-05-09', 'workday', '测试调休')`,
      [agencyId],
    );
    const review = await moveRegistration(staff, account.registrationId, { to: "under_review", version: 7 });
    expect(review.dueAt).toBe("2026-05-14T15:59:59.000Z");
    const held = await moveRegistration(staff, account.registrationId, { to: "on_hold", version: 8, note: "客户出差" });
    expect(held).toMatchObject({ stage: "on_hold", resumeStage: "under_review", dueAt: null });
    const resumed = await moveRegistration(staff, account.registrationId, { to: "under_review", version: 9 });
    expect(resumed).toMatchObject({ stage: "under_review", resumeStage: null, dueAt: "2026-05-14T15:59:59.000Z", version: 10 });
  });

  it("sets registered_at on registering, and keeps the card there: not even its mover may undo that", async () => {
    const registered = await moveRegistration(staff, account.registrationId, { to: "registered", version: 10 });
    expect(registered).toMatchObject({ stage: "registered", dueAt: null, version: 11 });
    const registeredAt = async () =>
      (await admin.query<{ registered_at: Date | null }>(`select registered_at from official_accounts where id = $1`, [account.id])).rows[0]!.registered_at;
    expect(await registeredAt()).toEqual(start);
    await expectOneTransaction(account.registrationId);

    clock.set(new Date(start.getTime() + 60_000));
    for (const actor of [staff, colleague]) {
      const refused = await refusal(moveRegistration(actor, account.registrationId, { to: "under_review", version: 11 }));
      expect(refused.details.reason).toBe("finished");
    }
    expect(await registeredAt()).toEqual(start);
  });

  it("lets a user undo their own last move within minutes where going back is otherwise refused", async () => {
    const undoable = await newAccount(await newOperator("撤销"), "Undo");
    await place(undoable.registrationId, "account_created", 3);
    await moveRegistration(staff, undoable.registrationId, { to: "email_verified", version: 3 });
    clock.set(new Date(start.getTime() + 5 * 60_000));
    const byColleague = await refusal(moveRegistration(colleague, undoable.registrationId, { to: "account_created", version: 4 }));
    expect(byColleague.details.reason).toBe("emailConfirmed");
    const undone = await moveRegistration(staff, undoable.registrationId, { to: "account_created", version: 4 });
    expect(undone).toMatchObject({ stage: "account_created", version: 5, lastMove: { from: "email_verified", to: "account_created" } });
    // account_created sets the 48-hour activation deadline again, from now.
    expect(undone.dueAt).toBe(new Date(start.getTime() + 5 * 60_000 + 48 * 3_600_000).toISOString());
  });

  it("of 10 parallel moves with the same version, exactly one moves the card; 9 are stale; one event is written", async () => {
    const fresh = await newAccount(await newOperator("并发"), "Race");
    const { ok, errors } = await settle(Array.from({ length: 10 }, () => moveRegistration(staff, fresh.registrationId, { to: "documents", version: 1 })));
    expect(ok.map((c) => c.version)).toEqual([2]);
    expect(errors.map((e) => e.code)).toEqual(Array(9).fill("STALE_VERSION"));
    for (const error of errors) expect(error.details.current).toMatchObject({ stage: "documents", version: 2 });
    expect(await movesOf(fresh.registrationId)).toHaveLength(2);
    expect(await auditedMovesOf(fresh.registrationId)).toHaveLength(1);
  });

  it("is 404 for another agency, an unknown id, a non-UUID and a client the restricted staff member may not see; 403 for a manager", async () => {
    const before = await snapshot(account.registrationId, operator);
    expect((await refusal(moveRegistration(outsider, account.registrationId, { to: "on_hold", version: 11 }))).code).toBe("NOT_FOUND");
    expect((await refusal(moveRegistration(staff, newId(), { to: "documents", version: 1 }))).code).toBe("NOT_FOUND");
    expect((await refusal(moveRegistration(staff, "not-a-uuid", { to: "documents", version: 1 }))).code).toBe("NOT_FOUND");
    expect((await refusal(moveRegistration(restricted, account.registrationId, { to: "on_hold", version: 11 }))).code).toBe("NOT_FOUND");
    expect((await refusal(getRegistration(restricted, account.registrationId))).code).toBe("NOT_FOUND");
    expect((await refusal(listRegistrationEvents(restricted, account.registrationId))).code).toBe("NOT_FOUND");
    expect((await refusal(getRegistration(outsider, account.registrationId))).code).toBe("NOT_FOUND");
    expect((await refusal(moveRegistration(manager, account.registrationId, { to: "on_hold", version: 11 }))).code).toBe("FORBIDDEN");
    const invalid = await refusal(moveRegistration(staff, account.registrationId, { to: "nowhere", version: "11", note: " " }));
    expect(invalid.details.fields).toEqual({ to: "apiTokens.api.invalidValue", version: "apiTokens.api.invalidValue", note: "validation.required" });
    expect(await snapshot(account.registrationId, operator)).toEqual(before);
  });

  it("moves a WeCom corp's card too, guarded by its own documents, with the corp in the audit event", async () => {
    const corp = await createWecomCorp(staff, { clientCompanyId: companyId, corpName: "移动测试企业微信" });
    const card = await moveRegistration(staff, corp.registrationId, { to: "admin_appointed", version: 1 });
    expect(card).toMatchObject({ product: "wecom", stage: "admin_appointed", account: { kind: "wecom", name: "移动测试企业微信", type: null } });
    expect((await auditedMovesOf(corp.registrationId)).map((a) => a.data)).toEqual([{ wecomCorpId: corp.id, from: "intake", to: "admin_appointed" }]);
    await place(corp.registrationId, "corp_created", 4);
    const guarded = await refusal(moveRegistration(staff, corp.registrationId, { to: "verification_submitted", version: 4 }));
    expect(guarded.details.missingDocuments).toEqual(["business_licence", "verification_letter"]);
    await attach(corp.registrationId, "business_licence", "approved");
    await attach(corp.registrationId, "verification_letter", "approved");
    expect((await moveRegistration(staff, corp.registrationId, { to: "verification_submitted", version: 4 })).stage).toBe("verification_submitted");
  });
});

describe("ID slots on rejected, abandoned and back", () => {
  it("frees the slot on rejected, refuses the resubmission while the ID is full (changing nothing), and takes one again once free", async () => {
    const operator = await newOperator("名额测试");
    const first = await newAccount(operator, "First");
    const second = await newAccount(operator, "Second");
    expect(await slotsOf(operator)).toEqual({ 1: first.id, 2: second.id });

    await place(first.registrationId, "under_review", 3);
    const rejected = await moveRegistration(staff, first.registrationId, { to: "rejected", version: 3, note: "名称不通过" });
    expect(rejected).toMatchObject({ stage: "rejected", resumeStage: "under_review", dueAt: null });
    expect(await slotsOf(operator)).toEqual({ 2: second.id });
    expect((await auditedMovesOf(first.registrationId)).at(-1)!.data).toMatchObject({ from: "under_review", to: "rejected", slotBefore: 1, slotAfter: null });
    await expectOneTransaction(first.registrationId);

    const taker = await newAccount(operator, "Taker");
    expect(taker.slot).toBe(1);
    const before = await snapshot(first.registrationId, operator);
    const full = await refusal(moveRegistration(staff, first.registrationId, { to: "under_review", version: 4 }));
    expect(full).toMatchObject({ code: "ID_CAP_REACHED", status: 409 });
    expect(full.details.holders).toEqual([
      { kind: "official_account", id: taker.id, name: "Taker" },
      { kind: "official_account", id: second.id, name: "Second" },
    ]);
    expect(await snapshot(first.registrationId, operator)).toEqual(before);

    // Abandoning frees the taker's slot; the rejected card is resubmitted and takes it.
    const abandoned = await moveRegistration(staff, taker.registrationId, { to: "abandoned", version: 1 });
    expect(abandoned).toMatchObject({ stage: "abandoned", resumeStage: "intake" });
    const resubmitted = await moveRegistration(staff, first.registrationId, { to: "under_review", version: 4 });
    expect(resubmitted).toMatchObject({ stage: "under_review", resumeStage: null, version: 5 });
    expect(await slotsOf(operator)).toEqual({ 1: first.id, 2: second.id });
    expect((await auditedMovesOf(first.registrationId)).at(-1)!.data).toMatchObject({ from: "rejected", to: "under_review", slotBefore: null, slotAfter: 1 });

    // Restoring the abandoned one onto the full ID is refused; once a slot is free, it goes back where it was.
    const refused = await refusal(moveRegistration(staff, taker.registrationId, { to: "intake", version: 2 }));
    expect(refused.code).toBe("ID_CAP_REACHED");
    await moveRegistration(staff, second.registrationId, { to: "abandoned", version: 1 });
    const restored = await moveRegistration(staff, taker.registrationId, { to: "intake", version: 2 });
    expect(restored).toMatchObject({ stage: "intake", resumeStage: null, version: 3 });
    expect(await slotsOf(operator)).toEqual({ 1: first.id, 2: taker.id });
  });
});

describe("reading cards", () => {
  let listCompany: string;
  const cards: Record<string, string> = {};

  /** A card straight in the database, with its account or corp and its first event. */
  async function insertCard(name: string, pipeline: Pipeline, stage: Stage, options: { due?: Date | null; waiting?: string; assignee?: string | null; type?: string }) {
    const id = newId();
    await admin.query(
      `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, stage_entered_at, due_at, waiting, assignee_user_id, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $7, $7)`,
      [id, agencyId, listCompany, pipeline === "wecom" ? "wecom" : "official_account", pipeline, stage, start, options.due ?? null, options.waiting ?? "none", options.assignee ?? null],
    );
    if (pipeline === "wecom") {
      await admin.query(`insert into wecom_corps (id, agency_id, client_company_id, registration_id, corp_name, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $6)`, [
        newId(), agencyId, listCompany, id, name, start,
      ]);
    } else {
      await admin.query(
        `insert into official_accounts (id, agency_id, client_company_id, registration_id, subject_kind, account_type, name, created_at, updated_at)
         values ($1, $2, $3, $4, 'cn_org', $5, $6, $7, $7)`,
        [newId(), agencyId, listCompany, id, options.type ?? "service", name, start],
      );
    }
    await admin.query(`insert into registration_events (id, agency_id, client_company_id, registration_id, to_stage, actor_user_id, at) values ($1, $2, $3, $4, 'intake', $5, $6)`, [
      newId(), agencyId, listCompany, id, staff.user.id, new Date(start.getTime() - 86_400_000),
    ]);
    cards[name] = id;
    return id;
  }

  const hour = 3_600_000;
  const ids = (page: { rows: RegistrationCard[] }) => page.rows.map((card) => card.account.name);

  beforeAll(async () => {
    listCompany = newId();
    await admin.query(
      `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, uscc, assignee_user_id, created_at, updated_at)
       values ($1, $2, 'cn_org', 'enterprise', '列表测试有限公司', '91310110666007217T', $3, $4, $4)`,
      [listCompany, agencyId, staff.user.id, start],
    );
    await insertCard("overdue", "oa_cn_org", "documents", { due: new Date(start.getTime() - hour), waiting: "client", assignee: staff.user.id });
    await insertCard("soon", "oa_cn_org", "documents", { due: new Date(start.getTime() + 24 * hour), assignee: colleague.user.id, type: "subscription" });
    await insertCard("later", "oa_cn_org", "under_review", { due: new Date(start.getTime() + 10 * 24 * hour), waiting: "wechat" });
    await insertCard("undated", "oa_cn_org", "intake", { assignee: staff.user.id });
    await insertCard("undated too", "oa_cn_org", "intake", {});
    await insertCard("corp", "wecom", "intake", {});
  });

  const query = (filters: Partial<RegistrationListQuery>) => listRegistrations(staff, { client: listCompany, limit: 50, ...filters });

  it("lists by due date (none last), then id, in keyset pages with the total", async () => {
    const first = await query({ pipeline: "oa_cn_org", limit: 2 });
    expect(ids(first)).toEqual(["overdue", "soon"]);
    expect(first).toMatchObject({ total: 5, totalCapped: false });
    const second = await query({ pipeline: "oa_cn_org", limit: 2, after: first.next! });
    expect(ids(second)).toEqual(["later", "undated"]);
    // The cursor of an undated card: the rest by id.
    const third = await query({ pipeline: "oa_cn_org", limit: 2, after: second.next! });
    expect(ids(third)).toEqual(["undated too"]);
    expect(third.next).toBeNull();
    expect(first.rows[0]).toMatchObject({ due: "overdue", waiting: "client", company: { id: listCompany, name: "列表测试有限公司" }, assignee: { id: staff.user.id } });
    expect(first.rows[1]!.due).toBe("soon");
  });

  it("filters as the board does", async () => {
    expect(ids(await query({ overdue: true }))).toEqual(["overdue"]);
    expect(ids(await query({ soon: true }))).toEqual(["soon"]);
    expect(ids(await query({ waiting: "any" }))).toEqual(["overdue", "later"]);
    expect(ids(await query({ waiting: "wechat" }))).toEqual(["later"]);
    expect(ids(await query({ assignee: "mine" }))).toEqual(["overdue", "undated"]);
    expect(ids(await query({ assignee: colleague.user.id }))).toEqual(["soon"]);
    expect(ids(await query({ assignee: "none" }))).toEqual(["later", "undated too", "corp"]);
    expect(ids(await query({ type: "subscription" }))).toEqual(["soon"]);
    expect(ids(await query({ stage: "under_review" }))).toEqual(["later"]);
    expect(ids(await query({ pipeline: "wecom" }))).toEqual(["corp"]);
    expect((await listRegistrations(restricted, { client: listCompany, limit: 50 })).total).toBe(0);
    expect((await listRegistrations(outsider, { client: listCompany, limit: 50 })).total).toBe(0);
  });

  it("reads a column through registrations_column_idx under row-level security (enum = could use no index)", async () => {
    const ctx = { agencyId, userId: staff.user.id, now: start, timeZone: "Asia/Shanghai" };
    type PlanNode = { "Index Name"?: string; "Index Cond"?: string; Plans?: PlanNode[] };
    const plan = await withTenant({ agencyId, userId: staff.user.id, readOnly: true }, async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const { rows } = await tx.execute<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
        sql`explain (format json) ${registrationsPageSql(ctx, { pipeline: "oa_cn_org", stage: "documents", limit: 20 })}`,
      );
      return rows[0]!["QUERY PLAN"][0].Plan;
    });
    const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];
    const column = nodes(plan).find((node) => node["Index Name"] === "registrations_column_idx");
    expect(column?.["Index Cond"]).toMatch(/agency_id = .*pipeline_code = .*stage_code = /);
  });

  it("gives a card's timeline with who, when and the time in each stage", async () => {
    const id = cards.undated!;
    clock.set(new Date(start.getTime() + hour));
    await moveRegistration(staff, id, { to: "documents", version: 1, note: "开始收资料" });
    clock.set(new Date(start.getTime() + 3 * hour));
    const events = await listRegistrationEvents(manager, id);
    expect(events.map(({ id: _id, ...e }) => e)).toEqual([
      {
        at: new Date(start.getTime() - 86_400_000).toISOString(),
        from: null,
        to: "intake",
        note: null,
        actor: { id: staff.user.id, name: "staff 0" },
        leftAt: new Date(start.getTime() + hour).toISOString(),
        secondsInStage: 25 * 3600,
      },
      {
        at: new Date(start.getTime() + hour).toISOString(),
        from: "intake",
        to: "documents",
        note: "开始收资料",
        actor: { id: staff.user.id, name: "staff 0" },
        leftAt: null,
        secondsInStage: 2 * 3600,
      },
    ]);
  });

  describe("through the JSON API", () => {
    const get = (path: string, token: string) => new Request(`${BASE}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const post = (path: string, token: string, body: unknown) => postJson(`${BASE}${path}`, token, body);
    let token: string;
    let managerToken: string;

    beforeAll(async () => {
      clock.set(start);
      token = (await createApiToken(staff, { name: "board script", expiresInDays: 30 })).token;
      managerToken = (await createApiToken(manager, { name: "manager script", expiresInDays: 30 })).token;
    });

    it("lists with filters, pages with a Link header, and refuses a cursor that is not one", async () => {
      const first = await getList(get(`/registrations?client=${listCompany}&pipeline=oa_cn_org&limit=2&waiting=bogus`, token));
      expect(first.status).toBe(200);
      const page = (await first.json()) as { data: RegistrationCard[]; next: string; total: number };
      expect(page.data.map((c) => c.account.name)).toEqual(["overdue", "soon"]);
      expect(page.total).toBe(5);
      expect(first.headers.get("link")).toContain(`after=${page.next}`);
      const bad = await getList(get(`/registrations?after=nope`, token));
      expect(bad.status).toBe(422);
      expect(((await bad.json()) as { fields: Record<string, unknown> }).fields).toHaveProperty("after");
    });

    it("reads a card and its events; another agency's or an unknown id is 404", async () => {
      const one = await getOne(get(`/registrations/${cards.later}`, managerToken), idParams(cards.later!));
      expect(one.status).toBe(200);
      expect(await one.json()).toMatchObject({ id: cards.later, stage: "under_review", waiting: "wechat", documents: { required: 3, approved: 0 } });
      const events = await getEvents(get(`/registrations/${cards.later}/events`, token), idParams(cards.later!));
      expect(((await events.json()) as { data: unknown[] }).data).toHaveLength(1);
      const outsiderToken = (await createApiToken(outsider, { name: "outsider", expiresInDays: 30 })).token;
      expect((await getOne(get(`/registrations/${cards.later}`, outsiderToken), idParams(cards.later!))).status).toBe(404);
      expect((await getEvents(get(`/registrations/nope/events`, token), idParams("nope"))).status).toBe(404);
    });

    it("moves a card: 200 with the card, 409 stale with the mover, 409 refused with the reason, 403 for a manager, 422 for a bad body", async () => {
      const id = cards["undated too"]!;
      const moved = await postMove(post(`/registrations/${id}/move`, token, { to: "documents", version: 1 }), idParams(id));
      expect(moved.status).toBe(200);
      expect(await moved.json()).toMatchObject({ id, stage: "documents", version: 2 });

      const stale = await postMove(post(`/registrations/${id}/move`, token, { to: "account_created", version: 1 }), idParams(id));
      expect(stale.status).toBe(409);
      expect(stale.headers.get("content-type")).toBe("application/problem+json");
      expect(await stale.json()).toMatchObject({
        code: "STALE_VERSION",
        current: { id, stage: "documents", version: 2 },
        movedBy: { id: staff.user.id, name: "staff 0" },
        movedAt: start.toISOString(),
      });

      await place(id, "type_chosen", 3);
      const guarded = await postMove(post(`/registrations/${id}/move`, token, { to: "subject_submitted", version: 3 }), idParams(id));
      expect(guarded.status).toBe(409);
      expect(await guarded.json()).toMatchObject({
        code: "CONFLICT",
        reason: "documentsNotApproved",
        messageKey: "registrationMoves.refusals.documentsNotApproved",
        detail: "Every required document must be approved before this stage.",
        missingDocuments: ["business_licence", "id_holding_photo", "authorisation_letter"],
      });

      expect((await postMove(post(`/registrations/${id}/move`, managerToken, { to: "on_hold", version: 3 }), idParams(id))).status).toBe(403);
      const invalid = await postMove(post(`/registrations/${id}/move`, token, { to: "on_hold" }), idParams(id));
      expect(invalid.status).toBe(422);
      expect(((await invalid.json()) as { fields: Record<string, unknown> }).fields).toHaveProperty("version");
      expect((await postMove(post(`/registrations/${newId()}/move`, token, { to: "on_hold", version: 3 }), idParams(newId()))).status).toBe(404);
    });
  });
});
