/**
 * Issue 8, "What it must show", first point, against the real PostgreSQL and s3rver:
 * complete is the enforcement of record. s3rver honours no POST policy, so every file
 * below reaches the store through the presigned form, as a browser (or anyone holding
 * the form) would send it, and complete must refuse it: an image of 2 MiB + 1 byte, a PDF
 * named .jpg, an HTML page and an SVG named .gif, a program named .pdf. Each refusal
 * deletes the staging object and leaves nothing pending. Complete after 30 minutes is
 * refused; one Idempotency-Key sent five times makes one intent and one version, and
 * with another body is refused; complete twice answers the same; the policy carries the
 * key, type and size conditions; another agency's or company's intent is 404.
 */
import { createHash } from "node:crypto";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as postComplete } from "@/app/api/v1/uploads/[id]/complete/route";
import { POST as postIntent } from "@/app/api/v1/uploads/route";
import { withTenant } from "@/db/tenant";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { createApiToken } from "@/lib/api/tokens";
import { recordAudit } from "@/lib/audit/record";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { bucket, s3 } from "@/lib/storage/s3";
import { resetAppState } from "@/lib/testing/app-state";
import { clientAdminActor, objectExists as exists, sendForm, TEST_JPEG as JPEG } from "@/lib/testing/documents";
import { makeAgencyWithEveryTable, type AgencyFixture } from "@/lib/testing/factories";
import { refusal } from "@/lib/testing/registration-fixtures";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { MAX_IMAGE_BYTES, MAX_PDF_BYTES } from "./kinds";
import { completeUpload, createUploadIntent, finalKey, type UploadActor } from "./upload";
import type { UploadIntentDto } from "./upload-schemas";

process.env.TEST_CLOCK = "1";

const start = new Date("2026-06-01T02:00:00Z");
const BASE = "http://weidesk.test/api/v1";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1");
const HTML = Buffer.from("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>\n");
const SVG = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>\n');
/** The start of a 64-bit ELF executable. */
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120, 0)]);
/** A JPEG one byte over the image limit: real magic bytes, then padding. */
const BIG_JPEG = Buffer.concat([JPEG, Buffer.alloc(MAX_IMAGE_BYTES + 1 - JPEG.length, 0)]);

let admin: pg.Client;
let a: AgencyFixture;
let b: AgencyFixture;
let staff: ApiActor;
let staffB: ApiActor;
let clientAdmin: UploadActor;

const sha256Hex = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const key = () => `test-${newId()}`;

function body(overrides: Record<string, unknown> = {}) {
  return { companyId: a.companyId, kind: "business_licence", fileName: "licence.jpg", contentType: "image/jpeg", size: JPEG.length, ...overrides };
}

async function intentRow(id: string) {
  const { rows } = await admin.query<{ status: string; refusal_reason: string | null; staging_key: string; version_id: string; document_id: string }>(
    `select status, refusal_reason, staging_key, version_id, document_id from upload_intents where id = $1`,
    [id],
  );
  return rows[0]!;
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  a = await makeAgencyWithEveryTable(admin, "Upload");
  b = await makeAgencyWithEveryTable(admin, "Elsewhere");
  staff = await findMemberActor(a.slug, `staff-${a.slug}@example.com`);
  staffB = await findMemberActor(b.slug, `staff-${b.slug}@example.com`);
  clientAdmin = clientAdminActor(staff.agency, a.clientAdminUserId, `client-${a.slug}@example.com`, a.companyId);
});

beforeEach(() => clock.set(start));
afterEach(() => clock.reset());

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("a good upload", () => {
  it("becomes a version: final key, size, ETag and SHA-256 stored, staging object gone, audited; a second complete answers the same", async () => {
    const { intent, created } = await createUploadIntent(staff, body({ registrationIds: [a.registrationId] }), { idempotencyKey: key() });
    expect(created).toBe(true);
    expect(intent).toMatchObject({ status: "pending", companyId: a.companyId, kind: "business_licence", size: JPEG.length });
    await sendForm(intent.upload, JPEG, "licence.jpg", "image/jpeg");
    const row = await intentRow(intent.id);
    expect(await exists(row.staging_key)).toBe(true);

    const done = await completeUpload(staff, intent.id);
    expect(done).toEqual({
      intentId: intent.id,
      documentId: intent.documentId,
      versionId: row.version_id,
      status: "uploaded",
      size: JPEG.length,
      sha256: sha256Hex(JPEG),
      detectedType: "image/jpeg",
      originalName: "licence.jpg",
      uploadedAt: start.toISOString(),
    });
    expect(await exists(row.staging_key)).toBe(false);
    const final = finalKey({ agencyId: a.agencyId, clientCompanyId: a.companyId, documentId: intent.documentId, versionId: row.version_id });
    expect(final).toBe(`agencies/${a.agencyId}/companies/${a.companyId}/documents/${intent.documentId}/${row.version_id}`);
    const object = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: final }));
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(JPEG)).toBe(true);
    expect(object.ContentType).toBe("image/jpeg");

    const { rows: versions } = await admin.query(
      `select s3_key, size_bytes::int as size, encode(sha256, 'hex') as sha256, etag, detected_type, original_name, uploaded_by
       from document_versions where document_id = $1`,
      [intent.documentId],
    );
    expect(versions).toEqual([
      { s3_key: final, size: JPEG.length, sha256: sha256Hex(JPEG), etag: object.ETag, detected_type: "image/jpeg", original_name: "licence.jpg", uploaded_by: staff.user.id },
    ]);
    const { rows: docs } = await admin.query(`select status, kind, client_company_id from documents where id = $1`, [intent.documentId]);
    expect(docs).toEqual([{ status: "uploaded", kind: "business_licence", client_company_id: a.companyId }]);
    const { rows: served } = await admin.query(`select registration_id from document_registrations where document_id = $1`, [intent.documentId]);
    expect(served).toEqual([{ registration_id: a.registrationId }]);
    const { rows: audit } = await admin.query(`select actor_user_id, data from audit_events where action = 'document.upload' and target_id = $1`, [
      intent.documentId,
    ]);
    expect(audit).toEqual([{ actor_user_id: staff.user.id, data: expect.objectContaining({ versionId: row.version_id, newDocument: true }) }]);
    expect(await intentRow(intent.id)).toMatchObject({ status: "completed", refusal_reason: null });

    // Again, later: the stored answer, and still one version.
    clock.advance(60 * 60 * 1000);
    expect(await completeUpload(staff, intent.id)).toEqual(done);
    const { rows: count } = await admin.query(`select count(*)::int as n from document_versions where document_id = $1`, [intent.documentId]);
    expect(count[0].n).toBe(1);
  });

  it("adds a new version to an existing document, which is never overwritten", async () => {
    const first = await createUploadIntent(staff, body(), { idempotencyKey: key() });
    await sendForm(first.intent.upload, JPEG, "licence.jpg", "image/jpeg");
    const v1 = await completeUpload(staff, first.intent.id);
    const second = await createUploadIntent(staff, body({ documentId: v1.documentId, fileName: "licence.pdf", contentType: "application/pdf", size: PDF.length }), {
      idempotencyKey: key(),
    });
    expect(second.intent.documentId).toBe(v1.documentId);
    await sendForm(second.intent.upload, PDF, "licence.pdf", "application/pdf");
    const v2 = await completeUpload(staff, second.intent.id);
    expect(v2).toMatchObject({ documentId: v1.documentId, detectedType: "application/pdf", sha256: sha256Hex(PDF) });
    expect(v2.versionId).not.toBe(v1.versionId);
    const { rows } = await admin.query(`select encode(sha256, 'hex') as sha from document_versions where document_id = $1 order by uploaded_at, id`, [
      v1.documentId,
    ]);
    expect(rows.map((r) => r.sha).sort()).toEqual([sha256Hex(JPEG), sha256Hex(PDF)].sort());
  });

  it("lets a client administrator upload for their own company, audited", async () => {
    const { intent } = await createUploadIntent(clientAdmin, body(), { idempotencyKey: key() });
    await sendForm(intent.upload, JPEG, "licence.jpg", "image/jpeg");
    const done = await completeUpload(clientAdmin, intent.id);
    const { rows } = await admin.query(`select actor_user_id from audit_events where action = 'document.upload' and target_id = $1`, [done.documentId]);
    expect(rows).toEqual([{ actor_user_id: a.clientAdminUserId }]);
    // The audit log stays staff-only otherwise: no other event, nobody else's name, nothing read.
    const asClient = { agencyId: a.agencyId, userId: a.clientAdminUserId, clientCompanyId: a.companyId };
    const event = { agencyId: a.agencyId, targetType: "document", targetId: done.documentId } as const;
    await expect(withTenant(asClient, (tx) => recordAudit(tx, { ...event, actorUserId: a.clientAdminUserId, action: "note.create" }))).rejects.toMatchObject({
      cause: { code: "42501" },
    });
    await expect(withTenant(asClient, (tx) => recordAudit(tx, { ...event, actorUserId: a.userId, action: "document.upload" }))).rejects.toMatchObject({
      cause: { code: "42501" },
    });
    expect(await withTenant(asClient, (tx) => tx.execute(sql`select 1 from audit_events`))).toMatchObject({ rows: [] });
  });
});

describe("complete is the enforcement of record", () => {
  const cases = [
    { name: "an image of 2 MiB + 1 byte", bytes: BIG_JPEG, fileName: "photo.jpg", type: "image/jpeg", declared: MAX_IMAGE_BYTES, reason: "tooLarge" },
    { name: "a PDF renamed .jpg", bytes: PDF, fileName: "licence.jpg", type: "image/jpeg", declared: PDF.length, reason: "typeMismatch" },
    { name: "an HTML page renamed .gif", bytes: HTML, fileName: "logo.gif", type: "image/gif", declared: HTML.length, reason: "typeNotAllowed" },
    { name: "an SVG renamed .gif", bytes: SVG, fileName: "logo.gif", type: "image/gif", declared: SVG.length, reason: "typeNotAllowed" },
    { name: "an executable renamed .pdf", bytes: ELF, fileName: "letter.pdf", type: "application/pdf", declared: ELF.length, reason: "typeNotAllowed" },
  ] as const;

  it.each(cases)("refuses $name: staging object deleted, intent not pending, no version", async ({ bytes, fileName, type, declared, reason }) => {
    const { intent } = await createUploadIntent(staff, body({ fileName, contentType: type, size: declared, kind: "other" }), { idempotencyKey: key() });
    // s3rver takes whatever the form carries, whatever the policy says.
    await sendForm(intent.upload, bytes, fileName, type);
    const row = await intentRow(intent.id);
    expect(await exists(row.staging_key)).toBe(true);

    const error = await refusal(completeUpload(staff, intent.id));
    expect(error).toMatchObject({ code: "VALIDATION", status: 422, details: { reason, fields: { file: `documentUpload.refusals.${reason}` } } });
    expect(await exists(row.staging_key)).toBe(false);
    expect(await intentRow(intent.id)).toMatchObject({ status: "refused", refusal_reason: reason });
    const { rows } = await admin.query(`select 1 from document_versions where id = $1 or document_id = $2`, [row.version_id, row.document_id]);
    expect(rows).toEqual([]);
    expect(await exists(finalKey({ agencyId: a.agencyId, clientCompanyId: a.companyId, documentId: row.document_id, versionId: row.version_id }))).toBe(false);
    // Asked again: the same refusal, nothing else.
    expect(await refusal(completeUpload(staff, intent.id))).toMatchObject({ details: { reason } });
  });

  it("refuses a file of another size than declared", async () => {
    const { intent } = await createUploadIntent(staff, body({ size: JPEG.length + 10 }), { idempotencyKey: key() });
    await sendForm(intent.upload, JPEG, "licence.jpg", "image/jpeg");
    expect(await refusal(completeUpload(staff, intent.id))).toMatchObject({ details: { reason: "sizeMismatch" } });
    expect((await intentRow(intent.id)).status).toBe("refused");
  });

  it("leaves an intent pending while nothing is uploaded, then completes it", async () => {
    const { intent } = await createUploadIntent(staff, body(), { idempotencyKey: key() });
    expect(await refusal(completeUpload(staff, intent.id))).toMatchObject({ details: { reason: "notUploaded" } });
    expect((await intentRow(intent.id)).status).toBe("pending");
    await sendForm(intent.upload, JPEG, "licence.jpg", "image/jpeg");
    expect(await completeUpload(staff, intent.id)).toMatchObject({ status: "uploaded" });
  });

  it("refuses a complete more than 30 minutes after the intent, deleting what was uploaded", async () => {
    const { intent } = await createUploadIntent(staff, body(), { idempotencyKey: key() });
    expect(intent.expiresAt).toBe(new Date(start.getTime() + 30 * 60 * 1000).toISOString());
    await sendForm(intent.upload, JPEG, "licence.jpg", "image/jpeg");
    clock.set(new Date(start.getTime() + 30 * 60 * 1000 + 1000));
    expect(await refusal(completeUpload(staff, intent.id))).toMatchObject({ status: 422, details: { reason: "expired" } });
    const row = await intentRow(intent.id);
    expect(row).toMatchObject({ status: "expired", refusal_reason: "expired" });
    expect(await exists(row.staging_key)).toBe(false);
  });

  it("refuses what is out of bounds before making anything: size over the type's limit, another type", async () => {
    const { rows: before } = await admin.query(`select count(*)::int as n from upload_intents where agency_id = $1`, [a.agencyId]);
    for (const [overrides, field, message] of [
      [{ size: MAX_IMAGE_BYTES + 1 }, "size", "documentUpload.errors.imageTooLarge"],
      [{ contentType: "application/pdf", size: MAX_PDF_BYTES + 1 }, "size", "documentUpload.errors.pdfTooLarge"],
      [{ contentType: "image/png" }, "contentType", "documentUpload.errors.typeUnsupported"],
      [{ contentType: "image/webp" }, "contentType", "documentUpload.errors.typeUnsupported"],
      [{ size: 0 }, "size", "documentUpload.errors.sizeInvalid"],
      [{ kind: "id_card_front" }, "personId", "documentUpload.errors.personRequired"],
    ] as const) {
      const error = await refusal(createUploadIntent(staff, body(overrides), { idempotencyKey: key() }));
      expect({ overrides, details: error.details }).toEqual({ overrides, details: { fields: { [field]: message } } });
    }
    expect(await refusal(createUploadIntent(staff, body(), { idempotencyKey: null }))).toMatchObject({
      status: 422,
      details: { fields: { idempotencyKey: "documentUpload.errors.idempotencyKeyRequired" } },
    });
    const { rows: after } = await admin.query(`select count(*)::int as n from upload_intents where agency_id = $1`, [a.agencyId]);
    expect(after[0].n).toBe(before[0].n);
  });
});

describe("the Idempotency-Key", () => {
  it("sent five times at once makes one intent, and after complete one version", async () => {
    const idempotencyKey = key();
    const answers = await Promise.all(Array.from({ length: 5 }, () => createUploadIntent(staff, body(), { idempotencyKey })));
    const ids = new Set(answers.map((answer) => answer.intent.id));
    expect(ids.size).toBe(1);
    expect(answers.filter((answer) => answer.created)).toHaveLength(1);
    const [id] = [...ids] as [string];
    const { rows } = await admin.query(`select count(*)::int as n from upload_intents where idempotency_key = $1`, [idempotencyKey]);
    expect(rows[0].n).toBe(1);

    await sendForm(answers[0]!.intent.upload, JPEG, "licence.jpg", "image/jpeg");
    const done = await Promise.all([completeUpload(staff, id), completeUpload(staff, id)]);
    expect(done[1]).toEqual(done[0]);
    for (let i = 0; i < 5; i++) {
      const again = await createUploadIntent(staff, body(), { idempotencyKey });
      expect(again).toMatchObject({ created: false, intent: { id, status: "completed", upload: null } });
    }
    const { rows: versions } = await admin.query(`select count(*)::int as n from document_versions where document_id = $1`, [done[0].documentId]);
    expect(versions[0].n).toBe(1);
  });

  it("with another body is refused (422)", async () => {
    const idempotencyKey = key();
    await createUploadIntent(staff, body(), { idempotencyKey });
    const error = await refusal(createUploadIntent(staff, body({ fileName: "other.jpg" }), { idempotencyKey }));
    expect(error).toMatchObject({ status: 422, details: { fields: { idempotencyKey: "documentUpload.errors.idempotencyKeyReused" } } });
  });
});

describe("the presigned POST", () => {
  it("carries a policy fixing the key, the Content-Type and the size, for 2 minutes", async () => {
    const { intent } = await createUploadIntent(staff, body(), { idempotencyKey: key() });
    const upload = intent.upload!;
    const staging = `agencies/${a.agencyId}/staging/${intent.id}`;
    expect(upload.fields.key).toBe(staging);
    expect(upload.fields["Content-Type"]).toBe("image/jpeg");
    const policy = JSON.parse(Buffer.from(upload.fields.Policy!, "base64").toString("utf8")) as { expiration: string; conditions: unknown[] };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([{ key: staging }, { "Content-Type": "image/jpeg" }, ["content-length-range", 1, MAX_IMAGE_BYTES], { bucket: bucket() }]),
    );
    const amzDate = upload.fields["X-Amz-Date"]!.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z");
    expect(new Date(policy.expiration).getTime() - new Date(amzDate).getTime()).toBe(120_000);
    expect(upload.expiresAt).toBe(new Date(policy.expiration).toISOString());

    const { intent: pdf } = await createUploadIntent(staff, body({ contentType: "application/pdf", fileName: "a.pdf" }), { idempotencyKey: key() });
    const pdfPolicy = JSON.parse(Buffer.from(pdf.upload!.fields.Policy!, "base64").toString("utf8")) as { conditions: unknown[] };
    expect(pdfPolicy.conditions).toEqual(expect.arrayContaining([["content-length-range", 1, MAX_PDF_BYTES], { "Content-Type": "application/pdf" }]));
  });
});

describe("tenancy", () => {
  it("answers 404 for another agency's intent and leaves it pending", async () => {
    const { intent } = await createUploadIntent(staff, body(), { idempotencyKey: key() });
    await sendForm(intent.upload, JPEG, "licence.jpg", "image/jpeg");
    expect(await refusal(completeUpload(staffB, intent.id))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(completeUpload(staffB, "not-an-id"))).toMatchObject({ code: "NOT_FOUND" });
    expect((await intentRow(intent.id)).status).toBe("pending");
    // Nor may another agency declare a file for this agency's company.
    expect(await refusal(createUploadIntent(staffB, body(), { idempotencyKey: key() }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("answers 404 to a client administrator for another company, or for someone else's intent", async () => {
    expect(await refusal(createUploadIntent(clientAdmin, body({ companyId: a.otherCompanyId }), { idempotencyKey: key() }))).toMatchObject({
      code: "NOT_FOUND",
    });
    const { intent } = await createUploadIntent(staff, body({ companyId: a.otherCompanyId }), { idempotencyKey: key() });
    expect(await refusal(completeUpload(clientAdmin, intent.id))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("through the JSON API", () => {
  const params = (id: string) => ({ params: Promise.resolve({ id }) });
  const post = (path: string, token: string, payload?: unknown, headers: Record<string, string> = {}) =>
    new Request(`${BASE}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
  let token: string;

  beforeAll(async () => {
    clock.set(start);
    token = (await createApiToken(staff, { name: "upload script", expiresInDays: 30 })).token;
  });

  it("declares with an Idempotency-Key (201, then 200 for the same), completes (200), refuses with problem+json (422)", async () => {
    const missing = await postIntent(post("/uploads", token, body()));
    expect(missing.status).toBe(422);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    expect(await missing.json()).toMatchObject({ code: "VALIDATION", fields: { idempotencyKey: { key: "documentUpload.errors.idempotencyKeyRequired" } } });

    const idempotencyKey = key();
    const created = await postIntent(post("/uploads", token, body(), { "idempotency-key": idempotencyKey }));
    expect(created.status).toBe(201);
    const intent = (await created.json()) as UploadIntentDto;
    const replay = await postIntent(post("/uploads", token, body(), { "idempotency-key": idempotencyKey }));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ id: intent.id, status: "pending" });
    const other = await postIntent(post("/uploads", token, body({ size: 10 }), { "idempotency-key": idempotencyKey }));
    expect(other.status).toBe(422);

    await sendForm(intent.upload, JPEG, "licence.jpg", "image/jpeg");
    const done = await postComplete(post(`/uploads/${intent.id}/complete`, token), params(intent.id));
    expect(done.status).toBe(200);
    const answer = await done.json();
    expect(answer).toMatchObject({ intentId: intent.id, status: "uploaded", sha256: sha256Hex(JPEG) });
    const again = await postComplete(post(`/uploads/${intent.id}/complete`, token), params(intent.id));
    expect(await again.json()).toEqual(answer);

    // A PDF put straight into the store under a JPEG intent's staging key.
    const { intent: bad } = await createUploadIntent(staff, body({ size: PDF.length }), { idempotencyKey: key() });
    const row = await intentRow(bad.id);
    await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: row.staging_key, Body: PDF, ContentType: "image/jpeg" }));
    const refused = await postComplete(post(`/uploads/${bad.id}/complete`, token), params(bad.id));
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      code: "VALIDATION",
      messageKey: "documentUpload.refusals.typeMismatch",
      fields: { file: { key: "documentUpload.refusals.typeMismatch" } },
    });
    const unknown = newId();
    expect((await postComplete(post(`/uploads/${unknown}/complete`, token), params(unknown))).status).toBe(404);
  });
});
