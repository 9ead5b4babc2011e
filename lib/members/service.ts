/**
 * Members, invitations, ownership and agency deletion (design.md §1, issue 4). Each
 * function is one transaction inside the agency's tenant, with its audit event and any
 * mail inside it; the permission is checked here (lib/rbac) and again by the database
 * (row-level security, the owner and offboarding triggers of 0006_members.sql).
 *
 * Callers pass the member acting (MembershipContext from lib/auth/session.ts); errors
 * are AppErrors whose details may carry `fields` (message keys per form field) or a
 * `messageKey` for the whole form.
 */
import "server-only";
import type { ZodError } from "zod";
import { and, asc, count, eq, isNull, ne, sql } from "drizzle-orm";
import { clientCompanies, invitations, memberships, registrations, users } from "@/db/schema";
import { withTenant, type Tx } from "@/db/tenant";
import { recordAudit, type AuditAction } from "@/lib/audit/record";
import type { MembershipContext } from "@/lib/auth/session";
import { endMemberSessions } from "@/lib/auth/sessions";
import { newLinkToken } from "@/lib/auth/tokens";
import { clock } from "@/lib/clock";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/config";
import { newId } from "@/lib/ids";
import { enqueueMail } from "@/lib/mail/outbox";
import { renderMail } from "@/lib/mail/templates";
import { assertCan } from "@/lib/rbac/permissions";
import type { MembershipStatus, Role } from "@/lib/rbac/roles";
import {
  changeRoleSchema,
  deleteAgencySchema,
  inviteSchema,
  MEMBER_FORM_MESSAGES as m,
  offboardSchema,
  type ChangeRoleInput,
  type InviteInput,
} from "./schemas";
import { roleLabel } from "./labels";
import { PURGE_QUEUE } from "@/lib/jobs/purge-agency";

/** An invitation link works for a week. */
export const INVITATION_DAYS = 7;
/** A deleted agency's rows and objects are purged after this many days (design.md §4.5). */
export const PURGE_AFTER_DAYS = 30;


type Actor = Pick<MembershipContext, "user" | "agency" | "role" | "membershipId">;

function tenantOf(actor: Actor) {
  return { agencyId: actor.agency.id, userId: actor.user.id };
}

function fieldError(field: string, message: string): AppError {
  return new AppError("VALIDATION", `${field}: ${message}`, { fields: { [field]: message } });
}

/** Roles that may hold clients and cards (weidesk_check_assignee). */
const assignableRoles: readonly Role[] = ["owner", "admin", "staff"];

/* ------------------------------------------------------------------ reads */

export type MemberRow = {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  status: MembershipStatus;
  clientCompany: { id: string; name: string } | null;
  joinedAt: Date;
  lastSignInAt: Date | null;
  assignedClients: number;
  assignedRegistrations: number;
};

const companyName = sql<string | null>`coalesce(${clientCompanies.legalNameZh}, ${clientCompanies.nameEn})`;

/** Every member of the agency, owners first, then by name. */
export async function listMembers(actor: Actor): Promise<MemberRow[]> {
  assertCan(actor.role, "member:manage");
  const agencyId = actor.agency.id;
  return withTenant({ ...tenantOf(actor), readOnly: true }, async (tx) => {
    const rows = await tx
      .select({
        membershipId: memberships.id,
        userId: memberships.userId,
        name: users.name,
        email: users.email,
        role: memberships.role,
        status: memberships.status,
        clientCompanyId: memberships.clientCompanyId,
        clientCompanyName: companyName,
        joinedAt: memberships.createdAt,
        lastSignInAt: users.lastSignInAt,
        assignedClients: sql<number>`(select count(*)::int from client_companies c
          where c.agency_id = ${memberships.agencyId} and c.assignee_user_id = ${memberships.userId})`,
        assignedRegistrations: sql<number>`(select count(*)::int from registrations r
          where r.agency_id = ${memberships.agencyId} and r.assignee_user_id = ${memberships.userId})`,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .leftJoin(
        clientCompanies,
        and(eq(clientCompanies.agencyId, memberships.agencyId), eq(clientCompanies.id, memberships.clientCompanyId)),
      )
      .where(eq(memberships.agencyId, agencyId))
      .orderBy(sql`${memberships.role} = 'owner' desc`, asc(users.name), asc(memberships.id));
    return rows.map(({ clientCompanyId, clientCompanyName, ...row }) => ({
      ...row,
      clientCompany: clientCompanyId ? { id: clientCompanyId, name: clientCompanyName ?? "" } : null,
    }));
  });
}

export type InvitationRow = {
  id: string;
  email: string;
  role: Role;
  clientCompany: { id: string; name: string } | null;
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
  expired: boolean;
};

/** Invitations not yet accepted or revoked, newest first (expired ones too: they can be resent). */
export async function listPendingInvitations(actor: Actor): Promise<InvitationRow[]> {
  assertCan(actor.role, "member:manage");
  const now = clock.now();
  return withTenant({ ...tenantOf(actor), readOnly: true }, async (tx) => {
    const rows = await tx
      .select({
        id: invitations.id,
        email: invitations.email,
        role: invitations.role,
        clientCompanyId: invitations.clientCompanyId,
        clientCompanyName: companyName,
        invitedBy: users.name,
        createdAt: invitations.createdAt,
        expiresAt: invitations.expiresAt,
      })
      .from(invitations)
      .innerJoin(users, eq(users.id, invitations.invitedBy))
      .leftJoin(
        clientCompanies,
        and(eq(clientCompanies.agencyId, invitations.agencyId), eq(clientCompanies.id, invitations.clientCompanyId)),
      )
      .where(and(eq(invitations.agencyId, actor.agency.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .orderBy(sql`${invitations.createdAt} desc`);
    return rows.map(({ clientCompanyId, clientCompanyName, ...row }) => ({
      ...row,
      clientCompany: clientCompanyId ? { id: clientCompanyId, name: clientCompanyName ?? "" } : null,
      expired: row.expiresAt.getTime() <= now.getTime(),
    }));
  });
}

export type CompanyOption = { id: string; name: string };

/** Client companies a client administrator may be invited for: active ones, by name (at most `limit`). */
export async function listCompanyOptions(actor: Actor, search = "", limit = 200): Promise<CompanyOption[]> {
  assertCan(actor.role, "member:manage");
  const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return withTenant({ ...tenantOf(actor), readOnly: true }, (tx) =>
    tx
      .select({ id: clientCompanies.id, name: sql<string>`coalesce(${clientCompanies.legalNameZh}, ${clientCompanies.nameEn})` })
      .from(clientCompanies)
      .where(
        and(
          eq(clientCompanies.agencyId, actor.agency.id),
          isNull(clientCompanies.archivedAt),
          search ? sql`(${clientCompanies.legalNameZh} ilike ${pattern} or ${clientCompanies.nameEn} ilike ${pattern})` : undefined,
        ),
      )
      .orderBy(asc(clientCompanies.legalNameZh), asc(clientCompanies.nameEn), asc(clientCompanies.id))
      .limit(limit),
  );
}

/* ------------------------------------------------------------ invitations */

function invitationUrl(token: string): string {
  return new URL(`/invitations/${token}`, env().APP_URL).toString();
}

async function mailInvitation(
  tx: Tx,
  actor: Actor,
  invitation: { email: string; role: Role; locale: Locale },
  token: string,
): Promise<void> {
  await enqueueMail(
    tx,
    renderMail("invitation", invitation.locale, invitation.email, {
      inviterName: actor.user.name,
      agencyName: actor.agency.name,
      role: roleLabel(invitation.role, invitation.locale),
      url: invitationUrl(token),
      days: INVITATION_DAYS,
    }),
  );
}

async function assertCompanyInAgency(tx: Tx, agencyId: string, companyId: string | null): Promise<void> {
  if (!companyId) return;
  const [company] = await tx
    .select({ id: clientCompanies.id })
    .from(clientCompanies)
    .where(and(eq(clientCompanies.agencyId, agencyId), eq(clientCompanies.id, companyId)));
  if (!company) throw fieldError("clientCompanyId", m.companyRequired);
}

/**
 * Invites `input.email` with a role (client administrators: for one company). Refused
 * when the address already belongs to a member or has a pending invitation (resend it).
 */
export async function inviteMember(
  actor: Actor,
  raw: unknown,
  locale: Locale = actor.agency.defaultLocale,
): Promise<{ invitationId: string; token: string }> {
  assertCan(actor.role, "member:manage");
  const parsed = inviteSchema.safeParse(raw);
  if (!parsed.success) throw validation(parsed.error);
  const input: InviteInput = parsed.data;
  const agencyId = actor.agency.id;
  const now = clock.now();
  const { token, hash } = newLinkToken();
  const id = newId();

  await withTenant(tenantOf(actor), async (tx) => {
    await assertCompanyInAgency(tx, agencyId, input.clientCompanyId);
    const [member] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.agencyId, agencyId), sql`lower(${users.email}) = lower(${input.email})`));
    if (member) throw fieldError("email", m.alreadyMember);
    const [pending] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(
        and(
          eq(invitations.agencyId, agencyId),
          sql`lower(${invitations.email}) = lower(${input.email})`,
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          sql`${invitations.expiresAt} > ${now}`,
        ),
      );
    if (pending) throw fieldError("email", m.alreadyInvited);

    await tx.insert(invitations).values({
      id,
      agencyId,
      email: input.email,
      role: input.role,
      clientCompanyId: input.clientCompanyId,
      tokenHash: hash,
      invitedBy: actor.user.id,
      expiresAt: addDays(now, INVITATION_DAYS),
      createdAt: now,
    });
    await recordAudit(tx, {
      agencyId,
      actorUserId: actor.user.id,
      action: "invitation.create",
      targetType: "invitation",
      targetId: id,
      data: { email: input.email, role: input.role, clientCompanyId: input.clientCompanyId },
    });
    await mailInvitation(tx, actor, { email: input.email, role: input.role, locale }, token);
  });
  return { invitationId: id, token };
}

async function pendingInvitation(tx: Tx, actor: Actor, invitationId: string) {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.agencyId, actor.agency.id), eq(invitations.id, invitationId)))
    .for("update");
  if (!row) throw new AppError("NOT_FOUND", `invitation ${invitationId}`);
  if (row.acceptedAt || row.revokedAt) {
    throw new AppError("CONFLICT", `invitation ${invitationId} is no longer pending`, {
      messageKey: "memberForms.errors.invitationClosed",
    });
  }
  return row;
}

/** A new link (the old one stops working) with a new week, mailed again. */
export async function resendInvitation(
  actor: Actor,
  invitationId: string,
  locale: Locale = actor.agency.defaultLocale,
): Promise<{ token: string }> {
  assertCan(actor.role, "member:manage");
  const { token, hash } = newLinkToken();
  const now = clock.now();
  await withTenant(tenantOf(actor), async (tx) => {
    const row = await pendingInvitation(tx, actor, invitationId);
    await tx
      .update(invitations)
      .set({ tokenHash: hash, expiresAt: addDays(now, INVITATION_DAYS) })
      .where(and(eq(invitations.agencyId, actor.agency.id), eq(invitations.id, row.id)));
    await recordAudit(tx, {
      agencyId: actor.agency.id,
      actorUserId: actor.user.id,
      action: "invitation.resend",
      targetType: "invitation",
      targetId: row.id,
      data: { email: row.email, role: row.role },
    });
    await mailInvitation(tx, actor, { email: row.email, role: row.role, locale }, token);
  });
  return { token };
}

export async function revokeInvitation(actor: Actor, invitationId: string): Promise<void> {
  assertCan(actor.role, "member:manage");
  await withTenant(tenantOf(actor), async (tx) => {
    const row = await pendingInvitation(tx, actor, invitationId);
    await tx
      .update(invitations)
      .set({ revokedAt: clock.now() })
      .where(and(eq(invitations.agencyId, actor.agency.id), eq(invitations.id, row.id)));
    await recordAudit(tx, {
      agencyId: actor.agency.id,
      actorUserId: actor.user.id,
      action: "invitation.revoke",
      targetType: "invitation",
      targetId: row.id,
      data: { email: row.email, role: row.role },
    });
  });
}

/* --------------------------------------------------------- member changes */

type MembershipRow = typeof memberships.$inferSelect;

/** The target membership, locked; never the actor's own, never an owner's (transfer ownership instead). */
async function targetMembership(tx: Tx, actor: Actor, membershipId: string): Promise<MembershipRow> {
  const [row] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.agencyId, actor.agency.id), eq(memberships.id, membershipId)))
    .for("update");
  if (!row) throw new AppError("NOT_FOUND", `membership ${membershipId}`);
  if (row.id === actor.membershipId) {
    throw new AppError("FORBIDDEN", "members cannot change their own membership", { messageKey: "memberForms.errors.notYourself" });
  }
  if (row.role === "owner") {
    throw new AppError("FORBIDDEN", "an owner changes only by a transfer of ownership", {
      messageKey: "memberForms.errors.ownerProtected",
    });
  }
  return row;
}

/**
 * Moves every client and card of `from` to `to` (an active owner, admin or staff member
 * of the agency, not `from`), bumping their versions. Refused with a field message
 * when `from` has work and `to` is missing or unfit.
 */
async function reassignWork(tx: Tx, actor: Actor, from: MembershipRow, to: string | null): Promise<void> {
  const agencyId = actor.agency.id;
  const [clients] = await tx
    .select({ n: count() })
    .from(clientCompanies)
    .where(and(eq(clientCompanies.agencyId, agencyId), eq(clientCompanies.assigneeUserId, from.userId)));
  const [cards] = await tx
    .select({ n: count() })
    .from(registrations)
    .where(and(eq(registrations.agencyId, agencyId), eq(registrations.assigneeUserId, from.userId)));
  const clientCount = clients?.n ?? 0;
  const cardCount = cards?.n ?? 0;
  if (clientCount === 0 && cardCount === 0) return;
  if (!to) throw fieldError("reassignTo", m.reassignRequired);
  const [heir] = await tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(
      and(
        eq(memberships.agencyId, agencyId),
        eq(memberships.userId, to),
        eq(memberships.status, "active"),
        ne(memberships.userId, from.userId),
      ),
    );
  if (!heir || !assignableRoles.includes(heir.role)) throw fieldError("reassignTo", m.reassignInvalid);
  const now = clock.now();
  await tx
    .update(clientCompanies)
    .set({ assigneeUserId: to, version: sql`${clientCompanies.version} + 1`, updatedAt: now })
    .where(and(eq(clientCompanies.agencyId, agencyId), eq(clientCompanies.assigneeUserId, from.userId)));
  await tx
    .update(registrations)
    .set({ assigneeUserId: to, version: sql`${registrations.version} + 1`, updatedAt: now })
    .where(and(eq(registrations.agencyId, agencyId), eq(registrations.assigneeUserId, from.userId)));
  await recordAudit(tx, {
    agencyId,
    actorUserId: actor.user.id,
    action: "member.reassign",
    targetType: "membership",
    targetId: from.id,
    data: { fromUserId: from.userId, toUserId: to, clients: clientCount, registrations: cardCount },
  });
}

/** A new role (client administrators: for one company); work moves on first if the new role cannot hold it. */
export async function changeRole(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor.role, "member:manage");
  const parsed = changeRoleSchema.safeParse(raw);
  if (!parsed.success) throw validation(parsed.error);
  const input: ChangeRoleInput = parsed.data;
  await withTenant(tenantOf(actor), async (tx) => {
    const row = await targetMembership(tx, actor, input.membershipId);
    await assertCompanyInAgency(tx, actor.agency.id, input.clientCompanyId);
    if (row.role === input.role && row.clientCompanyId === input.clientCompanyId) return;
    if (!assignableRoles.includes(input.role)) await reassignWork(tx, actor, row, input.reassignTo);
    await tx
      .update(memberships)
      .set({ role: input.role, clientCompanyId: input.clientCompanyId })
      .where(and(eq(memberships.agencyId, actor.agency.id), eq(memberships.id, row.id)));
    await endMemberSessions(tx, row.userId);
    await recordAudit(tx, {
      agencyId: actor.agency.id,
      actorUserId: actor.user.id,
      action: "member.role_change",
      targetType: "membership",
      targetId: row.id,
      data: {
        userId: row.userId,
        from: row.role,
        to: input.role,
        sessionsEnded: true,
        ...(input.clientCompanyId ? { clientCompanyId: input.clientCompanyId } : {}),
      },
    });
  });
}

/** The audit event of a change to `row`, the membership acted on. */
function auditMember(
  tx: Tx,
  actor: Actor,
  action: AuditAction,
  row: MembershipRow,
  data: Record<string, unknown> = { userId: row.userId, role: row.role },
): Promise<void> {
  return recordAudit(tx, { agencyId: actor.agency.id, actorUserId: actor.user.id, action, targetType: "membership", targetId: row.id, data });
}

/** Disables (work handed to `reassignTo` first) or enables a membership; no change, no event. */
async function setStatus(actor: Actor, membershipId: string, status: MembershipStatus, reassignTo: string | null): Promise<void> {
  await withTenant(tenantOf(actor), async (tx) => {
    const row = await targetMembership(tx, actor, membershipId);
    if (row.status === status) return;
    if (status === "disabled") await reassignWork(tx, actor, row, reassignTo);
    await tx
      .update(memberships)
      .set({ status })
      .where(and(eq(memberships.agencyId, actor.agency.id), eq(memberships.id, row.id)));
    if (status === "disabled") await endMemberSessions(tx, row.userId);
    await auditMember(
      tx,
      actor,
      status === "disabled" ? "member.disable" : "member.enable",
      row,
      status === "disabled" ? { userId: row.userId, role: row.role, sessionsEnded: true } : undefined,
    );
  });
}

/** Disables a member: their clients and cards go to `reassignTo` first; their next request is refused. */
export async function disableMember(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor.role, "member:manage");
  const parsed = offboardSchema.safeParse(raw);
  if (!parsed.success) throw validation(parsed.error);
  await setStatus(actor, parsed.data.membershipId, "disabled", parsed.data.reassignTo);
}

export async function enableMember(actor: Actor, membershipId: string): Promise<void> {
  assertCan(actor.role, "member:manage");
  await setStatus(actor, membershipId, "active", null);
}

/** Removes a member from the agency (their account stays, for their other agencies); work moves first. */
export async function removeMember(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor.role, "member:manage");
  const parsed = offboardSchema.safeParse(raw);
  if (!parsed.success) throw validation(parsed.error);
  const input = parsed.data;
  await withTenant(tenantOf(actor), async (tx) => {
    const row = await targetMembership(tx, actor, input.membershipId);
    await reassignWork(tx, actor, row, input.reassignTo);
    // Before the membership goes: the function ends sessions only of members of this agency.
    await endMemberSessions(tx, row.userId);
    await tx.delete(memberships).where(and(eq(memberships.agencyId, actor.agency.id), eq(memberships.id, row.id)));
    await auditMember(tx, actor, "member.remove", row, { userId: row.userId, role: row.role, sessionsEnded: true });
  });
}

/** The owner hands the agency to an active staff-side member, and becomes an admin. */
export async function transferOwnership(actor: Actor, membershipId: string): Promise<void> {
  assertCan(actor.role, "ownership:transfer");
  await withTenant(tenantOf(actor), async (tx) => {
    const [row] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.agencyId, actor.agency.id), eq(memberships.id, membershipId)))
      .for("update");
    if (!row) throw new AppError("NOT_FOUND", `membership ${membershipId}`);
    if (row.id === actor.membershipId || row.status !== "active" || !["admin", "staff", "manager"].includes(row.role)) {
      throw new AppError("VALIDATION", "ownership goes to another active staff-side member", {
        messageKey: "memberForms.errors.transferTarget",
      });
    }
    await tx
      .update(memberships)
      .set({ role: "owner", clientCompanyId: null })
      .where(and(eq(memberships.agencyId, actor.agency.id), eq(memberships.id, row.id)));
    await endMemberSessions(tx, row.userId);
    await tx
      .update(memberships)
      .set({ role: "admin" })
      .where(and(eq(memberships.agencyId, actor.agency.id), eq(memberships.id, actor.membershipId)));
    await recordAudit(tx, {
      agencyId: actor.agency.id,
      actorUserId: actor.user.id,
      action: "ownership.transfer",
      targetType: "membership",
      targetId: row.id,
      data: { fromUserId: actor.user.id, toUserId: row.userId, previousRole: row.role },
    });
  });
}

/**
 * Deletes the agency (owner only; `confirmation` must be its slug): marked deleted at
 * once, which ends every member's access (the slug and membership lookups skip deleted
 * agencies), and its purge queued on the worker for 30 days later.
 */
export async function deleteAgency(actor: Actor, raw: unknown): Promise<{ purgeAt: Date }> {
  assertCan(actor.role, "agency:delete");
  const parsed = deleteAgencySchema.safeParse(raw);
  if (!parsed.success || parsed.data.confirmation !== actor.agency.slug) {
    throw fieldError("confirmation", m.confirmationMismatch);
  }
  const now = clock.now();
  const purgeAt = addDays(now, PURGE_AFTER_DAYS);
  await withTenant(tenantOf(actor), async (tx) => {
    await tx.execute(sql`update agencies set deleted_at = ${now} where id = ${actor.agency.id} and deleted_at is null`);
    await recordAudit(tx, {
      agencyId: actor.agency.id,
      actorUserId: actor.user.id,
      action: "agency.delete",
      targetType: "agency",
      targetId: actor.agency.id,
      data: { slug: actor.agency.slug, purgeAt: purgeAt.toISOString() },
    });
    // Queued in this transaction: a rolled-back deletion leaves no purge behind.
    await tx.execute(sql`
      insert into pgboss.job (id, name, data, start_after, keep_until, retry_limit, retry_delay, retry_backoff, policy)
      values (gen_random_uuid(), ${PURGE_QUEUE}, ${JSON.stringify({ agencyId: actor.agency.id })}::jsonb,
              ${purgeAt}, ${addDays(purgeAt, 14)}, 10, 300, true, 'standard')`);
  });
  return { purgeAt };
}

/* ---------------------------------------------------------------- helpers */

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 24 * 60 * 60 * 1000);
}

function validation(error: ZodError): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
  return new AppError("VALIDATION", "invalid member input", { fields });
}
