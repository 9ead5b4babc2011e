"use server";

/**
 * The portal's notification actions (the bell and the inbox): the client administrator's
 * own notifications (their document requests). Staff who call them go to the staff app;
 * another agency: 404.
 */
import { notFound } from "next/navigation";
import type { ActionResult } from "@/lib/actions/result";
import { requirePortalMembership } from "@/lib/auth/session";
import { markAllReadBody, markReadBody } from "@/lib/notifications/actions";

async function member(agencySlug: unknown) {
  if (typeof agencySlug !== "string") notFound();
  return requirePortalMembership(agencySlug);
}

/** Marks one of the caller's notifications read. Another user's, or no such id: NOT_FOUND. */
export async function markPortalNotificationReadAction(agencySlug: string, id: string): Promise<ActionResult<{ id: string }>> {
  const context = await member(agencySlug);
  return markReadBody(context, `/portal/${context.agency.slug}`, id);
}

/** `{ upTo }`: marks all the caller's notifications read that were created up to then. */
export async function markAllPortalNotificationsReadAction(agencySlug: string, input: unknown): Promise<ActionResult<{ marked: number }>> {
  const context = await member(agencySlug);
  return markAllReadBody(context, `/portal/${context.agency.slug}`, input);
}
