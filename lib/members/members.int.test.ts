/**
 * Sign-up, invitations, member changes, ownership and agency deletion against the
 * real database, through the app's own roles: what the service refuses, what the
 * database refuses even when the service is bypassed, and the audit event and mail
 * that go with every change.
 */
import { PutObjectCommand } from "@aws-sdk/client-s3";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { withTenant, withWorker } from "@/db/tenant";
import { resolveMembership } from "@/lib/auth/membership";
import type { MembershipContext } from "@/lib/auth/session";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { findSessionUser } from "@/lib/auth/users";
import { clock } from "@/lib/clock";
import type { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { purgeAgency } from "@/lib/jobs/purge-agency";
import { agencyPrefix, bucket, s3 } from "@/lib/storage/s3";
import { resetAppState } from "@/lib/testing/app-state";
import { makeAgencyWithEveryTable, type AgencyFixture } from "@/lib/testing/factories";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { reservedSlugs } from "@/lib/agencies/slug";
import { acceptInvitationAsNewUser, acceptInvitationAsUser, findInvitation, signUp, verifyEmail } from "./accounts";
import {
  changeRole,
  deleteAgency,
  disableMember,
  enableMember,
  inviteMember,
  listMembers,
  removeMember,
  resendInvitation,
  revokeInvitation,
  transferOwnership,
} from "./service";

process.env.TEST_CLOCK = "1";
const PASSWORD = "a long enough password";
const start = new Date("2026-05-04T02:00:00Z");

let admin: pg.Client;
let other: AgencyFixture;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  other = await makeAgencyWithEveryTable(admin, "Bystander");
});

afterEach(() => clock.reset());

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

const unique = () => newId().slice(-12);

/** The latest mail to `to`, with the link it carries. */
async function lastMail(to: string) {
  const { rows } = await admin.query<{ subject: string; text_body: string; kind: string; locale: string }>(
    `select subject, text_body, kind, locale from mail_outbox where lower(to_address) = lower($1) order by created_at desc, id desc limit 1`,
    [to],
  );
  const mail = rows[0];
  const token = mail?.text_body.match(/\/(?:verify-email|invitations)\/([A-Za-z0-9_-]{43})/)?.[1];
  return { ...mail, token };
}

async function auditActionsOf(agencyId: string): Promise<string[]> {
  const { rows } = await admin.query<{ action: string }>(
    `select action from audit_events where agency_id = $1 order by at, id`,
    [agencyId],
  );
  return rows.map((row) => row.action);
}

/** Signs up a fresh agency and verifies its owner; returns the owner's MembershipContext. */
async function newAgency(label: string): Promise<MembershipContext> {
  const slug = `${label}-${unique()}`;
  const email = `owner-${slug}@example.com`;
  await signUp(
    { name: `Owner ${label}`, email, password: PASSWORD, agencyName: `Agency ${label}`, slug, defaultLocale: "zh-CN", timeZone: "Asia/Shanghai" },
    "en",
  );
  const { token } = await lastMail(email);
  const verified = await verifyEmail(token!);
  const resolved = await resolveMembership(verified!.userId, slug);
  return contextOf(resolved!, { id: verified!.userId, email, name: `Owner ${label}` });
}

function contextOf(
  resolved: NonNullable<Awaited<ReturnType<typeof resolveMembership>>>,
  user: { id: string; email: string; name: string },
): MembershipContext {
  return {
    user: { ...user, locale: null, emailVerified: true, totpEnabled: false },
    agency: resolved.agency,
    membershipId: resolved.membership.id,
    role: resolved.membership.role,
    clientCompany: resolved.membership.clientCompany,
  };
}

/** Invites `email` as `role` and accepts as a new user; returns their context. */
async function join(owner: MembershipContext, role: "admin" | "staff" | "manager", label: string): Promise<MembershipContext> {
  const email = `${label}-${unique()}@example.com`;
  const { token } = await inviteMember(owner, { email, role });
  await acceptInvitationAsNewUser({ token, name: `${label} user`, password: PASSWORD }, "en");
  const account = await authorizeCredentials({ email, password: PASSWORD });
  const resolved = await resolveMembership(account!.id, owner.agency.slug);
  return contextOf(resolved!, { id: account!.id, email, name: `${label} user` });
}

async function addCompany(agencyId: string, assignee: string | null) {
  const id = newId();
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, country, assignee_user_id, created_at, updated_at)
     values ($1, $2, 'overseas', 'overseas_company', $3, $4, $5, $6, $6)`,
    [id, agencyId, `测试公司${unique()}`, "SG", assignee, start],
  );
  return id;
}

function refusal(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => error as AppError & { cause?: { code?: string; constraint?: string } },
  );
}

describe("sign-up", () => {
  it("creates the agency and its unverified owner in one go, with the e-mail check link and the audit events", async () => {
    clock.set(start);
    const slug = `signup-${unique()}`;
    const email = `Founder-${slug}@Example.com`;
    const result = await signUp(
      { name: "Founder", email, password: PASSWORD, agencyName: "云帆咨询", slug, defaultLocale: "zh-CN", timeZone: "Asia/Shanghai" },
      "zh-CN",
    );
    expect(result).toEqual({ status: "check-inbox", email });
    const account = await authorizeCredentials({ email, password: PASSWORD });
    expect(account).not.toBeNull();
    expect(await findSessionUser(account!.id)).toMatchObject({ emailVerified: false, locale: "zh-CN" });
    const resolved = await resolveMembership(account!.id, slug);
    expect(resolved?.membership.role).toBe("owner");
    expect(await auditActionsOf(resolved!.agency.id)).toEqual(["agency.create", "member.add"]);

    const mail = await lastMail(email);
    expect(mail).toMatchObject({ kind: "emailVerification", locale: "zh-CN" });
    expect(mail.subject).toContain("云帆咨询");
    expect(await verifyEmail(mail.token!)).toEqual({ userId: account!.id });
    expect(await findSessionUser(account!.id)).toMatchObject({ emailVerified: true });
    // Single use.
    expect(await verifyEmail(mail.token!)).toBeNull();
  });

  it("refuses an expired e-mail check link", async () => {
    clock.set(start);
    const slug = `expiry-${unique()}`;
    const email = `late-${slug}@example.com`;
    await signUp({ name: "Late", email, password: PASSWORD, agencyName: "Late", slug, defaultLocale: "en", timeZone: "UTC" }, "en");
    const { token } = await lastMail(email);
    clock.advance(25 * 60 * 60 * 1000);
    expect(await verifyEmail(token!)).toBeNull();
  });

  it("refuses reserved and taken slugs with a field message, in the schema and in the database", async () => {
    clock.set(start);
    const input = { name: "A", password: PASSWORD, agencyName: "A", defaultLocale: "en", timeZone: "UTC" } as const;
    const reserved = await refusal(signUp({ ...input, email: `r-${unique()}@example.com`, slug: "portal" }, "en"));
    expect(reserved.details.fields).toEqual({ slug: "memberForms.errors.slugReserved" });
    for (const slug of reservedSlugs.filter((s) => /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/.test(s))) {
      await expect(
        admin.query(`insert into agencies (id, slug, name, created_at) values ($1, $2, 'x', now())`, [newId(), slug]),
      ).rejects.toMatchObject({ code: "23514", constraint: "agencies_slug_not_reserved" });
    }
    const taken = await refusal(signUp({ ...input, email: `t-${unique()}@example.com`, slug: other.slug }, "en"));
    expect(taken.details.fields).toEqual({ slug: "memberForms.errors.slugTaken" });
  });

  it("creates nothing for an address that has an account, and tells that address by mail instead", async () => {
    clock.set(start);
    const owner = await newAgency("existing");
    const slug = `second-${unique()}`;
    const result = await signUp(
      { name: "Again", email: owner.user.email.toUpperCase(), password: PASSWORD, agencyName: "B", slug, defaultLocale: "en", timeZone: "UTC" },
      "en",
    );
    expect(result.status).toBe("check-inbox");
    // Other test files create agencies at the same time: look for this sign-up's own rows only.
    expect((await admin.query(`select count(*)::int as n from agencies where slug = $1`, [slug])).rows[0].n).toBe(0);
    expect((await admin.query(`select count(*)::int as n from users where lower(email) = lower($1)`, [owner.user.email])).rows[0].n).toBe(1);
    expect((await lastMail(owner.user.email)).kind).toBe("signUpAccountExists");
  });
});

describe("invitations", () => {
  it("invites, and the invitee's acceptance makes a verified account and the membership", async () => {
    clock.set(start);
    const owner = await newAgency("invite");
    const email = `newcomer-${unique()}@example.com`;
    await inviteMember(owner, { email, role: "staff" }, "zh-CN");
    const mail = await lastMail(email);
    expect(mail).toMatchObject({ kind: "invitation", locale: "zh-CN" });
    expect(mail.text_body).toContain("顾问");

    const invitation = await findInvitation(mail.token!);
    expect(invitation).toMatchObject({ email, role: "staff", state: "pending", agencySlug: owner.agency.slug });
    const accepted = await acceptInvitationAsNewUser({ token: mail.token, name: "Newcomer", password: PASSWORD }, "en");
    expect(accepted).toEqual({ agencySlug: owner.agency.slug, role: "staff", email });
    const account = await authorizeCredentials({ email, password: PASSWORD });
    expect(await findSessionUser(account!.id)).toMatchObject({ emailVerified: true });
    expect((await resolveMembership(account!.id, owner.agency.slug))?.membership.role).toBe("staff");

    // Used: refused, however it is tried.
    expect((await findInvitation(mail.token!))?.state).toBe("accepted");
    const again = await refusal(acceptInvitationAsUser(mail.token!, { id: account!.id, email }));
    expect(again.details.messageKey).toBe("invitations.errors.used");
    expect(await auditActionsOf(owner.agency.id)).toEqual([
      "agency.create",
      "member.add",
      "invitation.create",
      "invitation.accept",
      "member.add",
    ]);
  });

  it("refuses an invitation accepted from another account's session", async () => {
    clock.set(start);
    const owner = await newAgency("mismatch");
    const email = `invitee-${unique()}@example.com`;
    const { token } = await inviteMember(owner, { email, role: "manager" });
    const intruder = await newAgency("intruder");
    const refused = await refusal(acceptInvitationAsUser(token, { id: intruder.user.id, email: intruder.user.email }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.details.messageKey).toBe("invitations.errors.otherAccount");
    expect(await resolveMembership(intruder.user.id, owner.agency.slug)).toBeNull();
    expect((await findInvitation(token))?.state).toBe("pending");
  });

  it("refuses expired, revoked and superseded links", async () => {
    clock.set(start);
    const owner = await newAgency("links");
    const expiring = await inviteMember(owner, { email: `exp-${unique()}@example.com`, role: "staff" });
    const revoked = await inviteMember(owner, { email: `rev-${unique()}@example.com`, role: "staff" });
    const resent = await inviteMember(owner, { email: `res-${unique()}@example.com`, role: "staff" });
    await revokeInvitation(owner, revoked.invitationId);
    const fresh = await resendInvitation(owner, resent.invitationId);
    expect(await findInvitation(resent.token)).toBeNull();
    expect((await findInvitation(fresh.token))?.state).toBe("pending");
    expect((await findInvitation(revoked.token))?.state).toBe("revoked");
    const revokedTry = await refusal(acceptInvitationAsNewUser({ token: revoked.token, name: "X", password: PASSWORD }, "en"));
    expect(revokedTry.details.messageKey).toBe("invitations.errors.revoked");

    clock.advance(8 * 24 * 60 * 60 * 1000);
    expect((await findInvitation(expiring.token))?.state).toBe("expired");
    const expiredTry = await refusal(acceptInvitationAsNewUser({ token: expiring.token, name: "X", password: PASSWORD }, "en"));
    expect(expiredTry.details.messageKey).toBe("invitations.errors.expired");
  });

  it("refuses duplicates, unknown companies, and everyone without member:manage", async () => {
    clock.set(start);
    const owner = await newAgency("dupes");
    const staff = await join(owner, "staff", "dupe-staff");
    const manager = await join(owner, "manager", "dupe-manager");
    const email = `twice-${unique()}@example.com`;
    await inviteMember(owner, { email, role: "admin" });
    expect((await refusal(inviteMember(owner, { email: email.toUpperCase(), role: "admin" }))).details.fields).toEqual({
      email: "memberForms.errors.alreadyInvited",
    });
    expect((await refusal(inviteMember(owner, { email: staff.user.email, role: "admin" }))).details.fields).toEqual({
      email: "memberForms.errors.alreadyMember",
    });
    // A company of another agency is no company at all.
    const foreign = await refusal(inviteMember(owner, { email: `c-${unique()}@example.com`, role: "client_admin", clientCompanyId: other.companyId }));
    expect(foreign.details.fields).toEqual({ clientCompanyId: "memberForms.errors.companyRequired" });
    for (const actor of [staff, manager]) {
      expect((await refusal(inviteMember(actor, { email: `no-${unique()}@example.com`, role: "staff" }))).code).toBe("FORBIDDEN");
      expect((await refusal(listMembers(actor))).code).toBe("FORBIDDEN");
    }
  });
});

describe("member changes", () => {
  it("disabling a member with work asks where it goes, moves it in the same transaction, and ends their access", async () => {
    clock.set(start);
    const owner = await newAgency("offboard");
    const leaver = await join(owner, "staff", "leaver");
    const heir = await join(owner, "staff", "heir");
    const manager = await join(owner, "manager", "watcher");
    const companies = [await addCompany(owner.agency.id, leaver.user.id), await addCompany(owner.agency.id, leaver.user.id)];

    const missing = await refusal(disableMember(owner, { membershipId: leaver.membershipId }));
    expect(missing.details.fields).toEqual({ reassignTo: "memberForms.errors.reassignRequired" });
    const toManager = await refusal(disableMember(owner, { membershipId: leaver.membershipId, reassignTo: manager.user.id }));
    expect(toManager.details.fields).toEqual({ reassignTo: "memberForms.errors.reassignInvalid" });
    expect(await resolveMembership(leaver.user.id, owner.agency.slug)).not.toBeNull();

    await disableMember(owner, { membershipId: leaver.membershipId, reassignTo: heir.user.id });
    const { rows } = await admin.query(`select assignee_user_id, version from client_companies where id = any($1)`, [companies]);
    expect(rows).toEqual([
      { assignee_user_id: heir.user.id, version: 2 },
      { assignee_user_id: heir.user.id, version: 2 },
    ]);
    // Their next request finds no membership.
    expect(await resolveMembership(leaver.user.id, owner.agency.slug)).toBeNull();
    const members = await listMembers(owner);
    expect(members.find((m) => m.membershipId === leaver.membershipId)).toMatchObject({ status: "disabled", assignedClients: 0 });
    expect((await auditActionsOf(owner.agency.id)).slice(-2)).toEqual(["member.reassign", "member.disable"]);

    // Nothing can be assigned to them while disabled: the database refuses at commit.
    await expect(
      withTenant({ agencyId: owner.agency.id, userId: owner.user.id }, (tx) =>
        tx.execute(`update client_companies set assignee_user_id = '${leaver.user.id}' where id = '${companies[0]}'`),
      ),
    ).rejects.toMatchObject({ cause: { code: "23514", constraint: "assignee_is_active_member" } });

    await enableMember(owner, leaver.membershipId);
    expect(await resolveMembership(leaver.user.id, owner.agency.slug)).not.toBeNull();
  });

  it("the database refuses to disable or remove a member who still has work, whatever the code does", async () => {
    clock.set(start);
    const owner = await newAgency("db-offboard");
    const busy = await join(owner, "staff", "busy");
    await addCompany(owner.agency.id, busy.user.id);
    for (const statement of [
      `update memberships set status = 'disabled' where id = '${busy.membershipId}'`,
      `delete from memberships where id = '${busy.membershipId}'`,
    ]) {
      await expect(
        withTenant({ agencyId: owner.agency.id, userId: owner.user.id }, (tx) => tx.execute(statement)),
      ).rejects.toMatchObject({ cause: { code: "23514", constraint: "memberships_nothing_assigned_when_offboarded" } });
    }
  });

  it("changes roles, removes members, and never lets an owner be changed or the agency lose its owner", async () => {
    clock.set(start);
    const owner = await newAgency("roles");
    const adminMember = await join(owner, "admin", "second");
    const worker = await join(owner, "staff", "worker");

    await changeRole(adminMember, { membershipId: worker.membershipId, role: "manager" });
    expect((await resolveMembership(worker.user.id, owner.agency.slug))?.membership.role).toBe("manager");
    // An admin cannot touch the owner, nor anyone their own membership.
    expect((await refusal(changeRole(adminMember, { membershipId: owner.membershipId, role: "staff" }))).details.messageKey).toBe(
      "memberForms.errors.ownerProtected",
    );
    expect((await refusal(disableMember(adminMember, { membershipId: owner.membershipId }))).code).toBe("FORBIDDEN");
    expect((await refusal(changeRole(adminMember, { membershipId: adminMember.membershipId, role: "staff" }))).details.messageKey).toBe(
      "memberForms.errors.notYourself",
    );
    // Admins do not transfer ownership or delete the agency.
    expect((await refusal(transferOwnership(adminMember, worker.membershipId))).code).toBe("FORBIDDEN");
    expect((await refusal(deleteAgency(adminMember, { confirmation: owner.agency.slug }))).code).toBe("FORBIDDEN");

    // The database keeps an active owner even when the code is bypassed.
    await expect(
      withTenant({ agencyId: owner.agency.id, userId: owner.user.id }, (tx) =>
        tx.execute(`update memberships set role = 'admin' where id = '${owner.membershipId}'`),
      ),
    ).rejects.toMatchObject({ cause: { code: "23514", constraint: "memberships_agency_keeps_owner" } });

    await removeMember(owner, { membershipId: worker.membershipId });
    expect(await resolveMembership(worker.user.id, owner.agency.slug)).toBeNull();
    expect((await listMembers(owner)).map((m) => m.membershipId)).not.toContain(worker.membershipId);

    await transferOwnership(owner, adminMember.membershipId);
    expect((await resolveMembership(adminMember.user.id, owner.agency.slug))?.membership.role).toBe("owner");
    expect((await resolveMembership(owner.user.id, owner.agency.slug))?.membership.role).toBe("admin");
    expect((await auditActionsOf(owner.agency.id)).filter((a) => !a.startsWith("invitation."))).toEqual([
      "agency.create",
      "member.add",
      "member.add",
      "member.add",
      "member.role_change",
      "member.remove",
      "ownership.transfer",
    ]);
  });
});

describe("deleting an agency", () => {
  it("needs the typed slug, ends every member's access at once, and is purged with its objects after 30 days", async () => {
    clock.set(start);
    const owner = await newAgency("doomed");
    const staff = await join(owner, "staff", "doomed-staff");
    const companyId = await addCompany(owner.agency.id, staff.user.id);
    const key = `${agencyPrefix(owner.agency.id)}documents/${companyId}/licence.jpg`;
    await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: "jpeg bytes" }));

    const wrong = await refusal(deleteAgency(owner, { confirmation: "not-the-slug" }));
    expect(wrong.details.fields).toEqual({ confirmation: "memberForms.errors.confirmationMismatch" });

    const { purgeAt } = await deleteAgency(owner, { confirmation: owner.agency.slug });
    expect(purgeAt.toISOString()).toBe(new Date(start.getTime() + 30 * 24 * 3600_000).toISOString());
    expect(await resolveMembership(owner.user.id, owner.agency.slug)).toBeNull();
    expect(await resolveMembership(staff.user.id, owner.agency.slug)).toBeNull();
    const { rows: jobs } = await admin.query(
      `select data, start_after from pgboss.job where name = 'agency.purge' and data->>'agencyId' = $1`,
      [owner.agency.id],
    );
    expect(jobs).toHaveLength(1);
    expect(new Date(jobs[0].start_after).toISOString()).toBe(purgeAt.toISOString());

    const storage = { client: s3(), bucket: bucket() };
    clock.advance(29 * 24 * 3600_000);
    expect(await withWorker(owner.agency.id, (tx) => purgeAgency(tx, owner.agency.id, storage))).toEqual({ purged: false, objects: 0 });
    clock.advance(2 * 24 * 3600_000);
    expect(await withWorker(owner.agency.id, (tx) => purgeAgency(tx, owner.agency.id, storage))).toEqual({ purged: true, objects: 1 });

    const { rows: left } = await admin.query<{ table_name: string; n: number }>(`
      select t.table_name, (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from %I where agency_id = %L', t.table_name, $1::text), false, true, '')))[1]::text::int as n
      from information_schema.columns t where t.table_schema = 'public' and t.column_name = 'agency_id'`, [owner.agency.id]);
    expect(left.filter((row) => row.n > 0)).toEqual([]);
    expect((await admin.query(`select 1 from agencies where id = $1`, [owner.agency.id])).rowCount).toBe(0);
    // The bystander agency is untouched.
    expect((await admin.query(`select count(*)::int as n from memberships where agency_id = $1`, [other.agencyId])).rows[0].n).toBe(2);
  });

  it("an agency that is not deleted is never purged, whatever the job says", async () => {
    const storage = { client: s3(), bucket: bucket() };
    expect(await withWorker(other.agencyId, (tx) => purgeAgency(tx, other.agencyId, storage))).toEqual({ purged: false, objects: 0 });
    const { rows } = await admin.query(`select weidesk_purge_agency($1, now() + interval '1 year') as purged`, [other.agencyId]);
    expect(rows[0].purged).toBe(false);
  });
});
