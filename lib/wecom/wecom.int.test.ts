/**
 * Issue 6: WeCom corps against the real database. Creating one writes the card in the
 * first stage of the `wecom` pipeline, its first stage event, the corp and the audit
 * events in one transaction; the administrator must be one of the company's people; a
 * refusal writes nothing; managers and client administrators are refused; another
 * agency's company or corp is NOT_FOUND; under a client administrator's scope (the
 * RESTRICTIVE policies) only their own company's corps are visible; and the JSON API
 * answers 201 / 404 / 422 with problem+json.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getCorpRoute } from "@/app/api/v1/wecom-corps/[id]/route";
import { POST as postCorpRoute } from "@/app/api/v1/wecom-corps/route";
import { sql } from "drizzle-orm";
import { withTenant } from "@/db/tenant";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { createApiToken } from "@/lib/api/tokens";
import { getCompanyDetail } from "@/lib/clients/detail";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { createPerson } from "@/lib/people/service";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { createRng } from "@/lib/validation/random";
import { generateResidentId } from "@/lib/validation/resident-id";
import { listWecomAdminChoices } from "./queries";
import { createWecomCorp, getWecomCorp } from "./service";

const BASE = "http://weidesk.test/api/v1";
const start = new Date("2026-05-04T02:00:00Z");
const rng = createRng(Number.parseInt(newId().replace(/-/g, "").slice(-8), 16));
const unique = () => newId().slice(-12);

let admin: pg.Client;
type Agency = { id: string; slug: string; companies: { org: string; individual: string; other: string }; actors: Record<string, ApiActor> };
let own: Agency;
let outside: Agency;

async function makeAgency(roles: ("staff" | "manager" | "client_admin")[]): Promise<Agency> {
  const id = newId();
  const slug = `wc-${unique()}`;
  const companies = { org: newId(), individual: newId(), other: newId() };
  await admin.query(`insert into agencies (id, slug, name, created_at) values ($1, $2, 'WeCom agency', $3)`, [id, slug, start]);
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, uscc, created_at, updated_at)
     values ($1, $2, 'cn_org', 'enterprise', $3, $4, $5, $5)`,
    [companies.org, id, `深圳云帆${unique()}科技有限公司`, `9144030066${unique().slice(-8).toUpperCase()}`, start],
  );
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, created_at, updated_at)
     values ($1, $2, 'cn_individual', 'individual', $3, $4, $4)`,
    [companies.individual, id, `个人${unique()}`, start],
  );
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, name_en, country, created_at, updated_at)
     values ($1, $2, 'overseas', 'overseas_company', $3, 'SG', $4, $4)`,
    [companies.other, id, `Merlion ${unique()}`, start],
  );
  const actors: Record<string, ApiActor> = {};
  for (const role of roles) {
    const userId = newId();
    const email = `${role}-${slug}@example.com`;
    await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, $3, $4, $4)`, [userId, email, role, start]);
    await admin.query(
      `insert into memberships (id, agency_id, user_id, role, client_company_id, created_at) values ($1, $2, $3, $4, $5, $6)`,
      [newId(), id, userId, role, role === "client_admin" ? companies.org : null, start],
    );
    // findMemberActor finds staff-side members only: a client administrator's actor is made as the session makes it.
    actors[role] =
      role === "client_admin"
        ? { ...actors.staff!, user: { ...actors.staff!.user, id: userId, email }, role, clientCompany: { id: companies.org, legalNameZh: null, nameEn: null } }
        : await findMemberActor(slug, email);
  }
  return { id, slug, companies, actors };
}

/** A person with a resident ID, linked to `companyId` as its administrator/operator. */
async function personOf(companyId: string, agency: Agency, name: string, mobile?: string): Promise<string> {
  const person = await createPerson(agency.actors.staff!, { name, idType: "prc_resident_id", idNumber: generateResidentId({ rng }), mobile });
  await admin.query(`insert into person_companies (agency_id, person_id, client_company_id, role) values ($1, $2, $3, 'operator')`, [
    agency.id,
    person.id,
    companyId,
  ]);
  return person.id;
}

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

const countsFor = async (agencyId: string) =>
  (
    await admin.query(
      `select (select count(*)::int from registrations where agency_id = $1 and product = 'wecom') as cards,
              (select count(*)::int from wecom_corps where agency_id = $1) as corps,
              (select count(*)::int from audit_events where agency_id = $1 and action = 'wecom_corp.create') as events`,
      [agencyId],
    )
  ).rows[0] as { cards: number; corps: number; events: number };

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  own = await makeAgency(["staff", "manager", "client_admin"]);
  outside = await makeAgency(["staff"]);
});

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("creating a WeCom corp", () => {
  it("makes the card in intake, its first event, the corp and both audit events, in one go", async () => {
    const staff = own.actors.staff!;
    const adminPerson = await personOf(own.companies.org, own, "王管理", "13800138000");
    const corp = await createWecomCorp(
      staff,
      { clientCompanyId: own.companies.org, adminPersonId: adminPerson, corpName: "  云帆科技  ", shortName: "云帆", industry: "软件", scale: "201_500", tier: "paid", region: "广东省深圳市" },
      { requestId: "req-wecom-1" },
    );
    expect(corp).toMatchObject({
      clientCompanyId: own.companies.org,
      pipeline: "wecom",
      stage: "intake",
      version: 1,
      adminPersonId: adminPerson,
      corpName: "云帆科技",
      shortName: "云帆",
      scale: "201_500",
      tier: "paid",
      region: "广东省深圳市",
      corpId: null,
      verificationStatus: "none",
    });
    // Not the licence's name, and over 200 members unverified: both said; the admin has a mobile and a resident ID.
    expect(corp.warnings).toEqual(["name_differs", "over_200_members"]);

    const { rows: cards } = await admin.query(
      `select product, pipeline, stage, version, client_company_id from registrations where id = $1`,
      [corp.registrationId],
    );
    expect(cards).toEqual([{ product: "wecom", pipeline: "wecom", stage: "intake", version: 1, client_company_id: own.companies.org }]);
    const { rows: events } = await admin.query(`select from_stage, to_stage from registration_events where registration_id = $1`, [corp.registrationId]);
    expect(events).toEqual([{ from_stage: null, to_stage: "intake" }]);
    const { rows: audit } = await admin.query(
      `select action, target_type, target_id, data, request_id from audit_events where agency_id = $1 and target_id in ($2, $3) order by action`,
      [own.id, corp.id, corp.registrationId],
    );
    expect(audit).toEqual([
      { action: "registration.create", target_type: "registration", target_id: corp.registrationId, data: { pipeline: "wecom" }, request_id: "req-wecom-1" },
      {
        action: "wecom_corp.create",
        target_type: "wecom_corp",
        target_id: corp.id,
        data: { clientCompanyId: own.companies.org, registrationId: corp.registrationId, adminPersonId: adminPerson, tier: "paid", scale: "201_500" },
        request_id: "req-wecom-1",
      },
    ]);
    expect(await getWecomCorp(staff, corp.id)).toEqual(corp);
    expect(await getWecomCorp(own.actors.manager!, corp.id)).toEqual(corp);
  });

  it("takes a corp without an administrator (appointed later), and says what domain.md warns of", async () => {
    const staff = own.actors.staff!;
    const individual = await createWecomCorp(staff, { clientCompanyId: own.companies.individual, corpName: "个人工作室", scale: "over_1000" });
    expect(individual).toMatchObject({ adminPersonId: null, tier: "free", scale: "over_1000", shortName: null, industry: null, region: null });
    expect(individual.warnings).toEqual(["no_admin", "individual_no_licence", "name_differs", "over_200_members", "scale_fee"]);

    const noMobile = await personOf(own.companies.other, own, "Tan");
    const overseas = await createWecomCorp(staff, { clientCompanyId: own.companies.other, adminPersonId: noMobile, corpName: "merlion  " + "x", tier: "free" });
    expect(overseas.warnings).toEqual(["admin_no_mobile", "overseas_verification", "name_differs"]);

    // A verified Official Account of the same subject: verification may be free through it; the licence's name: no warning.
    const [{ legal_name_zh: legalName }] = (await admin.query(`select legal_name_zh from client_companies where id = $1`, [own.companies.org])).rows;
    const registrationId = newId();
    await admin.query(
      `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, stage_entered_at, created_at, updated_at)
       values ($1, $2, $3, 'official_account', 'oa_cn_org', 'registered', $4, $4, $4)`,
      [registrationId, own.id, own.companies.org, start],
    );
    await admin.query(
      `insert into official_accounts (id, agency_id, client_company_id, registration_id, subject_kind, account_type, verification_status, created_at, updated_at)
       values ($1, $2, $3, $4, 'cn_org', 'service', 'verified', $5, $5)`,
      [newId(), own.id, own.companies.org, registrationId, start],
    );
    const adminPerson = await personOf(own.companies.org, own, "李管理", "13900139000");
    const verified = await createWecomCorp(staff, { clientCompanyId: own.companies.org, adminPersonId: adminPerson, corpName: legalName });
    expect(verified.warnings).toEqual(["free_via_official_account"]);
  });

  it("refuses bad fields, and an administrator who is not one of the company's people, writing nothing", async () => {
    const staff = own.actors.staff!;
    const before = await countsFor(own.id);
    const invalid = await refusal(
      createWecomCorp(staff, { clientCompanyId: own.companies.org, corpName: "   ", scale: "huge", tier: "gold", region: "x".repeat(101), shortName: "短".repeat(51) }),
    );
    expect(invalid.code).toBe("VALIDATION");
    expect(invalid.details.fields).toEqual({
      corpName: "validation.required",
      scale: "apiTokens.api.invalidValue",
      tier: "apiTokens.api.invalidValue",
      region: "wecomForm.errors.tooLong",
      shortName: "wecomForm.errors.tooLong",
    });
    // One of another company's people, one unknown, one of another agency: all the same field message.
    const elsewhere = await personOf(own.companies.other, own, "别处的人");
    const foreign = await personOf(outside.companies.org, outside, "外机构");
    for (const adminPersonId of [elsewhere, newId(), foreign]) {
      const error = await refusal(createWecomCorp(staff, { clientCompanyId: own.companies.org, adminPersonId, corpName: "云帆" }));
      expect(error.details.fields).toEqual({ adminPersonId: "wecomForm.errors.adminNotLinked" });
    }
    expect(await countsFor(own.id)).toEqual(before);
  });

  it("refuses managers and client administrators; another agency's company or corp is NOT_FOUND", async () => {
    const input = { clientCompanyId: own.companies.org, corpName: "云帆" };
    expect((await refusal(createWecomCorp(own.actors.manager!, input))).code).toBe("FORBIDDEN");
    expect((await refusal(createWecomCorp(own.actors.client_admin!, input))).code).toBe("FORBIDDEN");
    const before = await countsFor(outside.id);
    expect((await refusal(createWecomCorp(outside.actors.staff!, input))).code).toBe("NOT_FOUND");
    expect(await countsFor(outside.id)).toEqual(before);

    const corp = await createWecomCorp(own.actors.staff!, input);
    expect((await refusal(getWecomCorp(outside.actors.staff!, corp.id))).code).toBe("NOT_FOUND");
    expect((await refusal(getWecomCorp(own.actors.staff!, "not-a-uuid"))).code).toBe("NOT_FOUND");
    expect((await refusal(getWecomCorp(own.actors.client_admin!, corp.id))).code).toBe("FORBIDDEN");
  });
});

describe("reads under tenant isolation", () => {
  it("lists a company's people as administrator choices, with mobile and ID type, never another agency's", async () => {
    const linked = await personOf(own.companies.individual, own, "甲选择", "13700137000");
    const choices = await listWecomAdminChoices(own.actors.staff!, own.companies.individual);
    expect(choices).toContainEqual({ id: linked, name: "甲选择", idMask: expect.stringMatching(/^\d{6}\*{8}[\dX]{4}$/), idType: "prc_resident_id", hasMobile: true });
    expect(await listWecomAdminChoices(outside.actors.staff!, own.companies.individual)).toEqual([]);
    expect((await refusal(listWecomAdminChoices(own.actors.client_admin!, own.companies.org))).code).toBe("FORBIDDEN");
  });

  it("shows a client administrator's scope only its own company's corps (the RESTRICTIVE policy)", async () => {
    const staff = own.actors.staff!;
    const mine = await createWecomCorp(staff, { clientCompanyId: own.companies.org, corpName: "本公司" });
    const theirs = await createWecomCorp(staff, { clientCompanyId: own.companies.other, corpName: "别的公司" });
    const visible = (clientCompanyId: string | null, agencyId = own.id) =>
      withTenant({ agencyId, userId: null, clientCompanyId, readOnly: true }, async (tx) =>
        (await tx.execute<{ id: string }>(sql`select id from wecom_corps where id in (${mine.id}, ${theirs.id}) order by id`)).rows.map((r) => r.id),
      );
    expect(await visible(own.companies.org)).toEqual([mine.id]);
    expect(await visible(null)).toEqual([mine.id, theirs.id].sort());
    expect(await visible(null, outside.id)).toEqual([]);
  });
});

describe("the client page", () => {
  it("lists the corp beside the Official Accounts with its administrator, and its creation on the timeline", async () => {
    const staff = own.actors.staff!;
    const adminPerson = await personOf(own.companies.individual, own, "页管理", "13600136000");
    const corp = await createWecomCorp(staff, { clientCompanyId: own.companies.individual, adminPersonId: adminPerson, corpName: "页面企微", shortName: "页企" });
    const detail = await getCompanyDetail(own.actors.manager!, own.companies.individual);
    expect(detail.accounts.find((account) => account.registrationId === corp.registrationId)).toMatchObject({
      product: "wecom",
      pipeline: "wecom",
      stage: "intake",
      name: "页面企微",
      shortName: "页企",
      corpId: null,
      wecomCorpId: corp.id,
      officialAccountId: null,
      version: 1,
      person: { id: adminPerson, name: "页管理" },
    });
    expect(detail.timeline.filter((event) => event.targetType === "wecom_corp").map((event) => event.action)).toContain("wecom_corp.create");
  });
});

describe("the JSON API", () => {
  const call = async (token: string, method: "GET" | "POST", path: string, body?: unknown, params?: Record<string, string>) => {
    const request = new Request(`${BASE}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const response = method === "POST" ? await postCorpRoute(request) : await getCorpRoute(request, { params: Promise.resolve(params as { id: string }) });
    return { status: response.status, type: response.headers.get("content-type"), location: response.headers.get("location"), body: (await response.json()) as Record<string, unknown> };
  };

  it("POST 201 with Location and warnings, GET 200; 422 names the fields; 404 for another agency; 403 for a manager", async () => {
    const staffToken = (await createApiToken(own.actors.staff!, { name: "wecom", expiresInDays: 30 })).token;
    const created = await call(staffToken, "POST", "/wecom-corps", { clientCompanyId: own.companies.individual, corpName: "接口创建" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ pipeline: "wecom", stage: "intake", corpName: "接口创建", warnings: ["no_admin", "individual_no_licence", "name_differs"] });
    expect(created.location).toBe(`/api/v1/wecom-corps/${created.body.id as string}`);
    const read = await call(staffToken, "GET", `/wecom-corps/${created.body.id as string}`, undefined, { id: created.body.id as string });
    expect(read).toMatchObject({ status: 200, body: created.body });

    const invalid = await call(staffToken, "POST", "/wecom-corps", { clientCompanyId: own.companies.org });
    expect(invalid.status).toBe(422);
    expect(invalid.type).toMatch(/^application\/problem\+json/);
    expect(invalid.body.fields).toMatchObject({ corpName: { key: "validation.required" } });

    const outsiderToken = (await createApiToken(outside.actors.staff!, { name: "wecom", expiresInDays: 30 })).token;
    expect((await call(outsiderToken, "POST", "/wecom-corps", { clientCompanyId: own.companies.org, corpName: "越界" })).status).toBe(404);
    expect((await call(outsiderToken, "GET", `/wecom-corps/${created.body.id as string}`, undefined, { id: created.body.id as string })).status).toBe(404);

    const managerToken = (await createApiToken(own.actors.manager!, { name: "wecom", expiresInDays: 30 })).token;
    expect((await call(managerToken, "POST", "/wecom-corps", { clientCompanyId: own.companies.org, corpName: "经理" })).status).toBe(403);
    expect((await call(managerToken, "GET", `/wecom-corps/${created.body.id as string}`, undefined, { id: created.body.id as string })).status).toBe(200);
  });
});
