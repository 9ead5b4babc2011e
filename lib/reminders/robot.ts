/**
 * The agency's WeCom group robot (企业微信群机器人, issue 9 §3): a webhook URL an agency
 * sets in Settings, to which reminders (and a test message) are posted as text. The URL
 * carries its secret in `key`, so it is only ever shown masked, and only the WeCom host is
 * accepted (no request to an arbitrary address leaves the server). A message is posted at
 * most once and never retried (ADR 0016): the caller records the outcome.
 */
import "server-only";
import { z } from "@/lib/validation/zod";

const DEFAULT_ORIGIN = "https://qyapi.weixin.qq.com";
export const ROBOT_PATH = "/cgi-bin/webhook/send";
export const DEFAULT_ROBOT_TIMEOUT_MS = 5_000;

/**
 * The origin webhook URLs must have: WeCom's, unless WECOM_ROBOT_ORIGIN names another
 * (the tests point it at a local receiver). Read on each call, so a test can set it.
 */
export function robotOrigin(): string {
  return (process.env.WECOM_ROBOT_ORIGIN || DEFAULT_ORIGIN).replace(/\/+$/, "");
}

/** A robot's key: WeCom's are UUIDs; letters, digits and dashes, kept generous. */
const KEY_PATTERN = /^[A-Za-z0-9-]{8,100}$/;

/**
 * The key of a webhook URL of the allowed origin (`<origin>/cgi-bin/webhook/send?key=<key>`,
 * nothing else in it), or null when the URL is anything else.
 */
export function robotKeyOf(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.origin !== robotOrigin() || url.pathname !== ROBOT_PATH || url.username || url.password || url.hash) return null;
  const params = [...url.searchParams.keys()];
  if (params.length !== 1 || params[0] !== "key") return null;
  const key = url.searchParams.get("key") ?? "";
  return KEY_PATTERN.test(key) ? key : null;
}

/** The canonical URL of a key (what is stored). */
export function robotUrlOf(key: string): string {
  return `${robotOrigin()}${ROBOT_PATH}?key=${encodeURIComponent(key)}`;
}

/** The key of a stored URL whatever its origin (for masking), or "". */
function storedKey(url: string): string {
  try {
    return new URL(url).searchParams.get("key") ?? "";
  } catch {
    return "";
  }
}

/** The last 4 characters of a stored URL's key: all of it that is ever shown or logged. */
export function robotKeyTail(url: string): string {
  return storedKey(url).slice(-4);
}

/** A stored URL as it may be shown: the origin and path, and only the key's last 4 characters. */
export function maskRobotUrl(url: string): string {
  let base = `${robotOrigin()}${ROBOT_PATH}`;
  try {
    const parsed = new URL(url);
    base = `${parsed.origin}${parsed.pathname}`;
  } catch {
    // Stored URLs are validated; keep the default base for anything else.
  }
  return `${base}?key=…${robotKeyTail(url)}`;
}

/** The settings form's field: a WeCom webhook URL sets the robot; null clears it. */
export const robotWebhookSchema = z.object({
  webhookUrl: z.union([
    z.null(),
    z
      .string()
      .trim()
      .max(500, { message: "wecomRobot.errors.invalidUrl" })
      .refine((value) => robotKeyOf(value) !== null, { message: "wecomRobot.errors.invalidUrl" }),
  ]),
});
export type RobotWebhookInput = z.infer<typeof robotWebhookSchema>;

export type RobotFailure = "not_allowed" | "timeout" | "network" | "http" | "rejected";
export type RobotResult = { ok: true } | { ok: false; reason: RobotFailure; detail: string };

/**
 * Posts `content` as a text message to the robot at `url`. Never throws: the outcome says
 * what went wrong (a URL not of the allowed origin is refused without a request; WeCom
 * answers HTTP 200 with `errcode` ≠ 0 for a bad key). Redirects are not followed.
 */
export async function postRobotMessage(
  url: string,
  content: string,
  { timeoutMs = DEFAULT_ROBOT_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<RobotResult> {
  const key = robotKeyOf(url);
  if (key === null) return { ok: false, reason: "not_allowed", detail: "not a WeCom robot webhook URL" };
  let response: Response;
  try {
    response = await fetch(robotUrlOf(key), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ msgtype: "text", text: { content } }),
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
      cache: "no-store",
    });
  } catch (error) {
    const name = (error as { name?: string })?.name;
    if (name === "TimeoutError" || name === "AbortError") return { ok: false, reason: "timeout", detail: `no answer within ${timeoutMs} ms` };
    return { ok: false, reason: "network", detail: error instanceof Error ? error.message : String(error) };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: false, reason: "http", detail: `HTTP ${response.status}` };
  }
  const body = (await response.json().catch(() => null)) as { errcode?: unknown; errmsg?: unknown } | null;
  if (!body || body.errcode !== 0) {
    const detail = body ? `errcode ${String(body.errcode)}: ${String(body.errmsg ?? "").slice(0, 200)}` : "not a JSON answer";
    return { ok: false, reason: "rejected", detail };
  }
  return { ok: true };
}
