/**
 * Issue 8 §6 against the real PostgreSQL and s3rver: the staging sweep deletes the
 * objects of intents pending for more than 24 hours and expires them (a fresh one stays);
 * the reconciliation reports objects without rows (bytes written to another company's key
 * without an intent), rows without objects and size or ETag mismatches (quarantining
 * them, as a download would), in one report per agency run that only the agency's owners
 * and admins read; the worker runs both on a schedule.
 */
import { CreateBucketCommand, DeleteObjectCommand } from "@aws-sdk/client-s3";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { urlForRole } from "@/db/roles";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { startWorker } from "@/lib/jobs/worker";
import { bucket, s3 } from "@/lib/storage/s3";
import { resetAppState } from "@/lib/testing/app-state";
import { anonymousPut, objectExists, startLicenceUpload, TEST_JPEG as JPEG, uploadLicence, versionKey } from "@/lib/testing/documents";
import { makeAgencyWithEveryTable, type AgencyFixture } from "@/lib/testing/factories";
import { addMember } from "@/lib/testing/registration-fixtures";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import type { ReconciliationFinding } from "./document-types";
import { createDownloadLink } from "./download";
import { getDocument, listCompanyDocuments } from "./requests";
import { reviewDocumentVersion } from "./review";
import { agenciesInStore, RECONCILE_QUEUE, reconcileStorageJob, runReconciliation, runStagingSweep, sweepStaging } from "./storage-jobs";
import { listReconciliationReports, runReconciliationNow } from "./storage-report";
import { completeUpload } from "./upload";

process.env.TEST_CLOCK = "1";

const start = new Date("2026-06-01T02:00:00Z");
const HOUR = 60 * 60 * 1000;


let admin: pg.Client;
let a: AgencyFixture;
let b: AgencyFixture;
let staff: ApiActor;
let owner: ApiActor;
let ownerB: ApiActor;

async function intentStatus(id: string): Promise<{ status: string; staging_key: string }> {
  const { rows } = await admin.query(`select status, staging_key from upload_intents where id = $1`, [id]);
  return rows[0];
}

const member = (fixture: AgencyFixture, role: string) => addMember(admin, { id: fixture.agencyId, slug: fixture.slug }, role);

const findingsOf = (findings: ReconciliationFinding[], kind: ReconciliationFinding["kind"]) => findings.filter((f) => f.kind === kind);

// This file's own bucket: s3rver fails a listing that meets a PUT in progress in the same
// bucket, and the reconciliation lists while other test files upload to the shared one.
const JOBS_BUCKET = "weidesk-test-storage-jobs";
const savedBucket = process.env.S3_BUCKET;

beforeAll(async () => {
  await resetAppState();
  process.env.S3_BUCKET = JOBS_BUCKET;
  await s3().send(new CreateBucketCommand({ Bucket: JOBS_BUCKET })).catch((error: Error) => {
    if (!/BucketAlready/.test(error.name)) throw error;
  });
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  a = await makeAgencyWithEveryTable(admin, "Storage");
  b = await makeAgencyWithEveryTable(admin, "Yonder");
  staff = await findMemberActor(a.slug, `staff-${a.slug}@example.com`);
  owner = await member(a, "owner");
  ownerB = await member(b, "owner");
});

beforeEach(() => clock.set(start));
afterEach(() => clock.reset());

afterAll(async () => {
  await admin.end();
  await resetAppState();
  if (savedBucket === undefined) delete process.env.S3_BUCKET;
  else process.env.S3_BUCKET = savedBucket;
});

describe("the staging sweep", () => {
  it("deletes the object of an intent pending for 25 hours and expires it; a fresh one is untouched", async () => {
    clock.set(new Date(start.getTime() - 25 * HOUR));
    const old = await startLicenceUpload(staff, a.companyId);
    clock.set(new Date(start.getTime() - 23 * HOUR));
    const fresh = await startLicenceUpload(staff, a.companyId);
    clock.set(start);
    const oldKey = (await intentStatus(old.id)).staging_key;
    const freshKey = (await intentStatus(fresh.id)).staging_key;
    expect(await objectExists(oldKey)).toBe(true);

    expect(await agenciesInStore()).toContain(a.agencyId);
    expect(await runStagingSweep(start)).toBeGreaterThanOrEqual(1);
    expect(await objectExists(oldKey)).toBe(false);
    expect(await intentStatus(old.id)).toMatchObject({ status: "expired" });
    expect(await objectExists(freshKey)).toBe(true);
    expect(await intentStatus(fresh.id)).toMatchObject({ status: "pending" });
    // Completing the expired one answers its refusal.
    await expect(completeUpload(staff, old.id)).rejects.toMatchObject({ code: "VALIDATION", details: { reason: "expired" } });

    // A second run finds nothing more of these; two hours later the other one goes too.
    expect(await sweepStaging(a.agencyId, start)).toBe(0);
    expect(await sweepStaging(a.agencyId, new Date(start.getTime() + 2 * HOUR))).toBe(1);
    expect(await objectExists(freshKey)).toBe(false);
    expect(await intentStatus(fresh.id)).toMatchObject({ status: "expired" });
  });
});

describe("the reconciliation", () => {
  it("reports a tampered version (already quarantined by a download), an object without a row, a row without an object, and quarantines what it finds", async () => {
    const tampered = await uploadLicence(staff, a.companyId);
    const unseen = await uploadLicence(staff, a.companyId);
    const deleted = await uploadLicence(staff, a.companyId);
    const good = await uploadLicence(staff, a.companyId);
    const tamperedKey = await versionKey(admin, tampered.versionId);
    const unseenKey = await versionKey(admin, unseen.versionId);
    const deletedKey = await versionKey(admin, deleted.versionId);

    // New bytes at the final key with no credentials: the download refuses and quarantines.
    await anonymousPut(tamperedKey, Buffer.concat([JPEG, Buffer.from("tampered")]));
    await expect(createDownloadLink(staff, tampered.versionId)).rejects.toMatchObject({ code: "CONFLICT" });
    // Another one nobody downloads; the reconciliation catches it.
    const same = Buffer.from(JPEG);
    same[10] = same[10]! ^ 0x01;
    await anonymousPut(unseenKey, same);
    await s3().send(new DeleteObjectCommand({ Bucket: bucket(), Key: deletedKey }));
    // Bytes under the other company's key that no intent put there.
    const strayKey = `agencies/${a.agencyId}/companies/${a.otherCompanyId}/documents/${newId()}/${newId()}`;
    await anonymousPut(strayKey, JPEG);
    // Another agency's objects are never part of this one's report.
    const elsewhere = await uploadLicence(await findMemberActor(b.slug, `staff-${b.slug}@example.com`), b.companyId);

    clock.advance(HOUR);
    const report = await runReconciliation(a.agencyId, clock.now());
    expect(report.startedAt).toBe(clock.now().toISOString());
    expect(findingsOf(report.findings, "mismatch")).toEqual(
      expect.arrayContaining([
        { kind: "mismatch", key: tamperedKey, versionId: tampered.versionId, detail: "size_mismatch" },
        { kind: "mismatch", key: unseenKey, versionId: unseen.versionId, detail: "etag_mismatch" },
      ]),
    );
    expect(findingsOf(report.findings, "mismatch")).toHaveLength(2);
    expect(findingsOf(report.findings, "row_without_object")).toEqual(
      expect.arrayContaining([{ kind: "row_without_object", key: deletedKey, versionId: deleted.versionId, detail: "missing" }]),
    );
    expect(findingsOf(report.findings, "object_without_row")).toEqual([{ kind: "object_without_row", key: strayKey, detail: `${JPEG.length}` }]);
    const keys = report.findings.map((f) => f.key);
    expect(keys).not.toContain(await versionKey(admin, good.versionId));
    expect(keys.some((key) => key.includes(b.agencyId))).toBe(false);
    expect(keys).not.toContain(await versionKey(admin, elsewhere.versionId));
    // Three objects of versions still there plus the stray one (the deleted one is gone; staging is the sweep's).
    expect(report.objectsScanned).toBe(4);
    expect(report.versionsChecked).toBeGreaterThanOrEqual(4);

    const { rows: quarantines } = await admin.query(
      `select document_version_id as id, reason, detected_by from document_quarantines where document_version_id = any($1::uuid[]) order by reason`,
      [[tampered.versionId, unseen.versionId, deleted.versionId, good.versionId]],
    );
    expect(quarantines).toEqual([
      { id: unseen.versionId, reason: "etag_mismatch", detected_by: "reconciliation" },
      { id: deleted.versionId, reason: "missing", detected_by: "reconciliation" },
      { id: tampered.versionId, reason: "size_mismatch", detected_by: "download" },
    ]);
    const { rows: docs } = await admin.query(`select id, status from documents where id = any($1::uuid[])`, [
      [tampered.documentId, unseen.documentId, deleted.documentId, good.documentId],
    ]);
    expect(Object.fromEntries(docs.map((d) => [d.id, d.status]))).toEqual({
      [tampered.documentId]: "quarantined",
      [unseen.documentId]: "quarantined",
      [deleted.documentId]: "quarantined",
      [good.documentId]: "uploaded",
    });
    // The unseen version is never served now.
    await expect(createDownloadLink(staff, unseen.versionId)).rejects.toMatchObject({ code: "CONFLICT" });

    // One report row, read by the agency's owner only.
    const { rows: stored } = await admin.query(`select count(*)::int as n from storage_reconciliations where id = $1 and agency_id = $2`, [
      report.id,
      a.agencyId,
    ]);
    expect(stored[0].n).toBe(1);
    const listed = await listReconciliationReports(owner);
    expect(listed[0]).toEqual(report);
    expect((await listReconciliationReports(ownerB)).map((r) => r.id)).not.toContain(report.id);
    await expect(listReconciliationReports(staff)).rejects.toBeInstanceOf(AppError);

    // A second run reports the same, and quarantines nothing twice.
    clock.advance(HOUR);
    const again = await runReconciliation(a.agencyId, clock.now());
    expect(again.findings.map((f) => f.key).sort()).toEqual(report.findings.map((f) => f.key).sort());
    const { rows: count } = await admin.query(`select count(*)::int as n from document_quarantines where document_version_id = any($1::uuid[])`, [
      [tampered.versionId, unseen.versionId, deleted.versionId],
    ]);
    expect(count[0].n).toBe(3);
  });

  it("catches new bytes behind an approved version: the download refuses and quarantines, the reconciliation reports it; a stray object is never listed", async () => {
    const done = await uploadLicence(staff, a.companyId);
    const before = await getDocument(staff, done.documentId);
    const approved = await reviewDocumentVersion(staff, done.versionId, { decision: "approve", version: before.version });
    expect(approved.document.status).toBe("approved");
    const key = await versionKey(admin, done.versionId);
    // The approved file is served, then swapped behind the app's back (s3rver takes anonymous writes).
    expect((await createDownloadLink(staff, done.versionId)).contentType).toBe("image/jpeg");
    await anonymousPut(key, Buffer.concat([JPEG, Buffer.from("swapped after approval")]));

    await expect(createDownloadLink(staff, done.versionId)).rejects.toMatchObject({
      code: "CONFLICT",
      details: { messageKey: "documentDownload.errors.quarantined" },
    });
    const after = await getDocument(staff, done.documentId);
    expect(after.status).toBe("quarantined");
    expect(after.versions[0]).toMatchObject({ id: done.versionId, quarantine: { reason: "size_mismatch", detectedBy: "download" } });

    // Bytes under the other company's key that no intent put there: no page or API lists them.
    const strayKey = `agencies/${a.agencyId}/companies/${a.otherCompanyId}/documents/${newId()}/${newId()}`;
    await anonymousPut(strayKey, JPEG);
    const other = await listCompanyDocuments(staff, a.otherCompanyId);
    const listedIds = other.documents.flatMap((document) => document.versions.map((version) => version.id));
    expect(listedIds).not.toContain(strayKey.split("/").at(-1));

    clock.advance(2 * HOUR);
    const report = await runReconciliation(a.agencyId, clock.now());
    expect(report.findings).toEqual(
      expect.arrayContaining([
        { kind: "mismatch", key, versionId: done.versionId, detail: "size_mismatch" },
        { kind: "object_without_row", key: strayKey, detail: `${JPEG.length}` },
      ]),
    );
  });

  it("runs now for an owner, never for staff or a manager", async () => {
    clock.set(new Date(start.getTime() + 3 * HOUR));
    const report = await runReconciliationNow(owner);
    expect((await listReconciliationReports(owner))[0]!.id).toBe(report.id);
    await expect(runReconciliationNow(staff)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(runReconciliationNow(await member(a, "manager"))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the worker", () => {
  it("schedules the reconciliation and runs a tick for every agency its schedule names", async () => {
    const workerUrl = urlForRole(workerDatabaseUrl(), "weidesk_worker", process.env.DATABASE_ROLE_PASSWORD);
    const { rows: before } = await admin.query(`select count(*)::int as n from storage_reconciliations where agency_id = any($1::uuid[])`, [
      [a.agencyId, b.agencyId],
    ]);
    const { boss, stop } = await startWorker(workerUrl, [
      { ...reconcileStorageJob, schedule: { cron: "40 3 * * *", agencies: async () => [a.agencyId, b.agencyId] } },
    ]);
    try {
      const { rows: schedules } = await admin.query(`select name, cron, data from pgboss.schedule where name = $1`, [RECONCILE_QUEUE]);
      expect(schedules).toEqual([{ name: RECONCILE_QUEUE, cron: "40 3 * * *", data: { tick: true } }]);
      await boss.send(RECONCILE_QUEUE, { tick: true });
      const deadline = Date.now() + 20_000;
      for (;;) {
        const { rows } = await admin.query(`select agency_id from storage_reconciliations where agency_id = any($1::uuid[])`, [[a.agencyId, b.agencyId]]);
        if (rows.length >= before[0].n + 2) {
          expect(new Set(rows.map((r) => r.agency_id))).toEqual(new Set([a.agencyId, b.agencyId]));
          break;
        }
        if (Date.now() > deadline) throw new Error("the tick did not reconcile both agencies");
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      await boss.unschedule(RECONCILE_QUEUE);
      await stop();
    }
  });
});
