/**
 * Ending sessions and throttling guesses, against the real database through the app's
 * role: sign-out, disabling, a role change and removal bump the member's session
 * version (so their cookie stops working on its next request) and are audited; the
 * throttle blocks a (e-mail, IP) pair after 10 failures for 15 minutes, an IP after
 * 100 failures in a day, and never the same e-mail from another IP.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/db/tenant";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { resetAppState } from "@/lib/testing/app-state";
import { makeAgencyWithEveryTable, type AgencyFixture } from "@/lib/testing/factories";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { changeRole, disableMember, removeMember } from "@/lib/members/service";
import type { MembershipContext } from "./session";
import { isSessionCurrent } from "./policy";
import { endMySessions } from "./sessions";
import { checkThrottle, IP_DAILY_LIMIT, PAIR_LIMIT, recordFailure, recordSuccess } from "./throttle";
import { findSessionUser } from "./users";

process.env.TEST_CLOCK = "1";
const start = new Date("2026-06-01T02:00:00Z");

let admin: pg.Client;
let agency: AgencyFixture;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  agency = await makeAgencyWithEveryTable(admin, "Sessions");
});

afterEach(() => clock.reset());

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

async function addMember(role: string) {
  const userId = newId();
  const membershipId = newId();
  await admin.query(`insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, $3, now(), now())`, [
    userId,
    `${role}-${userId}@example.com`,
    `${role} ${userId.slice(-4)}`,
  ]);
  await admin.query(`insert into memberships (id, agency_id, user_id, role, created_at) values ($1, $2, $3, $4, now())`, [
    membershipId,
    agency.agencyId,
    userId,
    role,
  ]);
  return { userId, membershipId };
}

async function ownerContext(): Promise<MembershipContext> {
  const owner = await addMember("owner");
  const { rows } = await admin.query(`select slug, name from agencies where id = $1`, [agency.agencyId]);
  return {
    user: { id: owner.userId, email: "owner@example.com", name: "Owner", locale: null, emailVerified: true, totpEnabled: false },
    agency: { id: agency.agencyId, slug: rows[0].slug, name: rows[0].name, defaultLocale: "en", timeZone: "Asia/Shanghai", requireTotpForAdmins: false },
    membershipId: owner.membershipId,
    role: "owner",
    clientCompany: null,
  };
}

/** A session issued now for `userId`: still good after `change`? */
async function survives(userId: string, change: () => Promise<unknown>): Promise<boolean> {
  const before = await findSessionUser(userId);
  const claims = { userId, sessionVersion: before!.sessionVersion, signedInAt: Date.now(), seenAt: Date.now() };
  expect(isSessionCurrent(claims, before, new Date())).toBe(true);
  await change();
  return isSessionCurrent(claims, await findSessionUser(userId), new Date());
}

describe("ending sessions", () => {
  it("sign-out ends every session of the user and is recorded in their agency", async () => {
    const member = await addMember("staff");
    expect(await survives(member.userId, () => endMySessions(member.userId, "req-1"))).toBe(false);
    const { rows } = await admin.query(`select action, request_id from audit_events where agency_id = $1 and actor_user_id = $2`, [
      agency.agencyId,
      member.userId,
    ]);
    expect(rows).toEqual([{ action: "session.sign_out", request_id: "req-1" }]);
  });

  it("disabling, a role change and removal end the member's sessions at once", async () => {
    const owner = await ownerContext();
    const disabled = await addMember("staff");
    const promoted = await addMember("staff");
    const removed = await addMember("manager");
    expect(await survives(disabled.userId, () => disableMember(owner, { membershipId: disabled.membershipId }))).toBe(false);
    expect(await survives(promoted.userId, () => changeRole(owner, { membershipId: promoted.membershipId, role: "admin" }))).toBe(false);
    expect(await survives(removed.userId, () => removeMember(owner, { membershipId: removed.membershipId }))).toBe(false);
    // Someone else's sessions are untouched.
    const bystander = await addMember("staff");
    const other = await addMember("staff");
    expect(await survives(bystander.userId, () => disableMember(owner, { membershipId: other.membershipId }))).toBe(true);
  });

  it("cannot end the sessions of someone outside the current agency", async () => {
    const other = await makeAgencyWithEveryTable(admin, "Elsewhere");
    const before = await findSessionUser(other.userId);
    await withTenant({ agencyId: agency.agencyId, userId: null }, (tx) =>
      tx.execute(`select weidesk_end_member_sessions('${other.userId}')`),
    );
    expect((await findSessionUser(other.userId))?.sessionVersion).toBe(before?.sessionVersion);
  });
});

describe("throttling", () => {
  const email = () => `guess-${newId()}@example.com`;

  it("blocks a pair after 10 consecutive failures for 15 minutes, while the same e-mail from another IP goes on", async () => {
    clock.set(start);
    const target = email();
    const pair = { email: target, ip: "203.0.113.7" };
    for (let i = 0; i < PAIR_LIMIT - 1; i += 1) await recordFailure(pair);
    expect(await checkThrottle(pair)).toEqual({ allowed: true });
    await recordFailure(pair);
    expect(await checkThrottle(pair)).toEqual({ allowed: false, retryAfterSeconds: 900 });
    expect(await checkThrottle({ ...pair, email: target.toUpperCase() })).toMatchObject({ allowed: false });
    expect(await checkThrottle({ email: target, ip: "198.51.100.2" })).toEqual({ allowed: true });
    clock.advance(14 * 60 * 1000);
    expect(await checkThrottle(pair)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    clock.advance(60 * 1000);
    expect(await checkThrottle(pair)).toEqual({ allowed: true });
  });

  it("counts consecutive failures: a success starts the count again", async () => {
    clock.set(start);
    const pair = { email: email(), ip: "203.0.113.8" };
    for (let i = 0; i < PAIR_LIMIT - 1; i += 1) await recordFailure(pair);
    await recordSuccess(pair);
    for (let i = 0; i < PAIR_LIMIT - 1; i += 1) await recordFailure(pair);
    expect(await checkThrottle(pair)).toEqual({ allowed: true });
  });

  it("blocks an IP after 100 failures in a day, whatever the e-mails, until the day is over", async () => {
    clock.set(start);
    const ip = "203.0.113.9";
    for (let i = 0; i < IP_DAILY_LIMIT; i += 1) await recordFailure({ email: email(), ip });
    const verdict = await checkThrottle({ email: email(), ip });
    expect(verdict).toEqual({ allowed: false, retryAfterSeconds: 24 * 60 * 60 });
    expect(await checkThrottle({ email: email(), ip: "203.0.113.10" })).toEqual({ allowed: true });
    clock.advance(24 * 60 * 60 * 1000);
    expect(await checkThrottle({ email: email(), ip })).toEqual({ allowed: true });
  });

  it("with no known IP, still limits the e-mail, and keeps scopes apart", async () => {
    clock.set(start);
    const noIp = { email: email(), ip: null };
    for (let i = 0; i < PAIR_LIMIT; i += 1) await recordFailure(noIp);
    expect(await checkThrottle(noIp)).toMatchObject({ allowed: false });
    expect(await checkThrottle({ ...noIp, scope: "totp" })).toEqual({ allowed: true });
    // The table holds keyed hashes, never the e-mail.
    const { rows } = await admin.query(`select count(*)::int as n from auth_throttle where encode(key, 'escape') like '%example.com%'`);
    expect(rows[0].n).toBe(0);
  });
});
