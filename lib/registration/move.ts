/**
 * Moving a registration card (design.md §4.4, §5; issue 7 §1, §7): one transaction that
 * locks the card, compares its version, checks the move (lib/registration/transitions.ts,
 * the rules the board shows), and makes its effects together:
 * - the card's stage, resume stage, stage_entered_at, version and due date (the deadline
 *   of the stage entered, lib/registration/deadlines.ts; none in side states);
 * - an Official Account's ID slot: entering rejected or abandoned frees it (its id_slots
 *   row goes), leaving them takes one again, or is refused with ID_CAP_REACHED naming the
 *   holders and nothing changes (design.md §4.2);
 * - an Official Account's registered_at, set on entering registered (for good: the database
 *   keeps it, so a registered card is final, not even undone);
 * - a WeCom corp's yearly verification (lib/registration/verification.ts
 *   verificationAfterMove): pending on entering verification_submitted, verified for a
 *   year on entering verified, failed on a rejection while WeChat's auditor had it, and
 *   back to what it was when such a move is undone (read from the undone move's audit
 *   event); the audit event then carries it before and after;
 * - a registration_events row and a `registration.move` audit event, in the same
 *   transaction: a refused or failed move writes neither.
 */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { agencies, idSlots, officialAccounts, registrationEvents, registrations, wecomCorps } from "@/db/schema";
import { withTenant, type Tx } from "@/db/tenant";
import { takeIdSlotNamingHolders } from "@/lib/accounts/id-slots";
import { recordAudit } from "@/lib/audit/record";
import { clock } from "@/lib/clock";
import type { VerificationStatus } from "@/lib/clients/kinds";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { assertCan } from "@/lib/rbac/permissions";
import { z } from "@/lib/validation/zod";
import { moveRegistrationSchema } from "./api-schemas";
import { businessCalendar, localDate } from "./calendar";
import { deadlineRule, DEFAULT_OVERSEAS_FOLLOW_UP_DAYS, dueAtOnEntering } from "./deadlines";
import { loadCalendar } from "./holidays-service";
import { sideStages, type Pipeline, type Stage } from "./pipelines";
import { notFound, readCard, type ReadContext, type RegistrationCard, type RegistrationsActor } from "./queries";
import { checkMove, moveContextOf, resumeStageAfter, type MoveCheck, type MoveKind } from "./transitions";
import { verificationAfterMove, type VerificationState } from "./verification";

export const MOVE_MESSAGES = {
  operatorErased: "accounts.errors.operatorErased",
  operatorNotVisible: "registrationMoves.errors.operatorNotVisible",
} as const;

function parseMove(input: unknown) {
  const parsed = moveRegistrationSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
  throw new AppError("VALIDATION", "invalid move", { fields });
}

const isFreed = (stage: Stage) => stage === "rejected" || stage === "abandoned";
const isSide = (stage: Stage) => (sideStages as readonly Stage[]).includes(stage);

/** A stale version: the card as it stands, and who moved it last and when (design.md §4.4). */
export function staleVersion(card: RegistrationCard, version: number): AppError {
  return new AppError("STALE_VERSION", `registration ${card.id} is at version ${card.version}, not ${version}`, {
    current: card,
    movedBy: card.lastMove?.by ?? null,
    movedAt: card.lastMove?.at ?? null,
  });
}

export function refusedMove(card: RegistrationCard, to: Stage, check: Extract<MoveCheck, { ok: false }>): AppError {
  return new AppError("CONFLICT", `registration ${card.id}: ${card.stage} → ${to} refused (${check.reason})`, {
    messageKey: check.messageKey,
    reason: check.reason,
    ...(check.missingDocuments ? { missingDocuments: check.missingDocuments } : {}),
  });
}

/* ------------------------------------------------------------------- slots */

type AccountForSlots = {
  id: string;
  slot: 1 | 2 | null;
  operatorPersonId: string | null;
  /** The operator as this user sees them: null when there is none, or they are hidden (ADR 0010). */
  operator: { idType: string; hmac: Buffer | null } | null;
};

async function accountOf(tx: Tx, agencyId: string, registrationId: string): Promise<AccountForSlots | null> {
  const { rows } = await tx.execute<{
    id: string;
    slot: number | null;
    operator_person_id: string | null;
    id_type: string | null;
    id_number_hmac: Buffer | null;
  }>(sql`
    select a.id, s.slot, a.operator_person_id, p.id_type, p.id_number_hmac
    from official_accounts a
    left join id_slots s on s.agency_id = a.agency_id and s.official_account_id = a.id
    left join people p on p.agency_id = a.agency_id and p.id = a.operator_person_id
    where a.agency_id = ${agencyId} and a.registration_id = ${registrationId}::uuid`);
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    slot: row.slot as 1 | 2 | null,
    operatorPersonId: row.operator_person_id,
    operator: row.id_type ? { idType: row.id_type, hmac: row.id_number_hmac } : null,
  };
}

/**
 * The account's slot after the move: freed on entering rejected or abandoned, taken again
 * on leaving them (refused with ID_CAP_REACHED naming the holders), kept otherwise.
 */
async function moveSlot(tx: Tx, agencyId: string, account: AccountForSlots, from: Stage, to: Stage, at: Date): Promise<1 | 2 | null> {
  if (isFreed(to) && !isFreed(from)) {
    await tx.delete(idSlots).where(and(eq(idSlots.agencyId, agencyId), eq(idSlots.officialAccountId, account.id)));
    return null;
  }
  if (!isFreed(from) || isFreed(to)) return account.slot;
  if (account.operatorPersonId && !account.operator) {
    // Hidden from a restricted staff member: the slot cannot be checked, so nothing is risked.
    throw new AppError("CONFLICT", `official account ${account.id}: operator not visible`, { messageKey: MOVE_MESSAGES.operatorNotVisible });
  }
  if (!account.operator || account.operator.idType !== "prc_resident_id") return null;
  // An erased operator has no ID left to take a slot with: the operator must change first.
  if (!account.operator.hmac) {
    throw new AppError("CONFLICT", `official account ${account.id}: operator erased`, { messageKey: MOVE_MESSAGES.operatorErased });
  }
  return takeIdSlotNamingHolders(tx, { agencyId, operatorIdHmac: account.operator.hmac, holder: { officialAccountId: account.id }, at });
}

/* --------------------------------------------------------------- deadlines */

/**
 * The due date of a card entering `stage` at `at` (lib/registration/deadlines.ts), with the
 * agency's follow-up interval and its holidays table; null for a stage without one.
 */
async function dueOnEntering(tx: Tx, agency: { id: string; timeZone: string }, pipeline: Pipeline, stage: Stage, at: Date): Promise<Date | null> {
  let overseasFollowUpDays = DEFAULT_OVERSEAS_FOLLOW_UP_DAYS;
  if (pipeline === "oa_overseas") {
    const [row] = await tx.select({ days: agencies.overseasFollowUpDays }).from(agencies).where(eq(agencies.id, agency.id)).limit(1);
    overseasFollowUpDays = row?.days ?? overseasFollowUpDays;
  }
  const rule = deadlineRule(pipeline, stage, { overseasFollowUpDays });
  if (!rule) return null;
  // The year entered and the next: a deadline set in December often falls in January.
  const year = Number(localDate(at, agency.timeZone).slice(0, 4));
  const calendar = rule.unit === "business_days" ? await loadCalendar(tx, agency.id, year, year + 1) : businessCalendar([]);
  return dueAtOnEntering({ pipeline, stage, enteredAt: at, calendar, timeZone: agency.timeZone, overseasFollowUpDays });
}

/* ------------------------------------------------------------ verification */

/** A verification as the audit event records it. */
type AuditedVerification = { status: VerificationStatus; expiresAt: string | null };

const audited = (state: VerificationState): AuditedVerification => ({ status: state.status, expiresAt: state.expiresAt?.toISOString() ?? null });

/** The stages whose moves may change a WeCom corp's verification (verification.ts). */
const VERIFICATION_STAGES: readonly Stage[] = ["verification_submitted", "verified", "rejected"];

/**
 * A WeCom card's corp verification before and after its move to `to`, or null when the
 * move leaves it alone (and then reads nothing). An undo restores the verification its
 * undone move's audit event recorded as before.
 */
async function moveVerification(
  tx: Tx,
  agencyId: string,
  card: RegistrationCard,
  to: Stage,
  kind: MoveKind,
  now: Date,
): Promise<{ corpId: string; before: VerificationState; after: VerificationState } | null> {
  const corpId = card.account.id;
  if (card.pipeline !== "wecom" || !corpId || (kind !== "undo" && !VERIFICATION_STAGES.includes(to))) return null;
  const [row] = await tx
    .select({ status: wecomCorps.verificationStatus, expiresAt: wecomCorps.verificationExpiresAt })
    .from(wecomCorps)
    .where(and(eq(wecomCorps.agencyId, agencyId), eq(wecomCorps.id, corpId)))
    .limit(1);
  if (!row) return null;
  const before: VerificationState = { status: row.status, expiresAt: row.expiresAt };
  let undone: VerificationState | null = null;
  if (kind === "undo") {
    const { rows } = await tx.execute<{ before: AuditedVerification | null }>(sql`
      select e.data -> 'verification' -> 'before' as before from audit_events e
      where e.agency_id = ${agencyId} and e.target_type = 'registration' and e.target_id = ${card.id}::uuid
        and e.action = 'registration.move'
      order by e.at desc, e.id desc limit 1`);
    const recorded = rows[0]?.before;
    undone = recorded ? { status: recorded.status, expiresAt: recorded.expiresAt ? new Date(recorded.expiresAt) : null } : null;
  }
  const after = verificationAfterMove({
    pipeline: card.pipeline,
    from: card.stage,
    resumeStage: card.resumeStage,
    to,
    kind,
    current: before,
    now,
    undone,
  });
  return after ? { corpId, before, after } : null;
}

/* -------------------------------------------------------------------- move */

/**
 * Moves card `id` to `input.to` if its `input.version` is current and the pipeline allows
 * it, with every effect in one transaction (above). Needs `registration:move`. Answers
 * the card as it now stands. Errors: FORBIDDEN; VALIDATION (fields: to, version, note);
 * NOT_FOUND (another agency's card, one a restricted staff member may not see, or a
 * non-UUID); STALE_VERSION (details: current card, movedBy, movedAt); CONFLICT (a refused
 * move: details.reason and messageKey, missingDocuments for the guard; or an operator
 * erased or hidden); ID_CAP_REACHED (details.holders).
 */
export async function moveRegistration(
  actor: RegistrationsActor,
  id: string,
  input: unknown,
  options: { requestId?: string | null } = {},
): Promise<RegistrationCard> {
  assertCan(actor.role, "registration:move");
  const body = parseMove(input);
  if (!z.uuid().safeParse(id).success) throw notFound(id);
  const agencyId = actor.agency.id;
  const ctx: ReadContext = { agencyId, userId: actor.user.id, now: clock.now(), timeZone: actor.agency.timeZone };

  return withTenant({ agencyId, userId: actor.user.id }, async (tx) => {
    const card = await lockCard(tx, ctx, id);
    if (!card) throw notFound(id);
    return moveLockedCard(tx, actor, ctx, card, body, options);
  });
}

/**
 * Locks card `id` (FOR UPDATE) and reads it, in an open transaction: the version compared
 * afterwards is then the one overwritten. Null when it is not there or not visible.
 */
export async function lockCard(tx: Tx, ctx: ReadContext, id: string): Promise<RegistrationCard | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const { rows: locked } = await tx.execute<{ id: string }>(
    sql`select r.id from registrations r where r.agency_id = ${ctx.agencyId} and r.id = ${id}::uuid for update`,
  );
  return locked[0] ? readCard(tx, ctx, id) : null;
}

/**
 * The move of a card already locked by lockCard, inside the caller's transaction (the
 * board's bulk move, lib/registration/waiting.ts, runs several in one): the version, the
 * pipeline's rules and every effect, as moveRegistration. Throws STALE_VERSION, CONFLICT
 * or ID_CAP_REACHED as it does; the caller rolls back.
 */
export async function moveLockedCard(
  tx: Tx,
  actor: RegistrationsActor,
  ctx: ReadContext,
  card: RegistrationCard,
  body: { to: Stage; version: number; note?: string | null },
  options: { requestId?: string | null } = {},
): Promise<RegistrationCard> {
  const agencyId = ctx.agencyId;
  const now = ctx.now;
  if (card.version !== body.version) throw staleVersion(card, body.version);

  const to = body.to;
  const check = checkMove(card, to, moveContextOf(card, { userId: actor.user.id, role: actor.role }, now));
  if (!check.ok) throw refusedMove(card, to, check);

  const account = card.product === "official_account" ? await accountOf(tx, agencyId, card.id) : null;
  const slotBefore = account?.slot ?? null;
  // Taken (or freed) first: a full ID then rolls back before anything else was written.
  const slotAfter = account ? await moveSlot(tx, agencyId, account, card.stage, to, now) : null;
  const dueAt = isSide(to) ? null : await dueOnEntering(tx, actor.agency, card.pipeline, to, now);
  const verification = await moveVerification(tx, agencyId, card, to, check.kind, now);

  await tx
    .update(registrations)
    .set({
      stage: to,
      resumeStage: resumeStageAfter(card, to, check.kind),
      stageEnteredAt: now,
      dueAt,
      version: card.version + 1,
      updatedAt: now,
    })
    .where(and(eq(registrations.agencyId, agencyId), eq(registrations.id, card.id)));
  if (account && to === "registered") {
    // Once set, it stays (0019: the introduction and rename rules hang on it), so registered is final.
    await tx
      .update(officialAccounts)
      .set({ registeredAt: now, updatedAt: now })
      .where(and(eq(officialAccounts.agencyId, agencyId), eq(officialAccounts.id, account.id)));
  }
  if (verification) {
    await tx
      .update(wecomCorps)
      .set({ verificationStatus: verification.after.status, verificationExpiresAt: verification.after.expiresAt, updatedAt: now })
      .where(and(eq(wecomCorps.agencyId, agencyId), eq(wecomCorps.id, verification.corpId)));
  }
  const note = body.note ?? null;
  await tx.insert(registrationEvents).values({
    id: newId(),
    agencyId,
    clientCompanyId: card.company.id,
    registrationId: card.id,
    fromStage: card.stage,
    toStage: to,
    actorUserId: actor.user.id,
    at: now,
    note,
  });
  const subject = account
    ? { officialAccountId: account.id, from: card.stage, to, slotBefore, slotAfter }
    : {
        wecomCorpId: card.account.id,
        from: card.stage,
        to,
        ...(verification ? { verification: { before: audited(verification.before), after: audited(verification.after) } } : {}),
      };
  await recordAudit(tx, {
    agencyId,
    actorUserId: actor.user.id,
    requestId: options.requestId,
    action: "registration.move",
    targetType: "registration",
    targetId: card.id,
    data: { ...subject, ...(note ? { note } : {}) },
  });
  return (await readCard(tx, ctx, card.id))!;
}
