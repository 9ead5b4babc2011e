/**
 * Waiting flags and bulk actions on registration cards (issue 7 §4).
 *
 * A card may wait for the client or for WeChat; `waiting_since` keeps when that started
 * (set when the flag is set or changes kind, cleared with it — a CHECK in 0022 holds the
 * two together). Setting it carries the card's version like a move: a stale one is
 * STALE_VERSION with the card as it stands, and a change bumps the version.
 *
 * The bulk actions (assign, move, waiting) take the selected cards, each with its version,
 * and run in one transaction, all or nothing: every card is locked (in id order, so two
 * bulk actions cannot deadlock) and tried in a savepoint, the failures are collected, and
 * if any card failed nothing is written and CONFLICT carries `failures` — which card, and
 * why (stale, or the move's refusal with its reason). A card another agency's, or hidden
 * from a restricted staff member, is NOT_FOUND for the whole action. A bulk move goes
 * through lib/registration/move.ts moveLockedCard: the same rules and effects as one move.
 *
 * Every change writes an audit event in the same transaction: `registration.waiting`
 * ({ from, to }), `registration.assign` ({ from, to }), or the move's own.
 */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { registrations } from "@/db/schema";
import { withTenant, type Tx } from "@/db/tenant";
import { API_MESSAGES } from "@/lib/api/schemas";
import { recordAudit } from "@/lib/audit/record";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/rbac/permissions";
import { z } from "@/lib/validation/zod";
import { bulkActionSchema, setWaitingSchema, type BulkActionInput } from "./api-schemas";
import { lockCard, moveLockedCard, staleVersion } from "./move";
import type { Waiting } from "./pipelines";
import { notFound, readCard, type ReadContext, type RegistrationCard, type RegistrationsActor } from "./queries";

export const BULK_MESSAGES = {
  failed: "registrationBulk.errors.failed",
  stale: "registrationBulk.errors.stale",
  assigneeInvalid: "registrationBulk.errors.assigneeInvalid",
} as const;

/** Why one card of a bulk action failed (the 409's `failures`). */
export type BulkFailure = {
  id: string;
  code: "STALE_VERSION" | "CONFLICT" | "ID_CAP_REACHED";
  messageKey: string;
  reason?: string;
  currentVersion?: number;
};

type Options = { requestId?: string | null };

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
  throw new AppError("VALIDATION", "invalid input", { fields });
}

function contextOf(actor: RegistrationsActor): ReadContext {
  return { agencyId: actor.agency.id, userId: actor.user.id, now: clock.now(), timeZone: actor.agency.timeZone };
}

/** The flag of a locked card set to `waiting` (no write when it already is), with its audit event. */
async function writeWaiting(tx: Tx, actor: RegistrationsActor, ctx: ReadContext, card: RegistrationCard, waiting: Waiting, options: Options) {
  if (card.waiting === waiting) return;
  await tx
    .update(registrations)
    .set({ waiting, waitingSince: waiting === "none" ? null : ctx.now, version: card.version + 1, updatedAt: ctx.now })
    .where(and(eq(registrations.agencyId, ctx.agencyId), eq(registrations.id, card.id)));
  await recordAudit(tx, {
    agencyId: ctx.agencyId,
    actorUserId: actor.user.id,
    requestId: options.requestId,
    action: "registration.waiting",
    targetType: "registration",
    targetId: card.id,
    data: { from: card.waiting, to: waiting },
  });
}

async function writeAssignee(tx: Tx, actor: RegistrationsActor, ctx: ReadContext, card: RegistrationCard, assignee: string | null, options: Options) {
  const from = card.assignee?.id ?? null;
  if (from === assignee) return;
  await tx
    .update(registrations)
    .set({ assigneeUserId: assignee, version: card.version + 1, updatedAt: ctx.now })
    .where(and(eq(registrations.agencyId, ctx.agencyId), eq(registrations.id, card.id)));
  await recordAudit(tx, {
    agencyId: ctx.agencyId,
    actorUserId: actor.user.id,
    requestId: options.requestId,
    action: "registration.assign",
    targetType: "registration",
    targetId: card.id,
    data: { from, to: assignee },
  });
}

/**
 * Sets card `id`'s waiting flag (`none` clears it) if `input.version` is current. Needs
 * `registration:move`. Answers the card as it now stands (unchanged, same version, when it
 * already had that flag). Errors: FORBIDDEN; VALIDATION (fields: waiting, version);
 * NOT_FOUND (another agency's card, a hidden one, a non-UUID); STALE_VERSION (details:
 * current card, movedBy, movedAt).
 */
export async function setWaiting(actor: RegistrationsActor, id: string, input: unknown, options: Options = {}): Promise<RegistrationCard> {
  assertCan(actor.role, "registration:move");
  const body = parse(setWaitingSchema, input);
  if (!z.uuid().safeParse(id).success) throw notFound(id);
  const ctx = contextOf(actor);
  return withTenant({ agencyId: ctx.agencyId, userId: actor.user.id }, async (tx) => {
    const card = await lockCard(tx, ctx, id);
    if (!card) throw notFound(id);
    if (card.version !== body.version) throw staleVersion(card, body.version);
    await writeWaiting(tx, actor, ctx, card, body.waiting, options);
    return (await readCard(tx, ctx, id))!;
  });
}

/** A failure of one card from the error its change threw; anything else is not the card's fault. */
function failureOf(id: string, error: unknown): BulkFailure | null {
  if (!(error instanceof AppError)) return null;
  const details = error.details as { messageKey?: string; reason?: string; current?: RegistrationCard };
  if (error.code === "STALE_VERSION") {
    return { id, code: "STALE_VERSION", messageKey: BULK_MESSAGES.stale, ...(details.current ? { currentVersion: details.current.version } : {}) };
  }
  if (error.code === "CONFLICT") {
    return { id, code: "CONFLICT", messageKey: details.messageKey ?? "errors.codes.CONFLICT", ...(details.reason ? { reason: details.reason } : {}) };
  }
  if (error.code === "ID_CAP_REACHED") return { id, code: "ID_CAP_REACHED", messageKey: "errors.codes.ID_CAP_REACHED" };
  return null;
}

async function assertAssignable(tx: Tx, agencyId: string, userId: string | null) {
  if (userId === null) return;
  const { rows } = await tx.execute<{ ok: number }>(sql`
    select 1 as ok from memberships m
    where m.agency_id = ${agencyId} and m.user_id = ${userId}::uuid and m.status = 'active' and m.role in ('owner', 'admin', 'staff')`);
  if (rows.length === 0) throw new AppError("VALIDATION", "assignee is not an active staff member", { fields: { assignee: BULK_MESSAGES.assigneeInvalid } });
}

type Change = (tx: Tx, card: RegistrationCard, ctx: ReadContext) => Promise<void>;

/**
 * The bulk frame: locks every card in id order (one missing is NOT_FOUND for all), tries
 * `change` on each in its own savepoint and collects what fails; any failure rolls the
 * whole transaction back with CONFLICT `failures`, else answers the cards as they stand,
 * in the order given.
 */
async function runBulk(actor: RegistrationsActor, cards: { id: string; version: number }[], change: Change, before?: (tx: Tx) => Promise<void>) {
  const ctx = contextOf(actor);
  return withTenant({ agencyId: ctx.agencyId, userId: actor.user.id }, async (tx) => {
    if (before) await before(tx);
    const locked = new Map<string, RegistrationCard>();
    for (const { id } of [...cards].sort((a, b) => a.id.localeCompare(b.id))) {
      const card = await lockCard(tx, ctx, id);
      if (!card) throw notFound(id);
      locked.set(id, card);
    }
    const failures: BulkFailure[] = [];
    for (const { id, version } of cards) {
      const card = locked.get(id)!;
      if (card.version !== version) {
        failures.push(failureOf(id, staleVersion(card, version))!);
        continue;
      }
      try {
        await tx.transaction((sp) => change(sp as unknown as Tx, card, ctx));
      } catch (error) {
        const failure = failureOf(id, error);
        if (!failure) throw error;
        failures.push(failure);
      }
    }
    if (failures.length > 0) {
      throw new AppError("CONFLICT", `bulk action: ${failures.length} of ${cards.length} cards failed`, { messageKey: BULK_MESSAGES.failed, failures });
    }
    const result: RegistrationCard[] = [];
    for (const { id } of cards) result.push((await readCard(tx, ctx, id))!);
    return result;
  });
}

/** Assigns the selected cards to `assignee` (an active owner, admin or staff member) or to nobody. Needs `registration:move`. */
export async function bulkAssign(actor: RegistrationsActor, input: unknown, options: Options = {}): Promise<RegistrationCard[]> {
  const body = parseBulk(actor, input, "assign");
  return runBulk(
    actor,
    body.cards,
    (tx, card, ctx) => writeAssignee(tx, actor, ctx, card, body.assignee, options),
    (tx) => assertAssignable(tx, actor.agency.id, body.assignee),
  );
}

/** Moves the selected cards to `to`, each through the move's rules and effects. Needs `registration:move`. */
export async function bulkMove(actor: RegistrationsActor, input: unknown, options: Options = {}): Promise<RegistrationCard[]> {
  const body = parseBulk(actor, input, "move");
  return runBulk(actor, body.cards, async (tx, card, ctx) => {
    await moveLockedCard(tx, actor, ctx, card, { to: body.to, version: card.version, note: body.note ?? null }, options);
  });
}

/** Sets (or with `none` clears) the waiting flag of the selected cards. Needs `registration:move`. */
export async function bulkSetWaiting(actor: RegistrationsActor, input: unknown, options: Options = {}): Promise<RegistrationCard[]> {
  const body = parseBulk(actor, input, "waiting");
  return runBulk(actor, body.cards, (tx, card, ctx) => writeWaiting(tx, actor, ctx, card, body.waiting, options));
}

type BulkOf<A extends BulkActionInput["action"]> = Extract<z.output<typeof bulkActionSchema>, { action: A }>;

function parseBulk<A extends BulkActionInput["action"]>(actor: RegistrationsActor, input: unknown, action: A): BulkOf<A> {
  assertCan(actor.role, "registration:move");
  const raw = input && typeof input === "object" && !Array.isArray(input) ? { ...(input as object), action } : input;
  return parse(bulkActionSchema, raw) as BulkOf<A>;
}

/** POST /registrations/bulk and the board's bulk bar: the action named in the body. */
export async function bulkAction(actor: RegistrationsActor, input: unknown, options: Options = {}): Promise<RegistrationCard[]> {
  assertCan(actor.role, "registration:move");
  const action = input && typeof input === "object" ? (input as { action?: unknown }).action : undefined;
  if (action === "assign") return bulkAssign(actor, input, options);
  if (action === "move") return bulkMove(actor, input, options);
  if (action === "waiting") return bulkSetWaiting(actor, input, options);
  throw new AppError("VALIDATION", "unknown bulk action", { fields: { action: API_MESSAGES.invalidValue } });
}
