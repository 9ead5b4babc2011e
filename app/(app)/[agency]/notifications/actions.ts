"use server";

/**
 * The staff app's notification actions (the bell and the inbox): any staff-side role,
 * managers included (marking one's own notifications read changes no business data).
 * Another agency, or none: 404; a client administrator: the portal (its own actions).
 */
import { notFound } from "next/navigation";
import type { ActionResult } from "@/lib/actions/result";
import { requireStaffMembership } from "@/lib/auth/session";
import { markAllReadBody, markReadBody } from "@/lib/notifications/actions";

async function member(agencySlug: unknown) {
  if (typeof agencySlug !== "string") notFound();
  return requireStaffMembership(agencySlug);
}

/** Marks one of the caller's notifications read. Another user's, or no such id: NOT_FOUND. */
export async function markNotificationReadAction(agencySlug: string, id: string): Promise<ActionResult<{ id: string }>> {
  const context = await member(agencySlug);
  return markReadBody(context, `/${context.agency.slug}`, id);
}

/** `{ upTo }`: marks all the caller's notifications read that were created up to then. */
export async function markAllNotificationsReadAction(agencySlug: string, input: unknown): Promise<ActionResult<{ marked: number }>> {
  const context = await member(agencySlug);
  return markAllReadBody(context, `/${context.agency.slug}`, input);
}
