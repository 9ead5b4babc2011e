/**
 * What reaches each user (issue 9 §3, "each user chooses what reaches them"): per agency
 * and topic, whether the bell (in the app) and e-mail carry the reminders of that topic.
 * No row means both on. Row-level security lets the app role see and change only the
 * signed-in user's rows (0026_reminders.sql, `own_preferences`); the worker reads them all.
 */
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { notificationPreferences } from "@/db/schema";
import { withTenant, type Tx } from "@/db/tenant";
import type { MembershipContext } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/rbac/permissions";
import type { Role } from "@/lib/rbac/roles";
import { z } from "@/lib/validation/zod";
import { notificationTopics, type NotificationTopic } from "./kinds";

/** Who is asking: a member (staff-side or client administrator) of the agency, as a MembershipContext has it. */
export type PreferencesActor = {
  user: Pick<MembershipContext["user"], "id">;
  agency: Pick<MembershipContext["agency"], "id">;
  role: Role;
  clientCompany: { id: string } | null;
};

/** The member's own tenant context: their agency, their user id (the RLS policy's key), their company. */
function tenantOf(actor: PreferencesActor, readOnly: boolean) {
  return { agencyId: actor.agency.id, userId: actor.user.id, clientCompanyId: actor.clientCompany?.id ?? null, readOnly };
}

export type ChannelPreference = { inApp: boolean; email: boolean };
export type TopicPreference = { topic: NotificationTopic } & ChannelPreference;

/** Both channels on: what a user gets until they choose otherwise. */
export const DEFAULT_PREFERENCE: ChannelPreference = { inApp: true, email: true };

/** Roles that get the weekly digest (issue 9 §4): those who read the dashboard of the whole agency. */
export const digestRoles = ["owner", "admin", "manager"] as const satisfies readonly Role[];

/**
 * The topics that can reach `role`, in the order the settings table shows them: a client
 * administrator hears only of document requests; the digest is for owners, admins and
 * managers.
 */
export function topicsFor(role: Role): NotificationTopic[] {
  if (role === "client_admin") return ["document_requests"];
  const topics: NotificationTopic[] = ["registration_deadlines", "verification_expiry", "document_requests"];
  if ((digestRoles as readonly Role[]).includes(role)) topics.push("weekly_digest");
  return topics;
}

export const notificationPreferencesSchema = z.object({
  preferences: z
    .array(z.object({ topic: z.enum(notificationTopics), inApp: z.boolean(), email: z.boolean() }))
    .min(1)
    .max(notificationTopics.length)
    .refine((rows) => new Set(rows.map((row) => row.topic)).size === rows.length, { message: "notificationPreferences.errors.invalid" }),
});
export type NotificationPreferencesInput = z.infer<typeof notificationPreferencesSchema>;

/**
 * The member's own preferences for the topics their role can receive (defaults filled in).
 * Precondition: an active membership (requireMembership); checks notification:read.
 */
export async function getNotificationPreferences(context: PreferencesActor): Promise<TopicPreference[]> {
  assertCan(context.role, "notification:read");
  const rows = await withTenant(tenantOf(context, true), (tx) =>
    tx
      .select({ topic: notificationPreferences.topic, inApp: notificationPreferences.inApp, email: notificationPreferences.email })
      .from(notificationPreferences)
      .where(and(eq(notificationPreferences.agencyId, context.agency.id), eq(notificationPreferences.userId, context.user.id))),
  );
  const byTopic = new Map(rows.map((row) => [row.topic, row]));
  return topicsFor(context.role).map((topic) => {
    const row = byTopic.get(topic);
    return { topic, inApp: row?.inApp ?? DEFAULT_PREFERENCE.inApp, email: row?.email ?? DEFAULT_PREFERENCE.email };
  });
}

/**
 * Saves the member's own preferences (`{ preferences: [{ topic, inApp, email }] }`), one
 * row per topic, upserted. A topic the role cannot receive is refused. The rows are always
 * the signed-in user's: there is no user id to pass, and RLS would refuse another's.
 * Precondition: an active membership; checks notification:read. Managers write here too:
 * a preference is their own, not the agency's business.
 */
export async function saveNotificationPreferences(context: PreferencesActor, raw: unknown): Promise<TopicPreference[]> {
  assertCan(context.role, "notification:read");
  const parsed = notificationPreferencesSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError("VALIDATION", "invalid notification preferences", {
      fields: { preferences: "notificationPreferences.errors.invalid" },
    });
  }
  const allowed = new Set(topicsFor(context.role));
  const rows = parsed.data.preferences;
  if (rows.some((row) => !allowed.has(row.topic))) {
    throw new AppError("VALIDATION", "topic not available to this role", {
      fields: { preferences: "notificationPreferences.errors.invalid" },
    });
  }
  const now = clock.now();
  await withTenant(tenantOf(context, false), (tx) =>
    tx
      .insert(notificationPreferences)
      .values(rows.map((row) => ({ agencyId: context.agency.id, userId: context.user.id, ...row, updatedAt: now })))
      .onConflictDoUpdate({
        target: [notificationPreferences.agencyId, notificationPreferences.userId, notificationPreferences.topic],
        set: { inApp: sql`excluded.in_app`, email: sql`excluded.email`, updatedAt: now },
      }),
  );
  return getNotificationPreferences(context);
}

/**
 * For the worker (inside withWorker): the preferences of `userIds` for `topic`, defaults
 * filled in, so a sweep asks once per reminder rather than once per recipient.
 */
export async function preferencesOf(
  tx: Tx,
  agencyId: string,
  userIds: readonly string[],
  topic: NotificationTopic,
): Promise<Map<string, ChannelPreference>> {
  const result = new Map<string, ChannelPreference>(userIds.map((id) => [id, { ...DEFAULT_PREFERENCE }]));
  if (userIds.length === 0) return result;
  const rows = await tx
    .select({ userId: notificationPreferences.userId, inApp: notificationPreferences.inApp, email: notificationPreferences.email })
    .from(notificationPreferences)
    .where(
      and(
        eq(notificationPreferences.agencyId, agencyId),
        eq(notificationPreferences.topic, topic),
        inArray(notificationPreferences.userId, [...userIds]),
      ),
    );
  for (const row of rows) result.set(row.userId, { inApp: row.inApp, email: row.email });
  return result;
}
