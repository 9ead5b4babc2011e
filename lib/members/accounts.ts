/**
 * Joining: sign-up (a new agency and its owner), the e-mail check, and accepting an
 * invitation. Before a tenant is known these go through the SECURITY DEFINER functions
 * of 0006_members.sql; everything tenant-side happens in the new or inviting agency's
 * tenant, in one transaction with its audit events and mail.
 */
import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { agencies, invitations, memberships } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { hashLinkToken, isLinkTokenShape, newLinkToken } from "@/lib/auth/tokens";
import { findCredentials } from "@/lib/auth/users";
import { clock } from "@/lib/clock";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/config";
import { newId } from "@/lib/ids";
import { enqueueMail } from "@/lib/mail/outbox";
import { renderMail } from "@/lib/mail/templates";
import type { Role } from "@/lib/rbac/roles";
import { copyNationalCalendar } from "@/lib/registration/holidays-service";
import { acceptInvitationSchema, MEMBER_FORM_MESSAGES as m, signUpSchema, type SignUpInput } from "./schemas";

/** An e-mail check link works for a day. */
export const EMAIL_VERIFICATION_HOURS = 24;

type PgError = { code?: string; constraint?: string };

function fieldError(field: string, message: string): AppError {
  return new AppError("VALIDATION", `${field}: ${message}`, { fields: { [field]: message } });
}

function link(path: string): string {
  return new URL(path, env().APP_URL).toString();
}

/* ---------------------------------------------------------------- sign-up */

export type SignUpResult = { status: "check-inbox"; email: string };

/**
 * Creates the agency and its owner (unverified) and mails the e-mail check link, in one
 * transaction. When the address already has an account nothing is created and that
 * address is told so by mail instead: the answer is the same either way, so the form
 * does not reveal who has an account. A taken slug is a field error.
 */
export async function signUp(raw: unknown, locale: Locale): Promise<SignUpResult> {
  const parsed = signUpSchema.safeParse(raw);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
    throw new AppError("VALIDATION", "invalid sign-up", { fields });
  }
  const input: SignUpInput = parsed.data;
  // Hashed whether or not the account exists: both answers take as long.
  const passwordHash = await hashPassword(input.password);
  const existing = await findCredentials(input.email);
  const now = clock.now();

  const agencyId = newId();
  const userId = existing?.userId ?? newId();
  try {
    await withTenant({ agencyId, userId }, async (tx) => {
      if (existing) {
        const { rows } = await tx.execute(sql`select 1 from weidesk_agency_by_slug(${input.slug})`);
        if (rows.length > 0) throw fieldError("slug", m.slugTaken);
        await enqueueMail(tx, renderMail("signUpAccountExists", locale, input.email, { signInUrl: link("/sign-in") }));
        return;
      }
      const { token, hash } = newLinkToken();
      await tx.execute(sql`select weidesk_sign_up(
        ${userId}, ${input.email}, ${input.name}, ${passwordHash}, ${locale},
        ${agencyId}, ${input.slug}, ${input.agencyName}, ${input.defaultLocale}, ${input.timeZone},
        ${newId()}, ${hash}, ${new Date(now.getTime() + EMAIL_VERIFICATION_HOURS * 3600_000)}, ${now})`);
      const membershipId = newId();
      await tx.insert(memberships).values({ id: membershipId, agencyId, userId, role: "owner", createdAt: now });
      // A new agency counts business days on the national calendar from the start (design.md §5).
      await copyNationalCalendar(tx, agencyId);
      await recordAudit(tx, {
        agencyId,
        actorUserId: userId,
        action: "agency.create",
        targetType: "agency",
        targetId: agencyId,
        data: { slug: input.slug, name: input.agencyName },
      });
      await recordAudit(tx, {
        agencyId,
        actorUserId: userId,
        action: "member.add",
        targetType: "membership",
        targetId: membershipId,
        data: { userId, role: "owner" },
      });
      await enqueueMail(
        tx,
        renderMail("emailVerification", locale, input.email, {
          name: input.name,
          agencyName: input.agencyName,
          url: link(`/verify-email/${token}`),
          hours: EMAIL_VERIFICATION_HOURS,
        }),
      );
    });
  } catch (error) {
    const pgError = (error as { cause?: PgError })?.cause ?? (error as PgError);
    if (pgError?.code === "23505" && pgError.constraint === "agencies_slug_key") throw fieldError("slug", m.slugTaken);
    // Someone signed up with this address a moment ago: the same answer as for any existing account.
    if (pgError?.code === "23505" && pgError.constraint === "users_email_key") return { status: "check-inbox", email: input.email };
    throw error;
  }
  return { status: "check-inbox", email: input.email };
}

/** Follows an e-mail check link: the user it verified, or null (unknown, used or expired). */
export async function verifyEmail(token: string): Promise<{ userId: string } | null> {
  if (!isLinkTokenShape(token)) return null;
  const { rows } = await db().execute<{ user_id: string }>(
    sql`select user_id from weidesk_verify_email(${hashLinkToken(token)}, ${clock.now()})`,
  );
  return rows[0] ? { userId: rows[0].user_id } : null;
}

/** A fresh e-mail check link for the signed-in, unverified user. False when already verified. */
export async function resendEmailVerification(
  user: { id: string; email: string; name: string },
  locale: Locale,
): Promise<boolean> {
  const { token, hash } = newLinkToken();
  const now = clock.now();
  const agenciesOfUser = await db().execute<{ name: string }>(sql`select name from weidesk_user_agencies(${user.id})`);
  // No tenant: only the user's own token and the (global) outbox are written.
  return db().transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.user_id', ${user.id}, true)`);
    const { rows } = await tx.execute<{ issued: boolean }>(
      sql`select weidesk_issue_email_verification(${newId()}, ${hash}, ${new Date(now.getTime() + EMAIL_VERIFICATION_HOURS * 3600_000)}, ${now}) as issued`,
    );
    if (!rows[0]?.issued) return false;
    await enqueueMail(
      tx,
      renderMail("emailVerification", locale, user.email, {
        name: user.name,
        agencyName: agenciesOfUser.rows[0]?.name ?? "Weidesk",
        url: link(`/verify-email/${token}`),
        hours: EMAIL_VERIFICATION_HOURS,
      }),
    );
    return true;
  });
}

/* ------------------------------------------------------------ invitations */

export type InvitationState = "pending" | "accepted" | "revoked" | "expired";

export type InvitationView = {
  id: string;
  agencyId: string;
  agencySlug: string;
  agencyName: string;
  email: string;
  role: Role;
  clientCompanyId: string | null;
  expiresAt: Date;
  state: InvitationState;
};

/** The invitation behind a link, or null for a link that was never ours (or whose agency is gone). */
export async function findInvitation(token: string): Promise<InvitationView | null> {
  if (!isLinkTokenShape(token)) return null;
  const { rows } = await db().execute<{
    id: string;
    agency_id: string;
    email: string;
    role: Role;
    client_company_id: string | null;
    expires_at: Date;
    accepted_at: Date | null;
    revoked_at: Date | null;
  }>(sql`select * from weidesk_invitation_by_token_hash(${hashLinkToken(token)})`);
  const row = rows[0];
  if (!row) return null;
  const [agency] = await withTenant({ agencyId: row.agency_id, userId: null, readOnly: true }, (tx) =>
    tx
      .select({ slug: agencies.slug, name: agencies.name })
      .from(agencies)
      .where(and(eq(agencies.id, row.agency_id), isNull(agencies.deletedAt))),
  );
  if (!agency) return null;
  const now = clock.now();
  const expiresAt = new Date(row.expires_at);
  const state: InvitationState = row.accepted_at
    ? "accepted"
    : row.revoked_at
      ? "revoked"
      : expiresAt.getTime() <= now.getTime()
        ? "expired"
        : "pending";
  return {
    id: row.id,
    agencyId: row.agency_id,
    agencySlug: agency.slug,
    agencyName: agency.name,
    email: row.email,
    role: row.role,
    clientCompanyId: row.client_company_id,
    expiresAt,
    state,
  };
}

/** Whether an account exists for the invited address (the page then asks to sign in rather than to sign up). */
export async function accountExists(email: string): Promise<boolean> {
  return (await findCredentials(email)) !== null;
}

function refused(messageKey: string, message: string, code: "FORBIDDEN" | "CONFLICT" | "NOT_FOUND" = "CONFLICT"): AppError {
  return new AppError(code, message, { messageKey });
}

/**
 * Marks the invitation accepted and makes (or re-enables) the membership, inside the
 * inviting agency's tenant. The row is locked and re-checked, so a link is used once
 * even when two tabs race.
 */
async function completeAcceptance(
  tx: Parameters<Parameters<typeof withTenant>[1]>[0],
  invitation: InvitationView,
  tokenHash: Buffer,
  userId: string,
): Promise<void> {
  const now = clock.now();
  const [locked] = await tx
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.agencyId, invitation.agencyId),
        eq(invitations.id, invitation.id),
        eq(invitations.tokenHash, tokenHash),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .for("update");
  if (!locked) throw refused("invitations.errors.used", `invitation ${invitation.id} is no longer valid`);
  const [existing] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.agencyId, invitation.agencyId), eq(memberships.userId, userId)));
  let membershipId: string;
  if (existing?.status === "active") {
    throw refused("invitations.errors.alreadyMember", `user ${userId} is already a member`);
  } else if (existing) {
    membershipId = existing.id;
    await tx
      .update(memberships)
      .set({ status: "active", role: locked.role, clientCompanyId: locked.clientCompanyId })
      .where(and(eq(memberships.agencyId, invitation.agencyId), eq(memberships.id, existing.id)));
  } else {
    membershipId = newId();
    await tx.insert(memberships).values({
      id: membershipId,
      agencyId: invitation.agencyId,
      userId,
      role: locked.role,
      clientCompanyId: locked.clientCompanyId,
      createdAt: now,
    });
  }
  await tx
    .update(invitations)
    .set({ acceptedAt: now })
    .where(and(eq(invitations.agencyId, invitation.agencyId), eq(invitations.id, locked.id)));
  await recordAudit(tx, {
    agencyId: invitation.agencyId,
    actorUserId: userId,
    action: "invitation.accept",
    targetType: "invitation",
    targetId: locked.id,
    data: { email: locked.email, role: locked.role },
  });
  await recordAudit(tx, {
    agencyId: invitation.agencyId,
    actorUserId: userId,
    action: "member.add",
    targetType: "membership",
    targetId: membershipId,
    data: { userId, role: locked.role, invitationId: locked.id, ...(existing ? { reEnabled: true } : {}) },
  });
}

function assertPending(invitation: InvitationView | null): asserts invitation is InvitationView {
  if (!invitation) throw refused("invitations.errors.unknown", "no such invitation", "NOT_FOUND");
  if (invitation.state !== "pending") {
    throw refused(`invitations.errors.${invitation.state === "accepted" ? "used" : invitation.state}`, `invitation is ${invitation.state}`);
  }
}

/**
 * The signed-in user accepts: only under the invited address. Someone else's session
 * is refused (FORBIDDEN), whoever holds the link.
 */
export async function acceptInvitationAsUser(
  token: string,
  user: { id: string; email: string },
): Promise<{ agencySlug: string; role: Role }> {
  const invitation = await findInvitation(token);
  assertPending(invitation);
  if (invitation.email.toLowerCase() !== user.email.toLowerCase()) {
    throw refused("invitations.errors.otherAccount", "invitation is for another address", "FORBIDDEN");
  }
  const tokenHash = hashLinkToken(token);
  await withTenant({ agencyId: invitation.agencyId, userId: user.id }, async (tx) => {
    await completeAcceptance(tx, invitation, tokenHash, user.id);
    // Following the link proves the address.
    await tx.execute(sql`select weidesk_mark_email_verified_by_invitation(${tokenHash}, ${clock.now()})`);
  });
  return { agencySlug: invitation.agencySlug, role: invitation.role };
}

/** Someone without an account accepts: the account (verified by the link), then the membership, together. */
export async function acceptInvitationAsNewUser(
  raw: unknown,
  locale: Locale,
): Promise<{ agencySlug: string; role: Role; email: string }> {
  const parsed = acceptInvitationSchema.safeParse(raw);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
    throw new AppError("VALIDATION", "invalid acceptance", { fields });
  }
  const { token, name, password } = parsed.data;
  const invitation = await findInvitation(token);
  assertPending(invitation);
  if (await accountExists(invitation.email)) {
    throw refused("invitations.errors.accountExists", "an account exists for the invited address");
  }
  const passwordHash = await hashPassword(password);
  const tokenHash = hashLinkToken(token);
  const userId = newId();
  try {
    await withTenant({ agencyId: invitation.agencyId, userId }, async (tx) => {
      const { rows } = await tx.execute<{ user_id: string }>(
        sql`select user_id from weidesk_create_invited_user(${tokenHash}, ${userId}, ${name}, ${passwordHash}, ${locale}, ${clock.now()})`,
      );
      if (!rows[0]) throw refused("invitations.errors.used", "invitation is no longer valid");
      await completeAcceptance(tx, invitation, tokenHash, userId);
    });
  } catch (error) {
    const pgError = (error as { cause?: PgError })?.cause ?? (error as PgError);
    if (pgError?.code === "23505" && pgError.constraint === "users_email_key") {
      throw refused("invitations.errors.accountExists", "an account exists for the invited address");
    }
    throw error;
  }
  return { agencySlug: invitation.agencySlug, role: invitation.role, email: invitation.email };
}
