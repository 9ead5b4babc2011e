/**
 * Issue 7 §3: the board's reads against the real database, as weidesk_app under row-level
 * security. Columns in pipeline order with their counts; each column's first cards by due
 * date (none last) then id, and "load more" by keyset returning every card exactly once,
 * across dated and undated cards and equal due instants; the filters (mine, nobody, one
 * assignee, one client, overdue, due soon at the agency's midnight, waiting, account type);
 * the document progress; the list view's pages; another agency's cards never appear, and a
 * staff member restricted to their clients (ADR 0010) sees only theirs. A card in full (its
 * drawer) with its timeline, documents and notes, and a note added to it.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiActor } from "@/lib/api/auth";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { addAgency, addMember, addOverseasCompany } from "@/lib/testing/registration-fixtures";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import type { BoardFilters } from "./board-view";
import { countBoardCards, countBoardCardsUnder, getBoard, getBoardCard, getBoardClientName, getBoardList, getColumnPage, type BoardCard } from "./board";
import { addDays, boardColumns, COLUMN_PAGE_SIZE, LIST_PAGE_SIZE, parseBoardQuery, startOfZonedDay, zonedDate } from "./board-query";
import { getCardDetail } from "./card-detail";
import { addRegistrationNote } from "./notes";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const unique = () => newId().slice(-12);
const TIME_ZONE = "Asia/Shanghai";

let admin: pg.Client;
let agency: { id: string; slug: string };
let other: { id: string; slug: string };
let staff: ApiActor;
let restricted: ApiActor;
let manager: ApiActor;
let otherStaff: ApiActor;
let companyA: string;
let companyB: string;
/** Cards of the oa_overseas pipeline's `documents` column, many, for the pages. */
const documentsColumn: string[] = [];
const ids = { overdue: "", soon: "", edge: "", later: "", waitingClient: "", waitingWechat: "", unassigned: "", service: "", inOther: "", approved: "" };

const member = (target: { id: string; slug: string }, role: string) => addMember(admin, target, role);
const company = (agencyId: string, name: string, assignee: string | null) => addOverseasCompany(admin, agencyId, name, assignee);

type CardInput = {
  agencyId?: string;
  companyId?: string;
  stage?: string;
  dueAt?: Date | null;
  waiting?: "none" | "client" | "wechat";
  assignee?: string | null;
  name?: string;
  id?: string;
};

/** A card of the oa_overseas pipeline with its Official Account (Service: overseas subjects have no other). */
async function card(input: CardInput = {}): Promise<string> {
  const id = input.id ?? newId();
  const agencyId = input.agencyId ?? agency.id;
  const companyId = input.companyId ?? companyA;
  const stage = input.stage ?? "documents";
  const side = ["on_hold", "rejected", "abandoned"].includes(stage);
  await admin.query(
    `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, resume_stage, stage_entered_at, due_at, waiting, assignee_user_id, created_at, updated_at)
     values ($1, $2, $3, 'official_account', 'oa_overseas', $4, $5, now() - interval '3 days', $6, $7, $8, now(), now())`,
    [id, agencyId, companyId, stage, side ? "documents" : null, input.dueAt ?? null, input.waiting ?? "none", input.assignee === undefined ? staff.user.id : input.assignee],
  );
  await admin.query(
    `insert into official_accounts (id, agency_id, client_company_id, registration_id, subject_kind, account_type, name, created_at, updated_at)
     values ($1, $2, $3, $4, 'overseas', 'service', $5, now(), now())`,
    [newId(), agencyId, companyId, id, input.name ?? `Account ${unique().slice(-5)}`],
  );
  return id;
}

const cardIds = (cards: BoardCard[]) => cards.map((c) => c.id);

/** Every card of one column, loaded as the board does: the first page, then "load more" until the end. */
async function wholeColumn(actor: ApiActor, stage: "documents", filters: Record<string, string> = {}): Promise<BoardCard[]> {
  const query = parseBoardQuery({ pipeline: "oa_overseas", ...filters });
  const board = await getBoard(actor, query);
  const column = board.columns.find((c) => c.stage === stage)!;
  const cards = [...column.cards];
  let next = column.next;
  for (let guard = 0; next && guard < 50; guard++) {
    const page = await getColumnPage(actor, query, stage, next);
    cards.push(...page.cards);
    next = page.next;
  }
  return cards;
}

/** The order the board promises: due date ascending with undated last, then id. */
function expectBoardOrder(cards: BoardCard[]) {
  const sorted = [...cards].sort((a, b) => {
    if (a.dueAt !== b.dueAt) {
      if (a.dueAt === null) return 1;
      if (b.dueAt === null) return -1;
      return Date.parse(a.dueAt) - Date.parse(b.dueAt);
    }
    return a.id < b.id ? -1 : 1;
  });
  expect(cardIds(cards)).toEqual(cardIds(sorted));
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  agency = await addAgency(admin, "bd", "Board", TIME_ZONE);
  other = await addAgency(admin, "bd", "Board", TIME_ZONE);
  staff = await member(agency, "staff");
  restricted = await member(agency, "staff");
  manager = await member(agency, "manager");
  otherStaff = await member(other, "staff");
  companyA = await company(agency.id, "Alpha Pte. Ltd.", staff.user.id);
  companyB = await company(agency.id, "Beta Pte. Ltd.", restricted.user.id);

  const now = Date.now();
  const today = zonedDate(new Date(now), TIME_ZONE);
  const soonLimit = startOfZonedDay(addDays(today, 3), TIME_ZONE).getTime();
  // 45 cards in one column: dated (some on the same instant), then undated.
  const tie = new Date(now + 20 * DAY);
  for (let i = 0; i < 45; i++) {
    const dueAt = i < 10 ? tie : i < 30 ? new Date(now + (30 + i) * DAY) : null;
    documentsColumn.push(await card({ dueAt }));
  }
  ids.overdue = await card({ stage: "intake", dueAt: new Date(now - HOUR) });
  ids.soon = await card({ stage: "intake", dueAt: new Date(soonLimit - 1000) });
  ids.edge = await card({ stage: "intake", dueAt: new Date(soonLimit) });
  ids.later = await card({ stage: "intake", dueAt: new Date(now + 10 * DAY), companyId: companyB, assignee: restricted.user.id });
  ids.waitingClient = await card({ stage: "application_submitted", waiting: "client" });
  ids.waitingWechat = await card({ stage: "awaiting_response", waiting: "wechat" });
  ids.unassigned = await card({ stage: "on_hold", assignee: null });
  ids.approved = await card({ stage: "intake" });
  // Two of its three required kinds approved (one twice), a third uploaded only, and an approved kind not required.
  for (const [kind, status] of [
    ["certificate_of_incorporation", "approved"],
    ["certificate_of_incorporation", "approved"],
    ["authorisation_letter", "approved"],
    ["contact_proof", "uploaded"],
    ["logo", "approved"],
  ] as const) {
    const documentId = newId();
    await admin.query(
      `insert into documents (id, agency_id, client_company_id, kind, status, created_at, updated_at) values ($1, $2, $3, $4, $5, now(), now())`,
      [documentId, agency.id, companyA, kind, status],
    );
    await admin.query(
      `insert into document_registrations (agency_id, client_company_id, document_id, registration_id) values ($1, $2, $3, $4)`,
      [agency.id, companyA, documentId, ids.approved],
    );
  }
  const otherCompany = await company(other.id, "Alpha Pte. Ltd.", otherStaff.user.id);
  ids.inOther = await card({ agencyId: other.id, companyId: otherCompany, stage: "intake", assignee: otherStaff.user.id });
});

afterAll(async () => {
  await admin?.end();
});

describe("the board of a pipeline", () => {
  it("has the pipeline's stages in order, then the side states, each with its count", async () => {
    const board = await getBoard(staff, parseBoardQuery({ pipeline: "oa_overseas" }));
    expect(board.columns.map((c) => c.stage)).toEqual(boardColumns("oa_overseas"));
    expect(board.columns.filter((c) => c.side).map((c) => c.stage)).toEqual(["on_hold", "rejected", "abandoned"]);
    const count = Object.fromEntries(board.columns.map((c) => [c.stage, c.count]));
    expect(count).toMatchObject({ intake: 5, documents: 45, application_submitted: 1, awaiting_response: 1, on_hold: 1, rejected: 0, registered: 0 });
    expect(board.total).toBe(53);
  });

  it("shows each column's first cards by due date, undated last, then id; load more returns the rest exactly once", async () => {
    const board = await getBoard(staff, parseBoardQuery({ pipeline: "oa_overseas" }));
    const column = board.columns.find((c) => c.stage === "documents")!;
    expect(column.cards).toHaveLength(COLUMN_PAGE_SIZE);
    expect(column.next).not.toBeNull();
    const all = await wholeColumn(staff, "documents");
    expect(all).toHaveLength(45);
    expect(new Set(cardIds(all))).toEqual(new Set(documentsColumn));
    expectBoardOrder(all);
    expect(all.slice(-15).every((c) => c.dueAt === null)).toBe(true);
    // A column that fits shows no "load more".
    expect(board.columns.find((c) => c.stage === "intake")!.next).toBeNull();
  });

  it("ignores a cursor it did not make, and a column the pipeline does not have", async () => {
    const query = parseBoardQuery({ pipeline: "oa_overseas" });
    const first = await getColumnPage(staff, query, "documents", "bm90LWEtY3Vyc29y");
    expect(cardIds(first.cards)).toEqual(cardIds((await getBoard(staff, query)).columns.find((c) => c.stage === "documents")!.cards));
    await expect(getColumnPage(staff, query, "under_review", undefined)).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("shows each card's company, account, assignee, due state and document progress", async () => {
    const board = await getBoard(staff, parseBoardQuery({ pipeline: "oa_overseas" }));
    const intake = board.columns.find((c) => c.stage === "intake")!.cards;
    const byId = new Map(intake.map((c) => [c.id, c]));
    expect(byId.get(ids.overdue)).toMatchObject({
      company: { id: companyA, name: "Alpha Pte. Ltd." },
      account: { type: "service" },
      assignee: { id: staff.user.id },
      dueState: "overdue",
      waiting: "none",
      documents: { approved: 0, required: 3 },
    });
    expect(byId.get(ids.soon)!.dueState).toBe("soon");
    // The start of the third day after today, in the agency's time zone, is no longer "soon".
    expect(byId.get(ids.edge)!.dueState).toBeNull();
    expect(byId.get(ids.approved)).toMatchObject({ dueAt: null, dueState: null, documents: { approved: 2, required: 3 } });
    expect(intake.at(-1)!.id).toBe(ids.approved);
  });
});

describe("filters", () => {
  const found = async (actor: ApiActor, filters: Record<string, string>) =>
    (await getBoard(actor, parseBoardQuery({ pipeline: "oa_overseas", ...filters }))).columns.flatMap((c) => cardIds(c.cards));

  it("assignee: mine, nobody, one member", async () => {
    expect(await found(manager, { assignee: "mine" })).toEqual([]);
    expect(await found(staff, { assignee: "none" })).toEqual([ids.unassigned]);
    expect(await found(staff, { assignee: restricted.user.id })).toEqual([ids.later]);
    const mine = await found(staff, { assignee: "mine" });
    expect(mine).not.toContain(ids.later);
    expect(mine).not.toContain(ids.unassigned);
    expect(mine).toContain(ids.overdue);
  });

  it("one client, overdue, due soon, both, waiting, account type", async () => {
    expect(await found(staff, { client: companyB })).toEqual([ids.later]);
    expect(await found(staff, { overdue: "1" })).toEqual([ids.overdue]);
    expect(await found(staff, { soon: "1" })).toEqual([ids.soon]);
    expect(new Set(await found(staff, { overdue: "1", soon: "1" }))).toEqual(new Set([ids.overdue, ids.soon]));
    expect(new Set(await found(staff, { waiting: "any" }))).toEqual(new Set([ids.waitingClient, ids.waitingWechat]));
    expect(await found(staff, { waiting: "wechat" })).toEqual([ids.waitingWechat]);
    expect(await found(staff, { type: "subscription" })).toEqual([]);
    expect((await found(staff, { type: "service" })).length).toBe(COLUMN_PAGE_SIZE + 8);
  });

  it("due within N days (the dashboard's link): from now to N 24-hour days on, past the two-day \"soon\", never overdue", async () => {
    expect(new Set(await found(staff, { within: "7" }))).toEqual(new Set([ids.soon, ids.edge]));
    expect(new Set(await found(staff, { within: "7", overdue: "1" }))).toEqual(new Set([ids.overdue, ids.soon, ids.edge]));
    expect(await found(staff, { within: "7", client: companyB })).toEqual([]);
    // The board's own count per pipeline, as the dashboard's deadlines widget reads it.
    const counts = await countBoardCards(staff, { within: 7 }, ["oa_overseas", "wecom"]);
    expect(Object.fromEntries(counts)).toEqual({ oa_overseas: 2, wecom: 0 });
    expect((await countBoardCards(staff, { overdue: true, assignee: "none" }, ["oa_overseas"])).get("oa_overseas")).toBe(0);
    expect((await countBoardCards(otherStaff, { overdue: true }, ["oa_overseas"])).get("oa_overseas")).toBe(0);
    // Several filter sets in one statement (the deadlines widget's overdue and due soon): each as counted alone.
    const sets: BoardFilters[] = [{ overdue: true }, { within: 7 }, { overdue: true, assignee: "none" }];
    const together = await countBoardCardsUnder(staff, sets, ["oa_overseas", "wecom"]);
    const alone = await Promise.all(sets.map((filters) => countBoardCards(staff, filters, ["oa_overseas", "wecom"])));
    expect(together.map((counts) => Object.fromEntries(counts))).toEqual(alone.map((counts) => Object.fromEntries(counts)));
  });

  it("the counts follow the filters", async () => {
    const board = await getBoard(staff, parseBoardQuery({ pipeline: "oa_overseas", assignee: "mine" }));
    expect(board.columns.find((c) => c.stage === "intake")!.count).toBe(4);
    expect(board.columns.find((c) => c.stage === "on_hold")!.count).toBe(0);
  });

  it("load more keeps the filters", async () => {
    const cards = await wholeColumn(staff, "documents", { assignee: "mine" });
    expect(cards).toHaveLength(45);
    expect(await wholeColumn(staff, "documents", { assignee: "none" })).toEqual([]);
  });
});

describe("the list view", () => {
  it("pages through the pipeline's cards by due date, or one stage's, with the total", async () => {
    const seen: BoardCard[] = [];
    let after: string | undefined;
    let total = 0;
    for (let guard = 0; guard < 10; guard++) {
      const page = await getBoardList(staff, parseBoardQuery({ pipeline: "oa_overseas", view: "list", ...(after ? { after } : {}) }));
      total = page.total;
      expect(page.cards.length).toBeLessThanOrEqual(LIST_PAGE_SIZE);
      seen.push(...page.cards);
      if (!page.next) break;
      after = page.next;
    }
    expect(total).toBe(53);
    expect(seen).toHaveLength(53);
    expect(new Set(cardIds(seen)).size).toBe(53);
    expectBoardOrder(seen);
    const intake = await getBoardList(staff, parseBoardQuery({ pipeline: "oa_overseas", view: "list", stage: "intake" }));
    expect(intake.total).toBe(5);
    expect(intake.cards.map((c) => c.stage)).toEqual(Array(5).fill("intake"));
  });
});

describe("who sees what", () => {
  it("another agency's cards never appear, and reading one is NOT_FOUND", async () => {
    const board = await getBoard(otherStaff, parseBoardQuery({ pipeline: "oa_overseas" }));
    expect(board.columns.flatMap((c) => cardIds(c.cards))).toEqual([ids.inOther]);
    expect(board.total).toBe(1);
    await expect(getBoardCard(staff, ids.inOther)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getBoardCard(staff, "not-a-uuid")).rejects.toBeInstanceOf(AppError);
    expect(await getBoardClientName(otherStaff, companyA)).toBeNull();
    expect(await getBoardClientName(staff, companyA)).toBe("Alpha Pte. Ltd.");
    expect((await getBoardCard(staff, ids.approved)).documents).toEqual({ approved: 2, required: 3 });
  });

  it("a staff member restricted to their clients sees only their clients' cards", async () => {
    await admin.query(`update agencies set restrict_staff_to_assigned = true where id = $1`, [agency.id]);
    try {
      const board = await getBoard(restricted, parseBoardQuery({ pipeline: "oa_overseas" }));
      expect(board.columns.flatMap((c) => cardIds(c.cards))).toEqual([ids.later]);
      expect(board.total).toBe(1);
      await expect(getBoardCard(restricted, ids.overdue)).rejects.toMatchObject({ code: "NOT_FOUND" });
      // A manager is never restricted.
      expect((await getBoard(manager, parseBoardQuery({ pipeline: "oa_overseas" }))).total).toBe(53);
    } finally {
      await admin.query(`update agencies set restrict_staff_to_assigned = false where id = $1`, [agency.id]);
    }
  });

  it("a client administrator may not read the board", async () => {
    const clientAdmin = { ...staff, role: "client_admin" as const };
    await expect(getBoard(clientAdmin, parseBoardQuery({}))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("a card in full, and its notes", () => {
  it("has the card, its account, timeline, documents against the required kinds, and notes added to it", async () => {
    await admin.query(
      `insert into registration_events (id, agency_id, client_company_id, registration_id, from_stage, to_stage, actor_user_id, at)
       values ($1, $2, $3, $4, null, 'intake', $5, now() - interval '2 days')`,
      [newId(), agency.id, companyA, ids.approved, staff.user.id],
    );
    const before = await getCardDetail(staff, ids.approved);
    expect(before.card).toMatchObject({ id: ids.approved, stage: "intake", documents: { approved: 2, required: 3, missing: ["contact_proof"] } });
    expect(before.account).toMatchObject({ kind: "official_account", type: "service" });
    expect(before.requiredKinds).toEqual(["certificate_of_incorporation", "authorisation_letter", "contact_proof"]);
    expect(before.documents.map((d) => d.kind).sort()).toEqual(
      ["authorisation_letter", "certificate_of_incorporation", "certificate_of_incorporation", "contact_proof", "logo"].sort(),
    );
    expect(before.events.map((e) => [e.to, e.actor?.id])).toEqual([["intake", staff.user.id]]);
    expect(before).toMatchObject({ canMove: true, canAddNote: true, notes: [], dueInBusinessDays: null });

    await expect(addRegistrationNote(staff, ids.approved, { body: "  " })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(addRegistrationNote(manager, ids.approved, { body: "Client calls back Friday" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(addRegistrationNote(otherStaff, ids.approved, { body: "Not theirs" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { id } = await addRegistrationNote(staff, ids.approved, { body: "Client calls back Friday" });
    const after = await getCardDetail(manager, ids.approved);
    expect(after.notes).toEqual([expect.objectContaining({ id, body: "Client calls back Friday", author: staff.user.name })]);
    expect(after).toMatchObject({ canMove: false, canAddNote: false });
    const { rows } = await admin.query(`select action, data from audit_events where target_id = $1`, [id]);
    expect(rows).toEqual([{ action: "note.create", data: { clientCompanyId: companyA, registrationId: ids.approved, length: 24 } }]);
  });

  it("counts the business days to the due date on the agency's calendar", async () => {
    const detail = await getCardDetail(staff, ids.later);
    expect(detail.dueInBusinessDays).toBeGreaterThanOrEqual(5);
    expect(detail.dueInBusinessDays).toBeLessThanOrEqual(8);
    expect((await getCardDetail(staff, ids.overdue)).dueInBusinessDays).toBeLessThanOrEqual(0);
  });

  it("another agency's card is NOT_FOUND", async () => {
    await expect(getCardDetail(staff, ids.inOther)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getCardDetail(otherStaff, ids.approved)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
