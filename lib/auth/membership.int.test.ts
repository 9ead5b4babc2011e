/**
 * Sign-in and membership lookups against the real database, through the app's own
 * role: the SECURITY DEFINER functions for what comes before a tenant (the session and
 * the user's memberships in one statement). Another agency, a disabled membership and a deleted agency must all
 * look like "no such agency".
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";
import { makeAgencyWithEveryTable, type AgencyFixture } from "@/lib/testing/factories";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { authorizeCredentials } from "./credentials";
import { landingPathFor, resolveMembership } from "./membership";
import { hashPassword } from "./password";
import { isSessionCurrent } from "./policy";
import { findCredentials, findSessionContext, findSessionUser, listUserAgencies } from "./users";

const PASSWORD = "correct horse battery staple";
const now = new Date("2026-03-02T02:00:00Z");

let admin: pg.Client;
let a: AgencyFixture;
let b: AgencyFixture;
/** A user with a password, staff in A and admin in B. */
let multi: { id: string; email: string };

async function addMembership(agencyId: string, userId: string, role: string, status = "active") {
  await admin.query(
    `insert into memberships (id, agency_id, user_id, role, status, created_at) values ($1, $2, $3, $4, $5, $6)`,
    [newId(), agencyId, userId, role, status, now],
  );
}

async function addUser(label: string, passwordHash: string | null = null) {
  const user = { id: newId(), email: `${label}-${newId()}@Example.com` };
  await admin.query(`insert into users (id, email, name, password_hash, created_at) values ($1, $2, $3, $4, $5)`, [
    user.id,
    user.email,
    `User ${label}`,
    passwordHash,
    now,
  ]);
  return user;
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  a = await makeAgencyWithEveryTable(admin, "SignInA");
  b = await makeAgencyWithEveryTable(admin, "SignInB");
  multi = await addUser("multi", await hashPassword(PASSWORD));
  await addMembership(a.agencyId, multi.id, "staff");
  await addMembership(b.agencyId, multi.id, "admin");
});

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

describe("sign-in lookups", () => {
  it("finds the account by e-mail whatever its case, and nothing for an unknown one", async () => {
    const found = await findCredentials(multi.email.toUpperCase());
    expect(found).toMatchObject({ userId: multi.id, sessionVersion: 1, totpEnabled: false });
    expect(found?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await findCredentials(`nobody-${newId()}@example.com`)).toBeNull();
  });

  it("authorizes the right password only, saying nothing about which part was wrong", async () => {
    expect(await authorizeCredentials({ email: multi.email, password: PASSWORD })).toEqual({ id: multi.id, sessionVersion: 1 });
    expect(await authorizeCredentials({ email: multi.email, password: `${PASSWORD}!` })).toBeNull();
    expect(await authorizeCredentials({ email: `nobody-${newId()}@example.com`, password: PASSWORD })).toBeNull();
    // A user without a password (invited, not yet accepted) cannot sign in with any.
    const invited = await addUser("invited");
    expect(await authorizeCredentials({ email: invited.email, password: "" })).toBeNull();
    expect(await authorizeCredentials({ email: invited.email, password: PASSWORD })).toBeNull();
  });

  it("refuses malformed input before the database sees it", async () => {
    expect(await authorizeCredentials({ email: "owner\u0000@example.com", password: PASSWORD })).toBeNull();
    expect(await authorizeCredentials(null)).toBeNull();
  });
});

describe("the session check", () => {
  it("ends a session once the user's session version is bumped", async () => {
    const user = await addUser("bump", await hashPassword(PASSWORD));
    const authorized = await authorizeCredentials({ email: user.email, password: PASSWORD });
    const claims = { userId: user.id, sessionVersion: authorized!.sessionVersion, signedInAt: now.getTime() };
    expect(isSessionCurrent(claims, await findSessionUser(user.id), now)).toBe(true);

    await admin.query(`update users set session_version = session_version + 1 where id = $1`, [user.id]);
    const stored = await findSessionUser(user.id);
    expect(stored).toMatchObject({ id: user.id, email: user.email, name: "User bump", sessionVersion: 2 });
    expect(isSessionCurrent(claims, stored, now)).toBe(false);
  });

  it("finds no user for an id that does not exist", async () => {
    expect(await findSessionUser(newId())).toBeNull();
    expect(await findSessionContext(newId())).toBeNull();
  });

  it("reads the user and their active memberships, with each agency's settings, in one statement", async () => {
    const context = await findSessionContext(multi.id);
    expect(context?.user).toEqual(await findSessionUser(multi.id));
    expect(context?.memberships.map(({ agency, membership }) => [agency.slug, membership.role])).toEqual([
      [a.slug, "staff"],
      [b.slug, "admin"],
    ]);
    expect(context?.memberships[0]?.agency).toMatchObject({ id: a.agencyId, name: "Agency SignInA", requireTotpForAdmins: false });
    expect(context?.memberships[0]?.agency.timeZone).toEqual(expect.any(String));
    const client = await findSessionContext(a.clientAdminUserId);
    expect(client?.memberships).toHaveLength(1);
    expect(client?.memberships[0]?.membership.clientCompany).toMatchObject({ id: a.companyId, legalNameZh: expect.stringMatching(/^公司 SignInA/) });
  });
});

describe("resolveMembership", () => {
  it("gives a member their agency and role", async () => {
    const resolved = await resolveMembership(a.userId, a.slug);
    expect(resolved?.agency).toMatchObject({ id: a.agencyId, slug: a.slug, name: "Agency SignInA" });
    expect(resolved?.membership).toMatchObject({ role: "staff", clientCompany: null });
  });

  it("gives a client administrator their one company", async () => {
    const resolved = await resolveMembership(a.clientAdminUserId, a.slug);
    expect(resolved?.membership.role).toBe("client_admin");
    expect(resolved?.membership.clientCompany?.id).toBe(a.companyId);
    expect(resolved?.membership.clientCompany?.legalNameZh).toMatch(/^公司 SignInA/);
  });

  it("answers null for another agency, as for one that does not exist", async () => {
    expect(await resolveMembership(a.userId, b.slug)).toBeNull();
    expect(await resolveMembership(b.clientAdminUserId, a.slug)).toBeNull();
    expect(await resolveMembership(a.userId, `no-such-${newId().slice(-8)}`)).toBeNull();
  });

  it("answers null for a slug no agency could have, without asking the database", async () => {
    for (const slug of ["Demo", "a", "demo\u0000", "../demo", "x".repeat(41)]) {
      expect(await resolveMembership(a.userId, slug), slug).toBeNull();
    }
  });

  it("answers null for a disabled membership and for a deleted agency", async () => {
    const disabled = await addUser("disabled");
    await addMembership(a.agencyId, disabled.id, "staff", "disabled");
    expect(await resolveMembership(disabled.id, a.slug)).toBeNull();

    const gone = await makeAgencyWithEveryTable(admin, "Gone");
    expect(await resolveMembership(gone.userId, gone.slug)).not.toBeNull();
    await admin.query(`update agencies set deleted_at = $2 where id = $1`, [gone.agencyId, now]);
    expect(await resolveMembership(gone.userId, gone.slug)).toBeNull();
  });
});

describe("listUserAgencies and landingPathFor", () => {
  it("lists every active membership, by agency name", async () => {
    const agencies = await listUserAgencies(multi.id);
    expect(agencies.map((agency) => [agency.slug, agency.role])).toEqual([
      [a.slug, "staff"],
      [b.slug, "admin"],
    ]);
  });

  it("sends a member of several agencies to the picker, of one to its home or portal", async () => {
    expect(await landingPathFor(multi.id)).toBe("/agencies");
    expect(await landingPathFor(a.userId)).toBe(`/${a.slug}`);
    expect(await landingPathFor(a.clientAdminUserId)).toBe(`/portal/${a.slug}`);
    const nowhere = await addUser("nowhere");
    expect(await landingPathFor(nowhere.id)).toBe("/agencies");
  });

  it("honours a safe next and ignores an unsafe one", async () => {
    expect(await landingPathFor(multi.id, `/${b.slug}/clients?page=2`)).toBe(`/${b.slug}/clients?page=2`);
    expect(await landingPathFor(a.userId, "//evil.example/")).toBe(`/${a.slug}`);
    expect(await landingPathFor(a.userId, "/")).toBe(`/${a.slug}`);
  });
});
