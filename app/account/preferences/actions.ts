"use server";

import { notFound } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { requireMembership } from "@/lib/auth/session";
import { saveNotificationPreferences, type TopicPreference } from "@/lib/reminders/preferences";

/**
 * `{ preferences: [{ topic, inApp, email }] }`: the signed-in user's own notification
 * settings in the agency of `agencySlug` (every role, client administrators and managers
 * too: the settings are their own). Not a member of it (or no such agency): 404. Answers
 * the settings as saved.
 */
export async function saveNotificationPreferencesAction(agencySlug: unknown, input: unknown): Promise<ActionResult<TopicPreference[]>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireMembership(agencySlug);
  return runAction(() => saveNotificationPreferences(context, input));
}
