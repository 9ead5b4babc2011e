/**
 * A client's team and the agency setting that restricts staff to their clients (issue 6
 * §5, ADR 0010). Each company has an assignee (client_companies.assignee_user_id) and
 * optional team members (client_company_members). With `restrict_staff_to_assigned` on,
 * row-level security shows a staff member only the companies they are assigned to or on
 * the team of, and what belongs to them: other companies answer 404 here as anywhere,
 * because the database returns no row. Owners, admins and managers see every company.
 */
import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { agencies, clientCompanies, clientCompanyMembers, users } from "@/db/schema";
import { withTenant, type Tx } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record";
import type { MembershipContext } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/rbac/permissions";
import { z } from "@/lib/validation/zod";
import { isUuid, tenantOf, type ClientsActor } from "./service";
import { MAX_TEAM, TEAM_MESSAGES, teamBodySchema, type ClientTeam } from "./team-schemas";

export { MAX_TEAM, type ClientTeam } from "./team-schemas";

function memberRefused(): AppError {
  return new AppError("VALIDATION", "a team member is not an active owner, admin or staff member", {
    fields: { userIds: TEAM_MESSAGES.member },
  });
}

/** The company's assignee and team, or null when the caller cannot see the company. */
async function readTeam(tx: Tx, agencyId: string, companyId: string): Promise<ClientTeam | null> {
  const [company] = await tx
    .select({ assigneeId: clientCompanies.assigneeUserId, assigneeName: users.name })
    .from(clientCompanies)
    .leftJoin(users, eq(users.id, clientCompanies.assigneeUserId))
    .where(and(eq(clientCompanies.agencyId, agencyId), eq(clientCompanies.id, companyId)));
  if (!company) return null;
  const members = await tx
    .select({ id: users.id, name: users.name, addedAt: clientCompanyMembers.addedAt })
    .from(clientCompanyMembers)
    .innerJoin(users, eq(users.id, clientCompanyMembers.userId))
    .where(and(eq(clientCompanyMembers.agencyId, agencyId), eq(clientCompanyMembers.clientCompanyId, companyId)))
    .orderBy(asc(users.name), asc(users.id));
  return {
    assignee: company.assigneeId ? { id: company.assigneeId, name: company.assigneeName ?? "" } : null,
    members: members.map((m) => ({ id: m.id, name: m.name, addedAt: m.addedAt.toISOString() })),
  };
}

/** The company's assignee and team. Precondition: none; checks client:read. NOT_FOUND for a company the caller cannot see. */
export async function getTeam(actor: ClientsActor, companyId: string): Promise<ClientTeam> {
  assertCan(actor.role, "client:read");
  if (!isUuid(companyId)) throw new AppError("NOT_FOUND", "no such client company");
  const team = await withTenant(tenantOf(actor, true), (tx) => readTeam(tx, actor.agency.id, companyId));
  if (!team) throw new AppError("NOT_FOUND", "no such client company");
  return team;
}

type TeamChange = { add?: readonly string[]; remove?: readonly string[]; replace?: readonly string[] };

/**
 * Adds and removes team members of one company in one transaction, with a
 * `client.team_add` / `client.team_remove` audit event per person. A member who is not
 * an active owner, admin or staff member of the agency is refused on `userIds` and
 * nothing changes. Checks client:update; NOT_FOUND for a company the caller cannot see.
 */
async function changeTeam(
  actor: ClientsActor,
  companyId: string,
  change: TeamChange,
  options: { requestId?: string | null },
): Promise<ClientTeam> {
  assertCan(actor.role, "client:update");
  if (!isUuid(companyId)) throw new AppError("NOT_FOUND", "no such client company");
  const ids = [...(change.add ?? []), ...(change.remove ?? []), ...(change.replace ?? [])];
  if (ids.some((id) => !isUuid(id))) throw memberRefused();
  const agencyId = actor.agency.id;
  try {
    return await withTenant(tenantOf(actor), async (tx) => {
      // Locks the company's row: two edits of one team queue rather than interleave.
      const [company] = await tx
        .select({ id: clientCompanies.id })
        .from(clientCompanies)
        .where(and(eq(clientCompanies.agencyId, agencyId), eq(clientCompanies.id, companyId)))
        .for("update");
      if (!company) throw new AppError("NOT_FOUND", "no such client company");
      const current = new Set(
        (
          await tx
            .select({ userId: clientCompanyMembers.userId })
            .from(clientCompanyMembers)
            .where(and(eq(clientCompanyMembers.agencyId, agencyId), eq(clientCompanyMembers.clientCompanyId, companyId)))
        ).map((row) => row.userId),
      );
      const wanted = change.replace ? new Set(change.replace) : null;
      const adds = [...new Set(wanted ? [...wanted].filter((id) => !current.has(id)) : (change.add ?? []).filter((id) => !current.has(id)))];
      const removes = [
        ...new Set(wanted ? [...current].filter((id) => !wanted.has(id)) : (change.remove ?? []).filter((id) => current.has(id))),
      ];
      if (current.size + adds.length - removes.length > MAX_TEAM) {
        throw new AppError("VALIDATION", "team too big", { fields: { userIds: TEAM_MESSAGES.tooMany } });
      }
      const now = clock.now();
      if (adds.length > 0) {
        await tx
          .insert(clientCompanyMembers)
          .values(adds.map((userId) => ({ agencyId, clientCompanyId: companyId, userId, addedBy: actor.user.id, addedAt: now })));
      }
      if (removes.length > 0) {
        await tx
          .delete(clientCompanyMembers)
          .where(
            and(
              eq(clientCompanyMembers.agencyId, agencyId),
              eq(clientCompanyMembers.clientCompanyId, companyId),
              inArray(clientCompanyMembers.userId, removes),
            ),
          );
      }
      for (const [action, list] of [
        ["client.team_add", adds],
        ["client.team_remove", removes],
      ] as const) {
        for (const userId of list) {
          await recordAudit(tx, {
            agencyId,
            actorUserId: actor.user.id,
            action,
            targetType: "client_company",
            targetId: companyId,
            data: { userId },
            requestId: options.requestId ?? null,
          });
        }
      }
      // The deferred member check runs at commit; make it run here so its refusal maps to the field.
      await tx.execute(sql`set constraints all immediate`);
      const team = await readTeam(tx, agencyId, companyId);
      // Someone who took themselves off a team they saw it through no longer sees the company.
      return team ?? { assignee: null, members: [] };
    });
  } catch (error) {
    const pg = ((error as { cause?: unknown })?.cause ?? error) as { code?: string; constraint?: string };
    if (
      (pg.code === "23514" && pg.constraint === "team_member_is_active_member") ||
      (pg.code === "23503" && pg.constraint === "client_company_members_user_id_users_id_fk")
    ) {
      throw memberRefused();
    }
    throw error;
  }
}

/** Adds people to the company's team (those already on it are left alone). */
export async function addTeamMembers(actor: ClientsActor, companyId: string, userIds: readonly string[], options: { requestId?: string | null } = {}) {
  assertCan(actor.role, "client:update");
  if (userIds.length === 0) throw new AppError("VALIDATION", "nobody to add", { fields: { userIds: TEAM_MESSAGES.member } });
  return changeTeam(actor, companyId, { add: userIds }, options);
}

/** Takes one person off the company's team. */
export async function removeTeamMember(actor: ClientsActor, companyId: string, userId: string, options: { requestId?: string | null } = {}) {
  return changeTeam(actor, companyId, { remove: [userId] }, options);
}

/** Makes the team exactly `raw.userIds` (PUT /companies/{id}/team). */
export async function replaceTeam(actor: ClientsActor, companyId: string, raw: unknown, options: { requestId?: string | null } = {}) {
  assertCan(actor.role, "client:update");
  const parsed = teamBodySchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError("VALIDATION", "invalid team", { fields: { userIds: parsed.error.issues[0]?.message ?? TEAM_MESSAGES.member } });
  }
  return changeTeam(actor, companyId, { replace: parsed.data.userIds }, options);
}

/* ------------------------------------------------------------ the agency setting */

export const staffRestrictionSchema = z.object({ restrictStaffToAssigned: z.boolean() });
export type StaffRestriction = z.infer<typeof staffRestrictionSchema>;

/** Whether the agency restricts staff to their assigned clients. Precondition: a staff-side membership. */
export async function getStaffRestriction(context: Pick<MembershipContext, "agency" | "user">): Promise<StaffRestriction> {
  const [row] = await withTenant({ agencyId: context.agency.id, userId: context.user.id, readOnly: true }, (tx) =>
    tx.select({ restrictStaffToAssigned: agencies.restrictStaffToAssigned }).from(agencies).where(eq(agencies.id, context.agency.id)),
  );
  return { restrictStaffToAssigned: row?.restrictStaffToAssigned ?? false };
}

/**
 * Turns "staff see only their assigned clients" on or off, with an
 * `agency.settings_change` audit event (before and after) when it changes.
 * Precondition: an active staff membership; settings:manage (owners, admins) is checked here.
 */
export async function updateStaffRestriction(
  context: Pick<MembershipContext, "agency" | "user" | "role">,
  raw: unknown,
  requestId: string | null = null,
): Promise<StaffRestriction> {
  assertCan(context.role, "settings:manage");
  const parsed = staffRestrictionSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("BAD_REQUEST", "invalid staff restriction");
  const next = parsed.data.restrictStaffToAssigned;
  const agencyId = context.agency.id;
  await withTenant({ agencyId, userId: context.user.id }, async (tx) => {
    const [current] = await tx
      .select({ restrictStaffToAssigned: agencies.restrictStaffToAssigned })
      .from(agencies)
      .where(eq(agencies.id, agencyId))
      .for("update");
    if (!current) throw new AppError("NOT_FOUND", "agency not found");
    if (current.restrictStaffToAssigned === next) return;
    await tx.update(agencies).set({ restrictStaffToAssigned: next }).where(eq(agencies.id, agencyId));
    await recordAudit(tx, {
      agencyId,
      actorUserId: context.user.id,
      action: "agency.settings_change",
      targetType: "agency",
      targetId: agencyId,
      data: { setting: "restrictStaffToAssigned", from: current.restrictStaffToAssigned, to: next },
      requestId,
    });
  });
  return { restrictStaffToAssigned: next };
}
