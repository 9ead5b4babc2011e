/**
 * The second factor, one-time links and password changes against the real database,
 * through the app's own role and the SECURITY DEFINER functions of 0008_sessions.sql:
 * what works once, what is refused after (replays, used and expired links), which
 * changes end sessions, and the audit events each writes in the user's agencies.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { updateSecuritySettings } from "@/lib/agencies/security";
import { resolveMembership } from "@/lib/auth/membership";
import type { MembershipContext } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import type { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { acceptInvitationAsNewUser, signUp, verifyEmail } from "@/lib/members/accounts";
import { inviteMember } from "@/lib/members/service";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { changePassword, turnOffTotp, turnOnTotp } from "./account-security";
import {
  authorizeCredentials,
  authorizeSessionRenewal,
  authorizeSignInLink,
  sealSessionRenewal,
  TotpInvalid,
  TotpRateLimited,
  TotpRequired,
} from "./credentials";
import { PASSWORD_RESET_MINUTES, requestPasswordReset, requestSignInLink, resetPassword, SIGN_IN_LINK_MINUTES } from "./links";
import { startTotpEnrolment, totpCodeAt, totpStatus } from "./totp";
import { findSessionUser } from "./users";

process.env.TEST_CLOCK = "1";
const PASSWORD = "a long enough password";
const start = new Date("2026-05-04T02:00:05Z");
const STEP_MS = 30_000;
const meta = { ip: null, requestId: "req-totp-test" };

let admin: pg.Client;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
});

afterEach(() => clock.reset());

afterAll(async () => {
  await admin.end();
  await resetAppState();
});

const unique = () => newId().slice(-12);

type Mail = { subject: string; text_body: string; kind: string; locale: string; to_address: string };

async function mailsTo(to: string): Promise<Mail[]> {
  const { rows } = await admin.query<Mail>(
    `select subject, text_body, kind, locale, to_address from mail_outbox where lower(to_address) = lower($1) order by created_at desc, id desc`,
    [to],
  );
  return rows;
}

/** The token of the newest mail to `to` carrying a `path` link. */
async function tokenFrom(to: string, path: string): Promise<string | undefined> {
  const [mail] = await mailsTo(to);
  return mail?.text_body.match(new RegExp(`${path}/([A-Za-z0-9_-]{43})`))?.[1];
}

async function accountEvents(userId: string): Promise<{ agency_id: string; action: string; request_id: string | null }[]> {
  const { rows } = await admin.query<{ agency_id: string; action: string; request_id: string | null }>(
    `select agency_id, action, request_id from audit_events where actor_user_id = $1 and target_type = 'user' order by at, id`,
    [userId],
  );
  return rows;
}

async function sessionVersion(userId: string): Promise<number> {
  return (await findSessionUser(userId))!.sessionVersion;
}

function refusal(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => error as AppError,
  );
}

/** A fresh agency and its verified owner. */
async function newOwner(label: string): Promise<MembershipContext> {
  const slug = `${label}-${unique()}`;
  const email = `owner-${slug}@example.com`;
  await signUp(
    { name: `Owner ${label}`, email, password: PASSWORD, agencyName: `Agency ${label}`, slug, defaultLocale: "zh-CN", timeZone: "Asia/Shanghai" },
    "zh-CN",
  );
  const token = await tokenFrom(email, "/verify-email");
  const verified = await verifyEmail(token!);
  const resolved = await resolveMembership(verified!.userId, slug);
  return {
    user: { id: verified!.userId, email, name: `Owner ${label}`, locale: null, emailVerified: true, totpEnabled: false },
    agency: resolved!.agency,
    membershipId: resolved!.membership.id,
    role: resolved!.membership.role,
    clientCompany: resolved!.membership.clientCompany,
  };
}

/** A client administrator of a new company of `owner`'s agency. */
async function newClientAdmin(owner: MembershipContext): Promise<{ id: string; email: string }> {
  const companyId = newId();
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, legal_name_zh, country, created_at, updated_at)
     values ($1, $2, 'overseas', 'overseas_company', $3, 'SG', $4, $4)`,
    [companyId, owner.agency.id, `测试公司${unique()}`, start],
  );
  const email = `client-${unique()}@example.com`;
  const { token } = await inviteMember(owner, { email, role: "client_admin", clientCompanyId: companyId });
  await acceptInvitationAsNewUser({ token, name: "Chen Client", password: PASSWORD }, "en");
  const user = await authorizeCredentials({ email, password: PASSWORD });
  return { id: user!.id, email };
}

/** Turns TOTP on for `user` at the clock's time; the secret and the recovery codes. */
async function enrol(user: { id: string; email: string }) {
  const enrolment = await startTotpEnrolment(user);
  const secret = enrolment.secret.replace(/\s+/g, "");
  const result = await turnOnTotp(user, { enrolment: enrolment.enrolment, code: totpCodeAt(secret, clock.now()) }, meta);
  return { secret, ...result, enrolment };
}

function signInWith(email: string, code?: string, password = PASSWORD) {
  return authorizeCredentials({ email, password, code });
}

describe("two-factor authentication", () => {
  it("is turned on with a first code from the app, ending other sessions, with ten recovery codes", async () => {
    clock.set(start);
    const owner = await newOwner("enrol");
    const before = await sessionVersion(owner.user.id);
    const enrolment = await startTotpEnrolment(owner.user);
    expect(enrolment.uri).toContain(encodeURIComponent(owner.user.email));
    expect(enrolment.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);

    // A wrong first code turns nothing on.
    const wrong = await refusal(turnOnTotp(owner.user, { enrolment: enrolment.enrolment, code: "000000" }, meta));
    expect(wrong.code).toBe("VALIDATION");
    expect((await totpStatus(owner.user.id)).enabled).toBe(false);
    // Another user cannot use this enrolment.
    const other = await newOwner("enrol-other");
    const secret = enrolment.secret.replace(/\s+/g, "");
    expect((await refusal(turnOnTotp(other.user, { enrolment: enrolment.enrolment, code: totpCodeAt(secret, start) }, meta))).code).toBe(
      "BAD_REQUEST",
    );

    const { recoveryCodes, sessionVersion: after } = await turnOnTotp(
      owner.user,
      { enrolment: enrolment.enrolment, code: totpCodeAt(secret, start) },
      meta,
    );
    expect(recoveryCodes).toHaveLength(10);
    expect(after).toBe(before + 1);
    expect(await sessionVersion(owner.user.id)).toBe(after);
    expect(await totpStatus(owner.user.id)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect(await accountEvents(owner.user.id)).toContainEqual({ agency_id: owner.agency.id, action: "totp.enable", request_id: meta.requestId });

    // Stored encrypted, and the codes only as hashes.
    const { rows } = await admin.query<{ secret: Buffer; codes: string }>(
      `select totp_secret_ciphertext as secret, (select string_agg(encode(code_hash, 'hex'), ',') from user_recovery_codes where user_id = $1) as codes
       from users where id = $1`,
      [owner.user.id],
    );
    expect(rows[0]!.secret.toString("latin1")).not.toContain(secret);
    for (const code of recoveryCodes) expect(rows[0]!.codes).not.toContain(Buffer.from(code).toString("hex"));

    // Once on, a second enrolment is refused.
    const again = await startTotpEnrolment(owner.user);
    const againSecret = again.secret.replace(/\s+/g, "");
    expect((await refusal(turnOnTotp(owner.user, { enrolment: again.enrolment, code: totpCodeAt(againSecret, start) }, meta))).code).toBe(
      "CONFLICT",
    );
  });

  it("an enrolment left waiting for more than 15 minutes has expired", async () => {
    clock.set(start);
    const owner = await newOwner("expired-enrol");
    const enrolment = await startTotpEnrolment(owner.user);
    clock.advance(15 * 60_000 + 1_000);
    const secret = enrolment.secret.replace(/\s+/g, "");
    const error = await refusal(turnOnTotp(owner.user, { enrolment: enrolment.enrolment, code: totpCodeAt(secret, clock.now()) }, meta));
    expect(error.details.fields).toEqual({ code: "accountSecurity.errors.enrolmentExpired" });
  });

  it("asks for a code after the right password, takes a code once, and refuses wrong and replayed ones", async () => {
    clock.set(start);
    const owner = await newOwner("signin");
    const { secret, sessionVersion: version } = await enrol(owner.user);

    // Nothing about the second factor unless the password is right.
    await expect(signInWith(owner.user.email, undefined, "wrong password!")).resolves.toBeNull();
    await expect(signInWith(owner.user.email, "123456", "wrong password!")).resolves.toBeNull();
    await expect(signInWith(owner.user.email)).rejects.toBeInstanceOf(TotpRequired);
    await expect(signInWith(owner.user.email, "  ")).rejects.toBeInstanceOf(TotpRequired);

    // The enrolment's own code was used already.
    await expect(signInWith(owner.user.email, totpCodeAt(secret, start))).rejects.toBeInstanceOf(TotpInvalid);
    const wrong = totpCodeAt(secret, start) === "000000" ? "111111" : "000000";
    await expect(signInWith(owner.user.email, wrong)).rejects.toBeInstanceOf(TotpInvalid);

    clock.advance(STEP_MS);
    const code = totpCodeAt(secret, clock.now());
    await expect(signInWith(owner.user.email, code)).resolves.toEqual({ id: owner.user.id, sessionVersion: version });
    // The same code again (a replay within its 90 seconds) is refused, as is the one before it.
    await expect(signInWith(owner.user.email, code)).rejects.toBeInstanceOf(TotpInvalid);
    await expect(signInWith(owner.user.email, totpCodeAt(secret, start))).rejects.toBeInstanceOf(TotpInvalid);
    // A code from the next step (the phone's clock is ahead) works, within the window.
    clock.advance(5_000);
    await expect(signInWith(owner.user.email, totpCodeAt(secret, new Date(clock.now().getTime() + STEP_MS)))).resolves.toMatchObject({
      id: owner.user.id,
    });
    // Two steps away is outside it.
    clock.advance(3 * STEP_MS);
    const stale = totpCodeAt(secret, new Date(clock.now().getTime() - 2 * STEP_MS));
    if (stale !== totpCodeAt(secret, clock.now())) await expect(signInWith(owner.user.email, stale)).rejects.toBeInstanceOf(TotpInvalid);
  });

  it("takes each recovery code once, however it is typed, and audits its use", async () => {
    clock.set(start);
    const owner = await newOwner("recovery");
    const { recoveryCodes } = await enrol(owner.user);
    const [first, second] = recoveryCodes as [string, string];

    await expect(signInWith(owner.user.email, first.toUpperCase())).resolves.toMatchObject({ id: owner.user.id });
    await expect(signInWith(owner.user.email, first)).rejects.toBeInstanceOf(TotpInvalid);
    await expect(signInWith(owner.user.email, "abcd-efgh-jkmn")).rejects.toBeInstanceOf(TotpInvalid);
    await expect(signInWith(owner.user.email, second.replaceAll("-", " "))).resolves.toMatchObject({ id: owner.user.id });
    expect((await totpStatus(owner.user.id)).recoveryCodesLeft).toBe(8);
    const used = (await accountEvents(owner.user.id)).filter((event) => event.action === "totp.recovery_code_used");
    expect(used).toHaveLength(2);
    expect(used.every((event) => event.agency_id === owner.agency.id)).toBe(true);
  });

  it("blocks guessing: ten wrong codes in a row, and even the right one waits", async () => {
    clock.set(start);
    const owner = await newOwner("guess");
    const { secret } = await enrol(owner.user);
    const right = () => totpCodeAt(secret, clock.now());
    for (let i = 0; i < 10; i += 1) {
      const guess = String(100000 + i);
      if (guess === right()) continue;
      await expect(signInWith(owner.user.email, guess)).rejects.toBeInstanceOf(TotpInvalid);
    }
    clock.advance(STEP_MS);
    await expect(signInWith(owner.user.email, right())).rejects.toBeInstanceOf(TotpRateLimited);
    clock.advance(15 * 60_000);
    await expect(signInWith(owner.user.email, right())).resolves.toMatchObject({ id: owner.user.id });
  });

  it("is turned off only with the current password, ending other sessions", async () => {
    clock.set(start);
    const owner = await newOwner("disable");
    const { sessionVersion: on } = await enrol(owner.user);

    const wrong = await refusal(turnOffTotp(owner.user, { password: "not my password" }, meta));
    expect(wrong.details.fields).toEqual({ password: "accountSecurity.errors.currentPasswordWrong" });
    expect((await totpStatus(owner.user.id)).enabled).toBe(true);

    const off = await turnOffTotp(owner.user, { password: PASSWORD }, meta);
    expect(off).toBe(on + 1);
    expect(await totpStatus(owner.user.id)).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    await expect(signInWith(owner.user.email)).resolves.toEqual({ id: owner.user.id, sessionVersion: off });
    expect((await accountEvents(owner.user.id)).map((event) => event.action)).toContain("totp.disable");
  });
});

describe("password change", () => {
  it("needs the current password, bumps the session version and audits", async () => {
    clock.set(start);
    const owner = await newOwner("change");
    const before = await sessionVersion(owner.user.id);
    const NEW = "another long password";

    const wrong = await refusal(changePassword(owner.user, { currentPassword: "nope nope nope", newPassword: NEW }, meta));
    expect(wrong.details.fields).toEqual({ currentPassword: "accountSecurity.errors.currentPasswordWrong" });
    const short = await refusal(changePassword(owner.user, { currentPassword: PASSWORD, newPassword: "short" }, meta));
    expect(short.details.fields).toEqual({ newPassword: "memberForms.errors.passwordTooShort" });

    const version = await changePassword(owner.user, { currentPassword: PASSWORD, newPassword: NEW }, meta);
    expect(version).toBe(before + 1);
    expect(await sessionVersion(owner.user.id)).toBe(version);
    await expect(signInWith(owner.user.email, undefined, PASSWORD)).resolves.toBeNull();
    await expect(signInWith(owner.user.email, undefined, NEW)).resolves.toEqual({ id: owner.user.id, sessionVersion: version });
    expect(await accountEvents(owner.user.id)).toContainEqual({ agency_id: owner.agency.id, action: "password.change", request_id: meta.requestId });
  });
});

describe("session renewal", () => {
  it("signs in afresh only with a genuine, unexpired renewal at the current version", async () => {
    clock.set(start);
    const owner = await newOwner("renewal");
    const version = await sessionVersion(owner.user.id);
    const renewal = sealSessionRenewal(owner.user.id, version);
    await expect(authorizeSessionRenewal({ renewal })).resolves.toEqual({ id: owner.user.id, sessionVersion: version });
    // Tampered: another version or user under the same MAC.
    await expect(authorizeSessionRenewal({ renewal: renewal.replace(`.${version}.`, `.${version + 1}.`) })).resolves.toBeNull();
    await expect(authorizeSessionRenewal({ renewal: renewal.replace(owner.user.id, newId()) })).resolves.toBeNull();
    await expect(authorizeSessionRenewal({ renewal: "junk" })).resolves.toBeNull();
    await expect(authorizeSessionRenewal({})).resolves.toBeNull();
    // Expired.
    clock.advance(61_000);
    await expect(authorizeSessionRenewal({ renewal })).resolves.toBeNull();
    // Sealed for a version that has moved on (signed out everywhere since).
    const stale = sealSessionRenewal(owner.user.id, version);
    await admin.query(`update users set session_version = session_version + 1 where id = $1`, [owner.user.id]);
    await expect(authorizeSessionRenewal({ renewal: stale })).resolves.toBeNull();
  });
});

describe("password reset by e-mail", () => {
  it("mails a link in the account's language that works once, ends every session and is audited", async () => {
    clock.set(start);
    const owner = await newOwner("reset");
    const before = await sessionVersion(owner.user.id);
    await expect(requestPasswordReset({ email: owner.user.email.toUpperCase() }, "en", null)).resolves.toEqual({
      email: owner.user.email.toUpperCase(),
    });
    const [mail] = await mailsTo(owner.user.email);
    // Sent to the address as the account has it, in the account's language (zh-CN at sign-up).
    expect(mail).toMatchObject({ kind: "passwordReset", locale: "zh-CN", to_address: owner.user.email });
    expect(mail!.text_body).toContain(`${PASSWORD_RESET_MINUTES}`);
    const token = (await tokenFrom(owner.user.email, "/reset-password"))!;
    expect(token).toBeTruthy();

    const tooShort = await refusal(resetPassword(token, { password: "short" }, meta.requestId));
    expect(tooShort.details.fields).toEqual({ password: "memberForms.errors.passwordTooShort" });
    await expect(resetPassword(token, { password: "a brand new password" }, meta.requestId)).resolves.toBe(true);
    await expect(resetPassword(token, { password: "yet another password" }, meta.requestId)).resolves.toBe(false);
    expect(await sessionVersion(owner.user.id)).toBe(before + 1);
    await expect(signInWith(owner.user.email, undefined, "a brand new password")).resolves.toMatchObject({ id: owner.user.id });
    expect(await accountEvents(owner.user.id)).toContainEqual({ agency_id: owner.agency.id, action: "password.reset", request_id: meta.requestId });
  });

  it("answers the same for an unknown address, sending nothing, and refuses links after an hour or once replaced", async () => {
    clock.set(start);
    const nobody = `nobody-${unique()}@example.com`;
    await expect(requestPasswordReset({ email: nobody }, "en", null)).resolves.toEqual({ email: nobody });
    expect(await mailsTo(nobody)).toHaveLength(0);

    const owner = await newOwner("reset-expiry");
    await requestPasswordReset({ email: owner.user.email }, "en", null);
    const first = (await tokenFrom(owner.user.email, "/reset-password"))!;
    await requestPasswordReset({ email: owner.user.email }, "en", null);
    const second = (await tokenFrom(owner.user.email, "/reset-password"))!;
    expect(second).not.toBe(first);
    // A newer link replaces the older one.
    await expect(resetPassword(first, { password: "a brand new password" }, null)).resolves.toBe(false);
    clock.advance(PASSWORD_RESET_MINUTES * 60_000 + 1_000);
    await expect(resetPassword(second, { password: "a brand new password" }, null)).resolves.toBe(false);
    await expect(resetPassword("not-a-token", { password: "a brand new password" }, null)).resolves.toBe(false);
  });

  it("throttles requests for one address: ten, then RATE_LIMITED for a while", async () => {
    clock.set(start);
    const email = `flood-${unique()}@example.com`;
    for (let i = 0; i < 10; i += 1) await requestPasswordReset({ email }, "en", null);
    expect((await refusal(requestPasswordReset({ email }, "en", null))).code).toBe("RATE_LIMITED");
    const invalid = await refusal(requestPasswordReset({ email: "not an address" }, "en", null));
    expect(invalid.details.fields).toEqual({ email: "memberForms.errors.emailInvalid" });
  });
});

describe("one-time sign-in links", () => {
  it("are mailed to client administrators only, work once, and not after 15 minutes", async () => {
    clock.set(start);
    const owner = await newOwner("link");
    const client = await newClientAdmin(owner);

    // The owner is not a client administrator: nothing is sent, the answer is the same.
    await expect(requestSignInLink({ email: owner.user.email }, "en", null)).resolves.toEqual({ email: owner.user.email });
    expect((await mailsTo(owner.user.email)).some((mail) => mail.kind === "signInLink")).toBe(false);

    await requestSignInLink({ email: client.email }, "zh-CN", null);
    const [mail] = await mailsTo(client.email);
    expect(mail).toMatchObject({ kind: "signInLink", locale: "en" });
    const token = (await tokenFrom(client.email, "/sign-in-link"))!;
    const version = await sessionVersion(client.id);
    await expect(authorizeSignInLink({ token })).resolves.toEqual({ id: client.id, sessionVersion: version });
    await expect(authorizeSignInLink({ token })).resolves.toBeNull();
    await expect(authorizeSignInLink({ token: "x" })).resolves.toBeNull();
    expect(await accountEvents(client.id)).toContainEqual({ agency_id: owner.agency.id, action: "session.sign_in_link", request_id: null });

    await requestSignInLink({ email: client.email }, "en", null);
    const late = (await tokenFrom(client.email, "/sign-in-link"))!;
    clock.advance(SIGN_IN_LINK_MINUTES * 60_000 + 1_000);
    await expect(authorizeSignInLink({ token: late })).resolves.toBeNull();
  });

  it("are not sent to a client administrator who turned two-factor authentication on", async () => {
    clock.set(start);
    const owner = await newOwner("link-totp");
    const client = await newClientAdmin(owner);
    await requestSignInLink({ email: client.email }, "en", null);
    const earlier = (await tokenFrom(client.email, "/sign-in-link"))!;
    await enrol(client);
    const sent = (await mailsTo(client.email)).filter((mail) => mail.kind === "signInLink").length;
    await requestSignInLink({ email: client.email }, "en", null);
    expect((await mailsTo(client.email)).filter((mail) => mail.kind === "signInLink")).toHaveLength(sent);
    // A link mailed before TOTP was turned on no longer signs in.
    await expect(authorizeSignInLink({ token: earlier })).resolves.toBeNull();
  });
});

describe("the agency's second-factor policy", () => {
  it("owners and admins change it, with an audit event; staff cannot", async () => {
    clock.set(start);
    const owner = await newOwner("policy");
    await expect(updateSecuritySettings(owner, { requireTotpForAdmins: true }, "req-policy")).resolves.toEqual({
      requireTotpForAdmins: true,
    });
    const { rows } = await admin.query<{ require_totp_for_admins: boolean }>(
      `select require_totp_for_admins from agencies where id = $1`,
      [owner.agency.id],
    );
    expect(rows[0]!.require_totp_for_admins).toBe(true);
    const events = await admin.query<{ action: string; data: unknown }>(
      `select action, data from audit_events where agency_id = $1 and action = 'agency.settings_change'`,
      [owner.agency.id],
    );
    expect(events.rows).toEqual([{ action: "agency.settings_change", data: { setting: "requireTwoFactorForAdmins", from: false, to: true } }]);
    // No change, no event.
    await updateSecuritySettings(owner, { requireTotpForAdmins: true });
    expect((await admin.query(`select 1 from audit_events where agency_id = $1 and action = 'agency.settings_change'`, [owner.agency.id])).rowCount).toBe(1);

    const asStaff = { ...owner, role: "staff" as const };
    expect((await refusal(updateSecuritySettings(asStaff, { requireTotpForAdmins: false }))).code).toBe("FORBIDDEN");
    expect((await refusal(updateSecuritySettings(owner, { requireTotpForAdmins: "yes" }))).code).toBe("BAD_REQUEST");
  });
});
