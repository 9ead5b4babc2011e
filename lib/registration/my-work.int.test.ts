/**
 * Issue 7 §6: "My work" against the real database, as weidesk_app under row-level security,
 * with the clock fixed (lib/clock). A member's own open cards in their most urgent group —
 * overdue, due today (to the agency's midnight), waiting on the client, moved in the last
 * three days — each group in its order, limited, counted, with its board links; final and
 * side states left out; another member's cards and another agency's never appear (nor does
 * another agency's member see this one's); a staff
 * member restricted to their clients (ADR 0010) sees only their clients' cards; a member
 * with nothing open gets the agency's summary. The member's cards are read through an index
 * under the policies (uuid = and smallint = ANY are leakproof, ADR 0009), never a sequential scan.
 */
import { sql, type SQL } from "drizzle-orm";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/db/tenant";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { addAgency, addMember, addOverseasCompany } from "@/lib/testing/registration-fixtures";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { getMyWork, MY_WORK_LIMIT, myWorkCountsSql, myWorkCardsSql, type MyWork, type MyWorkGroupKind } from "./my-work";

process.env.TEST_CLOCK = "1";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TIME_ZONE = "Asia/Shanghai";
/** Noon in Shanghai; the agency's day ends at 16:00 UTC. */
const NOW = new Date("2026-06-10T04:00:00.000Z");
const END_OF_TODAY = new Date("2026-06-10T16:00:00.000Z");
const unique = () => newId().slice(-12);

let admin: pg.Client;
let agency: { id: string; slug: string };
let other: { id: string; slug: string };
let staff: ApiActor;
let colleague: ApiActor;
let restricted: ApiActor;
let manager: ApiActor;
let companyA: string;
let companyB: string;
const ids = {
  overdue: [] as string[],
  today: "",
  todayWaiting: "",
  midnight: "",
  waitingLong: "",
  waitingShort: "",
  movedLatest: "",
  movedEarlier: "",
  movedTooLong: "",
  wecomOverdue: "",
  registered: "",
  onHold: "",
  abandoned: "",
  colleagues: "",
  otherAgency: "",
  restrictedOwn: "",
  restrictedElsewhere: "",
};

const member = (target: { id: string; slug: string }, role: string) => addMember(admin, target, role);
const company = (agencyId: string, name: string, assignee: string | null) => addOverseasCompany(admin, agencyId, name, assignee);

type CardInput = {
  agencyId?: string;
  companyId?: string;
  pipeline?: "oa_overseas" | "wecom";
  stage?: string;
  dueAt?: Date | null;
  waiting?: "none" | "client" | "wechat";
  waitingSince?: Date | null;
  /** When it entered its stage: ten days before NOW unless given. */
  enteredAt?: Date;
  assignee?: string | null;
};

/** A card assigned to `staff` unless said otherwise (oa_overseas with its Official Account, or a WeCom card). */
async function card(input: CardInput = {}): Promise<string> {
  const id = newId();
  const agencyId = input.agencyId ?? agency.id;
  const companyId = input.companyId ?? companyA;
  const pipeline = input.pipeline ?? "oa_overseas";
  const stage = input.stage ?? "documents";
  const side = ["on_hold", "rejected", "abandoned"].includes(stage);
  const waiting = input.waiting ?? "none";
  await admin.query(
    `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, resume_stage, stage_entered_at, due_at,
       waiting, waiting_since, assignee_user_id, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now(), now())`,
    [
      id,
      agencyId,
      companyId,
      pipeline === "wecom" ? "wecom" : "official_account",
      pipeline,
      stage,
      side ? "intake" : null,
      input.enteredAt ?? new Date(NOW.getTime() - 10 * DAY),
      input.dueAt ?? null,
      waiting,
      waiting === "none" ? null : (input.waitingSince ?? new Date(NOW.getTime() - 10 * DAY)),
      input.assignee === undefined ? staff.user.id : input.assignee,
    ],
  );
  if (pipeline === "oa_overseas") {
    await admin.query(
      `insert into official_accounts (id, agency_id, client_company_id, registration_id, subject_kind, account_type, name, created_at, updated_at)
       values ($1, $2, $3, $4, 'overseas', 'service', $5, now(), now())`,
      [newId(), agencyId, companyId, id, `Account ${unique().slice(-5)}`],
    );
  }
  return id;
}

const at = (offset: number) => new Date(NOW.getTime() + offset);
const group = (work: MyWork, kind: MyWorkGroupKind) => work.groups.find((g) => g.kind === kind)!;
const idsOf = (work: MyWork, kind: MyWorkGroupKind) => group(work, kind).cards.map((c) => c.id);

beforeAll(async () => {
  clock.set(NOW);
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  agency = await addAgency(admin, "mw", "My work", TIME_ZONE);
  other = await addAgency(admin, "mw", "My work", TIME_ZONE);
  staff = await member(agency, "staff");
  colleague = await member(agency, "staff");
  restricted = await member(agency, "staff");
  manager = await member(agency, "manager");
  companyA = await company(agency.id, "Alpha Pte. Ltd.", staff.user.id);
  companyB = await company(agency.id, "Beta Pte. Ltd.", restricted.user.id);

  // Overdue: one more than the group shows, the longest overdue first (one also waits on the client, and stays here).
  for (let i = 0; i <= MY_WORK_LIMIT; i++) {
    ids.overdue.push(await card({ stage: i % 2 ? "intake" : "documents", dueAt: at(-(i + 1) * HOUR), waiting: i === 0 ? "client" : "none" }));
  }
  ids.overdue.reverse();
  ids.wecomOverdue = await card({ pipeline: "wecom", stage: "intake", dueAt: at(-30 * MINUTE) });
  // Due today: before the agency's midnight; at midnight it is tomorrow's (and this one was moved long ago).
  ids.today = await card({ dueAt: at(3 * HOUR) });
  ids.todayWaiting = await card({ dueAt: new Date(END_OF_TODAY.getTime() - 1000), waiting: "client", enteredAt: at(-DAY) });
  ids.midnight = await card({ dueAt: END_OF_TODAY });
  // Waiting on the client: the longest waiting first; waiting on WeChat is not waiting on the client.
  ids.waitingShort = await card({ stage: "intake", waiting: "client", waitingSince: at(-DAY), dueAt: at(5 * DAY) });
  ids.waitingLong = await card({ stage: "intake", waiting: "client", waitingSince: at(-5 * DAY) });
  await card({ stage: "awaiting_response", waiting: "wechat", enteredAt: at(-10 * DAY) });
  // Moved recently: within three days, the latest first.
  ids.movedEarlier = await card({ stage: "application_submitted", enteredAt: at(-3 * DAY + MINUTE) });
  ids.movedLatest = await card({ stage: "application_submitted", enteredAt: at(-HOUR), dueAt: at(10 * DAY) });
  ids.movedTooLong = await card({ stage: "application_submitted", enteredAt: at(-3 * DAY - MINUTE) });
  // Finished and side states are not work, however overdue.
  ids.registered = await card({ stage: "registered", dueAt: at(-DAY), enteredAt: at(-HOUR) });
  ids.onHold = await card({ stage: "on_hold", dueAt: at(-DAY), waiting: "client" });
  ids.abandoned = await card({ stage: "abandoned", dueAt: at(-DAY) });
  // Someone else's card, and a card of another agency (its staff member's: an assignee must be a member there).
  ids.colleagues = await card({ dueAt: at(-DAY), assignee: colleague.user.id });
  const otherCompany = await company(other.id, "Alpha Pte. Ltd.", null);
  const otherStaff = await member(other, "staff");
  ids.otherAgency = await card({ agencyId: other.id, companyId: otherCompany, dueAt: at(-DAY), assignee: otherStaff.user.id });
  // The restricted member: a card of their client, and one assigned to them of a client that is not theirs.
  ids.restrictedOwn = await card({ companyId: companyB, dueAt: at(-HOUR), assignee: restricted.user.id });
  ids.restrictedElsewhere = await card({ companyId: companyA, dueAt: at(-2 * HOUR), assignee: restricted.user.id });
});

afterEach(() => clock.set(NOW));

afterAll(async () => {
  clock.reset();
  await admin?.end();
});

describe("my work", () => {
  it("puts each open card of mine in its most urgent group, in the group's order", async () => {
    const work = await getMyWork(staff);
    expect(work.summary).toBeNull();
    expect(work.groups.map((g) => g.kind)).toEqual(["overdue", "today", "waiting", "moved"]);
    // Longest overdue first; the WeCom card half an hour late comes last; the group shows its first five.
    expect(idsOf(work, "overdue")).toEqual(ids.overdue.slice(0, MY_WORK_LIMIT));
    expect(group(work, "overdue").count).toBe(MY_WORK_LIMIT + 2);
    expect(idsOf(work, "today")).toEqual([ids.today, ids.todayWaiting]);
    expect(idsOf(work, "waiting")).toEqual([ids.waitingLong, ids.waitingShort]);
    expect(idsOf(work, "moved")).toEqual([ids.movedLatest, ids.movedEarlier]);
    const shown = work.groups.flatMap((g) => g.cards.map((c) => c.id));
    expect(new Set(shown).size).toBe(shown.length);
    // Every open card of mine counts: the groups' and the rest (midnight, waiting on WeChat, moved too long ago).
    expect(work.open).toBe(MY_WORK_LIMIT + 2 + 2 + 2 + 2 + 3);
  });

  it("shows the card as the board does", async () => {
    const work = await getMyWork(staff);
    const first = group(work, "overdue").cards[0]!;
    expect(first).toMatchObject({
      id: ids.overdue[0],
      pipeline: "oa_overseas",
      company: { id: companyA, name: "Alpha Pte. Ltd." },
      account: { type: "service" },
      assignee: { id: staff.user.id },
      dueState: "overdue",
      waiting: "none",
      documents: { approved: 0, required: 3 },
    });
    expect(group(work, "today").cards[0]!.dueState).toBe("soon");
  });

  it("links each group to each pipeline's board with the matching filter", async () => {
    const work = await getMyWork(staff);
    expect(group(work, "overdue").boards).toEqual([
      { pipeline: "oa_overseas", count: MY_WORK_LIMIT + 1, href: `/${agency.slug}/registrations?pipeline=oa_overseas&assignee=mine&overdue=1` },
      { pipeline: "wecom", count: 1, href: `/${agency.slug}/registrations?pipeline=wecom&assignee=mine&overdue=1` },
    ]);
    expect(group(work, "today").boards.map((b) => b.href)).toEqual([`/${agency.slug}/registrations?pipeline=oa_overseas&assignee=mine&soon=1`]);
    expect(group(work, "waiting").boards.map((b) => b.href)).toEqual([
      `/${agency.slug}/registrations?pipeline=oa_overseas&assignee=mine&waiting=client`,
    ]);
    expect(group(work, "moved").boards.map((b) => b.href)).toEqual([`/${agency.slug}/registrations?pipeline=oa_overseas&assignee=mine`]);
  });

  it("leaves out finished and side states, another member's cards and another agency's", async () => {
    const shown = (await getMyWork(staff)).groups.flatMap((g) => g.cards.map((c) => c.id));
    for (const id of [ids.registered, ids.onHold, ids.abandoned, ids.colleagues, ids.otherAgency, ids.restrictedOwn, ids.restrictedElsewhere]) {
      expect(shown).not.toContain(id);
    }
    const theirs = await getMyWork(colleague);
    expect(theirs.groups.flatMap((g) => g.cards.map((c) => c.id))).toEqual([ids.colleagues]);
    const otherAgencys = await getMyWork(await findMemberActor(other.slug, (await admin.query<{ email: string }>(
      `select u.email from registrations r join users u on u.id = r.assignee_user_id where r.id = $1`, [ids.otherAgency])).rows[0]!.email));
    expect(otherAgencys.groups.flatMap((g) => g.cards.map((c) => c.id))).toEqual([ids.otherAgency]);
  });

  it("follows the clock: at the agency's midnight today's cards are overdue and tomorrow's are due today", async () => {
    clock.set(END_OF_TODAY);
    const work = await getMyWork(staff);
    // Both of today's cards are overdue now (the group shows its first five, the longest overdue).
    expect(group(work, "overdue").count).toBe(MY_WORK_LIMIT + 4);
    expect(idsOf(work, "today")).toEqual([ids.midnight]);
    // Three days on, nothing of the morning's moves is recent any more.
    clock.set(at(3 * DAY));
    expect(idsOf(await getMyWork(staff), "moved")).toEqual([]);
  });

  it("a staff member restricted to their clients sees only their clients' cards", async () => {
    expect(idsOf(await getMyWork(restricted), "overdue")).toEqual([ids.restrictedElsewhere, ids.restrictedOwn]);
    await admin.query(`update agencies set restrict_staff_to_assigned = true where id = $1`, [agency.id]);
    try {
      const work = await getMyWork(restricted);
      expect(idsOf(work, "overdue")).toEqual([ids.restrictedOwn]);
      expect(work.open).toBe(1);
    } finally {
      await admin.query(`update agencies set restrict_staff_to_assigned = false where id = $1`, [agency.id]);
    }
  });

  it("a member with nothing open gets the agency's overdue and due-today cards per pipeline", async () => {
    const work = await getMyWork(manager);
    expect(work.open).toBe(0);
    expect(work.groups.every((g) => g.count === 0 && g.cards.length === 0)).toBe(true);
    const overseas = work.summary!.find((row) => row.pipeline === "oa_overseas")!;
    // Staff's six, the colleague's and the restricted member's two; not the registered, on-hold or abandoned ones.
    expect(overseas).toMatchObject({ overdue: MY_WORK_LIMIT + 1 + 1 + 2, today: 2, overdueHref: `/${agency.slug}/registrations?pipeline=oa_overseas&overdue=1` });
    expect(work.summary!.find((row) => row.pipeline === "wecom")).toMatchObject({ overdue: 1, today: 0 });
    expect(work.summary!.find((row) => row.pipeline === "oa_cn_org")).toMatchObject({ overdue: 0, today: 0 });
  });

  it("reads the member's cards through an index under row-level security, never a sequential scan", async () => {
    for (const [label, query] of [
      ["counts", myWorkCountsSql(staff, NOW)],
      ["cards", myWorkCardsSql(staff, NOW)],
    ] as [string, SQL][]) {
      const plan = await withTenant({ agencyId: agency.id, userId: staff.user.id, readOnly: true }, async (tx) => {
        // A small table: forbid the sequential scan, so the plan shows whether the index can serve under the policies.
        await tx.execute(sql`set local enable_seqscan = off`);
        const { rows } = await tx.execute<{ "QUERY PLAN": string }>(sql`explain ${query}`);
        return rows.map((row) => row["QUERY PLAN"]).join("\n");
      });
      // On this small table the planner may take any registrations index whose conditions are leakproof
      // (assignee, column or pipeline-company); what matters is an index and never a sequential scan.
      expect(plan, `${label}:\n${plan}`).toMatch(/Index (Only )?Scan using registrations_\w+ on registrations|Bitmap Index Scan on registrations_\w+/);
      expect(plan, `${label}:\n${plan}`).not.toMatch(/Seq Scan on registrations/);
    }
  });
});
