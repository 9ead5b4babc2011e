"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { requestMeta } from "@/lib/auth/request-meta";
import { requireStaffMembership } from "@/lib/auth/session";
import { assertCan } from "@/lib/rbac/permissions";
import { sendRobotTest, updateRobotWebhook, type RobotSetting, type RobotTestResult } from "@/lib/reminders/robot-settings";

/**
 * `{ webhookUrl }`: sets the agency's WeCom group robot (a WeCom webhook URL) or clears it
 * (null). Another agency (or none): 404; a role without settings:manage gets FORBIDDEN back.
 * Answers the robot masked; the settings page is rendered afresh.
 */
export async function updateRobotWebhookAction(agencySlug: unknown, input: unknown): Promise<ActionResult<RobotSetting>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { requestId } = await requestMeta();
  const result = await runAction(async () => {
    assertCan(context.role, "settings:manage");
    return updateRobotWebhook(context, input, requestId);
  });
  if (result.ok) revalidatePath(`/${context.agency.slug}/settings`);
  return result;
}

/**
 * Posts a test message to the agency's robot. Answers `{ sent }`, or `{ sent: false, reason }`
 * when no robot is set or WeCom does not take it. Same refusals as updateRobotWebhookAction.
 */
export async function sendRobotTestAction(agencySlug: unknown): Promise<ActionResult<RobotTestResult>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  return runAction(async () => {
    assertCan(context.role, "settings:manage");
    return sendRobotTest(context);
  });
}
