/**
 * Mail goes out over real SMTP (a loopback smtp-server): queued by the app role in a
 * transaction, delivered by the worker role, body blanked once sent; failures retried.
 */
import type { AddressInfo } from "node:net";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { urlForRole } from "@/db/roles";
import { withTenant } from "@/db/tenant";
import { makeAgencyWithEveryTable, type AgencyFixture } from "@/lib/testing/factories";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { createTransport, deliverPendingMail } from "./deliver";
import { enqueueMail } from "./outbox";

type Received = { to: string[]; raw: string };
let received: Received[] = [];
let refuse = false;
let server: SMTPServer;
let smtpUrl: string;
let workerPool: pg.Pool;
let admin: pg.Client;
let agency: AgencyFixture;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        if (refuse) return callback(new Error("mailbox unavailable"));
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  workerPool = new pg.Pool({
    connectionString: urlForRole(workerDatabaseUrl(), "weidesk_worker", process.env.DATABASE_ROLE_PASSWORD),
    max: 2,
  });
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  agency = await makeAgencyWithEveryTable(admin, "mail");
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await workerPool.end();
  await admin.end();
  await resetAppState();
});

const message = (to: string) => ({
  to,
  subject: "邀请您加入云帆咨询",
  text: "打开链接接受邀请：http://localhost:3000/invite/abc",
  locale: "zh-CN" as const,
  kind: "invitation",
});

// The outbox is global and other test files of this worker queue mail too (sign-up,
// invitations): each test here starts from an empty queue, so it sends only its own.
beforeEach(async () => {
  await admin.query(`update mail_outbox set sent_at = now() where sent_at is null`);
});

describe("mail", () => {
  it("is sent only when the transaction that queued it commits", async () => {
    await expect(
      withTenant({ agencyId: agency.agencyId, userId: agency.userId }, async (tx) => {
        await enqueueMail(tx, message("rolled-back@example.com"));
        throw new Error("the action failed after queueing mail");
      }),
    ).rejects.toThrow(/action failed/);
    await withTenant({ agencyId: agency.agencyId, userId: agency.userId }, (tx) => enqueueMail(tx, message("li@example.com")));

    received = [];
    const sent = await deliverPendingMail(workerPool, createTransport(smtpUrl), "Weidesk <no-reply@weidesk.test>");
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(received.flatMap((r) => r.to)).toContain("li@example.com");
    expect(received.flatMap((r) => r.to)).not.toContain("rolled-back@example.com");
    const { rows } = await admin.query(`select sent_at, text_body from mail_outbox where to_address = 'li@example.com'`);
    expect(rows[0].sent_at).not.toBeNull();
    expect(rows[0].text_body).toBe("");
  });

  it("keeps a message the server refused, counting the attempt", async () => {
    await withTenant({ agencyId: agency.agencyId, userId: agency.userId }, (tx) => enqueueMail(tx, message("later@example.com")));
    refuse = true;
    try {
      await deliverPendingMail(workerPool, createTransport(smtpUrl), "Weidesk <no-reply@weidesk.test>");
    } finally {
      refuse = false;
    }
    const { rows } = await admin.query(`select sent_at, attempts, last_error from mail_outbox where to_address = 'later@example.com'`);
    expect(rows[0]).toMatchObject({ sent_at: null, attempts: 1 });
    expect(rows[0].last_error).toMatch(/mailbox unavailable/);
    await deliverPendingMail(workerPool, createTransport(smtpUrl), "Weidesk <no-reply@weidesk.test>");
    const { rows: after } = await admin.query(`select sent_at from mail_outbox where to_address = 'later@example.com'`);
    expect(after[0].sent_at).not.toBeNull();
  });

  it("lets web requests write mail but never read it back", async () => {
    const app = new pg.Client({
      connectionString: urlForRole(workerDatabaseUrl(), "weidesk_app", process.env.DATABASE_ROLE_PASSWORD),
    });
    await app.connect();
    try {
      await expect(app.query(`select * from mail_outbox`)).rejects.toMatchObject({ code: "42501" });
    } finally {
      await app.end();
    }
  });
});
