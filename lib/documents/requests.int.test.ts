/**
 * Issue 8 §1 and §7 against the real PostgreSQL and s3rver: staff ask a company for
 * documents, singly or as a pipeline's required set, with field errors for bad input;
 * cancel; the comment thread between staff and the client's administrator; a document
 * uploaded for a request with a registration serves it. Tenancy: another company's client
 * administrator, another agency's staff and a restricted staff member's unassigned client
 * are NOT_FOUND; a manager may read but not ask (FORBIDDEN). And the same through the
 * JSON API.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getRequests, POST as postRequest } from "@/app/api/v1/companies/[id]/document-requests/route";
import { GET as getCompanyDocuments } from "@/app/api/v1/companies/[id]/documents/route";
import { POST as postCancel } from "@/app/api/v1/document-requests/[id]/cancel/route";
import { GET as getComments, POST as postComment } from "@/app/api/v1/document-requests/[id]/comments/route";
import { GET as getDocumentRoute } from "@/app/api/v1/documents/[id]/route";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { createApiToken } from "@/lib/api/tokens";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { resetAppState } from "@/lib/testing/app-state";
import { clientAdminActor, uploadFile } from "@/lib/testing/documents";
import { makeAgencyWithEveryTable, type AgencyFixture } from "@/lib/testing/factories";
import { idParams, makeRestrictedAgency, refusal, type RestrictedAgency } from "@/lib/testing/registration-fixtures";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { addRequestComment, listRequestComments } from "./comments";
import type { DocumentRequestDto, RequestCommentDto } from "./document-types";
import type { DocumentsActor } from "./read";
import { cancelDocumentRequest, createDocumentRequest, getDocument, listCompanyDocuments, listReviewQueue } from "./requests";
import { reviewDocumentVersion } from "./review";

process.env.TEST_CLOCK = "1";

const start = new Date("2026-06-01T02:00:00Z");
const BASE = "http://weidesk.test/api/v1";

let admin: pg.Client;
let a: AgencyFixture;
let b: AgencyFixture;
let staff: ApiActor;
let staffB: ApiActor;
let clientAdmin: DocumentsActor;
/** The client administrator of a's other company. */
let otherClientAdmin: DocumentsActor;
let restricted: RestrictedAgency;
let otherRegistrationId: string;

async function countOf(table: string, agencyId: string) {
  const { rows } = await admin.query<{ n: number }>(`select count(*)::int as n from ${table} where agency_id = $1`, [agencyId]);
  return rows[0]!.n;
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  a = await makeAgencyWithEveryTable(admin, "Requests");
  b = await makeAgencyWithEveryTable(admin, "Elsewhere");
  staff = await findMemberActor(a.slug, `staff-${a.slug}@example.com`);
  staffB = await findMemberActor(b.slug, `staff-${b.slug}@example.com`);
  clientAdmin = clientAdminActor(staff.agency, a.clientAdminUserId, `client-${a.slug}@example.com`, a.companyId);
  const otherUser = newId();
  await admin.query(`insert into users (id, email, name, created_at) values ($1, $2, 'Other client', now())`, [otherUser, `other-${a.slug}@example.com`]);
  await admin.query(`insert into memberships (id, agency_id, user_id, role, client_company_id, created_at) values ($1, $2, $3, 'client_admin', $4, now())`, [
    newId(),
    a.agencyId,
    otherUser,
    a.otherCompanyId,
  ]);
  otherClientAdmin = clientAdminActor(staff.agency, otherUser, `other-${a.slug}@example.com`, a.otherCompanyId);
  const { rows } = await admin.query<{ id: string }>(`select id from registrations where client_company_id = $1 limit 1`, [a.otherCompanyId]);
  otherRegistrationId = rows[0]!.id;
  restricted = await makeRestrictedAgency(admin, {
    slugPrefix: "docreq",
    name: "Restricted documents",
    companyName: "资料测试有限公司",
    uscc: "91110000600037341L",
    roles: ["staff", "staff", "manager"],
    at: start,
  });
});

beforeEach(() => clock.set(start));
afterEach(() => clock.reset());

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("asking for documents", () => {
  it("asks for one kind with a due date and a message, audited", async () => {
    const request = await createDocumentRequest(staff, {
      companyId: a.companyId,
      kinds: ["business_licence"],
      dueOn: "2026-06-15",
      message: "  Please send a colour scan.  ",
    });
    expect(request).toMatchObject({
      companyId: a.companyId,
      registrationId: null,
      kinds: ["business_licence"],
      dueOn: "2026-06-15",
      message: "Please send a colour scan.",
      status: "open",
      requestedBy: { id: a.userId, side: "staff", name: "Staff Requests" },
      createdAt: start.toISOString(),
      items: [{ kind: "business_licence", documentId: null, status: "requested" }],
      commentCount: 0,
    });
    const { rows } = await admin.query(`select actor_user_id, data from audit_events where action = 'document_request.create' and target_id = $1`, [
      request.id,
    ]);
    expect(rows).toEqual([{ actor_user_id: a.userId, data: expect.objectContaining({ kinds: ["business_licence"], dueOn: "2026-06-15" }) }]);
  });

  it("asks for a registration's required set, each kind once, and a document uploaded for it serves the registration", async () => {
    const request = await createDocumentRequest(staff, {
      companyId: a.companyId,
      registrationId: a.registrationId,
      useRequiredSet: true,
      kinds: ["logo", "business_licence"],
    });
    // oa_cn_org: business_licence, id_holding_photo, authorisation_letter (design.md §6).
    expect(request.kinds).toEqual(["logo", "business_licence", "id_holding_photo", "authorisation_letter"]);
    expect(request.registrationId).toBe(a.registrationId);

    // The client's administrator answers it from the portal; nothing names the registration but the request.
    const done = await uploadFile(clientAdmin as never, { companyId: a.companyId, kind: "logo", requestId: request.id });
    const document = await getDocument(clientAdmin, done.documentId);
    expect(document).toMatchObject({ requestId: request.id, registrationIds: [a.registrationId], status: "uploaded" });
    expect(document.versions).toMatchObject([{ number: 1, uploadedBy: { id: a.clientAdminUserId, side: "client" } }]);
    const { requests } = await listCompanyDocuments(staff, a.companyId);
    expect(requests.find((r) => r.id === request.id)!.items[0]).toEqual({ kind: "logo", documentId: done.documentId, status: "uploaded" });
  });

  it("refuses bad input field by field, writing nothing", async () => {
    const before = await countOf("document_requests", a.agencyId);
    const cases: [Record<string, unknown>, string, string][] = [
      [{}, "kinds", "documentRequests.errors.kindsRequired"],
      [{ kinds: [] }, "kinds", "documentRequests.errors.kindsRequired"],
      [{ kinds: ["passport"] }, "kinds", "documentRequests.errors.kindInvalid"],
      [{ useRequiredSet: true }, "registrationId", "documentRequests.errors.requiredSetNeedsRegistration"],
      [{ kinds: ["logo"], dueOn: "2026-02-30" }, "dueOn", "documentRequests.errors.dueOnInvalid"],
      [{ kinds: ["logo"], dueOn: "15/06/2026" }, "dueOn", "documentRequests.errors.dueOnInvalid"],
      [{ kinds: ["logo"], message: "x".repeat(2001) }, "message", "documentRequests.errors.messageTooLong"],
      [{ kinds: ["logo"], registrationId: "nope" }, "registrationId", "documentRequests.errors.registrationInvalid"],
      [{ kinds: ["logo"], registrationId: otherRegistrationId }, "registrationId", "documentRequests.errors.registrationNotFound"],
    ];
    for (const [input, field, key] of cases) {
      const error = await refusal(createDocumentRequest(staff, { companyId: a.companyId, ...input }));
      expect({ input, code: error.code, fields: error.details.fields }).toEqual({ input, code: "VALIDATION", fields: { [field]: key } });
    }
    expect(await countOf("document_requests", a.agencyId)).toBe(before);
  });

  it("cancels an open request once, audited", async () => {
    const request = await createDocumentRequest(staff, { companyId: a.companyId, kinds: ["contact_proof"] });
    expect(await cancelDocumentRequest(staff, request.id)).toMatchObject({ id: request.id, status: "cancelled" });
    expect(await refusal(cancelDocumentRequest(staff, request.id))).toMatchObject({ code: "CONFLICT", details: { messageKey: "documentRequests.errors.notOpen" } });
    const { rows } = await admin.query(`select count(*)::int as n from audit_events where action = 'document_request.cancel' and target_id = $1`, [request.id]);
    expect(rows[0].n).toBe(1);
    // A cancelled request takes no more comments.
    expect(await refusal(addRequestComment(staff, request.id, "Still there?"))).toMatchObject({ code: "CONFLICT" });
  });
});

describe("the comment thread", () => {
  let request: DocumentRequestDto;

  beforeAll(async () => {
    clock.set(start);
    request = await createDocumentRequest(staff, { companyId: a.companyId, kinds: ["authorisation_letter"] });
  });

  it("carries both sides, oldest first; a client administrator's comment is not audited", async () => {
    const asked = await addRequestComment(staff, request.id, "Please sign and chop it.");
    clock.advance(60_000);
    const answered = await addRequestComment(clientAdmin, request.id, "  Our director signs on Monday.  ");
    expect(answered).toMatchObject({ body: "Our director signs on Monday.", author: { id: a.clientAdminUserId, side: "client" } });
    const expected: RequestCommentDto[] = [
      { id: asked.id, requestId: request.id, body: "Please sign and chop it.", author: { id: a.userId, name: "Staff Requests", side: "staff" }, createdAt: start.toISOString() },
      { id: answered.id, requestId: request.id, body: "Our director signs on Monday.", author: { id: a.clientAdminUserId, name: "Client Requests", side: "client" }, createdAt: new Date(start.getTime() + 60_000).toISOString() },
    ];
    expect(await listRequestComments(staff, request.id)).toEqual(expected);
    // The client sees the same thread (staff names may be hidden from them, never the side).
    const seen = await listRequestComments(clientAdmin, request.id);
    expect(seen.map((c) => [c.id, c.body, c.author?.side])).toEqual(expected.map((c) => [c.id, c.body, c.author?.side]));
    const { rows } = await admin.query(`select actor_user_id from audit_events where action = 'document_request.comment' and target_id = $1`, [request.id]);
    expect(rows).toEqual([{ actor_user_id: a.userId }]);
    expect((await listCompanyDocuments(clientAdmin, a.companyId)).requests.find((r) => r.id === request.id)!.commentCount).toBe(2);
  });

  it("refuses an empty or overlong comment on its field", async () => {
    for (const [body, key] of [
      ["   ", "documentRequests.errors.commentRequired"],
      ["x".repeat(2001), "documentRequests.errors.commentTooLong"],
      [undefined, "documentRequests.errors.commentRequired"],
    ] as const) {
      expect(await refusal(addRequestComment(staff, request.id, body))).toMatchObject({ code: "VALIDATION", details: { fields: { body: key } } });
    }
  });
});

describe("tenancy", () => {
  it("answers NOT_FOUND to another company's client administrator, for requests, comments and documents", async () => {
    const request = await createDocumentRequest(staff, { companyId: a.companyId, kinds: ["business_card"] });
    const done = await uploadFile(staff, { companyId: a.companyId, kind: "business_card", requestId: request.id });
    expect((await refusal(listRequestComments(otherClientAdmin, request.id))).code).toBe("NOT_FOUND");
    expect((await refusal(addRequestComment(otherClientAdmin, request.id, "hello"))).code).toBe("NOT_FOUND");
    expect((await refusal(listCompanyDocuments(otherClientAdmin, a.companyId))).code).toBe("NOT_FOUND");
    expect((await refusal(getDocument(otherClientAdmin, done.documentId))).code).toBe("NOT_FOUND");
    // Their own company's documents are theirs; the request is not among them.
    const own = await listCompanyDocuments(otherClientAdmin, a.otherCompanyId);
    expect(own.requests.map((r) => r.id)).not.toContain(request.id);
    // A client administrator asks for nothing.
    expect((await refusal(createDocumentRequest(clientAdmin, { companyId: a.companyId, kinds: ["logo"] }))).code).toBe("FORBIDDEN");
    expect((await refusal(cancelDocumentRequest(clientAdmin, request.id))).code).toBe("FORBIDDEN");
  });

  it("answers NOT_FOUND to another agency's staff", async () => {
    const request = await createDocumentRequest(staff, { companyId: a.companyId, kinds: ["logo"] });
    const done = await uploadFile(staff, { companyId: a.companyId, kind: "logo" });
    expect((await refusal(createDocumentRequest(staffB, { companyId: a.companyId, kinds: ["logo"] }))).code).toBe("NOT_FOUND");
    expect((await refusal(cancelDocumentRequest(staffB, request.id))).code).toBe("NOT_FOUND");
    expect((await refusal(listRequestComments(staffB, request.id))).code).toBe("NOT_FOUND");
    expect((await refusal(addRequestComment(staffB, request.id, "hi"))).code).toBe("NOT_FOUND");
    expect((await refusal(listCompanyDocuments(staffB, a.companyId))).code).toBe("NOT_FOUND");
    expect((await refusal(getDocument(staffB, done.documentId))).code).toBe("NOT_FOUND");
    expect((await refusal(getDocument(staffB, "not-a-uuid"))).code).toBe("NOT_FOUND");
    expect(await countOf("document_request_comments", b.agencyId)).toBe(1);
  });

  it("lets a restricted staff member work on assigned clients only; a manager reads but does not ask", async () => {
    const [assigned, unassigned, manager] = restricted.actors as [ApiActor, ApiActor, ApiActor];
    const request = await createDocumentRequest(assigned, { companyId: restricted.company, kinds: ["business_licence"] });
    expect((await refusal(createDocumentRequest(unassigned, { companyId: restricted.company, kinds: ["logo"] }))).code).toBe("NOT_FOUND");
    expect((await refusal(listCompanyDocuments(unassigned, restricted.company))).code).toBe("NOT_FOUND");
    expect((await refusal(listRequestComments(unassigned, request.id))).code).toBe("NOT_FOUND");
    expect((await refusal(addRequestComment(unassigned, request.id, "hi"))).code).toBe("NOT_FOUND");
    expect((await refusal(cancelDocumentRequest(unassigned, request.id))).code).toBe("NOT_FOUND");
    expect((await listCompanyDocuments(manager, restricted.company)).requests.map((r) => r.id)).toEqual([request.id]);
    expect((await refusal(createDocumentRequest(manager, { companyId: restricted.company, kinds: ["logo"] }))).code).toBe("FORBIDDEN");
    expect((await refusal(addRequestComment(manager, request.id, "hi"))).code).toBe("FORBIDDEN");

    // Their documents and reviews likewise.
    const done = await uploadFile(assigned, { companyId: restricted.company, kind: "business_licence", requestId: request.id });
    expect((await refusal(getDocument(unassigned, done.documentId))).code).toBe("NOT_FOUND");
    expect((await refusal(reviewDocumentVersion(unassigned, done.versionId, { decision: "approve", version: 1 }))).code).toBe("NOT_FOUND");
    expect((await listReviewQueue(unassigned)).map((item) => item.document.id)).not.toContain(done.documentId);
    expect((await listReviewQueue(assigned)).map((item) => item.document.id)).toContain(done.documentId);
    expect((await refusal(reviewDocumentVersion(manager, done.versionId, { decision: "approve", version: 1 }))).code).toBe("FORBIDDEN");
    expect((await reviewDocumentVersion(assigned, done.versionId, { decision: "approve", version: 1 })).document.status).toBe("approved");
    expect((await listCompanyDocuments(manager, restricted.company)).requests[0]!.status).toBe("fulfilled");
  });
});

describe("through the JSON API", () => {
  let token: string;
  let tokenB: string;
  const send = (method: string, path: string, bearer: string, payload?: unknown) =>
    new Request(`${BASE}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(payload === undefined ? {} : { "content-type": "application/json" }) },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });

  beforeAll(async () => {
    clock.set(start);
    token = (await createApiToken(staff, { name: "documents script", expiresInDays: 30 })).token;
    tokenB = (await createApiToken(staffB, { name: "elsewhere", expiresInDays: 30 })).token;
  });

  it("asks (201), lists, comments (201), cancels; 422 with fields; 404 for another agency", async () => {
    const path = `/companies/${a.companyId}/document-requests`;
    const bad = await postRequest(send("POST", path, token, { useRequiredSet: true }), idParams(a.companyId));
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    expect(await bad.json()).toMatchObject({ fields: { registrationId: { key: "documentRequests.errors.requiredSetNeedsRegistration" } } });

    const created = await postRequest(send("POST", path, token, { kinds: ["verification_letter"], dueOn: "2026-06-20" }), idParams(a.companyId));
    expect(created.status).toBe(201);
    const request = (await created.json()) as DocumentRequestDto;
    expect(request).toMatchObject({ companyId: a.companyId, kinds: ["verification_letter"], status: "open" });
    const listed = (await (await getRequests(send("GET", path, token), idParams(a.companyId))).json()) as DocumentRequestDto[];
    expect(listed.map((r) => r.id)).toContain(request.id);
    const everything = await (await getCompanyDocuments(send("GET", `/companies/${a.companyId}/documents`, token), idParams(a.companyId))).json();
    expect(everything).toMatchObject({ requests: expect.any(Array), documents: expect.any(Array) });

    const comment = await postComment(send("POST", `/document-requests/${request.id}/comments`, token, { body: "Thanks!" }), idParams(request.id));
    expect(comment.status).toBe(201);
    const comments = await (await getComments(send("GET", `/document-requests/${request.id}/comments`, token), idParams(request.id))).json();
    expect(comments).toMatchObject([{ body: "Thanks!", author: { side: "staff" } }]);

    expect((await postCancel(send("POST", `/document-requests/${request.id}/cancel`, token), idParams(request.id))).status).toBe(200);
    expect((await postCancel(send("POST", `/document-requests/${request.id}/cancel`, token), idParams(request.id))).status).toBe(409);

    expect((await getRequests(send("GET", path, tokenB), idParams(a.companyId))).status).toBe(404);
    expect((await getComments(send("GET", `/document-requests/${request.id}/comments`, tokenB), idParams(request.id))).status).toBe(404);
    expect((await getDocumentRoute(send("GET", `/documents/${newId()}`, token), idParams(newId()))).status).toBe(404);
  });
});
