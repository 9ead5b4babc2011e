/**
 * The JSON API under /api/v1 against the real database, through the app's own role:
 * the route handlers are called directly with a Request, as Next would. A token acts
 * as its member with the member's current role, never outside its agency, and stops
 * when it is revoked, expires or its member is disabled; every refusal is problem+json.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as getAuditEvents } from "@/app/api/v1/audit-events/route";
import { DELETE as deleteInvitation } from "@/app/api/v1/invitations/[id]/route";
import { GET as getInvitations, POST as postInvitation } from "@/app/api/v1/invitations/route";
import { GET as getMembers } from "@/app/api/v1/members/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { findMemberActor, type ApiActor } from "@/lib/api/auth";
import { createApiToken, hashApiToken, listApiTokens, newApiToken, revokeApiToken } from "@/lib/api/tokens";
import { clock } from "@/lib/clock";
import type { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Role } from "@/lib/rbac/roles";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";

process.env.TEST_CLOCK = "1";
const start = new Date("2026-05-04T02:00:00Z");
const BASE = "http://weidesk.test/api/v1";

let admin: pg.Client;

type Agency = { id: string; slug: string; users: Record<Role, { id: string; email: string }>; companyId: string };
let home: Agency;
let away: Agency;

const unique = () => newId().slice(-12);

/** An agency with one verified member of every role, written as the migrating connection. */
async function makeAgency(label: string): Promise<Agency> {
  const id = newId();
  const slug = `api-${label}-${unique()}`;
  const companyId = newId();
  await admin.query(`insert into agencies (id, slug, name, created_at) values ($1, $2, $3, $4)`, [id, slug, `Agency ${label}`, start]);
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, country, created_at, updated_at)
     values ($1, $2, 'overseas', 'overseas_company', $3, 'SG', $4, $4)`,
    [companyId, id, `测试公司${unique()}`, start],
  );
  const users = {} as Agency["users"];
  for (const role of ["owner", "admin", "staff", "manager", "client_admin"] as const) {
    const user = { id: newId(), email: `${role}-${slug}@example.com` };
    await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, $3, $4, $4)`, [
      user.id, user.email, `${role} ${label}`, start,
    ]);
    await admin.query(
      `insert into memberships (id, agency_id, user_id, role, client_company_id, created_at) values ($1, $2, $3, $4, $5, $6)`,
      [newId(), id, user.id, role, role === "client_admin" ? companyId : null, start],
    );
    users[role] = user;
  }
  return { id, slug, users, companyId };
}

const actorOf = (agency: Agency, role: Exclude<Role, "client_admin">) => findMemberActor(agency.slug, agency.users[role].email);

async function tokenOf(agency: Agency, role: Exclude<Role, "client_admin">, expiresInDays: 30 | 90 | 365 | null = 30) {
  return createApiToken(await actorOf(agency, role), { name: `${role} script`, expiresInDays });
}

function call(path: string, token: string | null, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  return new Request(`${BASE}${path}`, { ...init, headers });
}

async function read(response: Response) {
  const text = await response.text();
  return { status: response.status, type: response.headers.get("content-type"), headers: response.headers, body: text ? JSON.parse(text) : null };
}

const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function auditRows(agencyId: string, action: string) {
  const { rows } = await admin.query<{ actor_user_id: string; target_id: string; data: Record<string, unknown> }>(
    `select actor_user_id, target_id, data from audit_events where agency_id = $1 and action = $2 order by at, id`,
    [agencyId, action],
  );
  return rows;
}

function refusal(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => error as AppError,
  );
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  home = await makeAgency("home");
  away = await makeAgency("away");
});

afterEach(() => clock.reset());

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("tokens", () => {
  it("are wdk_ and 43 base64url characters, stored only as the SHA-256 of the whole string, with their audit event", async () => {
    clock.set(start);
    const owner = await actorOf(home, "owner");
    const created = await createApiToken(owner, { name: "  Reporting  ", expiresInDays: 90 });
    expect(created.token).toMatch(/^wdk_[A-Za-z0-9_-]{43}$/);
    expect(created.name).toBe("Reporting");
    expect(created.expiresAt?.toISOString()).toBe("2026-08-02T02:00:00.000Z");
    const { rows } = await admin.query(`select token_hash, user_id, name from api_tokens where id = $1`, [created.id]);
    expect(rows[0]).toEqual({ token_hash: hashApiToken(created.token), user_id: owner.user.id, name: "Reporting" });
    expect(JSON.stringify(await admin.query(`select * from api_tokens where id = $1`, [created.id]))).not.toContain(created.token);
    const events = await auditRows(home.id, "api_token.create");
    expect(events.at(-1)).toMatchObject({ actor_user_id: owner.user.id, target_id: created.id, data: { name: "Reporting" } });
    expect(JSON.stringify(events)).not.toContain(created.token);
  });

  it("refuses bad input with field message keys", async () => {
    const staff = await actorOf(home, "staff");
    const refused = await refusal(createApiToken(staff, { name: " ", expiresInDays: 7 }));
    expect(refused.code).toBe("VALIDATION");
    expect(refused.details.fields).toEqual({ name: "apiTokens.errors.nameRequired", expiresInDays: "apiTokens.errors.expiryInvalid" });
  });

  it("cannot be made by a client administrator, and one that exists anyway opens nothing", async () => {
    const { agency } = await actorOf(home, "owner");
    const clientAdmin: ApiActor = {
      user: { id: home.users.client_admin.id, email: home.users.client_admin.email, name: "c", locale: null, emailVerified: true, totpEnabled: false },
      agency,
      membershipId: newId(),
      role: "client_admin",
      clientCompany: { id: home.companyId, legalNameZh: null, nameEn: null },
      tokenId: null,
    };
    expect((await refusal(createApiToken(clientAdmin, { name: "x", expiresInDays: null }))).code).toBe("FORBIDDEN");
    expect((await refusal(listApiTokens(clientAdmin))).code).toBe("FORBIDDEN");
    expect((await refusal(findMemberActor(home.slug, home.users.client_admin.email))).code).toBe("NOT_FOUND");

    const { token, hash } = newApiToken();
    await admin.query(`insert into api_tokens (id, agency_id, user_id, name, token_hash, created_at) values ($1, $2, $3, 'x', $4, $5)`, [
      newId(), home.id, home.users.client_admin.id, hash, start,
    ]);
    expect((await getMembers(call("/members", token))).status).toBe(401);
  });

  it("are listed to their member; owners and admins see and revoke everyone's, others only their own", async () => {
    const staffToken = await tokenOf(home, "staff");
    const managerToken = await tokenOf(home, "manager");
    const staff = await actorOf(home, "staff");
    const adminActor = await actorOf(home, "admin");

    const own = await listApiTokens(staff);
    expect(own.every((row) => row.mine && row.owner.userId === staff.user.id)).toBe(true);
    expect(own.map((row) => row.id)).toContain(staffToken.id);
    const all = await listApiTokens(adminActor);
    expect(all.map((row) => row.id)).toEqual(expect.arrayContaining([staffToken.id, managerToken.id]));
    expect(all.find((row) => row.id === staffToken.id)).toMatchObject({ mine: false, status: "active", owner: { email: home.users.staff.email } });
    // Another agency's admin sees none of them.
    const foreign = await listApiTokens(await actorOf(away, "admin"));
    expect(foreign.map((row) => row.id)).not.toContain(staffToken.id);

    expect((await refusal(revokeApiToken(staff, managerToken.id))).code).toBe("NOT_FOUND");
    expect((await refusal(revokeApiToken(await actorOf(away, "owner"), staffToken.id))).code).toBe("NOT_FOUND");
    await revokeApiToken(adminActor, managerToken.id);
    const again = await refusal(revokeApiToken(adminActor, managerToken.id));
    expect(again).toMatchObject({ code: "CONFLICT", details: { messageKey: "apiTokens.errors.alreadyRevoked" } });
    const events = await auditRows(home.id, "api_token.revoke");
    expect(events.at(-1)).toMatchObject({
      actor_user_id: adminActor.user.id,
      target_id: managerToken.id,
      data: { ownerUserId: home.users.manager.id },
    });
  });
});

describe("bearer authentication", () => {
  it("lists the members of the token's agency, and stamps the token as used", async () => {
    clock.set(start);
    const { id, token } = await tokenOf(home, "owner");
    expect((await admin.query(`select last_used_at from api_tokens where id = $1`, [id])).rows[0].last_used_at).toBeNull();

    clock.set(new Date(start.getTime() + 5_000));
    const response = await read(await getMembers(call("/members", token)));
    expect(response.status).toBe(200);
    expect(response.type).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const emails = response.body.data.map((member: { email: string }) => member.email);
    expect(emails).toEqual(expect.arrayContaining(Object.values(home.users).map((user) => user.email)));
    expect(emails.some((email: string) => email.includes(away.slug))).toBe(false);
    expect(response.body.data[0]).toMatchObject({ role: "owner", status: "active", joinedAt: start.toISOString() });

    const { rows } = await admin.query(`select last_used_at from api_tokens where id = $1`, [id]);
    expect(rows[0].last_used_at.toISOString()).toBe("2026-05-04T02:00:05.000Z");
  });

  it("never shows another agency's rows", async () => {
    const { token } = await tokenOf(away, "owner");
    const members = await read(await getMembers(call("/members", token)));
    expect(members.status).toBe(200);
    expect(members.body.data.map((member: { email: string }) => member.email).some((email: string) => email.includes(home.slug))).toBe(false);

    const homeOwner = await tokenOf(home, "owner");
    const created = await read(
      await postInvitation(
        call("/invitations", homeOwner.token, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: `guest-${unique()}@example.com`, role: "staff" }),
        }),
      ),
    );
    expect(created.status).toBe(201);
    const invitations = await read(await getInvitations(call("/invitations", token)));
    expect(invitations.body.data.map((row: { id: string }) => row.id)).not.toContain(created.body.id);
    const foreignDelete = await read(await deleteInvitation(call(`/invitations/${created.body.id}`, token, { method: "DELETE" }), params(created.body.id)));
    expect(foreignDelete).toMatchObject({ status: 404, type: "application/problem+json", body: { code: "NOT_FOUND" } });
  });

  it("answers 401 with WWW-Authenticate for no token, another scheme, a cookie, a malformed, unknown, revoked or expired token", async () => {
    clock.set(start);
    const none = await read(await getMembers(call("/members", null)));
    expect(none).toMatchObject({ status: 401, type: "application/problem+json", body: { code: "UNAUTHENTICATED", status: 401 } });
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="Weidesk API"');
    expect(none.body.detail).toContain("Bearer");

    const cookie = await getMembers(call("/members", null, { headers: { cookie: "authjs.session-token=anything" } }));
    expect(cookie.status).toBe(401);
    const basic = await getMembers(call("/members", null, { headers: { authorization: "Basic dXNlcjpwYXNz" } }));
    expect(basic.status).toBe(401);
    expect(basic.headers.get("www-authenticate")).toBe('Bearer realm="Weidesk API", error="invalid_token"');
    expect((await getMembers(call("/members", "wdk_short"))).status).toBe(401);
    expect((await getMembers(call("/members", newApiToken().token))).status).toBe(401);

    const owner = await actorOf(home, "owner");
    const revoked = await createApiToken(owner, { name: "revoked", expiresInDays: null });
    expect((await getMembers(call("/members", revoked.token))).status).toBe(200);
    await revokeApiToken(owner, revoked.id);
    const afterRevoke = await read(await getMembers(call("/members", revoked.token)));
    expect(afterRevoke.status).toBe(401);
    expect(afterRevoke.headers.get("www-authenticate")).toContain('error="invalid_token"');

    const expiring = await createApiToken(owner, { name: "expiring", expiresInDays: 30 });
    clock.set(new Date(start.getTime() + 30 * 24 * 60 * 60 * 1000 - 1));
    expect((await getMembers(call("/members", expiring.token))).status).toBe(200);
    clock.set(new Date(start.getTime() + 30 * 24 * 60 * 60 * 1000));
    expect((await getMembers(call("/members", expiring.token))).status).toBe(401);
  });

  it("carries the member's current role: a role change applies at once, a disabled member's token stops", async () => {
    const agency = await makeAgency("roles");
    const { token } = await tokenOf(agency, "manager");
    expect((await getMembers(call("/members", token))).status).toBe(403);
    await admin.query(`update memberships set role = 'admin' where agency_id = $1 and user_id = $2`, [agency.id, agency.users.manager.id]);
    expect((await getMembers(call("/members", token))).status).toBe(200);
    await admin.query(`update memberships set status = 'disabled' where agency_id = $1 and user_id = $2`, [agency.id, agency.users.manager.id]);
    expect((await getMembers(call("/members", token))).status).toBe(401);
  });

  it("stops when the agency is deleted", async () => {
    const agency = await makeAgency("deleted");
    const { token } = await tokenOf(agency, "owner");
    expect((await getMembers(call("/members", token))).status).toBe(200);
    await admin.query(`update agencies set deleted_at = $2 where id = $1`, [agency.id, start]);
    expect((await getMembers(call("/members", token))).status).toBe(401);
  });
});

describe("permissions, as in the app", () => {
  it("refuses a manager's token with 403: members, invitations and the audit log are not theirs", async () => {
    const { token } = await tokenOf(home, "manager");
    const post = await read(
      await postInvitation(
        call("/invitations", token, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: "not-even-checked" }),
        }),
      ),
    );
    expect(post).toMatchObject({ status: 403, type: "application/problem+json", body: { code: "FORBIDDEN" } });
    expect((await getAuditEvents(call("/audit-events", token))).status).toBe(403);
    expect((await getMembers(call("/members", token))).status).toBe(403);
    expect((await getInvitations(call("/invitations", token))).status).toBe(403);
  });

  it("lets staff make tokens but not manage members", async () => {
    const { token } = await tokenOf(home, "staff");
    expect((await getMembers(call("/members", token))).status).toBe(403);
  });
});

describe("invitations", () => {
  const post = (token: string, body: string, type = "application/json") =>
    postInvitation(call("/invitations", token, { method: "POST", headers: { "content-type": type }, body }));

  it("creates (201 with Location), lists and revokes (204) an invitation, with the same audit events as the page", async () => {
    const { token } = await tokenOf(home, "admin");
    const email = `api-${unique()}@example.com`;
    const created = await read(await post(token, JSON.stringify({ email, role: "manager", locale: "en" })));
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1/invitations/${created.body.id}`);
    expect(created.body).toMatchObject({ email, role: "manager", clientCompany: null, expired: false });
    expect(JSON.stringify(created.body)).not.toMatch(/token/i);

    const listed = await read(await getInvitations(call("/invitations", token)));
    expect(listed.body.data.map((row: { id: string }) => row.id)).toContain(created.body.id);
    const { rows: mail } = await admin.query(`select locale from mail_outbox where lower(to_address) = lower($1)`, [email]);
    expect(mail).toEqual([{ locale: "en" }]);

    const revoked = await deleteInvitation(call(`/invitations/${created.body.id}`, token, { method: "DELETE" }), params(created.body.id));
    expect(revoked.status).toBe(204);
    expect(await revoked.text()).toBe("");
    const again = await read(await deleteInvitation(call(`/invitations/${created.body.id}`, token, { method: "DELETE" }), params(created.body.id)));
    expect(again).toMatchObject({ status: 409, body: { code: "CONFLICT", messageKey: "memberForms.errors.invitationClosed" } });
    expect((await deleteInvitation(call("/invitations/not-a-uuid", token, { method: "DELETE" }), params("not-a-uuid"))).status).toBe(404);
    expect((await deleteInvitation(call(`/invitations/${newId()}`, token, { method: "DELETE" }), params(newId()))).status).toBe(404);

    const actions = (await auditRows(home.id, "invitation.create")).map((row) => row.target_id);
    expect(actions).toContain(created.body.id);
    expect((await auditRows(home.id, "invitation.revoke")).map((row) => row.target_id)).toContain(created.body.id);
  });

  it("refuses an invalid body with 422 and every field's message key and English text", async () => {
    const { token } = await tokenOf(home, "owner");
    const invalid = await read(await post(token, JSON.stringify({ email: "nope", role: "owner", locale: "fr" })));
    expect(invalid.status).toBe(422);
    expect(invalid.type).toBe("application/problem+json");
    expect(invalid.body).toMatchObject({
      type: "about:blank",
      title: "Unprocessable Content",
      code: "VALIDATION",
      fields: {
        email: { key: "memberForms.errors.emailInvalid", message: "Enter an e-mail address like name@example.com." },
        role: { key: "memberForms.errors.roleInvalid", message: "Choose a role." },
        locale: { key: "memberForms.errors.localeInvalid", message: "Choose English or Simplified Chinese." },
      },
    });
    expect(JSON.stringify(invalid.body)).not.toMatch(/stack|select |insert /i);

    const clientAdmin = await read(await post(token, JSON.stringify({ email: `c-${unique()}@example.com`, role: "client_admin" })));
    expect(clientAdmin.body.fields).toEqual({
      clientCompanyId: { key: "memberForms.errors.companyRequired", message: expect.any(String) },
    });
    const foreignCompany = await read(
      await post(token, JSON.stringify({ email: `c-${unique()}@example.com`, role: "client_admin", clientCompanyId: away.companyId })),
    );
    expect(foreignCompany.status).toBe(422);
    expect(foreignCompany.body.fields.clientCompanyId.key).toBe("memberForms.errors.companyRequired");
    const member = await read(await post(token, JSON.stringify({ email: home.users.staff.email.toUpperCase(), role: "staff" })));
    expect(member.body.fields).toEqual({ email: { key: "memberForms.errors.alreadyMember", message: expect.any(String) } });
  });

  it("answers 415, 400 and 413 for bodies that are not small JSON", async () => {
    const { token } = await tokenOf(home, "owner");
    const form = await read(await post(token, "email=a@b.c&role=staff", "application/x-www-form-urlencoded"));
    expect(form).toMatchObject({ status: 415, type: "application/problem+json", body: { code: "UNSUPPORTED_MEDIA_TYPE" } });
    expect((await read(await post(token, "{not json"))).body).toMatchObject({ status: 400, code: "BAD_REQUEST" });
    const large = await read(await post(token, JSON.stringify({ email: "a@b.c", role: "staff", pad: "x".repeat(20_000) })));
    expect(large).toMatchObject({ status: 413, body: { code: "PAYLOAD_TOO_LARGE" } });
  });
});

describe("audit events", () => {
  it("pages the agency's log newest first with a cursor, narrowed by the audit page's filters", async () => {
    const agency = await makeAgency("audit");
    const owner = await actorOf(agency, "owner");
    const first = await createApiToken(owner, { name: "one", expiresInDays: null });
    const second = await createApiToken(owner, { name: "two", expiresInDays: null });
    await revokeApiToken(owner, first.id);

    const all = await read(await getAuditEvents(call("/audit-events", second.token)));
    expect(all.status).toBe(200);
    expect(all.body.data.map((event: { action: string }) => event.action)).toEqual([
      "api_token.revoke",
      "api_token.create",
      "api_token.create",
    ]);
    expect(all.body.data[0]).toMatchObject({ targetId: first.id, actor: { kind: "user", id: owner.user.id } });
    expect(all.body.next).toBeNull();

    const page1 = await read(await getAuditEvents(call("/audit-events?action=api_token.create&limit=1", second.token)));
    expect(page1.body.data.map((event: { targetId: string }) => event.targetId)).toEqual([second.id]);
    expect(page1.body.next).toEqual(expect.any(String));
    expect(page1.headers.get("link")).toBe(
      `</api/v1/audit-events?action=api_token.create&limit=1&cursor=${page1.body.next}>; rel="next"`,
    );
    const page2 = await read(
      await getAuditEvents(call(`/audit-events?action=api_token.create&limit=1&cursor=${page1.body.next}`, second.token)),
    );
    expect(page2.body.data.map((event: { targetId: string }) => event.targetId)).toEqual([first.id]);
    expect(page2.body.next).toBeNull();
    expect(page2.headers.get("link")).toBeNull();

    const byEntity = await read(await getAuditEvents(call(`/audit-events?entity=invitation&actor=${owner.user.id}`, second.token)));
    expect(byEntity.body.data).toEqual([]);
  });

  it("refuses filters, cursors and limits that do not parse with 422", async () => {
    const { token } = await tokenOf(home, "owner");
    const bad = await read(
      await getAuditEvents(call("/audit-events?action=nope&from=2026-05-10&to=2026-05-01&limit=0&actor=someone", token)),
    );
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.fields).sort()).toEqual(["action", "actor", "limit"]);
    expect(bad.body.fields.limit).toEqual({ key: "apiTokens.api.invalidLimit", message: "Use a whole number from 1 to 200." });
    const order = await read(await getAuditEvents(call("/audit-events?from=2026-05-10&to=2026-05-01", token)));
    expect(order.body.fields).toEqual({ to: { key: "apiTokens.api.dateOrder", message: expect.any(String) } });
    const cursor = await read(await getAuditEvents(call("/audit-events?cursor=tampered", token)));
    expect(cursor.body.fields).toEqual({ cursor: { key: "apiTokens.api.invalidCursor", message: expect.any(String) } });
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("is public JSON naming this server", async () => {
    const response = await read(await getOpenApi());
    expect(response.status).toBe(200);
    expect(response.type).toMatch(/^application\/json/);
    expect(response.body.openapi).toBe("3.1.0");
    expect(response.body.servers[0].url).toMatch(/\/api\/v1$/);
    expect(Object.keys(response.body.paths)).toContain("/members");
  });
});
