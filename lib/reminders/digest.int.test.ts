/**
 * The managers' weekly digest (issue 9 §4) against the real PostgreSQL: it goes out once
 * per ISO week from Monday 08:00 in the agency's time zone, for the week before, to each
 * active owner, admin and manager whose digest e-mail is on (never to staff), exactly once
 * however often the sweep calls it; its figures equal the ones computed by hand for a
 * small seeded week; every value is escaped in the HTML.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withWorker } from "@/db/tenant";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { digestWeekAt, isoWeekOf, sendWeeklyDigest, weeklyFigures } from "./digest";

process.env.TEST_CLOCK = "1";

let admin: pg.Client;
const tag = () => newId().slice(-12);

/** Monday 30 November 2026, 08:00 in Shanghai; the week reported is 23–29 November (2026-W48). */
const MONDAY_8 = new Date("2026-11-30T00:00:00Z");
const WEEK_START = new Date("2026-11-22T16:00:00Z");
const WEEK_END = new Date("2026-11-29T16:00:00Z");

type Member = { userId: string; email: string };

async function addUser(agencyId: string, role: string, options: { locale?: string; status?: string } = {}): Promise<Member> {
  const userId = newId();
  const email = `${role}-${tag()}@example.com`;
  await admin.query(`insert into users (id, email, name, email_verified_at, locale, created_at) values ($1, $2, $3, now(), $4, now())`, [
    userId,
    email,
    `${role} ${tag().slice(-4)}`,
    options.locale ?? null,
  ]);
  await admin.query(`insert into memberships (id, agency_id, user_id, role, status, created_at) values ($1, $2, $3, $4, $5, now())`, [
    newId(),
    agencyId,
    userId,
    role,
    options.status ?? "active",
  ]);
  return { userId, email };
}

async function addAgency(name: string, timeZone = "Asia/Shanghai"): Promise<string> {
  const id = newId();
  await admin.query(`insert into agencies (id, slug, name, time_zone, default_locale, created_at) values ($1, $2, $3, $4, 'zh-CN', now())`, [
    id,
    `digest-${tag()}`,
    name,
    timeZone,
  ]);
  return id;
}

async function mailsOf(agencyId: string) {
  return (
    await admin.query<{ to_address: string; subject: string; text_body: string; html_body: string; locale: string; kind: string; key: string }>(
      `select m.to_address, m.subject, m.text_body, m.html_body, m.locale, m.kind, r.key
       from mail_outbox m join reminders r on r.id = m.reminder_id where r.agency_id = $1 order by r.key, m.to_address`,
      [agencyId],
    )
  ).rows;
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
});

afterAll(async () => {
  clock.reset();
  await admin.end();
  await resetAppState();
});

describe("when it is due", () => {
  it("names the ISO week, from Monday 08:00 in the agency's time zone", () => {
    expect(isoWeekOf("2026-11-23")).toBe("2026-W48");
    expect(isoWeekOf("2026-12-29")).toBe("2026-W53");
    expect(isoWeekOf("2027-01-03")).toBe("2026-W53");
    expect(isoWeekOf("2027-01-04")).toBe("2027-W01");
    expect(isoWeekOf("2024-12-30")).toBe("2025-W01");
    expect(digestWeekAt(new Date(MONDAY_8.getTime() - 1000), "Asia/Shanghai")).toBeNull();
    expect(digestWeekAt(MONDAY_8, "Asia/Shanghai")).toEqual({ week: "2026-W48", from: "2026-11-23", to: "2026-11-29", start: WEEK_START, end: WEEK_END });
    // The rest of the week still reports the week before (the sweep finds it sent).
    expect(digestWeekAt(new Date("2026-12-06T15:59:59Z"), "Asia/Shanghai")?.week).toBe("2026-W48");
    // London: 08:00 there is 08:00 UTC in winter.
    expect(digestWeekAt(new Date("2026-11-30T07:59:59Z"), "Europe/London")).toBeNull();
    expect(digestWeekAt(new Date("2026-11-30T08:00:00Z"), "Europe/London")?.week).toBe("2026-W48");
  });
});

describe("the weekly digest", () => {
  it("mails each active owner, admin and manager with the digest on once a week, never staff", async () => {
    const agencyId = await addAgency("Digest <b>&</b> Co");
    const owner = await addUser(agencyId, "owner");
    const adminUser = await addUser(agencyId, "admin", { locale: "en" });
    const manager = await addUser(agencyId, "manager");
    const quiet = await addUser(agencyId, "manager");
    await addUser(agencyId, "staff");
    await addUser(agencyId, "manager", { status: "disabled" });
    // The quiet manager turned the digest's e-mail off; the owner turned only its in-app flag off (it has none).
    await admin.query(
      `insert into notification_preferences (agency_id, user_id, topic, in_app, email, updated_at) values
       ($1, $2, 'weekly_digest', true, false, now()), ($1, $3, 'weekly_digest', false, true, now()), ($1, $4, 'document_requests', false, false, now())`,
      [agencyId, quiet.userId, owner.userId, manager.userId],
    );

    // The previous Monday at 08:00 the digest of the week before (W47) went out; through Sunday
    // evening and Monday 07:59:59 the W48 digest is not due yet.
    expect(await sendWeeklyDigest(agencyId, new Date("2026-11-23T00:00:00Z"))).toMatchObject({ sent: true, week: "2026-W47" });
    expect(await sendWeeklyDigest(agencyId, new Date("2026-11-29T12:00:00Z"))).toEqual({ sent: false, reason: "already_sent" });
    expect(await sendWeeklyDigest(agencyId, new Date(MONDAY_8.getTime() - 1000))).toEqual({ sent: false, reason: "not_yet" });
    expect((await mailsOf(agencyId)).filter((mail) => mail.key === "digest:2026-W48")).toEqual([]);
    await admin.query(`delete from mail_outbox where reminder_id in (select id from reminders where agency_id = $1)`, [agencyId]);

    const first = await sendWeeklyDigest(agencyId, MONDAY_8);
    expect(first).toMatchObject({ sent: true, week: "2026-W48" });
    expect(first.sent && [...first.recipients].sort()).toEqual([owner.email, adminUser.email, manager.email].sort());
    // Run again, later the same day and concurrently: nothing more.
    expect(await sendWeeklyDigest(agencyId, new Date(MONDAY_8.getTime() + 5 * 60_000))).toEqual({ sent: false, reason: "already_sent" });
    const again = await Promise.all([1, 2, 3].map(() => sendWeeklyDigest(agencyId, new Date(MONDAY_8.getTime() + 3_600_000))));
    expect(again.every((outcome) => !outcome.sent)).toBe(true);

    const mails = await mailsOf(agencyId);
    expect(mails.map((mail) => mail.to_address).sort()).toEqual([owner.email, adminUser.email, manager.email].map((e) => e.toLowerCase()).sort());
    expect(new Set(mails.map((mail) => mail.key))).toEqual(new Set(["digest:2026-W48"]));
    expect(mails.every((mail) => mail.kind === "weeklyDigest")).toBe(true);
    const english = mails.find((mail) => mail.to_address === adminUser.email.toLowerCase())!;
    expect(english.locale).toBe("en");
    expect(english.subject).toBe("Digest <b>&</b> Co: last week in figures (2026-W48)");
    const chinese = mails.find((mail) => mail.to_address === owner.email.toLowerCase())!;
    expect(chinese.locale).toBe("zh-CN");
    expect(chinese.subject).toContain("上周数据摘要");
    // Escaped in the HTML; the plain text keeps the name as it is.
    for (const mail of mails) {
      expect(mail.html_body).not.toContain("<b>&</b>");
      expect(mail.html_body).toContain("Digest &#60;b&#62;&#38;&#60;/b&#62; Co");
    }
    const reminders = (await admin.query(`select kind, key, due_at from reminders where agency_id = $1 and key = 'digest:2026-W48'`, [agencyId])).rows;
    expect(reminders).toEqual([{ kind: "weekly_digest", key: "digest:2026-W48", due_at: WEEK_END }]);

    // The next Monday: the next week's digest, once.
    const next = await sendWeeklyDigest(agencyId, new Date("2026-12-07T01:00:00Z"));
    expect(next).toMatchObject({ sent: true, week: "2026-W49" });
    expect((await mailsOf(agencyId)).filter((mail) => mail.key === "digest:2026-W49")).toHaveLength(3);
  });

  it("mails nobody when every digest reader turned it off, and never staff", async () => {
    const agencyId = await addAgency("Quiet agency");
    const manager = await addUser(agencyId, "manager");
    await addUser(agencyId, "staff");
    await admin.query(`insert into notification_preferences (agency_id, user_id, topic, in_app, email, updated_at) values ($1, $2, 'weekly_digest', true, false, now())`, [
      agencyId,
      manager.userId,
    ]);
    // The owner of this agency is the manager's peer: none. So no recipients, but the week is marked sent.
    expect(await sendWeeklyDigest(agencyId, MONDAY_8)).toMatchObject({ sent: true, recipients: [] });
    expect(await mailsOf(agencyId)).toEqual([]);
    expect((await admin.query(`select count(*)::int as n from mail_outbox m join users u on lower(u.email) = lower(m.to_address) where u.id = $1`, [manager.userId])).rows[0].n).toBe(0);
  });

  it("reports the figures of the week, as computed by hand", async () => {
    const agencyId = await addAgency("Figures agency");
    const manager = await addUser(agencyId, "manager", { locale: "en" });
    const company = newId();
    await admin.query(
      `insert into client_companies (id, agency_id, kind, subject_type, name_en, country, created_at, updated_at)
       values ($1, $2, 'overseas', 'overseas_company', 'Figures client', 'SG', now(), now())`,
      [company, agencyId],
    );
    const card = async (pipeline: string, stage: string, createdAt: string, dueAt: string | null, events: [string, string][] = [], resume: string | null = null) => {
      const id = newId();
      await admin.query(
        `insert into registrations (id, agency_id, client_company_id, product, pipeline, stage, resume_stage, stage_entered_at, due_at, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8, $8)`,
        [id, agencyId, company, pipeline === "wecom" ? "wecom" : "official_account", pipeline, stage, resume, createdAt, dueAt],
      );
      for (const [toStage, at] of events) {
        await admin.query(
          `insert into registration_events (id, agency_id, client_company_id, registration_id, to_stage, at) values ($1, $2, $3, $4, $5, $6)`,
          [newId(), agencyId, company, id, toStage, at],
        );
      }
      return id;
    };
    // Started in the week (Shanghai): R1 and R3 (R3 at 23:59 on Sunday); R4 at 00:00 on Monday is the next week's.
    await card("oa_overseas", "registered", "2026-11-24T02:00:00Z", null, [["intake", "2026-11-24T02:00:00Z"], ["registered", "2026-11-27T03:00:00Z"]]);
    await card("wecom", "live", "2026-11-10T02:00:00Z", null, [["intake", "2026-11-10T02:00:00Z"], ["live", "2026-11-25T02:00:00Z"], ["live", "2026-12-01T02:00:00Z"]]);
    await card("oa_overseas", "intake", "2026-11-29T15:59:00Z", "2026-11-29T20:00:00Z");
    await card("oa_overseas", "documents", "2026-11-29T16:00:00Z", "2026-12-05T15:59:59Z");
    // First registered before the week (again during it): not completed in the week.
    await card("oa_overseas", "registered", "2026-11-01T02:00:00Z", "2026-11-02T00:00:00Z", [["registered", "2026-11-20T02:00:00Z"], ["registered", "2026-11-26T02:00:00Z"]]);
    // Overdue now: the intake card above and the one on hold; not the abandoned one nor the registered one.
    await card("oa_cn_org", "on_hold", "2026-11-01T02:00:00Z", "2026-11-28T00:00:00Z", [], "documents");
    await card("oa_cn_org", "abandoned", "2026-11-01T02:00:00Z", "2026-11-28T00:00:00Z", [], "documents");

    // Documents: D1 (request of 20 Nov) approved 24 Nov: 96 h; D2 (request of 25 Nov) rejected, then approved 26 Nov: 24 h;
    // D3 first approved 10 Nov (outside), approved again in the week: its review counts, its turnaround does not;
    // D4 (request of 26 Nov) approved 12 h later. Turnaround 96, 24, 12 h: mean 44 (the median would be 24).
    const request = async (createdAt: string) => {
      const id = newId();
      await admin.query(
        `insert into document_requests (id, agency_id, client_company_id, kinds, status, created_at) values ($1, $2, $3, '{business_licence}', 'fulfilled', $4)`,
        [id, agencyId, company, createdAt],
      );
      return id;
    };
    const document = async (requestId: string, reviews: ["approve" | "reject", string][]) => {
      const id = newId();
      await admin.query(
        `insert into documents (id, agency_id, client_company_id, document_request_id, kind, status, created_at, updated_at)
         values ($1, $2, $3, $4, 'business_licence', 'approved', now(), now())`,
        [id, agencyId, company, requestId],
      );
      for (const [decision, at] of reviews) {
        const version = newId();
        await admin.query(
          `insert into document_versions (id, agency_id, client_company_id, document_id, s3_key, size_bytes, sha256, etag, detected_type, original_name, uploaded_at)
           values ($1, $2, $3, $4, $5, 1024, decode(md5($5), 'hex'), '"etag"', 'image/jpeg', 'licence.jpg', $6)`,
          [version, agencyId, company, id, `${agencyId}/${id}/${version}`, at],
        );
        await admin.query(
          `insert into document_reviews (id, agency_id, client_company_id, document_version_id, decision, reason, at) values ($1, $2, $3, $4, $5, $6, $7)`,
          [newId(), agencyId, company, version, decision, decision === "reject" ? "Blurred" : null, at],
        );
      }
    };
    const r1 = await request("2026-11-20T00:00:00Z");
    await document(r1, [["approve", "2026-11-24T00:00:00Z"]]);
    await document(await request("2026-11-25T00:00:00Z"), [["reject", "2026-11-25T06:00:00Z"], ["approve", "2026-11-26T00:00:00Z"]]);
    await document(r1, [["approve", "2026-11-10T00:00:00Z"], ["approve", "2026-11-27T00:00:00Z"]]);
    await document(await request("2026-11-26T00:00:00Z"), [["approve", "2026-11-26T12:00:00Z"]]);
    // Reviewed at 00:00 Monday in Shanghai: next week.
    await document(await request("2026-11-28T00:00:00Z"), [["reject", "2026-11-29T16:00:00Z"]]);

    const expected = {
      started: 2,
      completed: 2,
      overdue: 2,
      documentsApproved: 4,
      documentsRejected: 1,
      turnaroundMeanHours: 44,
      completedByPipeline: [
        { pipeline: "oa_cn_org", completed: 0 },
        { pipeline: "oa_cn_individual", completed: 0 },
        { pipeline: "oa_overseas", completed: 1 },
        { pipeline: "wecom", completed: 1 },
      ],
    };
    expect(await withWorker(agencyId, (tx) => weeklyFigures(tx, agencyId, WEEK_START, WEEK_END, MONDAY_8))).toEqual(expected);

    await sendWeeklyDigest(agencyId, MONDAY_8);
    const [mail] = await mailsOf(agencyId);
    expect(mail!.to_address).toBe(manager.email.toLowerCase());
    for (const line of [
      "Registrations started: 2",
      "Registrations completed: 2",
      "Overdue now: 2",
      "Documents approved: 4",
      "Documents rejected: 1",
      "Average document turnaround: 44 h",
      "Official Account · outside China: 1",
      "WeCom: 1",
      "Nov 23, 2026 to Nov 29, 2026",
    ]) {
      expect(mail!.text_body).toContain(line);
    }
    expect(mail!.html_body).toContain("<table");
    expect(mail!.text_body).toContain("/dashboard?from=2026-11-23&to=2026-11-29");
  });
});
