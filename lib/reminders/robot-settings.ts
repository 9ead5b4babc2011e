/**
 * The agency's WeCom group robot as Settings shows and changes it (issue 9 §3): owners and
 * admins set or clear the webhook URL and send a test message. The URL's key is a secret:
 * it is read back only masked, and the audit event records only its last 4 characters.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { createTranslator } from "next-intl";
import { agencies } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import type { MembershipContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/config";
import { assertCan } from "@/lib/rbac/permissions";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import { maskRobotUrl, postRobotMessage, robotKeyOf, robotKeyTail, robotUrlOf, robotWebhookSchema, type RobotFailure } from "./robot";

type Actor = Pick<MembershipContext, "agency" | "user" | "role">;

/** What Settings shows: whether a robot is set, and its URL masked. */
export type RobotSetting = { configured: boolean; maskedUrl: string | null };

function tenantOf(actor: Actor, readOnly = false) {
  return { agencyId: actor.agency.id, userId: actor.user.id, readOnly };
}

async function storedUrl(actor: Actor): Promise<string | null> {
  const [row] = await withTenant(tenantOf(actor, true), (tx) =>
    tx.select({ url: agencies.wecomRobotWebhookUrl }).from(agencies).where(eq(agencies.id, actor.agency.id)),
  );
  if (!row) throw new AppError("NOT_FOUND", "agency not found");
  return row.url;
}

function settingOf(url: string | null): RobotSetting {
  return url ? { configured: true, maskedUrl: maskRobotUrl(url) } : { configured: false, maskedUrl: null };
}

/** The last 4 characters of a stored URL's key (for the audit), or null. */
function keyTail(url: string | null): string | null {
  return url ? robotKeyTail(url) : null;
}

/** The agency's robot, masked. Checks settings:manage (owners, admins). */
export async function getRobotSetting(actor: Actor): Promise<RobotSetting> {
  assertCan(actor.role, "settings:manage");
  return settingOf(await storedUrl(actor));
}

/**
 * Sets (`{ webhookUrl }`, a WeCom robot URL) or clears (`{ webhookUrl: null }`) the agency's
 * robot, with an `agency.settings_change` audit event naming only the key's last 4
 * characters. Checks settings:manage.
 */
export async function updateRobotWebhook(actor: Actor, raw: unknown, requestId: string | null = null): Promise<RobotSetting> {
  assertCan(actor.role, "settings:manage");
  const parsed = robotWebhookSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError("VALIDATION", "invalid robot webhook URL", { fields: { webhookUrl: "wecomRobot.errors.invalidUrl" } });
  }
  const key = parsed.data.webhookUrl === null ? null : robotKeyOf(parsed.data.webhookUrl);
  const next = key === null ? null : robotUrlOf(key);
  const agencyId = actor.agency.id;
  await withTenant(tenantOf(actor), async (tx) => {
    const [current] = await tx
      .select({ url: agencies.wecomRobotWebhookUrl })
      .from(agencies)
      .where(eq(agencies.id, agencyId))
      .for("update");
    if (!current) throw new AppError("NOT_FOUND", "agency not found");
    if (current.url === next) return;
    await tx.update(agencies).set({ wecomRobotWebhookUrl: next }).where(eq(agencies.id, agencyId));
    await recordAudit(tx, {
      agencyId,
      actorUserId: actor.user.id,
      action: "agency.settings_change",
      targetType: "agency",
      targetId: agencyId,
      data: { setting: "wecomRobotWebhook", from: keyTail(current.url), to: keyTail(next) },
      requestId,
    });
  });
  return settingOf(next);
}

const catalogues = { en, "zh-CN": zhCN } as const;

/** The robot's test message, in the agency's language. */
export function robotTestMessage(locale: Locale, agencyName: string): string {
  const t = createTranslator({ locale, messages: catalogues[locale], namespace: "wecomRobot" });
  return t("testMessage", { agency: agencyName });
}

export type RobotTestResult = { sent: true } | { sent: false; reason: RobotFailure | "not_configured" };

/**
 * Posts a test message to the agency's robot now (once, 5 s at most). A robot not set, or
 * one that does not answer or refuses, comes back as the reason, never as an exception.
 * Checks settings:manage.
 */
export async function sendRobotTest(actor: Actor, { timeoutMs = 5_000 }: { timeoutMs?: number } = {}): Promise<RobotTestResult> {
  assertCan(actor.role, "settings:manage");
  const url = await storedUrl(actor);
  if (!url) return { sent: false, reason: "not_configured" };
  const result = await postRobotMessage(url, robotTestMessage(actor.agency.defaultLocale, actor.agency.name), { timeoutMs });
  return result.ok ? { sent: true } : { sent: false, reason: result.reason };
}
