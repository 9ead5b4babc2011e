/**
 * Issue 7 §2 against the real database: the yearly WeChat verification follows a WeCom
 * card's moves — pending on verification_submitted, verified for a year on verified,
 * failed on a rejection while WeChat had it, back to what it was on an undo — written to
 * the corp in the move's own transaction, with before and after in its audit event; and
 * every card read (one card, the list, the board, a move's answer) shows the verification
 * of an Official Account or a WeCom corp with its 90/30/7-day warning at the read's time.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { createWecomCorp, type WecomCorp } from "@/lib/wecom/service";
import { getBoard, getBoardCard } from "./board";
import { parseBoardQuery } from "./board-query";
import { moveRegistration } from "./move";
import { getRegistration, listRegistrations } from "./queries";

process.env.TEST_CLOCK = "1";

/** A Monday, 10:00 in Shanghai. */
const start = new Date("2026-05-04T02:00:00Z");
const minutes = (n: number) => new Date(start.getTime() + n * 60_000);
const unique = () => newId().slice(-12);

let admin: pg.Client;
let agencyId: string;
let companyId: string;
let staff: ApiActor;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  agencyId = newId();
  companyId = newId();
  const slug = `vf-${unique()}`;
  const userId = newId();
  const email = `staff-${slug}@example.com`;
  await admin.query(`insert into agencies (id, slug, name, created_at) values ($1, $2, 'Verification agency', $3)`, [agencyId, slug, start]);
  await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, 'Staff', $3, $3)`, [userId, email, start]);
  await admin.query(`insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, 'staff', $4)`, [newId(), agencyId, userId, start]);
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, uscc, created_at, updated_at)
     values ($1, $2, 'cn_org', 'enterprise', $3, '91110000600037341L', $4, $4)`,
    [companyId, agencyId, `认证测试有限公司 ${unique()}`, start],
  );
  staff = await findMemberActor(slug, email);
});

beforeEach(() => clock.set(start));
afterEach(() => clock.reset());

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

/** A WeCom corp whose card stands in corp_created at version 4, its required documents approved. */
async function corpReadyToVerify(name: string): Promise<WecomCorp> {
  const corp = await createWecomCorp(staff, { clientCompanyId: companyId, corpName: name });
  await admin.query(`update registrations set stage = 'corp_created', version = 4 where id = $1`, [corp.registrationId]);
  for (const kind of ["business_licence", "verification_letter"]) {
    const id = newId();
    await admin.query(
      `insert into documents (id, agency_id, client_company_id, kind, status, created_at, updated_at) values ($1, $2, $3, $4, 'approved', $5, $5)`,
      [id, agencyId, companyId, kind, start],
    );
    await admin.query(`insert into document_registrations (agency_id, client_company_id, document_id, registration_id) values ($1, $2, $3, $4)`, [
      agencyId,
      companyId,
      id,
      corp.registrationId,
    ]);
  }
  return corp;
}

/** The corp's verification as the database holds it, and the transaction that last wrote it. */
async function corpRow(corpId: string) {
  const { rows } = await admin.query<{ verification_status: string; verification_expires_at: Date | null; tx: string }>(
    `select verification_status, verification_expires_at, xmin::text as tx from wecom_corps where id = $1`,
    [corpId],
  );
  return rows[0]!;
}

async function cardTx(registrationId: string) {
  const { rows } = await admin.query<{ tx: string }>(`select xmin::text as tx from registrations where id = $1`, [registrationId]);
  return rows[0]!.tx;
}

async function auditedVerifications(registrationId: string) {
  const { rows } = await admin.query<{ data: Record<string, unknown>; tx: string }>(
    `select data, xmin::text as tx from audit_events where action = 'registration.move' and target_id = $1 order by at, id`,
    [registrationId],
  );
  return rows.map((row) => ({ to: row.data.to, verification: row.data.verification ?? null, tx: row.tx }));
}

describe("a WeCom card's moves and its corp's verification", () => {
  it("sets pending on verification_submitted and verified for a year on verified, in the move's transaction, with the audit", async () => {
    const corp = await corpReadyToVerify("认证流程企业微信");
    expect(await corpRow(corp.id)).toMatchObject({ verification_status: "none", verification_expires_at: null });

    const submitted = await moveRegistration(staff, corp.registrationId, { to: "verification_submitted", version: 4 });
    expect(submitted.verification).toEqual({ status: "pending", expiresAt: null, daysLeft: null, threshold: null, expired: false });
    const pendingRow = await corpRow(corp.id);
    expect(pendingRow).toMatchObject({ verification_status: "pending", verification_expires_at: null });
    expect(pendingRow.tx).toBe(await cardTx(corp.registrationId));

    // Verified three days later, at 11:00 in Shanghai on Thursday 7 May 2026: it lasts until the same instant of 7 May 2027.
    const verifiedAt = new Date("2026-05-07T03:00:00Z");
    clock.set(verifiedAt);
    const verified = await moveRegistration(staff, corp.registrationId, { to: "verified", version: 5 });
    expect(verified.verification).toEqual({ status: "verified", expiresAt: "2027-05-07T03:00:00.000Z", daysLeft: 365, threshold: null, expired: false });
    const verifiedRow = await corpRow(corp.id);
    expect(verifiedRow.verification_status).toBe("verified");
    expect(verifiedRow.verification_expires_at?.toISOString()).toBe("2027-05-07T03:00:00.000Z");
    expect(verifiedRow.tx).toBe(await cardTx(corp.registrationId));

    // Moving on changes no verification, and its audit event says none.
    clock.set(new Date("2026-05-08T03:00:00Z"));
    await moveRegistration(staff, corp.registrationId, { to: "backend_configured", version: 6 });
    expect((await corpRow(corp.id)).verification_status).toBe("verified");

    const audits = await auditedVerifications(corp.registrationId);
    expect(audits.map(({ tx: _tx, ...audit }) => audit)).toEqual([
      { to: "verification_submitted", verification: { before: { status: "none", expiresAt: null }, after: { status: "pending", expiresAt: null } } },
      {
        to: "verified",
        verification: { before: { status: "pending", expiresAt: null }, after: { status: "verified", expiresAt: "2027-05-07T03:00:00.000Z" } },
      },
      { to: "backend_configured", verification: null },
    ]);
    expect(audits[1]!.tx).toBe(verifiedRow.tx);
  });

  it("shows the warning at 90, 30 and 7 days before the expiry, and expired after it, on every read", async () => {
    const corp = await corpReadyToVerify("认证提醒企业微信");
    await moveRegistration(staff, corp.registrationId, { to: "verification_submitted", version: 4 });
    clock.set(new Date("2026-05-07T03:00:00Z"));
    await moveRegistration(staff, corp.registrationId, { to: "verified", version: 5 });
    const verifiedColumn = async () =>
      (await getBoard(staff, parseBoardQuery({ pipeline: "wecom" }))).columns.find((column) => column.stage === "verified")!.cards.find((card) => card.id === corp.registrationId)!;

    // 7 February 2027, 03:00 UTC: 89 days before 7 May (February 21 + March 31 + April 30 + 7).
    clock.set(new Date("2027-02-07T03:00:00Z"));
    expect((await getRegistration(staff, corp.registrationId)).verification).toEqual({
      status: "verified",
      expiresAt: "2027-05-07T03:00:00.000Z",
      daysLeft: 89,
      threshold: 90,
      expired: false,
    });
    expect((await verifiedColumn()).verification).toMatchObject({ daysLeft: 89, threshold: 90 });

    // 7 April 2027: 30 days before; 2 May: 5 days before.
    clock.set(new Date("2027-04-07T03:00:00Z"));
    expect((await getBoardCard(staff, corp.registrationId)).verification).toMatchObject({ status: "verified", daysLeft: 30, threshold: 30 });
    clock.set(new Date("2027-05-02T03:00:00Z"));
    expect((await getRegistration(staff, corp.registrationId)).verification).toMatchObject({ daysLeft: 5, threshold: 7, expired: false });

    // A day after the expiry: still `verified` in the database, expired on every read.
    clock.set(new Date("2027-05-08T03:00:00Z"));
    const expired = { status: "expired", expiresAt: "2027-05-07T03:00:00.000Z", daysLeft: -1, threshold: null, expired: true };
    expect((await getRegistration(staff, corp.registrationId)).verification).toEqual(expired);
    expect((await getBoardCard(staff, corp.registrationId)).verification).toEqual(expired);
    expect((await verifiedColumn()).verification).toEqual(expired);
    expect((await corpRow(corp.id)).verification_status).toBe("verified");
  });

  it("sets failed on a rejection, pending on the resubmission, and undoes a verified move back to pending", async () => {
    const corp = await corpReadyToVerify("认证驳回企业微信");
    await moveRegistration(staff, corp.registrationId, { to: "verification_submitted", version: 4 });
    clock.set(minutes(60));
    const rejected = await moveRegistration(staff, corp.registrationId, { to: "rejected", version: 5 });
    expect(rejected.verification).toMatchObject({ status: "failed", expiresAt: null });
    expect(await corpRow(corp.id)).toMatchObject({ verification_status: "failed", verification_expires_at: null });

    clock.set(minutes(120));
    await moveRegistration(staff, corp.registrationId, { to: "verification_submitted", version: 6 });
    expect((await corpRow(corp.id)).verification_status).toBe("pending");

    // A mis-drag to verified, undone by its mover within minutes: no verification after all.
    clock.set(minutes(180));
    await moveRegistration(staff, corp.registrationId, { to: "verified", version: 7 });
    expect((await corpRow(corp.id)).verification_status).toBe("verified");
    clock.set(minutes(182));
    const undone = await moveRegistration(staff, corp.registrationId, { to: "verification_submitted", version: 8 });
    expect(undone).toMatchObject({ stage: "verification_submitted", verification: { status: "pending", expiresAt: null } });
    expect(await corpRow(corp.id)).toMatchObject({ verification_status: "pending", verification_expires_at: null });
    expect((await auditedVerifications(corp.registrationId)).at(-1)).toMatchObject({
      to: "verification_submitted",
      verification: { before: { status: "verified", expiresAt: "2027-05-04T05:00:00.000Z" }, after: { status: "pending", expiresAt: null } },
    });
  });
});

describe("an Official Account's verification on its card", () => {
  it("reads the account's status and expiry with the warning; a card's account row missing reads null", async () => {
    const registrationId = newId();
    await admin.query(
      `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, stage_entered_at, created_at, updated_at)
       values ($1, $2, $3, 'official_account', 'oa_cn_org', 'registered', $4, $4, $4)`,
      [registrationId, agencyId, companyId, start],
    );
    await admin.query(
      `insert into official_accounts (id, agency_id, client_company_id, registration_id, subject_kind, account_type, name,
         verification_status, verification_expires_at, created_at, updated_at)
       values ($1, $2, $3, $4, 'cn_org', 'service', '认证公众号', 'verified', '2026-06-03T02:00:00Z', $5, $5)`,
      [newId(), agencyId, companyId, registrationId, start],
    );
    // 4 May 02:00 → 3 June 02:00: 30 days (May 27 + 3).
    const expected = { status: "verified", expiresAt: "2026-06-03T02:00:00.000Z", daysLeft: 30, threshold: 30, expired: false };
    expect((await getRegistration(staff, registrationId)).verification).toEqual(expected);
    expect((await getBoardCard(staff, registrationId)).verification).toEqual(expected);
    const listed = await listRegistrations(staff, { pipeline: "oa_cn_org", limit: 50 });
    expect(listed.rows.find((card) => card.id === registrationId)?.verification).toEqual(expected);

    const bare = newId();
    await admin.query(
      `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, stage_entered_at, created_at, updated_at)
       values ($1, $2, $3, 'official_account', 'oa_cn_org', 'intake', $4, $4, $4)`,
      [bare, agencyId, companyId, start],
    );
    expect((await getRegistration(staff, bare)).verification).toBeNull();
  });
});
