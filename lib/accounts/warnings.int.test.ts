/**
 * WeChat's newer caps (domain.md B2–B4) as warnings of a new Official Account, from real
 * rows: an individual subject that already has an account, also through another client
 * whose subject has the same resident ID (B2); a credit code with two accounts, an
 * enterprise's and an individual business's (B3); a login e-mail another account uses, in
 * any case, and a mobile number serving five accounts (B4). Abandoned and rejected
 * accounts do not count; another agency's rows never do — also not through a resident ID
 * that agency has recorded too (the HMAC is the same), and row-level security hides them
 * even from a query that asks for them. createOfficialAccount and POST
 * /api/v1/official-accounts answer the warnings; the counts' plans use the indexes.
 */
import pg from "pg";
import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postOfficialAccount } from "@/app/api/v1/official-accounts/route";
import { withTenant } from "@/db/tenant";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { createApiToken } from "@/lib/api/tokens";
import type { SubjectType } from "@/lib/clients/kinds";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { createPerson } from "@/lib/people/service";
import { resetAppState } from "@/lib/testing/app-state";
import { planNodes, seqScansOf, type PlanNode } from "@/lib/testing/plans";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { createRng } from "@/lib/validation/random";
import { generateResidentId } from "@/lib/validation/resident-id";
import { generateUscc } from "@/lib/validation/uscc";
import { abandonOfficialAccount, createOfficialAccount } from "./service";
import {
  creditCodeAccountsSql,
  individualSubjectAccountsSql,
  loginEmailAccountsSql,
  mobileAccountsSql,
  previewOfficialAccountWarnings,
} from "./warnings";

const BASE = "http://weidesk.test/api/v1";
const start = new Date("2026-05-04T02:00:00Z");
const rng = createRng(Number.parseInt(newId().replace(/-/g, "").slice(-8), 16));
const unique = () => newId().slice(-12);
/** A mainland mobile number no other test uses: 139 and 8 digits of a fresh id. */
const freshMobile = () => `139${Number.parseInt(newId().replace(/-/g, "").slice(-7), 16).toString().padStart(8, "0").slice(-8)}`;

let admin: pg.Client;

type Agency = { id: string; slug: string; staff: ApiActor; manager: ApiActor };
let own: Agency;
let other: Agency;

async function makeAgency(label: string): Promise<Agency> {
  const id = newId();
  const slug = `warn-${label}-${unique()}`;
  await admin.query(`insert into agencies (id, slug, name, created_at) values ($1, $2, $3, $4)`, [id, slug, `Warnings ${label}`, start]);
  const actors: ApiActor[] = [];
  for (const role of ["staff", "manager"] as const) {
    const userId = newId();
    const email = `${role}-${slug}@example.com`;
    await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, $3, $4, $4)`, [userId, email, role, start]);
    await admin.query(`insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, $4, $5)`, [newId(), id, userId, role, start]);
    actors.push(await findMemberActor(slug, email));
  }
  return { id, slug, staff: actors[0]!, manager: actors[1]! };
}

async function individualCompany(agency: Agency, name = `个人${unique()}`): Promise<string> {
  const id = newId();
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, created_at, updated_at)
     values ($1, $2, 'cn_individual', 'individual', $3, $4, $4)`,
    [id, agency.id, name, start],
  );
  return id;
}

async function orgCompany(agency: Agency, subjectType: SubjectType, uscc = generateUscc({ rng })): Promise<string> {
  const id = newId();
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, uscc, created_at, updated_at)
     values ($1, $2, 'cn_org', $3, $4, $5, $6, $6)`,
    [id, agency.id, subjectType, `公司${unique()}`, uscc, start],
  );
  return id;
}

async function overseasCompany(agency: Agency): Promise<string> {
  const id = newId();
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, name_en, country, created_at, updated_at)
     values ($1, $2, 'overseas', 'overseas_company', $3, 'SG', $4, $4)`,
    [id, agency.id, `Lion ${unique()} Pte`, start],
  );
  return id;
}

async function person(agency: Agency, options: { idNumber?: string; mobile?: string; link?: { clientCompanyId: string; role: "legal_representative" | "operator" } } = {}) {
  const created = await createPerson(
    agency.staff,
    { name: `人${unique()}`, idType: "prc_resident_id", idNumber: options.idNumber ?? generateResidentId({ rng, birthDate: "1988-03-09" }), mobile: options.mobile },
    options.link ? { link: options.link } : {},
  );
  return created.id;
}

/** Also links an existing person to a company in a role (the person form links one role at a time). */
const link = (agency: Agency, personId: string, clientCompanyId: string, role: string) =>
  admin.query(`insert into person_companies (agency_id, person_id, client_company_id, role) values ($1, $2, $3, $4)`, [agency.id, personId, clientCompanyId, role]);

const account = (agency: Agency, clientCompanyId: string, operatorPersonId: string, extra: { accountType?: string; loginEmail?: string } = {}) =>
  createOfficialAccount(agency.staff, { clientCompanyId, accountType: extra.accountType ?? "service", operatorPersonId, loginEmail: extra.loginEmail });

const preview = async (agency: Agency, input: { clientCompanyId: string; operatorPersonId?: string; loginEmail?: string }) =>
  (await previewOfficialAccountWarnings(agency.staff, input)).warnings;

/** Marks an account's card rejected, as a rejection by WeChat leaves it (its slot given back). */
async function reject(accountId: string) {
  await admin.query(
    `update registrations r set stage = 'rejected', resume_stage = r.stage
       from official_accounts oa where oa.registration_id = r.id and oa.id = $1`,
    [accountId],
  );
  await admin.query(`delete from id_slots where official_account_id = $1`, [accountId]);
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  own = await makeAgency("own");
  other = await makeAgency("other");
});

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("B2: one Official Account per individual subject", () => {
  it("warns once the individual is the subject of an account, also through another client with the same resident ID", async () => {
    const idNumber = generateResidentId({ rng, birthDate: "1990-01-02" });
    const first = await individualCompany(own);
    const subject = await person(own, { idNumber, link: { clientCompanyId: first, role: "legal_representative" } });
    await link(own, subject, first, "operator");
    // A second client of the same individual (another shop of theirs), and a stranger.
    const second = await individualCompany(own);
    await link(own, subject, second, "legal_representative");
    const stranger = await individualCompany(own);
    await person(own, { link: { clientCompanyId: stranger, role: "legal_representative" } });

    expect(await preview(own, { clientCompanyId: first, operatorPersonId: subject })).toEqual([]);
    const created = await account(own, first, subject, { accountType: "subscription" });
    expect(created.warnings).toEqual([]);

    expect(await preview(own, { clientCompanyId: first, operatorPersonId: subject })).toEqual(["individual_subject_has_account"]);
    expect(await preview(own, { clientCompanyId: second })).toEqual(["individual_subject_has_account"]);
    expect(await preview(own, { clientCompanyId: stranger })).toEqual([]);
    // The second account of the subject is made all the same (a warning, never a refusal), and says so.
    const again = await account(own, second, subject, { accountType: "subscription" });
    expect(again.warnings).toEqual(["individual_subject_has_account"]);
    const { rows } = await admin.query(`select data from audit_events where action = 'official_account.create' and target_id = $1`, [again.id]);
    expect(rows[0].data.warnings).toEqual(["individual_subject_has_account"]);
  });

  it("counts the client's own accounts when no subject is linked", async () => {
    const company = await individualCompany(own);
    const operator = await person(own, { link: { clientCompanyId: company, role: "operator" } });
    await account(own, company, operator, { accountType: "subscription" });
    expect(await preview(own, { clientCompanyId: company })).toEqual(["individual_subject_has_account"]);
  });

  it("does not count an abandoned or a rejected account", async () => {
    const company = await individualCompany(own);
    const subject = await person(own, { link: { clientCompanyId: company, role: "legal_representative" } });
    const abandoned = await account(own, company, subject, { accountType: "subscription" });
    await abandonOfficialAccount(own.staff, abandoned.id, { version: abandoned.version });
    expect(await preview(own, { clientCompanyId: company })).toEqual([]);
    const rejected = await account(own, company, subject, { accountType: "subscription" });
    await reject(rejected.id);
    expect(await preview(own, { clientCompanyId: company })).toEqual([]);
  });
});

describe("B3: two Official Accounts per credit code", () => {
  it("warns an enterprise at two (it may ask WeChat for more), not at one", async () => {
    const company = await orgCompany(own, "enterprise");
    const operator = await person(own);
    expect((await account(own, company, operator)).warnings).toEqual([]);
    expect(await preview(own, { clientCompanyId: company })).toEqual([]);
    expect((await account(own, company, operator)).warnings).toEqual([]);
    expect(await previewOfficialAccountWarnings(own.staff, { clientCompanyId: company })).toEqual({
      warnings: ["credit_code_cap_extendable"],
      creditCodeCap: 2,
    });
    // The third is made, with the warning.
    expect((await account(own, company, await person(own))).warnings).toEqual(["credit_code_cap_extendable"]);
  });

  it("warns an individual business (个体户), which may not ask for more; abandoned and rejected accounts do not count", async () => {
    const company = await orgCompany(own, "individual_business");
    const [a, b] = [await person(own), await person(own)];
    await account(own, company, a);
    const second = await account(own, company, b);
    expect(await preview(own, { clientCompanyId: company })).toEqual(["credit_code_cap"]);
    await abandonOfficialAccount(own.staff, second.id, { version: second.version });
    expect(await preview(own, { clientCompanyId: company })).toEqual([]);
    const third = await account(own, company, b);
    expect(await preview(own, { clientCompanyId: company })).toEqual(["credit_code_cap"]);
    await reject(third.id);
    expect(await preview(own, { clientCompanyId: company })).toEqual([]);
  });
});

describe("B4: one Official Account per login e-mail, five per mobile number", () => {
  it("warns of a login e-mail another account uses, in any case; an abandoned account's does not count", async () => {
    const email = `oa-${unique()}@Example.com`;
    const company = await overseasCompany(own);
    const operator = await person(own);
    const first = await account(own, company, operator, { loginEmail: email });
    expect(first.loginEmail).toBe(email);
    expect(first.warnings).toEqual([]);
    expect(await preview(own, { clientCompanyId: company, loginEmail: email.toUpperCase() })).toEqual(["login_email_used"]);
    expect(await preview(own, { clientCompanyId: company, loginEmail: `other-${email}` })).toEqual([]);
    expect(await preview(own, { clientCompanyId: company })).toEqual([]);
    const second = await account(own, company, await person(own), { loginEmail: `  ${email.toLowerCase()} ` });
    expect(second).toMatchObject({ loginEmail: email.toLowerCase(), warnings: ["login_email_used"] });
    await abandonOfficialAccount(own.staff, first.id, { version: first.version });
    await abandonOfficialAccount(own.staff, second.id, { version: second.version });
    expect(await preview(own, { clientCompanyId: company, loginEmail: email })).toEqual([]);
  });

  it("refuses a login e-mail that is not an address, on its field, and makes nothing", async () => {
    const company = await overseasCompany(own);
    const refused = await account(own, company, await person(own), { loginEmail: "not-an-address" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).details.fields).toEqual({ loginEmail: "accountForm.errors.loginEmail" });
    const { rows } = await admin.query(`select count(*)::int as n from official_accounts where client_company_id = $1`, [company]);
    expect(rows[0].n).toBe(0);
  });

  it("warns when the operator's mobile already serves five accounts (operators sharing it count together), not four", async () => {
    const mobile = freshMobile();
    const company = await overseasCompany(own);
    // Three people with one mobile number: each resident ID operates two accounts at most.
    const [a, b, c] = [await person(own, { mobile }), await person(own, { mobile }), await person(own, { mobile })];
    const made = [await account(own, company, a), await account(own, company, a), await account(own, company, b), await account(own, company, b)];
    expect(made.every((m) => m.warnings.length === 0)).toBe(true);
    expect(await preview(own, { clientCompanyId: company, operatorPersonId: c })).toEqual([]);
    const fifth = await account(own, company, c);
    expect(fifth.warnings).toEqual([]);
    expect(await preview(own, { clientCompanyId: company, operatorPersonId: c })).toEqual(["mobile_cap"]);
    expect(await preview(own, { clientCompanyId: company, operatorPersonId: a })).toEqual(["mobile_cap"]);
    // Someone with another number, or none: nothing.
    expect(await preview(own, { clientCompanyId: company, operatorPersonId: await person(own, { mobile: freshMobile() }) })).toEqual([]);
    expect(await preview(own, { clientCompanyId: company, operatorPersonId: await person(own) })).toEqual([]);
    expect((await account(own, company, c)).warnings).toEqual(["mobile_cap"]);
    // One abandoned of the six: five still count.
    await abandonOfficialAccount(own.staff, made[0]!.id, { version: made[0]!.version });
    expect(await preview(own, { clientCompanyId: company, operatorPersonId: c })).toEqual(["mobile_cap"]);
    await abandonOfficialAccount(own.staff, made[1]!.id, { version: made[1]!.version });
    expect(await preview(own, { clientCompanyId: company, operatorPersonId: c })).toEqual([]);
  });
});

describe("another agency", () => {
  it("never counts its rows: the same resident ID, credit code, login e-mail and mobile number there", async () => {
    const idNumber = generateResidentId({ rng, birthDate: "1985-07-08" });
    const uscc = generateUscc({ rng });
    const email = `shared-${unique()}@example.com`;
    const mobile = freshMobile();

    // The other agency: an individual with this ID and an account, two accounts on the credit code,
    // the e-mail used, and five accounts operated by people with the mobile.
    const theirIndividual = await individualCompany(other);
    const theirSubject = await person(other, { idNumber, mobile, link: { clientCompanyId: theirIndividual, role: "legal_representative" } });
    await account(other, theirIndividual, theirSubject, { accountType: "subscription", loginEmail: email });
    const theirOrg = await orgCompany(other, "enterprise", uscc);
    await account(other, theirOrg, theirSubject);
    const helper = await person(other, { mobile });
    await account(other, theirOrg, helper);
    const theirOverseas = await overseasCompany(other);
    await account(other, theirOverseas, helper);
    await account(other, theirOverseas, await person(other, { mobile }));
    expect(await preview(other, { clientCompanyId: theirIndividual, operatorPersonId: helper, loginEmail: email })).toEqual([
      "individual_subject_has_account",
      "login_email_used",
      "mobile_cap",
    ]);
    expect(await preview(other, { clientCompanyId: theirOrg })).toEqual(["credit_code_cap_extendable"]);

    // Ours: the same ID, credit code, e-mail and mobile, and nothing counted.
    const ourIndividual = await individualCompany(own);
    const ourSubject = await person(own, { idNumber, mobile, link: { clientCompanyId: ourIndividual, role: "legal_representative" } });
    const ourOrg = await orgCompany(own, "enterprise", uscc);
    expect(await preview(own, { clientCompanyId: ourIndividual, operatorPersonId: ourSubject, loginEmail: email })).toEqual([]);
    expect(await preview(own, { clientCompanyId: ourOrg, operatorPersonId: ourSubject, loginEmail: email })).toEqual([]);
    expect((await account(own, ourIndividual, ourSubject, { accountType: "subscription", loginEmail: email })).warnings).toEqual([]);

    // Their company from our side: the same 404 as none.
    const refused = await previewOfficialAccountWarnings(own.staff, { clientCompanyId: theirOrg }).catch((error: unknown) => error);
    expect((refused as AppError).code).toBe("NOT_FOUND");
  });

  it("row-level security hides its rows even from a count that names its agency", async () => {
    const email = `rls-${unique()}@example.com`;
    const mobile = freshMobile();
    const uscc = generateUscc({ rng });
    const company = await orgCompany(other, "enterprise", uscc);
    const subjectCompany = await individualCompany(other);
    const operator = await person(other, { mobile, link: { clientCompanyId: subjectCompany, role: "legal_representative" } });
    await account(other, company, operator, { loginEmail: email });
    await account(other, subjectCompany, operator, { accountType: "subscription" });
    const queries: [string, SQL][] = [
      ["subject", individualSubjectAccountsSql(other.id, subjectCompany)],
      ["credit code", creditCodeAccountsSql(other.id, uscc)],
      ["login e-mail", loginEmailAccountsSql(other.id, email)],
      ["mobile", mobileAccountsSql(other.id, `+86${mobile}`)],
    ];
    for (const [what, query] of queries) {
      const asOwn = await withTenant({ agencyId: own.id, userId: own.staff.user.id, readOnly: true }, (tx) => tx.execute<{ n: number }>(query));
      const asOther = await withTenant({ agencyId: other.id, userId: other.staff.user.id, readOnly: true }, (tx) => tx.execute<{ n: number }>(query));
      expect({ what, own: asOwn.rows[0]!.n, other: asOther.rows[0]!.n }).toEqual({ what, own: 0, other: what === "mobile" ? 2 : 1 });
    }
  });
});

describe("who may ask", () => {
  it("a manager may not (creating accounts is not theirs); a bad company id is a field error", async () => {
    const company = await overseasCompany(own);
    const forbidden = await previewOfficialAccountWarnings(own.manager, { clientCompanyId: company }).catch((error: unknown) => error);
    expect((forbidden as AppError).code).toBe("FORBIDDEN");
    const invalid = await previewOfficialAccountWarnings(own.staff, { clientCompanyId: "nope" }).catch((error: unknown) => error);
    expect((invalid as AppError).details.fields).toEqual({ clientCompanyId: "apiTokens.api.invalidValue" });
  });
});

describe("POST /api/v1/official-accounts", () => {
  it("answers 201 with the login e-mail and the warnings", async () => {
    const { token } = await createApiToken(own.staff, { name: "warnings script", expiresInDays: 30 });
    const company = await orgCompany(own, "individual_business");
    const operator = await person(own);
    const email = `api-${unique()}@example.com`;
    const post = (body: unknown) =>
      postOfficialAccount(
        new Request(`${BASE}/official-accounts`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
      );
    const first = await post({ clientCompanyId: company, accountType: "service", operatorPersonId: operator, loginEmail: email });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ loginEmail: email, warnings: [] });
    await post({ clientCompanyId: company, accountType: "service", operatorPersonId: operator });
    const third = await post({ clientCompanyId: company, accountType: "service", operatorPersonId: await person(own), loginEmail: email.toUpperCase() });
    expect(third.status).toBe(201);
    expect(await third.json()).toMatchObject({ warnings: ["credit_code_cap", "login_email_used"] });
  });
});

describe("the counts' plans", () => {
  const BULK = 3_000;
  /** The tables a count reads: none by a sequential scan. */
  const TABLES = new Set(["official_accounts", "registrations", "people", "person_companies", "client_companies"]);

  let bulk: Agency;
  let sample: { company: string; email: string; mobile: string; uscc: string };

  beforeAll(async () => {
    bulk = await makeAgency("bulk");
    // BULK individuals, each the subject and operator of an account with a login e-mail, and BULK
    // enterprises, written as the migrating role; then ANALYZE, with default planner settings.
    await admin.query(`create temp table warn_bulk as
      select g, gen_random_uuid() as person, gen_random_uuid() as company, gen_random_uuid() as org,
             gen_random_uuid() as reg, gen_random_uuid() as oa
        from generate_series(1, ${BULK}) g`);
    const tag = unique();
    await admin.query(
      `insert into people (id, agency_id, name, id_type, id_number_ciphertext, id_key_id, id_number_hmac, id_mask, mobile, created_at, updated_at)
       select person, $1, '人' || g, 'prc_resident_id', '\\x00', 'k1', sha256(($2 || g)::bytea), '110101********0000',
              '+86137' || lpad(g::text, 8, '0'), $3, $3 from warn_bulk`,
      [bulk.id, tag, start],
    );
    await admin.query(
      `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, created_at, updated_at)
       select company, $1, 'cn_individual', 'individual', '个人' || g, $2, $2 from warn_bulk`,
      [bulk.id, start],
    );
    await admin.query(
      `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, uscc, created_at, updated_at)
       select org, $1, 'cn_org', 'enterprise', '公司' || g, '91110000' || lpad(g::text, 9, '0') || 'X', $2, $2 from warn_bulk`,
      [bulk.id, start],
    );
    await admin.query(
      `insert into person_companies (agency_id, person_id, client_company_id, role)
       select $1::uuid, person, company, 'legal_representative'::person_role from warn_bulk
       union all select $1::uuid, person, company, 'operator'::person_role from warn_bulk`,
      [bulk.id],
    );
    await admin.query(
      `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, stage_entered_at, version, created_at, updated_at)
       select reg, $1, company, 'official_account', 'oa_cn_individual', 'intake', $2, 1, $2, $2 from warn_bulk`,
      [bulk.id, start],
    );
    await admin.query(
      `insert into official_accounts (id, agency_id, client_company_id, registration_id, subject_kind, account_type, operator_person_id, login_email, created_at, updated_at)
       select oa, $1, company, reg, 'cn_individual', 'subscription', person, 'Bulk' || g || '@example.com', $2, $2 from warn_bulk`,
      [bulk.id, start],
    );
    const { rows } = await admin.query(`select company, org from warn_bulk where g = ${BULK / 2}`);
    const { rows: codes } = await admin.query(`select uscc from client_companies where id = $1`, [rows[0].org]);
    sample = { company: rows[0].company, email: `bulk${BULK / 2}@example.com`, mobile: `+86137${String(BULK / 2).padStart(8, "0")}`, uscc: codes[0].uscc };
    await admin.query(`drop table warn_bulk`);
    await admin.query(`analyze people, client_companies, person_companies, registrations, official_accounts`);
  }, 120_000);

  async function planOf(query: SQL): Promise<PlanNode> {
    const { rows } = await withTenant({ agencyId: bulk.id, userId: bulk.staff.user.id, readOnly: true }, (tx) =>
      tx.execute<{ "QUERY PLAN": { Plan: PlanNode }[] }>(sql`explain (format json) ${query}`),
    );
    return rows[0]!["QUERY PLAN"][0]!.Plan;
  }

  it("count as weidesk_app under RLS, each through an index, never a sequential scan", async () => {
    const cases: [string, SQL, string | null][] = [
      ["subject", individualSubjectAccountsSql(bulk.id, sample.company), null],
      ["credit code", creditCodeAccountsSql(bulk.id, sample.uscc), "client_companies_uscc_key"],
      ["login e-mail", loginEmailAccountsSql(bulk.id, sample.email), "official_accounts_login_email_idx"],
      ["mobile", mobileAccountsSql(bulk.id, sample.mobile), "people_mobile_idx"],
    ];
    for (const [what, query, index] of cases) {
      const plan = await planOf(query);
      const nodes = planNodes(plan);
      expect({ what, seqScans: seqScansOf(plan, TABLES) }).toEqual({ what, seqScans: [] });
      if (index) expect({ what, indexes: nodes.map((node) => node["Index Name"]) }).toEqual({ what, indexes: expect.arrayContaining([index]) });
    }
    // And they count what they should.
    const counts = await withTenant({ agencyId: bulk.id, userId: null, readOnly: true }, async (tx) => {
      const n: number[] = [];
      for (const query of [
        individualSubjectAccountsSql(bulk.id, sample.company),
        loginEmailAccountsSql(bulk.id, sample.email.toUpperCase()),
        mobileAccountsSql(bulk.id, sample.mobile),
      ]) {
        n.push((await tx.execute<{ n: number }>(query)).rows[0]!.n);
      }
      return n;
    });
    expect(counts).toEqual([1, 1, 1]);
  });
});
