/**
 * Issue 6 §5: client teams and "staff see only their assigned clients", through the
 * services against the real database. With the agency setting on, a staff member's list,
 * count and searches (Chinese name, credit code), the client page, edits, people and
 * accounts show only the companies they are assigned to or on the team of; the rest are
 * NOT_FOUND, as another agency's are. Owners, admins and managers see everything; with
 * the setting off, so does everyone. Team changes are one transaction with their audit events.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getCompanyRoute, PATCH as patchCompany } from "@/app/api/v1/companies/[id]/route";
import { GET as getTeamRoute, PUT as putTeamRoute } from "@/app/api/v1/companies/[id]/team/route";
import { withTenant } from "@/db/tenant";
import { createApiToken } from "@/lib/api/tokens";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { getPersonDetail, listPeoplePage } from "@/lib/people/queries";
import type { Role } from "@/lib/rbac/roles";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { createRng } from "@/lib/validation/random";
import { generateUscc } from "@/lib/validation/uscc";
import { getCompanyDetail } from "./detail";
import { listCompanies } from "./list";
import { companyListQuerySchema } from "./schemas";
import { assignCompanies, createCompany, getCompany, tenantOf, updateCompany, type ClientsActor } from "./service";
import { addTeamMembers, getStaffRestriction, getTeam, removeTeamMember, replaceTeam, updateStaffRestriction } from "./team";

const start = new Date("2026-05-04T02:00:00Z");
const rng = createRng(Number.parseInt(newId().replace(/-/g, "").slice(-8), 16));
const unique = () => newId().slice(-12);

let admin: pg.Client;
let agencyId: string;
type Member = ClientsActor & { membershipId: string };
let staff: Member;
let otherStaff: Member;
let boss: Member;
let manager: Member;
let clientAdminUserId: string;
const companies: Record<"assigned" | "team" | "hidden", { id: string; uscc: string; name: string }> = {
  assigned: { id: "", uscc: "", name: "" },
  team: { id: "", uscc: "", name: "" },
  hidden: { id: "", uscc: "", name: "" },
};
let hiddenPersonId: string;
let teamPersonId: string;

async function member(role: Role, name: string): Promise<Member> {
  const userId = newId();
  const membershipId = newId();
  await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, $3, $4, $4)`, [
    userId, `${role}-${unique()}@example.com`, name, start,
  ]);
  await admin.query(`insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, $4, $5)`, [
    membershipId, agencyId, userId, role, start,
  ]);
  return {
    membershipId,
    user: { id: userId, email: "", name, locale: null, emailVerified: true, totpEnabled: false },
    agency: { id: agencyId, slug: "team", name: "Team agency", defaultLocale: "en", timeZone: "Asia/Shanghai", requireTotpForAdmins: false },
    role,
  } as Member;
}

async function company(name: string, assignee: string | null): Promise<{ id: string; uscc: string; name: string }> {
  const id = newId();
  const uscc = generateUscc({ rng });
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, uscc, assignee_user_id, created_at, updated_at)
     values ($1, $2, 'cn_org', 'enterprise', $3, $4, $5, $6, $6)`,
    [id, agencyId, name, uscc, assignee, start],
  );
  return { id, uscc, name };
}

async function person(name: string, companyId: string): Promise<string> {
  const id = newId();
  await admin.query(
    `insert into people (id, agency_id, name, id_type, id_number_ciphertext, id_key_id, id_number_hmac, id_mask, created_at, updated_at)
     values ($1, $2, $3, 'passport', '\\x00', 'k1', decode(md5($5), 'hex'), 'E****5678', $4, $4)`,
    [id, agencyId, name, start, id],
  );
  await admin.query(`insert into person_companies (agency_id, person_id, client_company_id, role) values ($1, $2, $3, 'contact')`, [
    agencyId, id, companyId,
  ]);
  return id;
}

async function setRestricted(on: boolean) {
  await admin.query(`update agencies set restrict_staff_to_assigned = $2 where id = $1`, [agencyId, on]);
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const list = (actor: ClientsActor, query: Record<string, string> = {}) =>
  listCompanies(actor, companyListQuerySchema.parse({ archived: "all", ...query }));
const idsOf = (page: { rows: { id: string }[] }) => page.rows.map((row) => row.id).sort();

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  agencyId = newId();
  await admin.query(`insert into agencies (id, slug, name, created_at) values ($1, $2, 'Team agency', $3)`, [agencyId, `tm-${unique()}`, start]);
  staff = await member("staff", "Staff Wang");
  otherStaff = await member("staff", "Staff Chen");
  boss = await member("admin", "Admin Li");
  manager = await member("manager", "Manager Zhao");
  // Distinct two-character runs so each Chinese search finds one company.
  companies.assigned = await company(`指派星河贸易${unique().slice(-4)}有限公司`, staff.user.id);
  companies.team = await company(`团队云帆科技${unique().slice(-4)}有限公司`, otherStaff.user.id);
  companies.hidden = await company(`隐藏海豚物流${unique().slice(-4)}有限公司`, otherStaff.user.id);
  await admin.query(
    `insert into client_company_members (agency_id, client_company_id, user_id, added_by, added_at) values ($1, $2, $3, $4, $5)`,
    [agencyId, companies.team.id, staff.user.id, boss.user.id, start],
  );
  hiddenPersonId = await person("隐藏的人", companies.hidden.id);
  teamPersonId = await person("团队的人", companies.team.id);
  clientAdminUserId = newId();
  await admin.query(`insert into users (id, email, name, created_at) values ($1, $2, 'Client', $3)`, [clientAdminUserId, `c-${unique()}@example.com`, start]);
  await admin.query(
    `insert into memberships (id, agency_id, user_id, role, client_company_id, created_at) values ($1, $2, $3, 'client_admin', $4, $5)`,
    [newId(), agencyId, clientAdminUserId, companies.hidden.id, start],
  );
  for (const [registration, companyId] of [[newId(), companies.team.id], [newId(), companies.hidden.id]] as const) {
    await admin.query(
      `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, stage_entered_at, created_at, updated_at)
       values ($1, $2, $3, 'official_account', 'oa_cn_org', 'intake', $4, $4, $4)`,
      [registration, agencyId, companyId, start],
    );
    await admin.query(
      `insert into official_accounts (id, agency_id, client_company_id, registration_id, subject_kind, account_type, name, created_at, updated_at)
       values ($1, $2, $3, $4, 'cn_org', 'service', $5, $6, $6)`,
      [newId(), agencyId, companyId, registration, `号${unique().slice(-4)}`, start],
    );
  }
});

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("the agency setting", () => {
  it("is off by default, changed only by owners and admins, and audited", async () => {
    expect(await getStaffRestriction(staff)).toEqual({ restrictStaffToAssigned: false });
    expect((await refusal(updateStaffRestriction(staff, { restrictStaffToAssigned: true }))).code).toBe("FORBIDDEN");
    expect((await refusal(updateStaffRestriction(manager, { restrictStaffToAssigned: true }))).code).toBe("FORBIDDEN");
    expect(await updateStaffRestriction(boss, { restrictStaffToAssigned: true }, "req-1")).toEqual({ restrictStaffToAssigned: true });
    expect(await getStaffRestriction(staff)).toEqual({ restrictStaffToAssigned: true });
    const { rows } = await admin.query(
      `select action, data, request_id from audit_events where agency_id = $1 and action = 'agency.settings_change'`,
      [agencyId],
    );
    expect(rows).toEqual([
      { action: "agency.settings_change", data: { setting: "restrictStaffToAssigned", from: false, to: true }, request_id: "req-1" },
    ]);
    // Saving the same value again writes nothing.
    await updateStaffRestriction(boss, { restrictStaffToAssigned: true });
    expect((await admin.query(`select 1 from audit_events where agency_id = $1 and action = 'agency.settings_change'`, [agencyId])).rowCount).toBe(1);
    await setRestricted(false);
  });
});

describe("with staff restricted to their assigned clients", () => {
  beforeAll(() => setRestricted(true));
  afterAll(() => setRestricted(false));

  it("lists and counts only the companies assigned to the staff member or with them on the team", async () => {
    const page = await list(staff);
    expect(idsOf(page)).toEqual([companies.assigned.id, companies.team.id].sort());
    expect(page.total).toBe(2);
    // The assignee filter still works, within what they see.
    expect(idsOf(await list(staff, { assignee: otherStaff.user.id }))).toEqual([companies.team.id]);
    expect(idsOf(await list(staff, { assignee: staff.user.id }))).toEqual([companies.assigned.id]);
  });

  it("finds nothing of another's company by Chinese name or credit code", async () => {
    expect(idsOf(await list(staff, { q: companies.hidden.name.slice(2, 4) }))).toEqual([]);
    expect(idsOf(await list(staff, { q: companies.hidden.uscc }))).toEqual([]);
    expect(idsOf(await list(staff, { q: companies.hidden.uscc.slice(2, 12).toLowerCase() }))).toEqual([]);
    expect(idsOf(await list(staff, { q: companies.team.name.slice(2, 4) }))).toEqual([companies.team.id]);
    expect(idsOf(await list(staff, { q: companies.assigned.uscc }))).toEqual([companies.assigned.id]);
    // An admin finds it.
    expect(idsOf(await list(boss, { q: companies.hidden.uscc }))).toEqual([companies.hidden.id]);
  });

  it("answers NOT_FOUND for another's company: read, page, team, edit, assign", async () => {
    expect((await refusal(getCompany(staff, companies.hidden.id))).code).toBe("NOT_FOUND");
    expect((await refusal(getCompanyDetail(staff, companies.hidden.id))).code).toBe("NOT_FOUND");
    expect((await refusal(getTeam(staff, companies.hidden.id))).code).toBe("NOT_FOUND");
    expect((await refusal(addTeamMembers(staff, companies.hidden.id, [staff.user.id]))).code).toBe("NOT_FOUND");
    const current = await getCompany(boss, companies.hidden.id);
    const edit = { kind: "cn_org", subjectType: "enterprise", legalNameZh: current.legalNameZh, uscc: current.uscc, version: current.version };
    expect((await refusal(updateCompany(staff, companies.hidden.id, edit))).code).toBe("NOT_FOUND");
    expect(await assignCompanies(staff, [companies.hidden.id], staff.user.id)).toEqual({ changed: 0 });
    expect((await getCompany(boss, companies.hidden.id)).assigneeUserId).toBe(otherStaff.user.id);
  });

  it("shows people and accounts of their companies only", async () => {
    const people = (await listPeoplePage(staff, { limit: 200 })).rows.map((row) => row.id);
    expect(people).toContain(teamPersonId);
    expect(people).not.toContain(hiddenPersonId);
    expect((await refusal(getPersonDetail(staff, hiddenPersonId))).code).toBe("NOT_FOUND");
    expect((await listPeoplePage(boss, { limit: 200 })).rows.map((row) => row.id)).toContain(hiddenPersonId);
    const accounts = await withTenant(tenantOf(staff, true), async (tx) =>
      (await tx.execute<{ client_company_id: string }>(`select client_company_id from official_accounts` as never)).rows,
    );
    expect(accounts.map((row) => row.client_company_id)).toEqual([companies.team.id]);
    expect((await getCompanyDetail(staff, companies.team.id)).accounts).toHaveLength(1);
  });

  it("gives a new company to the staff member who adds it, and refuses one they could not see", async () => {
    const { id } = await createCompany(staff, { kind: "cn_org", subjectType: "enterprise", legalNameZh: "新建自有有限公司", uscc: generateUscc({ rng }) });
    expect((await getCompany(staff, id)).assigneeUserId).toBe(staff.user.id);
    const elsewhere = await refusal(
      createCompany(staff, {
        kind: "cn_org",
        subjectType: "enterprise",
        legalNameZh: "交给别人有限公司",
        uscc: generateUscc({ rng }),
        assigneeUserId: otherStaff.user.id,
      }),
    );
    expect(elsewhere.details.fields).toEqual({ assigneeUserId: "clientTeam.errors.keepVisible" });
    // Handing an assigned company away would hide it from them: refused on the field, nothing changed.
    const handover = await refusal(assignCompanies(staff, [id], otherStaff.user.id));
    expect(handover.details.fields).toEqual({ assigneeUserId: "clientTeam.errors.keepVisible" });
    // An admin's new company with no assignee is not theirs.
    const { id: unassigned } = await createCompany(boss, { kind: "cn_org", subjectType: "enterprise", legalNameZh: "管理员新建有限公司", uscc: generateUscc({ rng }) });
    expect((await getCompany(boss, unassigned)).assigneeUserId).toBeNull();
    expect((await refusal(getCompany(staff, unassigned))).code).toBe("NOT_FOUND");
  });

  it("shows a company once the staff member joins its team, and hides it again when they leave", async () => {
    expect((await refusal(getCompany(otherStaff, companies.assigned.id))).code).toBe("NOT_FOUND");
    const team = await addTeamMembers(staff, companies.assigned.id, [otherStaff.user.id], { requestId: "req-team" });
    expect(team.assignee).toEqual({ id: staff.user.id, name: "Staff Wang" });
    expect(team.members.map((m) => m.id)).toEqual([otherStaff.user.id]);
    expect((await getCompany(otherStaff, companies.assigned.id)).id).toBe(companies.assigned.id);
    await removeTeamMember(boss, companies.assigned.id, otherStaff.user.id);
    expect((await refusal(getCompany(otherStaff, companies.assigned.id))).code).toBe("NOT_FOUND");
    const { rows } = await admin.query(
      `select action, actor_user_id, data from audit_events where target_id = $1 and action like 'client.team_%' order by at, action`,
      [companies.assigned.id],
    );
    expect(rows).toEqual([
      { action: "client.team_add", actor_user_id: staff.user.id, data: { userId: otherStaff.user.id } },
      { action: "client.team_remove", actor_user_id: boss.user.id, data: { userId: otherStaff.user.id } },
    ]);
  });

  it("leaves owners, admins and managers unrestricted", async () => {
    for (const actor of [boss, manager]) {
      const ids = idsOf(await list(actor));
      expect(ids).toEqual(expect.arrayContaining([companies.assigned.id, companies.team.id, companies.hidden.id]));
      expect((await getCompany(actor, companies.hidden.id)).id).toBe(companies.hidden.id);
    }
  });
});

describe("the team", () => {
  it("takes only active owners, admins and staff, all or nothing, and a manager may not change it", async () => {
    const refused = await refusal(replaceTeam(boss, companies.hidden.id, { userIds: [staff.user.id, manager.user.id] }));
    expect(refused.details.fields).toEqual({ userIds: "clientTeam.errors.member" });
    expect((await refusal(addTeamMembers(boss, companies.hidden.id, [clientAdminUserId]))).details.fields).toEqual({
      userIds: "clientTeam.errors.member",
    });
    expect((await refusal(addTeamMembers(boss, companies.hidden.id, [newId()]))).details.fields).toEqual({ userIds: "clientTeam.errors.member" });
    expect((await getTeam(boss, companies.hidden.id)).members).toEqual([]);
    expect((await refusal(replaceTeam(boss, companies.hidden.id, { userIds: "x" }))).code).toBe("VALIDATION");
    expect((await refusal(replaceTeam(manager, companies.hidden.id, { userIds: [] }))).code).toBe("FORBIDDEN");
    const { rows } = await admin.query(`select 1 from audit_events where target_id = $1 and action like 'client.team_%'`, [companies.hidden.id]);
    expect(rows).toEqual([]);
  });

  it("is replaced as a whole by PUT's service, one audit event per change", async () => {
    const team = await replaceTeam(boss, companies.hidden.id, { userIds: [staff.user.id, boss.user.id] });
    expect(team.members.map((m) => m.name)).toEqual(["Admin Li", "Staff Wang"]);
    const again = await replaceTeam(boss, companies.hidden.id, { userIds: [boss.user.id] });
    expect(again.members.map((m) => m.id)).toEqual([boss.user.id]);
    const { rows } = await admin.query<{ action: string; n: number }>(
      `select action, count(*)::int as n from audit_events where target_id = $1 and action like 'client.team_%' group by action order by action`,
      [companies.hidden.id],
    );
    expect(rows).toEqual([
      { action: "client.team_add", n: 2 },
      { action: "client.team_remove", n: 1 },
    ]);
  });
});

describe("the JSON API", () => {
  const call = (method: string, path: string, bearer: string, body?: unknown) =>
    new Request(`http://localhost:3000/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const params = (id: string) => ({ params: Promise.resolve({ id }) });
  let staffToken: string;
  let bossToken: string;
  let managerToken: string;

  beforeAll(async () => {
    staffToken = (await createApiToken(staff, { name: "team", expiresInDays: 30 })).token;
    bossToken = (await createApiToken(boss, { name: "team", expiresInDays: 30 })).token;
    managerToken = (await createApiToken(manager, { name: "team", expiresInDays: 30 })).token;
    await setRestricted(true);
  });
  afterAll(() => setRestricted(false));

  it("answers 404 to a restricted staff member's token for another's company: GET, PATCH, team", async () => {
    const id = companies.hidden.id;
    expect((await getCompanyRoute(call("GET", `/companies/${id}`, staffToken), params(id))).status).toBe(404);
    const patch = await patchCompany(call("PATCH", `/companies/${id}`, staffToken, { kind: "cn_org", legalNameZh: "改名", uscc: companies.hidden.uscc, version: 1 }), params(id));
    expect(patch.status).toBe(404);
    expect((await getTeamRoute(call("GET", `/companies/${id}/team`, staffToken), params(id))).status).toBe(404);
    expect((await putTeamRoute(call("PUT", `/companies/${id}/team`, staffToken, { userIds: [] }), params(id))).status).toBe(404);
    expect((await getCompanyRoute(call("GET", `/companies/${id}`, bossToken), params(id))).status).toBe(200);
  });

  it("reads and replaces a team: 200 with the team, 422 on userIds, 403 for a manager", async () => {
    const id = companies.team.id;
    const read = await getTeamRoute(call("GET", `/companies/${id}/team`, staffToken), params(id));
    expect(read.status).toBe(200);
    expect(((await read.json()) as { assignee: { id: string } }).assignee.id).toBe(otherStaff.user.id);
    const bad = await putTeamRoute(call("PUT", `/companies/${id}/team`, bossToken, { userIds: ["nope"] }), params(id));
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { fields: Record<string, string> }).fields).toHaveProperty("userIds");
    const forbidden = await putTeamRoute(call("PUT", `/companies/${id}/team`, managerToken, { userIds: [] }), params(id));
    expect(forbidden.status).toBe(403);
    const put = await putTeamRoute(call("PUT", `/companies/${id}/team`, bossToken, { userIds: [staff.user.id, boss.user.id] }), params(id));
    expect(put.status).toBe(200);
    expect(((await put.json()) as { members: { id: string }[] }).members.map((m) => m.id).sort()).toEqual([staff.user.id, boss.user.id].sort());
  });
});
