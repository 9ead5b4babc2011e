/**
 * The agency's WeCom group robot in Settings (issue 9 §3) against the real PostgreSQL and a
 * real HTTP receiver (node:http on 127.0.0.1; WECOM_ROBOT_ORIGIN points at it): who may
 * set it, the URL's validation (field error), the masked read (only the key's last 4
 * characters), the audit events, and the test message with each way WeCom can fail.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ApiActor } from "@/lib/api/auth";
import type { AppError } from "@/lib/errors";
import { addAgency, addMember } from "@/lib/testing/registration-fixtures";
import { resetAppState } from "@/lib/testing/app-state";
import { workerDatabaseUrl } from "@/lib/testing/setup-integration";
import { postRobotMessage, robotKeyOf } from "./robot";
import { getRobotSetting, sendRobotTest, updateRobotWebhook } from "./robot-settings";

let admin: pg.Client;
let receiver: Server;
let origin: string;
const savedOrigin = process.env.WECOM_ROBOT_ORIGIN;
/** What the receiver answers next, and what it received. */
let answer: { status: number; body: string; delayMs?: number } = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
let received: { method: string; path: string; key: string | null; contentType: string | undefined; body: unknown }[] = [];

const KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
const url = (key = KEY) => `${origin}/cgi-bin/webhook/send?key=${key}`;

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => error as AppError,
  );

async function auditOf(agencyId: string) {
  return (
    await admin.query<{ action: string; data: Record<string, unknown> }>(
      `select action, data from audit_events where agency_id = $1 and action = 'agency.settings_change' order by at, id`,
      [agencyId],
    )
  ).rows;
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: workerDatabaseUrl() });
  await admin.connect();
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      const target = new URL(request.url ?? "/", "http://receiver");
      received.push({
        method: request.method ?? "",
        path: target.pathname,
        key: target.searchParams.get("key"),
        contentType: request.headers["content-type"],
        body: JSON.parse(body || "null"),
      });
      const { status, body: reply, delayMs = 0 } = answer;
      setTimeout(() => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(reply);
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  process.env.WECOM_ROBOT_ORIGIN = origin;
});

beforeEach(() => {
  answer = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
  received = [];
});

afterAll(async () => {
  await admin.end();
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  if (savedOrigin === undefined) delete process.env.WECOM_ROBOT_ORIGIN;
  else process.env.WECOM_ROBOT_ORIGIN = savedOrigin;
  await resetAppState();
});

async function scene(): Promise<{ agencyId: string; owner: ApiActor; admin: ApiActor; staff: ApiActor; manager: ApiActor }> {
  const agency = await addAgency(admin, "robot", "机器人机构", "Asia/Shanghai");
  return {
    agencyId: agency.id,
    owner: await addMember(admin, agency, "owner"),
    admin: await addMember(admin, agency, "admin"),
    staff: await addMember(admin, agency, "staff"),
    manager: await addMember(admin, agency, "manager"),
  };
}

describe("the webhook URL", () => {
  it("accepts only <origin>/cgi-bin/webhook/send?key=<key>, with a field error otherwise", async () => {
    const { agencyId, admin: adminActor } = await scene();
    const invalid = { code: "VALIDATION", details: { fields: { webhookUrl: "wecomRobot.errors.invalidUrl" } } };
    for (const webhookUrl of [
      "",
      "   ",
      "not a url",
      `https://evil.example.com/cgi-bin/webhook/send?key=${KEY}`,
      `${origin}/cgi-bin/webhook/other?key=${KEY}`,
      `${origin}/cgi-bin/webhook/send`,
      `${origin}/cgi-bin/webhook/send?key=`,
      `${origin}/cgi-bin/webhook/send?key=${KEY}&debug=1`,
      `${origin}/cgi-bin/webhook/send?key=a%20b%3Cscript%3E`,
      `http://user:pw@${origin.slice(7)}/cgi-bin/webhook/send?key=${KEY}`,
      `${url()}#x`,
      42,
    ]) {
      expect(await refusal(updateRobotWebhook(adminActor, { webhookUrl }))).toMatchObject(invalid);
    }
    expect(await refusal(updateRobotWebhook(adminActor, {}))).toMatchObject(invalid);
    expect((await admin.query(`select wecom_robot_webhook_url from agencies where id = $1`, [agencyId])).rows[0].wecom_robot_webhook_url).toBeNull();
    expect(await auditOf(agencyId)).toEqual([]);
    // WeCom's own origin is the default when the variable is unset.
    delete process.env.WECOM_ROBOT_ORIGIN;
    try {
      expect(robotKeyOf(`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`)).toBe(KEY);
      expect(robotKeyOf(url())).toBeNull();
    } finally {
      process.env.WECOM_ROBOT_ORIGIN = origin;
    }
  });

  it("is set and cleared by owners and admins only, read back masked, audited with the key's last 4 characters", async () => {
    const { agencyId, owner, admin: adminActor, staff, manager } = await scene();
    for (const actor of [staff, manager]) {
      expect(await refusal(updateRobotWebhook(actor, { webhookUrl: url() }))).toMatchObject({ code: "FORBIDDEN" });
      expect(await refusal(getRobotSetting(actor))).toMatchObject({ code: "FORBIDDEN" });
      expect(await refusal(sendRobotTest(actor))).toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await getRobotSetting(owner)).toEqual({ configured: false, maskedUrl: null });

    const saved = await updateRobotWebhook(adminActor, { webhookUrl: `  ${url()}  ` });
    expect(saved).toEqual({ configured: true, maskedUrl: `${origin}/cgi-bin/webhook/send?key=…5aaa` });
    expect(await getRobotSetting(owner)).toEqual(saved);
    expect(JSON.stringify(saved)).not.toContain(KEY.slice(0, -4));
    expect((await admin.query(`select wecom_robot_webhook_url from agencies where id = $1`, [agencyId])).rows[0].wecom_robot_webhook_url).toBe(url());

    // The same URL again changes nothing and records nothing.
    await updateRobotWebhook(owner, { webhookUrl: url() });
    const other = "0b1c2d3e-aaaa-bbbb-cccc-0123456789ab";
    await updateRobotWebhook(owner, { webhookUrl: url(other) });
    expect(await updateRobotWebhook(owner, { webhookUrl: null })).toEqual({ configured: false, maskedUrl: null });
    expect((await admin.query(`select wecom_robot_webhook_url from agencies where id = $1`, [agencyId])).rows[0].wecom_robot_webhook_url).toBeNull();
    const events = await auditOf(agencyId);
    expect(events).toEqual([
      { action: "agency.settings_change", data: { setting: "wecomRobotWebhook", from: null, to: "5aaa" } },
      { action: "agency.settings_change", data: { setting: "wecomRobotWebhook", from: "5aaa", to: "89ab" } },
      { action: "agency.settings_change", data: { setting: "wecomRobotWebhook", from: "89ab", to: null } },
    ]);
    expect(JSON.stringify(events)).not.toContain(KEY);
  });
});

describe("the test message", () => {
  it("posts one text message in the agency's language to the robot, and says so", async () => {
    const { owner } = await scene();
    expect(await sendRobotTest(owner)).toEqual({ sent: false, reason: "not_configured" });
    expect(received).toEqual([]);

    await updateRobotWebhook(owner, { webhookUrl: url() });
    expect(await sendRobotTest(owner)).toEqual({ sent: true });
    expect(received).toHaveLength(1);
    const [call] = received;
    expect(call).toMatchObject({ method: "POST", path: "/cgi-bin/webhook/send", key: KEY, contentType: "application/json" });
    // The agency's language is Chinese (the default): the message names it, in Chinese.
    expect(call!.body).toEqual({ msgtype: "text", text: { content: expect.stringContaining("机器人机构") } });
    expect((call!.body as { text: { content: string } }).text.content).toMatch(/测试消息/);
  });

  it("answers why WeCom did not take it: refused key, HTTP error, no answer in time, nobody listening", async () => {
    const { owner } = await scene();
    await updateRobotWebhook(owner, { webhookUrl: url() });

    answer = { status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' };
    expect(await sendRobotTest(owner)).toEqual({ sent: false, reason: "rejected" });
    answer = { status: 502, body: "bad gateway" };
    expect(await sendRobotTest(owner)).toEqual({ sent: false, reason: "http" });
    answer = { status: 200, body: "<html>not json</html>" };
    expect(await sendRobotTest(owner)).toEqual({ sent: false, reason: "rejected" });
    answer = { status: 200, body: '{"errcode":0}', delayMs: 1_000 };
    expect(await sendRobotTest(owner, { timeoutMs: 150 })).toEqual({ sent: false, reason: "timeout" });
    expect(received).toHaveLength(4);

    // Nothing listening at the origin: a network failure, as a value.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const deadOrigin = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    process.env.WECOM_ROBOT_ORIGIN = deadOrigin;
    try {
      expect(await postRobotMessage(`${deadOrigin}/cgi-bin/webhook/send?key=${KEY}`, "x")).toMatchObject({ ok: false, reason: "network" });
      // The stored URL is no longer of the allowed origin: refused without a request.
      expect(await sendRobotTest(owner)).toEqual({ sent: false, reason: "not_allowed" });
    } finally {
      process.env.WECOM_ROBOT_ORIGIN = origin;
    }
    expect(received).toHaveLength(4);
  });
});
