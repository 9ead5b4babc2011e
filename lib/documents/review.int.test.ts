/**
 * Issue 8 §3 against the real PostgreSQL and s3rver: staff approve a document's latest
 * version, or reject it with a reason (required, by the service and by the database);
 * a new version after a rejection is reviewed again, versions listed newest first with
 * their numbers; flags and expiry (an expired approval counts as not approved); a stale
 * version, an older version or a quarantined one is CONFLICT. Approving a card's last
 * required document offers the move its guard held back, or with advance_on_documents
 * makes it (exactly one registration event), all in the review's one transaction: a
 * failing move leaves nothing. Managers are FORBIDDEN; other agencies NOT_FOUND.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as postReview } from "@/app/api/v1/document-versions/[id]/review/route";
import { GET as getQueue } from "@/app/api/v1/documents/review-queue/route";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { createApiToken } from "@/lib/api/tokens";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { resetAppState } from "@/lib/testing/app-state";
import { uploadFile } from "@/lib/testing/documents";
import { makeAgencyWithEveryTable, type AgencyFixture } from "@/lib/testing/factories";
import { addMember, idParams, postJson, refusal } from "@/lib/testing/registration-fixtures";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { createDocumentRequest, getDocument, listCompanyDocuments, listReviewQueue, reviewQueueCursor } from "./requests";
import { reviewDocumentVersion, setAdvanceOnDocuments } from "./review";

process.env.TEST_CLOCK = "1";

// 10:00 in Shanghai: "today" there is 2026-06-01.
const start = new Date("2026-06-01T02:00:00Z");
const BASE = "http://weidesk.test/api/v1";

let admin: pg.Client;
let a: AgencyFixture;
let b: AgencyFixture;
let staff: ApiActor;
let staffB: ApiActor;
let owner: ApiActor;
let manager: ApiActor;

const upload = (kind: string, extra: Record<string, unknown> = {}) => uploadFile(staff, { companyId: a.companyId, kind, ...extra });

/** A mainland individual's Official Account card of a's company, in `stage` (its one required document: id_holding_photo). */
async function individualCard(stage: string): Promise<string> {
  const id = newId();
  await admin.query(
    `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, stage_entered_at, created_at, updated_at)
     values ($1, $2, $3, 'official_account', 'oa_cn_individual', $4, $5, $5, $5)`,
    [id, a.agencyId, a.companyId, stage, start],
  );
  return id;
}

async function cardRow(id: string) {
  const { rows } = await admin.query<{ stage: string; version: number }>(`select stage, version from registrations where id = $1`, [id]);
  return rows[0]!;
}

async function eventsOf(registrationId: string) {
  const { rows } = await admin.query<{ from_stage: string | null; to_stage: string; tx: string }>(
    `select from_stage, to_stage, xmin::text as tx from registration_events where registration_id = $1 order by at, id`,
    [registrationId],
  );
  return rows;
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  a = await makeAgencyWithEveryTable(admin, "Review");
  b = await makeAgencyWithEveryTable(admin, "Elsewhere");
  staff = await findMemberActor(a.slug, `staff-${a.slug}@example.com`);
  staffB = await findMemberActor(b.slug, `staff-${b.slug}@example.com`);
  owner = await addMember(admin, { id: a.agencyId, slug: a.slug }, "owner");
  manager = await addMember(admin, { id: a.agencyId, slug: a.slug }, "manager");
});

beforeEach(() => clock.set(start));
afterEach(() => clock.reset());

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("reviewing a version", () => {
  it("rejects only with a reason, takes a new version, then approves it; versions newest first, nothing overwritten", async () => {
    const request = await createDocumentRequest(staff, { companyId: a.companyId, kinds: ["business_licence"] });
    const v1 = await upload("business_licence", { requestId: request.id });
    let document = await getDocument(staff, v1.documentId);

    for (const reason of [undefined, "", "   ", null]) {
      expect(await refusal(reviewDocumentVersion(staff, v1.versionId, { decision: "reject", reason, version: document.version }))).toMatchObject({
        code: "VALIDATION",
        details: { fields: { reason: "documentReview.errors.reasonRequired" } },
      });
    }
    expect(await refusal(reviewDocumentVersion(staff, v1.versionId, { decision: "reject", reason: "x".repeat(1001), version: document.version }))).toMatchObject({
      details: { fields: { reason: "documentReview.errors.reasonTooLong" } },
    });
    // The database holds the rule too.
    await expect(
      admin.query(
        `insert into document_reviews (id, agency_id, client_company_id, document_version_id, decision, reason, at) values ($1, $2, $3, $4, 'reject', '  ', now())`,
        [newId(), a.agencyId, a.companyId, v1.versionId],
      ),
    ).rejects.toMatchObject({ code: "23514", constraint: "document_reviews_reject_has_reason" });

    const rejected = await reviewDocumentVersion(staff, v1.versionId, { decision: "reject", reason: "  The seal is unreadable.  ", version: document.version });
    expect(rejected.nextMove).toBeNull();
    expect(rejected.document).toMatchObject({ status: "rejected", version: document.version + 1 });
    expect(rejected.document.versions[0]!.review).toEqual({
      decision: "reject",
      reason: "The seal is unreadable.",
      reviewer: { id: a.userId, name: "Staff Review", side: "staff" },
      at: start.toISOString(),
    });
    const { rows: audits } = await admin.query(`select data from audit_events where action = 'document.review' and target_id = $1`, [v1.documentId]);
    expect(audits).toEqual([{ data: expect.objectContaining({ decision: "reject", versionId: v1.versionId, reason: "The seal is unreadable." }) }]);

    clock.advance(60_000);
    const v2 = await upload("business_licence", { documentId: v1.documentId, fileName: "licence-2.jpg" });
    document = await getDocument(staff, v1.documentId);
    expect(document.status).toBe("uploaded");
    expect(document.versions.map((v) => [v.id, v.number, v.originalName, v.review?.decision ?? null])).toEqual([
      [v2.versionId, 2, "licence-2.jpg", null],
      [v1.versionId, 1, "business_licence.jpg", "reject"],
    ]);
    // Only the latest version may be reviewed.
    expect(await refusal(reviewDocumentVersion(staff, v1.versionId, { decision: "approve", version: document.version }))).toMatchObject({
      code: "CONFLICT",
      details: { reason: "notLatest", messageKey: "documentReview.errors.notLatest" },
    });
    const approved = await reviewDocumentVersion(staff, v2.versionId, { decision: "approve", version: document.version });
    expect(approved.document).toMatchObject({ status: "approved", versions: [{ id: v2.versionId, review: { decision: "approve", reason: null } }, { id: v1.versionId }] });
    // The request asked for one kind, now approved: fulfilled.
    const { requests } = await listCompanyDocuments(staff, a.companyId);
    expect(requests.find((r) => r.id === request.id)).toMatchObject({
      status: "fulfilled",
      items: [{ kind: "business_licence", documentId: v1.documentId, status: "approved" }],
    });
    const { rows } = await admin.query(`select count(*)::int as n from document_reviews where document_version_id = any($1)`, [[v1.versionId, v2.versionId]]);
    expect(rows[0].n).toBe(2);
  });

  it("sets the flags and the expiry date; an expired approval counts as not approved", async () => {
    const request = await createDocumentRequest(staff, { companyId: a.companyId, kinds: ["org_code_certificate"] });
    const done = await upload("org_code_certificate", { requestId: request.id });
    const before = await getDocument(staff, done.documentId);
    expect(before).toMatchObject({ signed: false, chopped: false, colourScan: false, expiresOn: null, expiry: null });
    const { document } = await reviewDocumentVersion(staff, done.versionId, {
      decision: "approve",
      signed: true,
      chopped: true,
      colourScan: true,
      expiresOn: "2026-06-20",
      version: before.version,
    });
    expect(document).toMatchObject({ status: "approved", signed: true, chopped: true, colourScan: true, expiresOn: "2026-06-20", expiry: "expiring" });
    // Far away: no flag. Past: expired, status stays approved, the request is no longer fulfilled.
    await admin.query(`update documents set expires_on = '2027-06-20' where id = $1`, [done.documentId]);
    expect((await getDocument(staff, done.documentId)).expiry).toBeNull();
    await admin.query(`update documents set expires_on = '2026-05-31' where id = $1`, [done.documentId]);
    expect(await getDocument(staff, done.documentId)).toMatchObject({ status: "approved", expiry: "expired" });
    const { requests } = await listCompanyDocuments(staff, a.companyId);
    expect(requests.find((r) => r.id === request.id)!.items).toEqual([{ kind: "org_code_certificate", documentId: done.documentId, status: "expired" }]);
    expect(await refusal(reviewDocumentVersion(staff, done.versionId, { decision: "approve", expiresOn: "2026-13-01", version: 1 }))).toMatchObject({
      details: { fields: { expiresOn: "documentReview.errors.expiresOnInvalid" } },
    });
  });

  it("refuses a stale version with the current document, and a quarantined version", async () => {
    const done = await upload("contact_proof");
    const document = await getDocument(staff, done.documentId);
    await reviewDocumentVersion(staff, done.versionId, { decision: "approve", version: document.version });
    const stale = await refusal(reviewDocumentVersion(staff, done.versionId, { decision: "reject", reason: "Wrong", version: document.version }));
    expect(stale).toMatchObject({ code: "CONFLICT", details: { reason: "stale", current: { id: done.documentId, status: "approved", version: document.version + 1 } } });

    const other = await upload("contact_proof");
    await admin.query(
      `insert into document_quarantines (id, agency_id, client_company_id, document_version_id, reason, detected_by, at) values ($1, $2, $3, $4, 'etag_mismatch', 'download', now())`,
      [newId(), a.agencyId, a.companyId, other.versionId],
    );
    expect(await refusal(reviewDocumentVersion(staff, other.versionId, { decision: "approve", version: 1 }))).toMatchObject({
      code: "CONFLICT",
      details: { reason: "quarantined" },
    });
    expect((await getDocument(staff, other.documentId)).versions[0]!.quarantine).toMatchObject({ reason: "etag_mismatch", detectedBy: "download" });
  });

  it("is FORBIDDEN to a manager and NOT_FOUND to another agency or for an unknown version", async () => {
    const done = await upload("logo");
    expect((await refusal(reviewDocumentVersion(manager, done.versionId, { decision: "approve", version: 1 }))).code).toBe("FORBIDDEN");
    expect((await refusal(reviewDocumentVersion(staffB, done.versionId, { decision: "approve", version: 1 }))).code).toBe("NOT_FOUND");
    expect((await refusal(reviewDocumentVersion(staff, newId(), { decision: "approve", version: 1 }))).code).toBe("NOT_FOUND");
    expect((await refusal(reviewDocumentVersion(staff, "nope", { decision: "approve", version: 1 }))).code).toBe("NOT_FOUND");
    expect((await getDocument(staff, done.documentId)).status).toBe("uploaded");
  });
});

describe("the card's next move", () => {
  it("is offered when the last required document is approved, and nothing moves", async () => {
    const registrationId = await individualCard("type_chosen");
    const photo = await upload("id_holding_photo", { personId: a.personId, registrationIds: [registrationId] });
    const outcome = await reviewDocumentVersion(staff, photo.versionId, { decision: "approve", version: 1 });
    expect(outcome.nextMove).toEqual({ registrationId, from: "type_chosen", to: "subject_submitted", moved: false });
    expect(outcome.nextMoves).toEqual([outcome.nextMove]);
    expect(await cardRow(registrationId)).toEqual({ stage: "type_chosen", version: 1 });
    expect(await eventsOf(registrationId)).toEqual([]);
  });

  it("offers nothing while a required document is missing, or when the approval is already past its expiry", async () => {
    const registrationId = await individualCard("type_chosen");
    const photo = await upload("id_holding_photo", { personId: a.personId, registrationIds: [registrationId] });
    const outcome = await reviewDocumentVersion(staff, photo.versionId, { decision: "approve", expiresOn: "2026-05-01", version: 1 });
    expect(outcome).toMatchObject({ nextMove: null, nextMoves: [], document: { expiry: "expired" } });
    // org: a licence and an authorisation letter are still missing.
    const { rows } = await admin.query<{ id: string }>(`select id from registrations where id = $1`, [a.registrationId]);
    await admin.query(`update registrations set stage = 'type_chosen' where id = $1`, [rows[0]!.id]);
    const photoOrg = await upload("id_holding_photo", { personId: a.personId, registrationIds: [a.registrationId] });
    expect((await reviewDocumentVersion(staff, photoOrg.versionId, { decision: "approve", version: 1 })).nextMove).toBeNull();
  });

  it("is made with advance_on_documents: the card moves, with exactly one registration event in the review's transaction", async () => {
    expect((await refusal(setAdvanceOnDocuments(staff, true))).code).toBe("FORBIDDEN");
    expect(await setAdvanceOnDocuments(owner, true)).toBe(true);
    try {
      const registrationId = await individualCard("type_chosen");
      const photo = await upload("id_holding_photo", { personId: a.personId, registrationIds: [registrationId] });
      const outcome = await reviewDocumentVersion(staff, photo.versionId, { decision: "approve", version: 1 });
      expect(outcome.nextMove).toEqual({ registrationId, from: "type_chosen", to: "subject_submitted", moved: true });
      expect(await cardRow(registrationId)).toEqual({ stage: "subject_submitted", version: 2 });
      const events = await eventsOf(registrationId);
      expect(events.map((e) => [e.from_stage, e.to_stage])).toEqual([["type_chosen", "subject_submitted"]]);
      const { rows } = await admin.query<{ tx: string }>(
        `select r.xmin::text as tx from document_reviews r where r.document_version_id = $1`,
        [photo.versionId],
      );
      expect(rows[0]!.tx).toBe(events[0]!.tx);
    } finally {
      await setAdvanceOnDocuments(owner, false);
    }
    const { rows } = await admin.query(`select data from audit_events where action = 'agency.settings_change' and agency_id = $1 order by at, id`, [a.agencyId]);
    expect(rows.map((r) => r.data)).toEqual([{ advanceOnDocuments: { before: false, after: true } }, { advanceOnDocuments: { before: true, after: false } }]);
  });

  it("is one transaction with the review: a failing move leaves no review, no status change, no event", async () => {
    await setAdvanceOnDocuments(owner, true);
    const registrationId = await individualCard("type_chosen");
    const trigger = `fail_${registrationId.replaceAll("-", "")}`;
    try {
      const request = await createDocumentRequest(staff, { companyId: a.companyId, kinds: ["id_holding_photo"], registrationId });
      const photo = await upload("id_holding_photo", { personId: a.personId, requestId: request.id });
      expect((await getDocument(staff, photo.documentId)).registrationIds).toEqual([registrationId]);
      await admin.query(`create function ${trigger}() returns trigger language plpgsql as $$ begin
          if new.registration_id = '${registrationId}'::uuid then raise exception 'refused by the test'; end if; return new; end $$`);
      await admin.query(`create trigger ${trigger} before insert on registration_events for each row execute function ${trigger}()`);
      await expect(reviewDocumentVersion(staff, photo.versionId, { decision: "approve", version: 1 })).rejects.toThrow();
      expect(await getDocument(staff, photo.documentId)).toMatchObject({ status: "uploaded", version: 1, versions: [{ review: null }] });
      const { rows: reviews } = await admin.query(`select 1 from document_reviews where document_version_id = $1`, [photo.versionId]);
      expect(reviews).toEqual([]);
      const { rows: audits } = await admin.query(`select 1 from audit_events where action = 'document.review' and target_id = $1`, [photo.documentId]);
      expect(audits).toEqual([]);
      expect((await listCompanyDocuments(staff, a.companyId)).requests.find((r) => r.id === request.id)!.status).toBe("open");
      expect(await cardRow(registrationId)).toEqual({ stage: "type_chosen", version: 1 });
    } finally {
      await admin.query(`drop trigger if exists ${trigger} on registration_events`);
      await admin.query(`drop function if exists ${trigger}()`);
      await setAdvanceOnDocuments(owner, false);
    }
  });
});

describe("the review queue", () => {
  it("lists documents waiting for review oldest first, a page at a time; a reviewed one leaves it", async () => {
    const first = await upload("application");
    clock.advance(1000);
    const second = await upload("application");
    const queue = await listReviewQueue(staff, { limit: 100 });
    const mine = queue.filter((item) => [first.documentId, second.documentId].includes(item.document.id));
    expect(mine.map((item) => item.document.id)).toEqual([first.documentId, second.documentId]);
    expect(mine[0]).toMatchObject({ company: { id: a.companyId }, waitingSince: start.toISOString() });
    const times = queue.map((item) => item.waitingSince);
    expect([...times].sort()).toEqual(times);
    // The fixture's document waits on a quarantined version: not in the queue.
    expect(queue.every((item) => item.document.versions[0]!.quarantine === null)).toBe(true);

    const page = await listReviewQueue(staff, { limit: 1 });
    const next = await listReviewQueue(staff, { limit: 100, cursor: reviewQueueCursor(page[0]!) });
    expect(next.map((item) => item.document.id)).toEqual(queue.slice(1).map((item) => item.document.id));
    expect(await refusal(listReviewQueue(staff, { cursor: "garbage" }))).toMatchObject({ details: { fields: { cursor: "documentRequests.errors.cursorInvalid" } } });

    await reviewDocumentVersion(staff, first.versionId, { decision: "approve", version: 1 });
    expect((await listReviewQueue(staff, { limit: 100 })).map((item) => item.document.id)).not.toContain(first.documentId);
    expect((await listReviewQueue(staffB, { limit: 100 })).map((item) => item.document.id)).not.toContain(second.documentId);
    expect((await refusal(listReviewQueue(manager))).code).toBe("FORBIDDEN");
  });
});

describe("through the JSON API", () => {
  it("reviews (200), refuses a rejection without reason (422) and a stale version (409 with the current document)", async () => {
    const token = (await createApiToken(staff, { name: "review script", expiresInDays: 30 })).token;
    const done = await upload("logo");
    const path = `${BASE}/document-versions/${done.versionId}/review`;
    const missing = await postReview(postJson(path, token, { decision: "reject", version: 1 }), idParams(done.versionId));
    expect(missing.status).toBe(422);
    expect(await missing.json()).toMatchObject({ fields: { reason: { key: "documentReview.errors.reasonRequired" } } });
    const ok = await postReview(postJson(path, token, { decision: "approve", chopped: true, version: 1 }), idParams(done.versionId));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ document: { id: done.documentId, status: "approved", chopped: true }, nextMove: null, nextMoves: [] });
    const stale = await postReview(postJson(path, token, { decision: "approve", version: 1 }), idParams(done.versionId));
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ code: "CONFLICT", reason: "stale", current: { id: done.documentId, version: 2 } });

    const queue = await getQueue(new Request(`${BASE}/documents/review-queue?limit=1`, { headers: { authorization: `Bearer ${token}` } }));
    expect(queue.status).toBe(200);
    expect(queue.headers.get("link")).toMatch(/cursor=/);
  });
});
