/**
 * The portal overview through the app's own role and row-level security: a client
 * administrator sees their company's open requests and registrations, in order, and
 * nothing of the agency's other company (nor of a look-alike agency).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";
import { makeAgencyWithEveryTable, type AgencyFixture } from "@/lib/testing/factories";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { findMemberActor } from "@/lib/api/auth";
import { getPortalOverview, getPortalRegistration, getPortalRequest, listPortalPeople, listPortalUploads } from "./queries";
import { withTenant } from "@/db/tenant";
import { registrations } from "@/db/schema";
import { eq } from "drizzle-orm";

let admin: pg.Client;
let a: AgencyFixture;
let b: AgencyFixture;
/** The factory's WeCom registration (of the client's company) and the other company's registration. */
let wecomRegistration: string;
let otherCompanyRegistration: string;
const ids = { soon: newId(), later: newId(), noDate: newId(), fulfilled: newId(), otherCompany: newId() };

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  a = await makeAgencyWithEveryTable(admin, "PortalA");
  b = await makeAgencyWithEveryTable(admin, "PortalB");
  const insert = (id: string, companyId: string, kinds: string, dueOn: string | null, status: string, message: string | null) =>
    admin.query(
      `insert into document_requests (id, agency_id, client_company_id, kinds, due_on, message, status, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, now())`,
      [id, a.agencyId, companyId, kinds, dueOn, message, status],
    );
  await insert(ids.later, a.companyId, "{id_holding_photo,authorisation_letter}", "2026-03-20", "open", "Colour scan, please");
  await insert(ids.soon, a.companyId, "{business_licence}", "2026-03-09", "open", null);
  await insert(ids.fulfilled, a.companyId, "{logo}", "2026-03-01", "fulfilled", null);
  await insert(ids.otherCompany, a.otherCompanyId, "{business_licence}", "2026-03-05", "open", "Not yours");
  const { rows } = await admin.query<{ id: string; product: string; client_company_id: string }>(
    `select id, product, client_company_id from registrations where agency_id = $1`,
    [a.agencyId],
  );
  wecomRegistration = rows.find((r) => r.product === "wecom")!.id;
  otherCompanyRegistration = rows.find((r) => r.client_company_id === a.otherCompanyId)!.id;
  // The WeCom registration moved last, and waits on the client.
  await admin.query(
    `update registrations set stage = 'documents', stage_entered_at = '2026-03-05T02:00:00Z', waiting = 'client' where id = $1`,
    [wecomRegistration],
  );
});

afterAll(async () => {
  await admin.end();
  const globals = globalThis as Record<string, unknown>;
  await (globals.weideskPool as pg.Pool | undefined)?.end();
  delete globals.weideskPool;
  delete globals.weideskDb;
});

const overviewOf = (fixture: AgencyFixture, clientCompanyId = fixture.companyId) =>
  getPortalOverview({ agencyId: fixture.agencyId, userId: fixture.clientAdminUserId, clientCompanyId });

describe("getPortalOverview", () => {
  it("lists the company's open requests, soonest due first and undated last, as DTOs", async () => {
    const { requests } = await overviewOf(a);
    expect(requests.map((r) => r.id)).toEqual([ids.soon, ids.later, a.rows.document_requests![0]]);
    expect(requests[1]).toEqual({
      id: ids.later,
      kinds: ["id_holding_photo", "authorisation_letter"],
      dueOn: "2026-03-20",
      message: "Colour scan, please",
    });
    expect(requests[2]).toMatchObject({ dueOn: null, message: null });
  });

  it("lists the company's registrations, latest stage change first, with their account or corp name", async () => {
    const { registrations } = await overviewOf(a);
    const wecom = wecomRegistration;
    expect(registrations.map((r) => r.id)).toEqual([wecom, a.registrationId]);
    expect(registrations[0]).toEqual({
      id: wecom,
      product: "wecom",
      pipeline: "wecom",
      stage: "documents",
      name: "企业 PortalA",
      dueAt: null,
      waiting: "client",
    });
    expect(registrations[1]).toMatchObject({ product: "official_account", stage: "intake", name: "号 PortalA", waiting: "none" });
  });

  it("shows nothing of the agency's other company, nor of another agency", async () => {
    const mine = await overviewOf(a);
    expect(mine.registrations.map((r) => r.id)).not.toContain(otherCompanyRegistration);
    expect(mine.requests.map((r) => r.id)).not.toContain(ids.otherCompany);
    for (const id of [...b.rows.registrations!, ...b.rows.document_requests!]) {
      expect([...mine.registrations, ...mine.requests].map((r) => r.id)).not.toContain(id);
    }

    // The other company's own view holds its rows (so the filter above is not vacuous).
    const theirs = await overviewOf(a, a.otherCompanyId);
    expect(theirs.registrations.map((r) => r.id)).toEqual([otherCompanyRegistration]);
    expect(theirs.requests.map((r) => r.id)).toEqual([ids.otherCompany]);
  });

  it("gives nothing when the company belongs to another agency", async () => {
    expect(await overviewOf(a, b.companyId)).toEqual({ requests: [], registrations: [] });
  });
});

describe("getPortalRegistration", () => {
  const detailOf = (registrationId: string, fixture: AgencyFixture = a) =>
    getPortalRegistration({ agencyId: fixture.agencyId, userId: fixture.clientAdminUserId, clientCompanyId: fixture.companyId, registrationId });

  it("finds a registration of the client's own company", async () => {
    expect(await detailOf(wecomRegistration)).toMatchObject({ id: wecomRegistration, product: "wecom", stage: "documents", waiting: "client" });
  });

  it("finds nothing of another company, nor of another agency", async () => {
    expect(await detailOf(otherCompanyRegistration)).toBeNull();
    expect(await detailOf(b.registrationId)).toBeNull();
  });

  it("hides another company's registration in the database itself, without the company filter", async () => {
    const rows = await withTenant({ agencyId: a.agencyId, userId: a.clientAdminUserId, clientCompanyId: a.companyId, readOnly: true }, (tx) =>
      tx.select({ id: registrations.id }).from(registrations).where(eq(registrations.id, otherCompanyRegistration)),
    );
    expect(rows).toEqual([]);
  });
});

describe("getPortalRequest and listPortalPeople", () => {
  type Actor = Parameters<typeof getPortalRequest>[0];
  let clientOfA: Actor;
  let clientOfOther: Actor;
  const extra = { otherPerson: newId(), erasedPerson: newId() };

  beforeAll(async () => {
    const staff = await findMemberActor(a.slug, `staff-${a.slug}@example.com`);
    const user = { id: a.clientAdminUserId, email: `client-${a.slug}@example.com`, name: "Client", locale: null, emailVerified: true, totpEnabled: false };
    clientOfA = { user, agency: staff.agency, role: "client_admin", clientCompany: { id: a.companyId, legalNameZh: null, nameEn: null } };
    // The same agency's other company, as its own administrator would be.
    clientOfOther = { ...clientOfA, clientCompany: { id: a.otherCompanyId, legalNameZh: null, nameEn: null } };
    const person = (id: string, name: string, companyId: string, erased: boolean) =>
      admin
        .query(
          `insert into people (id, agency_id, name, id_type, id_number_ciphertext, id_key_id, id_number_hmac, id_mask, erased_at, created_at, updated_at)
           values ($1, $2, $3, 'prc_resident_id', $4, $5, $6, '110105********0011', $7, now(), now())`,
          erased ? [id, a.agencyId, name, null, null, null, new Date()] : [id, a.agencyId, name, randomBytes(32), "k1", randomBytes(32), null],
        )
        .then(() =>
          admin.query(`insert into person_companies (agency_id, person_id, client_company_id, role) values ($1, $2, $3, 'legal_representative')`, [
            a.agencyId,
            id,
            companyId,
          ]),
        );
    await person(extra.otherPerson, "李四 other company", a.otherCompanyId, false);
    await person(extra.erasedPerson, "王五 erased", a.companyId, true);
  });

  it("answers the company's request with its documents per kind and its thread", async () => {
    const requestId = a.rows.document_requests![0]!;
    const detail = await getPortalRequest(clientOfA, requestId);
    expect(detail).not.toBeNull();
    expect(detail!.request).toMatchObject({ id: requestId, companyId: a.companyId, kinds: ["business_licence"] });
    expect(detail!.documents.business_licence!.map((d) => d.id)).toEqual(a.rows.documents);
    expect(detail!.comments.map((c) => c.body)).toEqual(["Please scan in colour"]);
    // Asks for no ID photo: nobody to choose.
    expect(detail!.people).toEqual([]);
  });

  it("lists the people of the company for an ID photo request: names only, no one erased, no one of another company", async () => {
    const detail = await getPortalRequest(clientOfA, ids.later);
    expect(detail!.request.kinds).toEqual(["id_holding_photo", "authorisation_letter"]);
    expect(detail!.people).toEqual([{ id: a.personId, name: "张三 PortalA" }]);
    const people = await listPortalPeople({ agencyId: a.agencyId, userId: a.clientAdminUserId, clientCompanyId: a.companyId });
    expect(people).toEqual([{ id: a.personId, name: "张三 PortalA" }]);
    // The other company's administrator sees their own person only (so the filter above is not vacuous).
    const theirs = await listPortalPeople({ agencyId: a.agencyId, userId: a.clientAdminUserId, clientCompanyId: a.otherCompanyId });
    expect(theirs).toEqual([{ id: extra.otherPerson, name: "李四 other company" }]);
  });

  it("is null for another company's request, another agency's, and an id that is not one", async () => {
    expect(await getPortalRequest(clientOfA, ids.otherCompany)).toBeNull();
    expect(await getPortalRequest(clientOfA, b.rows.document_requests![0]!)).toBeNull();
    expect(await getPortalRequest(clientOfA, "not-a-uuid")).toBeNull();
    // The other company's administrator does get it (so the refusal above is about the company).
    expect((await getPortalRequest(clientOfOther, ids.otherCompany))?.request.id).toBe(ids.otherCompany);
    expect(await getPortalRequest(clientOfOther, a.rows.document_requests![0]!)).toBeNull();
  });

  it("lists the company's uploads with their review, and none of another company's", async () => {
    const uploads = await listPortalUploads(clientOfA);
    expect(uploads).toEqual([
      expect.objectContaining({ versionId: a.rows.document_versions![0], documentId: a.rows.documents![0], kind: "business_licence", number: 1, originalName: "licence.jpg", verdict: "approve", reason: null }),
    ]);
    // The other company has none in the factory: its administrator sees none of these.
    expect(await listPortalUploads(clientOfOther)).toEqual([]);
    // Nor does another agency's data show.
    expect(uploads.map((u) => u.versionId)).not.toContain(b.rows.document_versions![0]);
  });

  it("is for client administrators only", async () => {
    const staff = await findMemberActor(a.slug, `staff-${a.slug}@example.com`);
    await expect(getPortalRequest({ ...staff, clientCompany: null }, a.rows.document_requests![0]!)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listPortalUploads({ ...staff, clientCompany: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
