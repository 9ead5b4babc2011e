/**
 * Issue 8 §4 and "What it must show", against the real PostgreSQL and s3rver: a download
 * is a presigned GET of 60 s, attachment, the verified type, after a permission check in
 * the database; bytes written to the final key behind the app's back (s3rver takes
 * anonymous writes) are caught by the HEAD before signing, the version is quarantined
 * (committed, though the download is refused) and never served again; another company's
 * or agency's version is 404, and so is an object written without an intent (it has no
 * version to ask for).
 */
import { DeleteObjectCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getDownload } from "@/app/api/v1/document-versions/[id]/download/route";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { createApiToken } from "@/lib/api/tokens";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { bucket, s3 } from "@/lib/storage/s3";
import { resetAppState } from "@/lib/testing/app-state";
import { anonymousPut, clientAdminActor, startLicenceUpload, TEST_JPEG as JPEG, uploadLicence, versionKey } from "@/lib/testing/documents";
import { makeAgencyWithEveryTable, type AgencyFixture } from "@/lib/testing/factories";
import { addMember, refusal } from "@/lib/testing/registration-fixtures";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { contentDisposition, createDownloadLink, DOWNLOAD_MESSAGES } from "./download";
import { completeUpload, type UploadActor } from "./upload";

process.env.TEST_CLOCK = "1";

const start = new Date("2026-06-01T02:00:00Z");

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1");

let admin: pg.Client;
let a: AgencyFixture;
let b: AgencyFixture;
let staff: ApiActor;
let staffB: ApiActor;
let manager: ApiActor;
let clientAdmin: UploadActor;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  a = await makeAgencyWithEveryTable(admin, "Download");
  b = await makeAgencyWithEveryTable(admin, "Faraway");
  staff = await findMemberActor(a.slug, `staff-${a.slug}@example.com`);
  staffB = await findMemberActor(b.slug, `staff-${b.slug}@example.com`);
  manager = await addMember(admin, { id: a.agencyId, slug: a.slug }, "manager");
  clientAdmin = clientAdminActor(staff.agency, a.clientAdminUserId, `client-${a.slug}@example.com`, a.companyId);
});

beforeEach(() => clock.set(start));
afterEach(() => clock.reset());

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("a download link", () => {
  it("is a presigned GET of 60 s serving the bytes as an attachment with the verified type", async () => {
    const done = await uploadLicence(staff, a.companyId, { fileName: "营业执照 (2026).jpg" });
    const link = await createDownloadLink(staff, done.versionId);
    expect(link).toMatchObject({ fileName: "营业执照 (2026).jpg", contentType: "image/jpeg" });
    const url = new URL(link.url);
    expect(url.searchParams.get("X-Amz-Expires")).toBe("60");
    expect(url.pathname).toBe(`/${bucket()}/${await versionKey(admin, done.versionId)}`);
    const signedAt = url.searchParams.get("X-Amz-Date")!;
    expect(new Date(link.expiresAt).getTime() - Date.parse(signedAt.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"))).toBe(60_000);

    const response = await fetch(link.url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    const disposition = response.headers.get("content-disposition")!;
    expect(disposition).toBe(contentDisposition("attachment", "营业执照 (2026).jpg"));
    expect(disposition).toMatch(/^attachment; /);
    expect(disposition).toContain("filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%20%282026%29.jpg");
    expect(Buffer.from(await response.arrayBuffer()).equals(JPEG)).toBe(true);
  });

  it("serves a PDF inline for a preview when asked, and anything else as an attachment", async () => {
    const pdf = await uploadLicence(staff, a.companyId, { bytes: PDF, contentType: "application/pdf", fileName: "licence.pdf" });
    const inline = await fetch((await createDownloadLink(staff, pdf.versionId, { disposition: "inline" })).url);
    expect(inline.headers.get("content-type")).toBe("application/pdf");
    expect(inline.headers.get("content-disposition")).toMatch(/^inline; /);
    const attachment = await fetch((await createDownloadLink(staff, pdf.versionId)).url);
    expect(attachment.headers.get("content-disposition")).toMatch(/^attachment; /);
  });

  it("is given to a manager (read) and to the company's own client administrator", async () => {
    const done = await uploadLicence(clientAdmin, a.companyId);
    expect((await fetch((await createDownloadLink(manager, done.versionId)).url)).status).toBe(200);
    expect((await fetch((await createDownloadLink(clientAdmin, done.versionId)).url)).status).toBe(200);
  });

  it("is 404 for another company's version (client administrator), another agency's, and an id that is none", async () => {
    const other = await uploadLicence(staff, a.otherCompanyId);
    expect(await refusal(createDownloadLink(clientAdmin, other.versionId))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(createDownloadLink(staffB, other.versionId))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(createDownloadLink(staff, newId()))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(createDownloadLink(staff, "../../etc/passwd"))).toMatchObject({ code: "NOT_FOUND" });
    // Staff of the company's own agency may.
    expect((await createDownloadLink(staff, other.versionId)).contentType).toBe("image/jpeg");
  });

  it("answers through the API: 200 JSON, 303 with ?redirect=1, 404 as problem+json for another agency", async () => {
    const done = await uploadLicence(staff, a.companyId);
    const token = (await createApiToken(staff, { name: "download script", expiresInDays: 30 })).token;
    const tokenB = (await createApiToken(staffB, { name: "download script", expiresInDays: 30 })).token;
    const call = (secret: string, query = "") =>
      getDownload(
        new Request(`http://weidesk.test/api/v1/document-versions/${done.versionId}/download${query}`, {
          headers: { authorization: `Bearer ${secret}` },
        }),
        { params: Promise.resolve({ id: done.versionId }) },
      );
    const ok = await call(token);
    expect(ok.status).toBe(200);
    const link = (await ok.json()) as { url: string; contentType: string };
    expect(link.contentType).toBe("image/jpeg");
    expect(new URL(link.url).searchParams.get("X-Amz-Expires")).toBe("60");
    const redirect = await call(token, "?redirect=1");
    expect(redirect.status).toBe(303);
    expect(new URL(redirect.headers.get("location")!).searchParams.get("X-Amz-Expires")).toBe("60");
    const elsewhere = await call(tokenB);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.headers.get("content-type")).toContain("application/problem+json");
  });
});

describe("bytes changed behind the app's back", () => {
  it("are caught before signing: the version is quarantined (committed), the download refused, again and again", async () => {
    const done = await uploadLicence(staff, a.companyId);
    const key = await versionKey(admin, done.versionId);
    // Anyone may write to s3rver: new bytes at the final key, with no credentials.
    const tampered = Buffer.concat([JPEG, Buffer.from("<script>alert(1)</script>")]);
    await anonymousPut(key, tampered);
    const head = await s3().send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
    expect(head.ContentLength).toBe(tampered.length);

    const error = await refusal(createDownloadLink(staff, done.versionId));
    expect(error).toMatchObject({ code: "CONFLICT", status: 409, details: { messageKey: DOWNLOAD_MESSAGES.quarantined } });
    const { rows: quarantines } = await admin.query(
      `select reason, observed, detected_by, client_company_id from document_quarantines where document_version_id = $1`,
      [done.versionId],
    );
    expect(quarantines).toEqual([
      { reason: "size_mismatch", observed: { sizeBytes: tampered.length, etag: head.ETag }, detected_by: "download", client_company_id: a.companyId },
    ]);
    const { rows: docs } = await admin.query(`select status, version from documents where id = $1`, [done.documentId]);
    expect(docs).toEqual([{ status: "quarantined", version: 2 }]);
    const { rows: audit } = await admin.query(`select actor_user_id, data from audit_events where action = 'document.quarantine' and target_id = $1`, [
      done.documentId,
    ]);
    expect(audit).toEqual([{ actor_user_id: staff.user.id, data: expect.objectContaining({ versionId: done.versionId, reason: "size_mismatch" }) }]);

    // Refused again, for everyone, and quarantined once.
    expect(await refusal(createDownloadLink(staff, done.versionId))).toMatchObject({ code: "CONFLICT" });
    expect(await refusal(createDownloadLink(clientAdmin, done.versionId))).toMatchObject({ code: "CONFLICT" });
    const { rows: count } = await admin.query(`select count(*)::int as n from document_quarantines where document_version_id = $1`, [done.versionId]);
    expect(count[0].n).toBe(1);
  });

  it("with the same size but other bytes is an ETag mismatch, caught for a manager too (whose reads are read-only)", async () => {
    const done = await uploadLicence(staff, a.companyId);
    const key = await versionKey(admin, done.versionId);
    const same = Buffer.from(JPEG);
    same[same.length - 3] = same[same.length - 3]! ^ 0xff;
    await anonymousPut(key, same);
    expect(await refusal(createDownloadLink(manager, done.versionId))).toMatchObject({ code: "CONFLICT" });
    const { rows } = await admin.query(`select reason, detected_by from document_quarantines where document_version_id = $1`, [done.versionId]);
    expect(rows).toEqual([{ reason: "etag_mismatch", detected_by: "download" }]);
  });

  it("a deleted object quarantines the version as missing; an older version keeps the document's status", async () => {
    const first = await uploadLicence(staff, a.companyId);
    const intent = await startLicenceUpload(staff, a.companyId, { documentId: first.documentId, fileName: "v2.jpg" });
    clock.advance(1000);
    await completeUpload(staff, intent.id);
    // The first (older) version's object goes; the document's current version is fine.
    await s3().send(new DeleteObjectCommand({ Bucket: bucket(), Key: await versionKey(admin, first.versionId) }));
    expect(await refusal(createDownloadLink(staff, first.versionId))).toMatchObject({ code: "CONFLICT" });
    const { rows: quarantine } = await admin.query(`select reason, observed from document_quarantines where document_version_id = $1`, [
      first.versionId,
    ]);
    expect(quarantine).toEqual([{ reason: "missing", observed: null }]);
    const { rows } = await admin.query(`select status from documents where id = $1`, [first.documentId]);
    expect(rows).toEqual([{ status: "uploaded" }]);

    const gone = await uploadLicence(staff, a.companyId);
    await anonymousPut(await versionKey(admin, gone.versionId), JPEG);
    // Same bytes rewritten: same size and ETag, still served.
    expect((await createDownloadLink(staff, gone.versionId)).contentType).toBe("image/jpeg");
  });
});

describe("a client administrator", () => {
  it("whose download first finds the change gets the same refusal, and the quarantine is recorded", async () => {
    const done = await uploadLicence(clientAdmin, a.companyId);
    await anonymousPut(await versionKey(admin, done.versionId), Buffer.concat([JPEG, JPEG]));
    expect(await refusal(createDownloadLink(clientAdmin, done.versionId))).toMatchObject({ code: "CONFLICT" });
    const { rows } = await admin.query(`select reason, detected_by from document_quarantines where document_version_id = $1`, [done.versionId]);
    expect(rows).toEqual([{ reason: "size_mismatch", detected_by: "download" }]);
    const { rows: audit } = await admin.query(`select actor_user_id from audit_events where action = 'document.quarantine' and target_id = $1`, [
      done.documentId,
    ]);
    expect(audit).toEqual([{ actor_user_id: clientAdmin.user.id }]);
    expect(await refusal(createDownloadLink(staff, done.versionId))).toMatchObject({ code: "CONFLICT" });
  });
});

describe("an object written to another company's key without an intent", () => {
  it("has no version: nothing lists it and any id asked for is 404", async () => {
    const documentId = newId();
    const versionId = newId();
    const key = `agencies/${a.agencyId}/companies/${a.otherCompanyId}/documents/${documentId}/${versionId}`;
    await anonymousPut(key, JPEG);
    const { rows } = await admin.query(`select count(*)::int as n from document_versions where s3_key = $1 or id = $2`, [key, versionId]);
    expect(rows[0].n).toBe(0);
    expect(await refusal(createDownloadLink(staff, versionId))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(createDownloadLink(clientAdmin, versionId))).toMatchObject({ code: "NOT_FOUND" });
  });
});
