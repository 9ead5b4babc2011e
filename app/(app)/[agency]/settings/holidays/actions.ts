"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { requestMeta } from "@/lib/auth/request-meta";
import { requireStaffMembership, type MembershipContext } from "@/lib/auth/session";
import { assertCan } from "@/lib/rbac/permissions";
import type { Holiday } from "@/lib/registration/holidays-schemas";
import {
  addNationalYear,
  createHoliday,
  deleteHoliday,
  updateFollowUpDays,
  updateStaleAfterDays,
  updateHoliday,
} from "@/lib/registration/holidays-service";

/*
 * The calendar and deadlines settings (owners and admins: settings:manage). Another
 * agency, or none: 404; a role without settings:manage gets FORBIDDEN back. On success
 * the page is rendered afresh.
 */

async function settingsAction<T>(
  agencySlug: unknown,
  work: (context: MembershipContext, requestId: string | null) => Promise<T>,
): Promise<ActionResult<T>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { requestId } = await requestMeta();
  const result = await runAction(async () => {
    assertCan(context.role, "settings:manage");
    return work(context, requestId);
  });
  if (result.ok) revalidatePath(`/${context.agency.slug}/settings/holidays`);
  return result;
}

/** `{ date, kind, name }`: adds a holiday or make-up working day. */
export async function addHolidayAction(agencySlug: unknown, input: unknown): Promise<ActionResult<Holiday>> {
  return settingsAction(agencySlug, (context, requestId) => createHoliday(context, input, requestId));
}

/** The day on `originalDate` becomes `{ date, kind, name }`; NOT_FOUND when it is gone. */
export async function updateHolidayAction(agencySlug: unknown, originalDate: unknown, input: unknown): Promise<ActionResult<Holiday>> {
  return settingsAction(agencySlug, (context, requestId) => updateHoliday(context, originalDate, input, requestId));
}

/** Removes the day on `date`; NOT_FOUND when it is gone. */
export async function deleteHolidayAction(agencySlug: unknown, date: unknown): Promise<ActionResult<null>> {
  return settingsAction(agencySlug, async (context, requestId) => {
    await deleteHoliday(context, date, requestId);
    return null;
  });
}

/** `{ year }`: adds the national calendar's days of the year that the agency's lacks. */
export async function addNationalYearAction(agencySlug: unknown, input: unknown): Promise<ActionResult<{ year: number; added: number }>> {
  return settingsAction(agencySlug, (context, requestId) => addNationalYear(context, input, requestId));
}

/** `{ overseasFollowUpDays }`: the overseas follow-up interval, 1–60 business days. */
export async function updateFollowUpDaysAction(
  agencySlug: unknown,
  input: unknown,
): Promise<ActionResult<{ overseasFollowUpDays: number }>> {
  return settingsAction(agencySlug, (context, requestId) => updateFollowUpDays(context, input, requestId));
}

/** `{ staleAfterDays }`: the stale threshold of the board, 1–180 days. */
export async function updateStaleAfterDaysAction(agencySlug: unknown, input: unknown): Promise<ActionResult<{ staleAfterDays: number }>> {
  return settingsAction(agencySlug, (context, requestId) => updateStaleAfterDays(context, input, requestId));
}
