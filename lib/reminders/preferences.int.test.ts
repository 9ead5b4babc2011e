/**
 * Each user's notification settings (issue 9 §3) against the real PostgreSQL, through the
 * app's own role: defaults when nothing is saved, the topics each role may choose, saving
 * (upserts of the user's own rows only), and row-level security: another user's rows, or
 * another agency's, are never read nor written, whatever the query asks.
 */
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, withWorker } from "@/db/tenant";
import { clock } from "@/lib/clock";
import type { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Role } from "@/lib/rbac/roles";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { getNotificationPreferences, preferencesOf, saveNotificationPreferences, type PreferencesActor } from "./preferences";

process.env.TEST_CLOCK = "1";
const start = new Date("2026-11-30T02:00:00Z");

let admin: pg.Client;
const tag = () => newId().slice(-12);

async function addAgency(): Promise<string> {
  const id = newId();
  await admin.query(`insert into agencies (id, slug, name, created_at) values ($1, $2, $3, now())`, [id, `pref-${tag()}`, `Agency ${tag()}`]);
  return id;
}

async function addMember(agencyId: string, role: Role, userId = newId()): Promise<PreferencesActor> {
  let clientCompany: { id: string } | null = null;
  if (role === "client_admin") {
    clientCompany = { id: newId() };
    await admin.query(
      `insert into client_companies (id, agency_id, kind, subject_type, name_en, country, created_at, updated_at)
       values ($1, $2, 'overseas', 'overseas_company', 'Client', 'SG', now(), now())`,
      [clientCompany.id, agencyId],
    );
  }
  await admin.query(
    `insert into users (id, email, name, email_verified_at, created_at) values ($1, $2, 'Someone', now(), now()) on conflict (id) do nothing`,
    [userId, `${role}-${tag()}@example.com`],
  );
  await admin.query(`insert into memberships (id, agency_id, user_id, role, client_company_id, created_at) values ($1, $2, $3, $4, $5, now())`, [
    newId(),
    agencyId,
    userId,
    role,
    clientCompany?.id ?? null,
  ]);
  return { user: { id: userId }, agency: { id: agencyId }, role, clientCompany };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => error as AppError,
  );

async function storedRows(agencyId: string) {
  return (
    await admin.query<{ user_id: string; topic: string; in_app: boolean; email: boolean }>(
      `select user_id, topic, in_app, email from notification_preferences where agency_id = $1 order by user_id, topic`,
      [agencyId],
    )
  ).rows;
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  clock.set(start);
});

afterAll(async () => {
  clock.reset();
  await admin.end();
  await resetAppState();
});

describe("reading", () => {
  it("answers both channels on for every topic the role can receive when nothing is saved", async () => {
    const agency = await addAgency();
    const on = { inApp: true, email: true };
    for (const role of ["owner", "admin", "manager"] as const) {
      expect(await getNotificationPreferences(await addMember(agency, role))).toEqual([
        { topic: "registration_deadlines", ...on },
        { topic: "verification_expiry", ...on },
        { topic: "document_requests", ...on },
        { topic: "weekly_digest", ...on },
      ]);
    }
    // Staff get no digest; a client administrator hears only of document requests.
    expect((await getNotificationPreferences(await addMember(agency, "staff"))).map((p) => p.topic)).toEqual([
      "registration_deadlines",
      "verification_expiry",
      "document_requests",
    ]);
    expect(await getNotificationPreferences(await addMember(agency, "client_admin"))).toEqual([{ topic: "document_requests", ...on }]);
    expect(await storedRows(agency)).toEqual([]);
  });
});

describe("saving", () => {
  it("upserts the member's own rows and reads them back", async () => {
    const agency = await addAgency();
    const manager = await addMember(agency, "manager");
    await saveNotificationPreferences(manager, {
      preferences: [
        { topic: "weekly_digest", inApp: true, email: false },
        { topic: "verification_expiry", inApp: false, email: true },
      ],
    });
    const saved = await saveNotificationPreferences(manager, { preferences: [{ topic: "weekly_digest", inApp: false, email: true }] });
    expect(saved).toEqual([
      { topic: "registration_deadlines", inApp: true, email: true },
      { topic: "verification_expiry", inApp: false, email: true },
      { topic: "document_requests", inApp: true, email: true },
      { topic: "weekly_digest", inApp: false, email: true },
    ]);
    expect(await storedRows(agency)).toEqual([
      { user_id: manager.user.id, topic: "verification_expiry", in_app: false, email: true },
      { user_id: manager.user.id, topic: "weekly_digest", in_app: false, email: true },
    ]);
  });

  it("refuses a topic the role cannot receive, a repeated topic and malformed input, writing nothing", async () => {
    const agency = await addAgency();
    const staff = await addMember(agency, "staff");
    const clientAdmin = await addMember(agency, "client_admin");
    const invalid = { code: "VALIDATION", details: { fields: { preferences: "notificationPreferences.errors.invalid" } } };
    expect(await refusal(saveNotificationPreferences(staff, { preferences: [{ topic: "weekly_digest", inApp: true, email: false }] }))).toMatchObject(invalid);
    expect(
      await refusal(saveNotificationPreferences(clientAdmin, { preferences: [{ topic: "registration_deadlines", inApp: false, email: false }] })),
    ).toMatchObject(invalid);
    expect(
      await refusal(
        saveNotificationPreferences(staff, {
          preferences: [
            { topic: "document_requests", inApp: true, email: false },
            { topic: "document_requests", inApp: false, email: false },
          ],
        }),
      ),
    ).toMatchObject(invalid);
    for (const input of [{}, { preferences: [] }, { preferences: [{ topic: "nope", inApp: true, email: true }] }, { preferences: [{ topic: "document_requests", inApp: "yes", email: true }] }]) {
      expect(await refusal(saveNotificationPreferences(staff, input))).toMatchObject(invalid);
    }
    // A client administrator may choose for document requests.
    await saveNotificationPreferences(clientAdmin, { preferences: [{ topic: "document_requests", inApp: true, email: false }] });
    expect(await storedRows(agency)).toEqual([{ user_id: clientAdmin.user.id, topic: "document_requests", in_app: true, email: false }]);
  });
});

describe("row-level security", () => {
  it("never shows nor changes another user's rows, or another agency's", async () => {
    const agency = await addAgency();
    const other = await addAgency();
    const me = await addMember(agency, "admin");
    const colleague = await addMember(agency, "staff");
    // The same person in another agency: their rows there are not this agency's.
    const meElsewhere = await addMember(other, "owner", me.user.id);
    await saveNotificationPreferences(colleague, { preferences: [{ topic: "document_requests", inApp: false, email: false }] });
    await saveNotificationPreferences(meElsewhere, { preferences: [{ topic: "document_requests", inApp: false, email: false }] });

    expect(await getNotificationPreferences(me)).toContainEqual({ topic: "document_requests", inApp: true, email: true });
    const context = { agencyId: agency, userId: me.user.id };
    // Every row the app role can see as me, with no filter: none.
    expect((await withTenant(context, (tx) => tx.execute(sql`select user_id from notification_preferences`))).rows).toEqual([]);
    // An update aimed at the colleague's row touches nothing.
    const updated = await withTenant(context, (tx) =>
      tx.execute(sql`update notification_preferences set email = true where user_id = ${colleague.user.id} returning user_id`),
    );
    expect(updated.rows).toEqual([]);
    expect(await withTenant(context, (tx) => tx.execute(sql`delete from notification_preferences returning user_id`))).toMatchObject({ rows: [] });
    // Writing a row for someone else is refused by the policy.
    await expect(
      withTenant(context, (tx) =>
        tx.execute(sql`insert into notification_preferences (agency_id, user_id, topic, in_app, email, updated_at)
                       values (${agency}, ${colleague.user.id}, 'weekly_digest', false, false, now())`),
      ),
    ).rejects.toMatchObject({ cause: { code: "42501" } });
    // Nor another agency's, even my own rows there.
    await expect(
      withTenant(context, (tx) =>
        tx.execute(sql`insert into notification_preferences (agency_id, user_id, topic, in_app, email, updated_at)
                       values (${other}, ${me.user.id}, 'weekly_digest', false, false, now())`),
      ),
    ).rejects.toMatchObject({ cause: { code: "42501" } });

    expect(await storedRows(agency)).toEqual([{ user_id: colleague.user.id, topic: "document_requests", in_app: false, email: false }]);
    expect(await storedRows(other)).toEqual([{ user_id: me.user.id, topic: "document_requests", in_app: false, email: false }]);

    // The worker reads every member's of its agency, defaults filled in.
    const seen = await withWorker(agency, (tx) => preferencesOf(tx, agency, [me.user.id, colleague.user.id], "document_requests"));
    expect(Object.fromEntries(seen)).toEqual({
      [me.user.id]: { inApp: true, email: true },
      [colleague.user.id]: { inApp: false, email: false },
    });
  });
});
