/**
 * Issue 9 §3 against the real PostgreSQL, with a real WeCom robot receiver (node:http on
 * 127.0.0.1, WECOM_ROBOT_ORIGIN pointed at it): with the clock moved across each deadline
 * the sweep writes exactly one reminder, one notification and one e-mail per deadline and
 * recipient, however often it runs; a sweep failing before its commit writes nothing and
 * the next writes it once; a sweep killed after its commit (in process, and a real child
 * process SIGKILLed) leaves the reminder once and the robot never called; each user's
 * preferences are kept; a document request falls overdue when its day ends in the
 * agency's time zone; a sweep of one agency writes nothing for another.
 */
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { liveAgencies, remindersSweepJob, REMINDERS_SWEEP_QUEUE } from "./job";
import { sweepReminders } from "./sweep";

process.env.TEST_CLOCK = "1";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Every card's deadline: 23:59:59 on 10 December 2026 in Shanghai. */
const DUE = new Date("2026-12-10T15:59:59Z");
const at = (ms: number) => new Date(DUE.getTime() + ms);

let admin: pg.Client;
let robot: Server;
let robotOrigin: string;
/** Requests the robot received, per webhook key. */
const robotCalls = new Map<string, { count: number; bodies: unknown[] }>();
const savedOrigin = process.env.WECOM_ROBOT_ORIGIN;

beforeAll(async () => {
  await resetAppState();
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  robot = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      const key = new URL(request.url ?? "/", "http://robot").searchParams.get("key") ?? "";
      const entry = robotCalls.get(key) ?? { count: 0, bodies: [] };
      entry.count += 1;
      entry.bodies.push(JSON.parse(body || "null"));
      robotCalls.set(key, entry);
      response.writeHead(200, { "content-type": "application/json" });
      // A key starting "bad-" is one WeCom no longer knows.
      response.end(JSON.stringify(key.startsWith("bad-") ? { errcode: 93000, errmsg: "invalid webhook url" } : { errcode: 0, errmsg: "ok" }));
    });
  });
  await new Promise<void>((resolve) => robot.listen(0, "127.0.0.1", resolve));
  robotOrigin = `http://127.0.0.1:${(robot.address() as AddressInfo).port}`;
  process.env.WECOM_ROBOT_ORIGIN = robotOrigin;
});

afterEach(() => clock.reset());

afterAll(async () => {
  await admin.end();
  await new Promise<void>((resolve) => robot.close(() => resolve()));
  await resetAppState();
  if (savedOrigin === undefined) delete process.env.WECOM_ROBOT_ORIGIN;
  else process.env.WECOM_ROBOT_ORIGIN = savedOrigin;
});

/* ------------------------------------------------------------------ seeding */

type Member = { userId: string; email: string; membershipId: string };
type Scene = {
  agencyId: string;
  slug: string;
  robotKey: string;
  owner: Member;
  admin: Member;
  staff: Member;
  manager: Member;
  companyId: string;
  companyName: string;
};

const tag = () => newId().slice(-12);

async function addUser(agencyId: string, role: string, options: { locale?: string | null; clientCompanyId?: string; status?: string } = {}): Promise<Member> {
  const userId = newId();
  const membershipId = newId();
  const email = `${role}-${tag()}@example.com`;
  await admin.query(`insert into users (id, email, name, email_verified_at, locale, created_at) values ($1, $2, $3, now(), $4, now())`, [
    userId,
    email,
    `${role} ${tag().slice(-4)}`,
    options.locale ?? null,
  ]);
  await admin.query(`insert into memberships (id, agency_id, user_id, role, client_company_id, status, created_at) values ($1, $2, $3, $4, $5, $6, now())`, [
    membershipId,
    agencyId,
    userId,
    role,
    options.clientCompanyId ?? null,
    options.status ?? "active",
  ]);
  return { userId, email, membershipId };
}

async function addCompany(agencyId: string, name: string): Promise<string> {
  const id = newId();
  await admin.query(
    `insert into client_companies (id, agency_id, kind, subject_type, name_en, country, created_at, updated_at)
     values ($1, $2, 'overseas', 'overseas_company', $3, 'SG', now(), now())`,
    [id, agencyId, name],
  );
  return id;
}

/** An agency in Shanghai (default language Chinese) with a robot, an owner, an admin, a staff member (English) and a manager. */
async function makeScene(label: string, options: { robot?: boolean; robotKeyPrefix?: string } = {}): Promise<Scene> {
  const agencyId = newId();
  const slug = `rem-${tag()}`;
  const robotKey = `${options.robotKeyPrefix ?? "key-"}${tag()}`;
  await admin.query(`insert into agencies (id, slug, name, time_zone, default_locale, wecom_robot_webhook_url, created_at) values ($1, $2, $3, 'Asia/Shanghai', 'zh-CN', $4, now())`, [
    agencyId,
    slug,
    `Agency ${label}`,
    options.robot === false ? null : `${robotOrigin}/cgi-bin/webhook/send?key=${robotKey}`,
  ]);
  const companyName = `Client ${label} ${tag()}`;
  return {
    agencyId,
    slug,
    robotKey,
    owner: await addUser(agencyId, "owner"),
    admin: await addUser(agencyId, "admin"),
    staff: await addUser(agencyId, "staff", { locale: "en" }),
    manager: await addUser(agencyId, "manager"),
    companyId: await addCompany(agencyId, companyName),
    companyName,
  };
}

type Pipeline = "oa_cn_org" | "oa_cn_individual" | "oa_overseas" | "wecom";

async function addCard(scene: Scene, pipeline: Pipeline, stage: string, dueAt: Date | null, assignee: string | null, resumeStage: string | null = null): Promise<string> {
  const id = newId();
  await admin.query(
    `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, resume_stage, stage_entered_at, due_at, assignee_user_id, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $8, $8)`,
    [id, scene.agencyId, scene.companyId, pipeline === "wecom" ? "wecom" : "official_account", pipeline, stage, resumeStage, new Date("2026-11-01T00:00:00Z"), dueAt, assignee],
  );
  return id;
}

/* ------------------------------------------------------------------ reading */

type Written = { reminders: { kind: string; key: string; robot_status: string | null }[]; notifications: { user_id: string; kind: string; key: string }[]; mails: { to_address: string; subject: string; text_body: string; locale: string; key: string }[] };

async function written(agencyId: string): Promise<Written> {
  const reminders = (await admin.query(`select kind, key, robot_status from reminders where agency_id = $1 order by key`, [agencyId])).rows;
  const notifications = (
    await admin.query(`select n.user_id, n.kind, r.key from notifications n join reminders r on r.id = n.reminder_id where n.agency_id = $1 order by r.key, n.user_id`, [agencyId])
  ).rows;
  const mails = (
    await admin.query(
      `select m.to_address, m.subject, m.text_body, m.locale, r.key from mail_outbox m join reminders r on r.id = m.reminder_id where r.agency_id = $1 order by r.key, m.to_address`,
      [agencyId],
    )
  ).rows;
  return { reminders, notifications, mails };
}

/** Notifications not tied to a reminder row of this agency, and mails to this agency's users from elsewhere: none may exist. */
async function strays(scene: Scene): Promise<number> {
  const { rows } = await admin.query(
    `select (select count(*) from notifications n where n.agency_id = $1 and n.reminder_id is not null
               and not exists (select 1 from reminders r where r.id = n.reminder_id and r.agency_id = $1))
          + (select count(*) from mail_outbox m where m.reminder_id is not null
               and not exists (select 1 from reminders r where r.id = m.reminder_id)) as n`,
    [scene.agencyId],
  );
  return Number(rows[0].n);
}

const robotCount = (scene: Scene) => robotCalls.get(scene.robotKey)?.count ?? 0;
const kinds = (w: Written) => w.reminders.map((r) => r.kind).sort();

async function sweepAt(scene: Scene, now: Date, hooks?: Parameters<typeof sweepReminders>[2]) {
  clock.set(now);
  return sweepReminders(scene.agencyId, clock.now(), hooks);
}

/* -------------------------------------------------------------------- tests */

/** One sweep in a child process (lib/testing/reminders-sweep-child.ts) that SIGKILLs itself at `kill`. */
async function runChild(agencyId: string, now: Date, kill: "before-commit" | "after-commit") {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "../testing/reminders-sweep-child.ts"), agencyId, now.toISOString()], {
    cwd: path.join(import.meta.dirname, "../.."),
    env: { ...process.env, TEST_CLOCK: "1", REMINDERS_TEST_KILL: kill },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return { ...exit, stderr };
}

describe("the reminder sweep", () => {
  it("sends each card deadline once per recipient as the clock crosses it, however often it runs", async () => {
    const scene = await makeScene("Cards");
    // Assigned to the staff member (English), except one left unassigned: owners and admins hear of it (Chinese, the agency's language).
    const activation = await addCard(scene, "oa_cn_org", "account_created", DUE, scene.staff.userId);
    await addCard(scene, "oa_cn_org", "subject_submitted", DUE, scene.staff.userId);
    await addCard(scene, "oa_cn_individual", "under_review", DUE, scene.staff.userId);
    await addCard(scene, "oa_overseas", "awaiting_response", DUE, scene.staff.userId);
    const wecom = await addCard(scene, "wecom", "verification_submitted", DUE, null);
    // No deadline, a side state, and a stage without one: never reminded of.
    await addCard(scene, "oa_cn_org", "under_review", null, scene.staff.userId);
    await addCard(scene, "oa_cn_org", "on_hold", DUE, scene.staff.userId, "under_review");

    for (const now of [at(-3 * DAY), at(-2 * DAY - 1000)]) {
      await sweepAt(scene, now);
      expect((await written(scene.agencyId)).reminders).toEqual([]);
    }

    // 2 days before: the subject check; 12 hours before: the activation link too.
    await sweepAt(scene, at(-2 * DAY));
    expect(kinds(await written(scene.agencyId))).toEqual(["subject_check_due"]);
    for (let run = 0; run < 2; run++) await sweepAt(scene, at(-12 * HOUR));
    let w = await written(scene.agencyId);
    expect(kinds(w)).toEqual(["activation_link_due", "subject_check_due"]);
    expect(w.notifications.map((n) => n.user_id)).toEqual([scene.staff.userId, scene.staff.userId]);
    expect(w.mails.map((m) => [m.to_address, m.locale])).toEqual([
      [scene.staff.email, "en"],
      [scene.staff.email, "en"],
    ]);
    expect(w.mails[0]!.key).toBe(`registration:${activation}:${DUE.toISOString()}:activation_link_due`);
    expect(w.mails[0]!.subject).toBe(`Reminder: Activation link expires soon: ${scene.companyName}`);
    expect(w.mails[0]!.text_body).toContain(`http://localhost:3000/${scene.slug}/registrations/${activation}`);

    // At the deadline: every card's overdue (or follow-up) reminder, once, however often the sweep
    // runs, three workers at once included (each reads the same due reminders before any commits).
    clock.set(at(0));
    const concurrent = await Promise.all([0, 1, 2].map(() => sweepReminders(scene.agencyId, clock.now())));
    expect(concurrent.flatMap((run) => run.recorded)).toHaveLength(5);
    for (let run = 0; run < 2; run++) await sweepAt(scene, at(0));
    await sweepAt(scene, at(DAY));
    w = await written(scene.agencyId);
    expect(kinds(w)).toEqual([
      "activation_link_due",
      "activation_link_overdue",
      "follow_up_due",
      "review_overdue",
      "subject_check_due",
      "subject_check_overdue",
      "wecom_verification_overdue",
    ]);
    // The unassigned WeCom card: its owner and admin, in Chinese; not the staff member or the manager.
    const wecomKey = `registration:${wecom}:${DUE.toISOString()}:wecom_verification_overdue`;
    expect(w.notifications.filter((n) => n.key === wecomKey).map((n) => n.user_id).sort()).toEqual([scene.owner.userId, scene.admin.userId].sort());
    expect(w.mails.filter((m) => m.key === wecomKey).map((m) => [m.to_address, m.locale]).sort()).toEqual(
      [
        [scene.owner.email, "zh-CN"],
        [scene.admin.email, "zh-CN"],
      ].sort(),
    );
    expect(w.mails.find((m) => m.key === wecomKey)!.subject).toBe(`【提醒】企业微信认证已逾期：${scene.companyName}`);
    // One notification and one mail per reminder and recipient: 6 assigned + 1 × 2 unassigned.
    expect(w.notifications).toHaveLength(8);
    expect(w.mails).toHaveLength(8);
    expect(new Set(w.notifications.map((n) => `${n.key}|${n.user_id}`)).size).toBe(8);
    expect(new Set(w.mails.map((m) => `${m.key}|${m.to_address}`)).size).toBe(8);
    // One robot message per reminder, in the agency's language.
    expect(robotCount(scene)).toBe(7);
    expect(w.reminders.every((r) => r.robot_status === "sent")).toBe(true);
    const texts = robotCalls.get(scene.robotKey)!.bodies.map((b) => (b as { text: { content: string } }).text.content);
    expect(texts).toContainEqual(expect.stringContaining(`企业微信认证已逾期：${scene.companyName}`));

    // A deadline moved later (the card re-entered its stage): reminded of again, under its own key.
    const later = new Date(DUE.getTime() + 5 * DAY);
    await admin.query(`update registrations set due_at = $2 where id = $1`, [activation, later]);
    await sweepAt(scene, new Date(later.getTime() + 1000));
    await sweepAt(scene, new Date(later.getTime() + 2000));
    w = await written(scene.agencyId);
    expect(w.reminders.filter((r) => r.key.startsWith(`registration:${activation}:`)).map((r) => r.key)).toEqual([
      `registration:${activation}:${DUE.toISOString()}:activation_link_due`,
      `registration:${activation}:${DUE.toISOString()}:activation_link_overdue`,
      `registration:${activation}:${later.toISOString()}:activation_link_overdue`,
    ]);
    expect(w.mails).toHaveLength(9);
    expect(await strays(scene)).toBe(0);
  });

  it("writes nothing when it fails before its commit, and the next run writes the reminder once", async () => {
    const scene = await makeScene("Rollback");
    await addCard(scene, "oa_cn_org", "under_review", DUE, scene.staff.userId);
    const failed = await sweepAt(scene, at(0), {
      beforeCommit: () => {
        throw new Error("injected failure after the inserts");
      },
    });
    expect(failed.failed).toHaveLength(1);
    let w = await written(scene.agencyId);
    expect([w.reminders, w.notifications, w.mails]).toEqual([[], [], []]);
    expect((await admin.query(`select count(*)::int as n from notifications where user_id = $1`, [scene.staff.userId])).rows[0].n).toBe(0);
    expect((await admin.query(`select count(*)::int as n from mail_outbox where to_address = $1`, [scene.staff.email])).rows[0].n).toBe(0);
    expect(robotCount(scene)).toBe(0);

    await sweepAt(scene, at(HOUR));
    await sweepAt(scene, at(2 * HOUR));
    w = await written(scene.agencyId);
    expect(kinds(w)).toEqual(["review_overdue"]);
    expect(w.notifications).toHaveLength(1);
    expect(w.mails).toHaveLength(1);
    expect(robotCount(scene)).toBe(1);
  });

  it("never calls the robot for a reminder whose sweep died after its commit", async () => {
    const scene = await makeScene("Crash");
    await addCard(scene, "oa_overseas", "awaiting_response", DUE, scene.staff.userId);
    await sweepAt(scene, at(0), {
      afterCommit: () => {
        throw new Error("the worker dies here");
      },
    });
    for (let run = 0; run < 2; run++) await sweepAt(scene, at(HOUR));
    const w = await written(scene.agencyId);
    expect(w.reminders).toEqual([expect.objectContaining({ kind: "follow_up_due", robot_status: null })]);
    expect(w.notifications).toHaveLength(1);
    expect(w.mails).toHaveLength(1);
    expect(robotCount(scene)).toBe(0);
  });

  it("writes nothing for a real process SIGKILLed before its commit; the next sweep sends it once, robot included", async () => {
    const scene = await makeScene("Killed early");
    await addCard(scene, "oa_cn_org", "under_review", DUE, null);
    const exit = await runChild(scene.agencyId, at(0), "before-commit");
    expect(exit).toEqual({ code: null, signal: "SIGKILL", stderr: "" });

    let w = await written(scene.agencyId);
    expect({ reminders: w.reminders.length, notifications: w.notifications.length, mails: w.mails.length, robot: robotCount(scene) }).toEqual({
      reminders: 0,
      notifications: 0,
      mails: 0,
      robot: 0,
    });

    for (let run = 0; run < 2; run++) await sweepAt(scene, at(HOUR));
    w = await written(scene.agencyId);
    expect(w.reminders).toEqual([expect.objectContaining({ kind: "review_overdue", robot_status: "sent" })]);
    expect(w.notifications).toHaveLength(2);
    expect(w.mails).toHaveLength(2);
    expect(robotCount(scene)).toBe(1);
  }, 120_000);

  it("never calls the robot after a real process is SIGKILLed right after its commit", async () => {
    const scene = await makeScene("Killed");
    await addCard(scene, "oa_cn_org", "under_review", DUE, null);
    const exit = await runChild(scene.agencyId, at(0), "after-commit");
    expect(exit).toEqual({ code: null, signal: "SIGKILL", stderr: "" });

    let w = await written(scene.agencyId);
    expect(w.reminders).toEqual([expect.objectContaining({ kind: "review_overdue", robot_status: null })]);
    expect(w.notifications).toHaveLength(2);
    expect(w.mails).toHaveLength(2);
    expect(robotCount(scene)).toBe(0);

    await sweepAt(scene, at(HOUR));
    w = await written(scene.agencyId);
    expect(w.reminders).toHaveLength(1);
    expect(w.notifications).toHaveLength(2);
    expect(w.mails).toHaveLength(2);
    expect(robotCount(scene)).toBe(0);
  }, 120_000);

  it("runs as the worker's reminders.sweep job (the weekly digest beside it)", async () => {
    const scene = await makeScene("Job");
    await addCard(scene, "oa_cn_org", "under_review", DUE, scene.staff.userId);
    clock.set(at(0));
    await remindersSweepJob.run!({ agencyId: scene.agencyId });
    await remindersSweepJob.run!({ agencyId: scene.agencyId });
    const w = await written(scene.agencyId);
    expect(w.reminders.filter((r) => r.kind === "review_overdue")).toHaveLength(1);
    expect(w.notifications.filter((n) => n.kind === "review_overdue").map((n) => n.user_id)).toEqual([scene.staff.userId]);
  });

  it("records a robot that refuses the message as failed, and never calls it again", async () => {
    const scene = await makeScene("Robot refuses", { robotKeyPrefix: "bad-" });
    await addCard(scene, "oa_cn_org", "under_review", DUE, scene.staff.userId);
    expect((await sweepAt(scene, at(0))).robot).toEqual({ sent: 0, failed: 1 });
    await sweepAt(scene, at(HOUR));
    const { rows } = await admin.query(`select robot_status, robot_at, robot_error from reminders where agency_id = $1`, [scene.agencyId]);
    expect(rows).toEqual([{ robot_status: "failed", robot_at: at(0), robot_error: "rejected: errcode 93000: invalid webhook url" }]);
    expect(robotCount(scene)).toBe(1);
    expect((await written(scene.agencyId)).mails).toHaveLength(1);
  });

  it("keeps each user's preferences: e-mail off sends no mail, in-app off makes no notification", async () => {
    const scene = await makeScene("Preferences", { robot: false });
    await addCard(scene, "oa_cn_org", "under_review", DUE, null);
    await admin.query(
      `insert into notification_preferences (agency_id, user_id, topic, in_app, email, updated_at)
       values ($1, $2, 'registration_deadlines', true, false, now()), ($1, $3, 'registration_deadlines', false, true, now()),
              ($1, $2, 'document_requests', false, false, now())`,
      [scene.agencyId, scene.owner.userId, scene.admin.userId],
    );
    const result = await sweepAt(scene, at(0));
    expect(result.robot).toEqual({ sent: 0, failed: 0 });
    const w = await written(scene.agencyId);
    expect(w.notifications.map((n) => n.user_id)).toEqual([scene.owner.userId]);
    expect(w.mails.map((m) => m.to_address)).toEqual([scene.admin.email]);
    expect(w.reminders).toEqual([expect.objectContaining({ robot_status: null })]);
  });

  it("reminds of a document request 2 days ahead and once its day has ended in the agency's time zone", async () => {
    const scene = await makeScene("Requests");
    const clientAdmin = await addUser(scene.agencyId, "client_admin", { clientCompanyId: scene.companyId, locale: "en" });
    const otherCompany = await addCompany(scene.agencyId, "Other client");
    const otherClientAdmin = await addUser(scene.agencyId, "client_admin", { clientCompanyId: otherCompany });
    await addUser(scene.agencyId, "client_admin", { clientCompanyId: scene.companyId, status: "disabled" });
    const requestId = newId();
    await admin.query(
      `insert into document_requests (id, agency_id, client_company_id, kinds, due_on, status, requested_by, created_at)
       values ($1, $2, $3, '{business_licence,id_card_front}', '2026-12-10', 'open', $4, now())`,
      [requestId, scene.agencyId, scene.companyId, scene.staff.userId],
    );
    // Fulfilled and cancelled requests are not reminded of.
    for (const status of ["fulfilled", "cancelled"]) {
      await admin.query(
        `insert into document_requests (id, agency_id, client_company_id, kinds, due_on, status, requested_by, created_at)
         values ($1, $2, $3, '{logo}', '2026-12-10', $4, $5, now())`,
        [newId(), scene.agencyId, scene.companyId, status, scene.staff.userId],
      );
    }

    await sweepAt(scene, new Date("2026-12-07T15:59:59Z"));
    expect((await written(scene.agencyId)).reminders).toEqual([]);
    // 00:00 on 8 December in Shanghai: due in 2 days.
    await sweepAt(scene, new Date("2026-12-07T16:00:00Z"));
    expect(kinds(await written(scene.agencyId))).toEqual(["document_request_due"]);
    // 23:59:59 on the 10th in Shanghai: not overdue yet.
    await sweepAt(scene, new Date("2026-12-10T15:59:59Z"));
    let w = await written(scene.agencyId);
    expect(kinds(w)).toEqual(["document_request_due"]);
    expect(w.notifications.map((n) => n.user_id).sort()).toEqual([scene.staff.userId, clientAdmin.userId].sort());
    expect(w.notifications.map((n) => n.user_id)).not.toContain(otherClientAdmin.userId);
    const clientMail = w.mails.find((m) => m.to_address === clientAdmin.email)!;
    expect(clientMail.text_body).toContain(`http://localhost:3000/portal/${scene.slug}/requests/${requestId}`);
    expect(clientMail.subject).toBe(`Reminder: Documents due soon: ${scene.companyName}`);
    expect(clientMail.text_body).toContain("Business licence, ID card, photo side");
    const staffMail = w.mails.find((m) => m.to_address === scene.staff.email)!;
    expect(staffMail.text_body).toContain(`http://localhost:3000/${scene.slug}/clients/${scene.companyId}?tab=documents`);
    const { rows } = await admin.query(`select data from notifications where user_id = $1`, [clientAdmin.userId]);
    expect(rows[0].data).toMatchObject({ portalHref: `/portal/${scene.slug}/requests/${requestId}`, kinds: ["business_licence", "id_card_front"], dueDate: "2026-12-10" });

    // The 10th has ended in Shanghai (it is still the 10th in UTC): overdue, once.
    await sweepAt(scene, new Date("2026-12-10T16:00:00Z"));
    expect(kinds(await written(scene.agencyId))).toEqual(["document_request_due", "document_request_overdue"]);
    await sweepAt(scene, new Date("2026-12-12T00:00:00Z"));
    w = await written(scene.agencyId);
    expect(kinds(w)).toEqual(["document_request_due", "document_request_overdue"]);
    expect(w.notifications).toHaveLength(4);
    expect(w.mails).toHaveLength(4);
    expect(robotCount(scene)).toBe(2);

    // A request whose author has left (membership disabled): only the client administrator hears of it.
    const former = await addUser(scene.agencyId, "staff", { status: "disabled" });
    const orphan = newId();
    await admin.query(
      `insert into document_requests (id, agency_id, client_company_id, kinds, due_on, status, requested_by, created_at)
       values ($1, $2, $3, '{logo}', '2026-12-20', 'open', $4, now())`,
      [orphan, scene.agencyId, scene.companyId, former.userId],
    );
    await sweepAt(scene, new Date("2026-12-21T00:00:00Z"));
    w = await written(scene.agencyId);
    expect(w.notifications.filter((n) => n.key.includes(orphan)).map((n) => n.user_id)).toEqual([clientAdmin.userId]);
    expect(w.mails.filter((m) => m.key.includes(orphan)).map((m) => m.to_address)).toEqual([clientAdmin.email]);
  });

  it("reminds of a verification's expiry at the nearest threshold reached, and of the lapse once", async () => {
    const scene = await makeScene("Verification");
    const expiresAt = new Date("2027-03-01T00:00:00Z");
    const card = await addCard(scene, "oa_overseas", "registered", null, scene.staff.userId);
    const account = newId();
    await admin.query(
      `insert into official_accounts (id, agency_id, client_company_id, registration_id, subject_kind, account_type, name, verification_status, verification_expires_at, created_at, updated_at)
       values ($1, $2, $3, $4, 'overseas', 'service', 'Acme Service', 'verified', $5, now(), now())`,
      [account, scene.agencyId, scene.companyId, card, expiresAt],
    );
    const corpCard = await addCard(scene, "wecom", "live", null, null);
    await admin.query(
      `insert into wecom_corps (id, agency_id, client_company_id, registration_id, corp_name, verification_status, verification_expires_at, created_at, updated_at)
       values ($1, $2, $3, $4, 'Acme Corp', 'verified', $5, now(), now())`,
      [newId(), scene.agencyId, scene.companyId, corpCard, new Date(expiresAt.getTime() + 60 * DAY)],
    );

    await sweepAt(scene, new Date(expiresAt.getTime() - 91 * DAY));
    expect((await written(scene.agencyId)).reminders).toEqual([]);
    // The clock jumps from 91 days before to 3 days before: only the 7-day reminder.
    for (let run = 0; run < 2; run++) await sweepAt(scene, new Date(expiresAt.getTime() - 3 * DAY));
    let w = await written(scene.agencyId);
    const accountReminders = () => w.reminders.filter((r) => r.key.includes(account));
    expect(accountReminders().map((r) => r.key)).toEqual([`verification:official_account:${account}:${expiresAt.toISOString()}:7`]);
    expect(w.mails.find((m) => m.key.includes(account))!.subject).toBe("Reminder: Verification expires in 7 days: Acme Service");
    // The corp, 63 days before its expiry: its 90-day reminder, to the owners and admins (unassigned card).
    const corpReminders = w.reminders.filter((r) => r.key.startsWith("verification:wecom_corp:"));
    expect(corpReminders.map((r) => r.key.endsWith(":90"))).toEqual([true]);
    expect(w.notifications.filter((n) => n.key.startsWith("verification:wecom_corp:")).map((n) => n.user_id).sort()).toEqual([scene.owner.userId, scene.admin.userId].sort());

    for (let run = 0; run < 2; run++) await sweepAt(scene, new Date(expiresAt.getTime() + DAY));
    w = await written(scene.agencyId);
    expect(accountReminders().map((r) => r.kind)).toEqual(["verification_expiring", "verification_expired"]);
    expect(w.mails.filter((m) => m.key.includes(account))).toHaveLength(2);
    expect(w.notifications.filter((n) => n.key.includes(account))).toHaveLength(2);

    // Renewed: a new expiry, reminded of afresh.
    const renewed = new Date("2028-03-01T00:00:00Z");
    await admin.query(`update official_accounts set verification_expires_at = $2 where id = $1`, [account, renewed]);
    await sweepAt(scene, new Date(renewed.getTime() - 80 * DAY));
    w = await written(scene.agencyId);
    expect(accountReminders().map((r) => r.key)).toContain(`verification:official_account:${account}:${renewed.toISOString()}:90`);
  });

  it("writes for its own agency only, and runs for every live agency on the schedule", async () => {
    const a = await makeScene("Tenant A");
    const b = await makeScene("Tenant B");
    await addCard(a, "oa_cn_org", "under_review", DUE, a.staff.userId);
    await addCard(b, "oa_cn_org", "under_review", DUE, b.staff.userId);
    await admin.query(
      `insert into document_requests (id, agency_id, client_company_id, kinds, due_on, status, requested_by, created_at)
       values ($1, $2, $3, '{logo}', '2026-12-01', 'open', $4, now())`,
      [newId(), b.agencyId, b.companyId, b.staff.userId],
    );
    const result = await sweepAt(a, at(DAY));
    expect(result.recorded.map((r) => r.kind)).toEqual(["review_overdue"]);
    expect(kinds(await written(a.agencyId))).toEqual(["review_overdue"]);
    const wb = await written(b.agencyId);
    expect([wb.reminders, wb.notifications, wb.mails]).toEqual([[], [], []]);
    expect((await admin.query(`select count(*)::int as n from notifications where agency_id = $1`, [b.agencyId])).rows[0].n).toBe(0);
    expect((await admin.query(`select count(*)::int as n from mail_outbox where to_address = any($1)`, [[b.owner.email, b.admin.email, b.staff.email]])).rows[0].n).toBe(0);
    expect(robotCount(b)).toBe(0);
    expect(robotCount(a)).toBe(1);

    // The schedule: every 5 minutes, for the agencies not deleted.
    await admin.query(`update agencies set deleted_at = now() where id = $1`, [b.agencyId]);
    const live = await liveAgencies();
    expect(live).toContain(a.agencyId);
    expect(live).not.toContain(b.agencyId);
    expect(remindersSweepJob).toMatchObject({ queue: REMINDERS_SWEEP_QUEUE, schedule: { cron: "*/5 * * * *" } });
    // A deleted agency's own sweep does nothing.
    expect((await sweepAt(b, at(DAY))).recorded).toEqual([]);
  });
});
