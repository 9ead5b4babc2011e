/**
 * Writing the audit log (design.md §4.5): every change worth answering for writes one
 * event inside the transaction that makes the change, so there is never a change
 * without its event, nor an event for a change that rolled back. audit_events is
 * append-only in the database (triggers refuse UPDATE, DELETE and TRUNCATE).
 */
import { auditEvents } from "@/db/schema";
import type { Tx } from "@/db/tenant";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";

/** Every action the log knows, by area; the audit page offers them as a filter. */
export const auditActions = [
  "agency.create",
  "agency.delete",
  "agency.settings_change",
  /** A day of the holiday calendar added, changed or removed, or a year of the national calendar added. */
  "agency.holidays_change",
  "member.add",
  "member.role_change",
  "member.disable",
  "member.enable",
  "member.remove",
  "member.reassign",
  "ownership.transfer",
  "invitation.create",
  "invitation.resend",
  "invitation.revoke",
  "invitation.accept",
  "user.verify_email",
  "session.sign_out",
  "session.sign_in_link",
  "password.change",
  "password.reset",
  "totp.enable",
  "totp.disable",
  "totp.recovery_code_used",
  "api_token.create",
  "api_token.revoke",
  // Business changes (written by the features of later issues, and by the seed).
  "client.create",
  "client.update",
  "client.archive",
  "client.restore",
  "client.assign",
  "client.team_add",
  "client.team_remove",
  "client.import",
  "person.create",
  "person.reveal_id",
  "person.export",
  "person.erase",
  "person.update",
  "external_account.create",
  "registration.create",
  "registration.move",
  "registration.waiting",
  "registration.assign",
  "official_account.create",
  "official_account.rename",
  "official_account.change_operator",
  "official_account.update",
  "wecom_corp.create",
  "document_request.create",
  "document_request.cancel",
  "document_request.comment",
  "document.upload",
  "document.review",
  "document.quarantine",
  "note.create",
] as const;
export type AuditAction = (typeof auditActions)[number];

/** What an event is about: the audit page's "entity" filter. */
export const auditTargetTypes = [
  "agency",
  "membership",
  "invitation",
  "user",
  "api_token",
  "client_company",
  "person",
  "external_account",
  "registration",
  "official_account",
  "wecom_corp",
  "document_request",
  "document",
  "note",
] as const;
export type AuditTargetType = (typeof auditTargetTypes)[number];

export type AuditEntry = {
  agencyId: string;
  /** Who did it; null for the system (a job, the purge). */
  actorUserId: string | null;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string | null;
  /** What changed (ids, roles, before / after): never a password, token or ID number. */
  data?: Record<string, unknown>;
  requestId?: string | null;
};

/** Appends one event inside `tx`, the transaction that makes the change. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    id: newId(),
    agencyId: entry.agencyId,
    actorUserId: entry.actorUserId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    data: entry.data ?? {},
    requestId: entry.requestId ?? null,
    at: clock.now(),
  });
}
