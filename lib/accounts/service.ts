/**
 * Creating an Official Account (issue 6): one transaction makes the registration card
 * in the first stage of its pipeline, the account with its operator, the operator's ID
 * slot (the two-per-ID cap of design.md §4.2, held by id_slots) and the audit events.
 * A third account for one resident ID is refused with ID_CAP_REACHED naming the holders;
 * the refusal rolls everything back. WeChat's newer caps (domain.md B2–B4) come back as
 * `warnings`, read in the same transaction (lib/accounts/warnings.ts). Abandoning and
 * restoring an account are stage moves of its card, so they go through the board's stage
 * machine (lib/registration/move.ts, ADR 0012): the same rules, slots, deadlines and history.
 */
import "server-only";
import { and, eq } from "drizzle-orm";
import {
  externalAccounts,
  idSlots,
  officialAccountNames,
  officialAccounts,
  people,
  registrationEvents,
  registrations,
} from "@/db/schema";
import { withTenant, type Tx } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record";
import type { MembershipContext } from "@/lib/auth/session";
import type { AccountType } from "@/lib/clients/kinds";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { assertCan } from "@/lib/rbac/permissions";
import { lockCard, moveLockedCard } from "@/lib/registration/move";
import { pipelineStages, type Pipeline, type Stage } from "@/lib/registration/pipelines";
import { readContextOf, type RegistrationCard } from "@/lib/registration/queries";
import { moveContextOf, restoreTarget, type MoveContext } from "@/lib/registration/transitions";
import { isAdult } from "@/lib/validation/resident-id";
import { z } from "@/lib/validation/zod";
import { takeIdSlotNamingHolders, type SlotHolder } from "./id-slots";
import {
  accountMoveSchema,
  ACCOUNT_MESSAGES,
  allowedAccountTypes,
  changeOperatorSchema,
  createExternalAccountSchema,
  createOfficialAccountSchema,
  officialAccountPipeline,
  officialAccountWarningsFor,
  type OfficialAccountWarning,
} from "./schemas";
import { officialAccountWarningContext, warningCompanyOf } from "./warnings";

export type AccountsActor = Pick<MembershipContext, "user" | "agency" | "role">;

export type { IdSlotHolder } from "./id-slots";

export type CreatedOfficialAccount = {
  id: string;
  registrationId: string;
  clientCompanyId: string;
  pipeline: string;
  stage: string;
  accountType: string;
  operatorPersonId: string;
  name: string | null;
  loginEmail: string | null;
  slot: 1 | 2 | null;
  version: number;
  /** WeChat's newer caps (domain.md B2–B4) this account meets: nothing here stopped it. */
  warnings: OfficialAccountWarning[];
};

/** `input` parsed by `schema`, or VALIDATION naming each field's first message key. */
function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
  throw new AppError("VALIDATION", `invalid ${what}`, { fields });
}

function fieldError(field: string, key: string): AppError {
  return new AppError("VALIDATION", `invalid official account: ${field}`, { fields: { [field]: key } });
}

function pgErrorOf(error: unknown): { code?: string; constraint?: string } {
  const e = error as { code?: string; constraint?: string; cause?: unknown };
  return e?.code ? e : ((e?.cause ?? {}) as { code?: string; constraint?: string });
}

/**
 * Takes a slot of the operator's resident ID for `holder`; null for an operator without
 * one (the cap is on resident IDs). A full ID is ID_CAP_REACHED with the holders named.
 */
async function takeSlotNamingHolders(
  tx: Tx,
  agencyId: string,
  operator: { idType: string; hmac: Buffer | null },
  holder: SlotHolder,
  at: Date,
): Promise<1 | 2 | null> {
  if (operator.idType !== "prc_resident_id" || !operator.hmac) return null;
  return takeIdSlotNamingHolders(tx, { agencyId, operatorIdHmac: operator.hmac, holder, at });
}

/**
 * Creates the account and its card, with the warnings of domain.md B2–B4 (counted before
 * the account is written, so it does not count itself). Errors: FORBIDDEN, VALIDATION
 * (fields), NOT_FOUND (company not in the agency), ID_CAP_REACHED (details.holders:
 * IdSlotHolder[]).
 */
export async function createOfficialAccount(
  actor: AccountsActor,
  input: unknown,
  options: { requestId?: string | null } = {},
): Promise<CreatedOfficialAccount> {
  assertCan(actor.role, "account:write");
  assertCan(actor.role, "registration:create");
  const body = parseOrRefuse(createOfficialAccountSchema, input, "official account");
  const agencyId = actor.agency.id;
  const now = clock.now();

  try {
    return await withTenant({ agencyId, userId: actor.user.id }, async (tx) => {
      const company = await warningCompanyOf(tx, agencyId, body.clientCompanyId);
      if (!allowedAccountTypes[company.kind].includes(body.accountType)) {
        throw fieldError("accountType", ACCOUNT_MESSAGES.accountTypeNotAllowed);
      }

      const [operator] = await tx
        .select({
          id: people.id,
          idType: people.idType,
          hmac: people.idNumberHmac,
          birthDate: people.birthDate,
          mobile: people.mobile,
          erasedAt: people.erasedAt,
        })
        .from(people)
        .where(and(eq(people.agencyId, agencyId), eq(people.id, body.operatorPersonId)))
        .limit(1);
      if (!operator || operator.erasedAt) throw fieldError("operatorPersonId", ACCOUNT_MESSAGES.operatorNotFound);
      if (operator.birthDate && !isAdult(operator.birthDate, now)) {
        throw fieldError("operatorPersonId", ACCOUNT_MESSAGES.operatorUnderage);
      }
      const loginEmail = body.loginEmail ?? null;
      const warnings = officialAccountWarningsFor(
        { loginEmail },
        await officialAccountWarningContext(tx, agencyId, { company, operatorMobile: operator.mobile, loginEmail }),
      );

      const pipeline = officialAccountPipeline[company.kind];
      const stage = pipelineStages[pipeline][0];
      const registrationId = newId();
      const accountId = newId();
      const name = body.name ?? null;
      await tx.insert(registrations).values({
        id: registrationId,
        agencyId,
        clientCompanyId: company.id,
        product: "official_account",
        pipeline,
        stage,
        stageEnteredAt: now,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(registrationEvents).values({
        id: newId(),
        agencyId,
        clientCompanyId: company.id,
        registrationId,
        fromStage: null,
        toStage: stage,
        actorUserId: actor.user.id,
        at: now,
      });
      await tx.insert(officialAccounts).values({
        id: accountId,
        agencyId,
        clientCompanyId: company.id,
        registrationId,
        subjectKind: company.kind,
        accountType: body.accountType,
        operatorPersonId: operator.id,
        name,
        loginEmail,
        createdAt: now,
        updatedAt: now,
      });
      if (name) {
        await tx.insert(officialAccountNames).values({
          id: newId(),
          agencyId,
          clientCompanyId: company.id,
          officialAccountId: accountId,
          name,
          changedAt: now,
          changedBy: actor.user.id,
        });
      }

      const slot = await takeSlotNamingHolders(tx, agencyId, operator, { officialAccountId: accountId }, now);

      const audit = { agencyId, actorUserId: actor.user.id, requestId: options.requestId } as const;
      await recordAudit(tx, { ...audit, action: "registration.create", targetType: "registration", targetId: registrationId, data: { pipeline } });
      await recordAudit(tx, {
        ...audit,
        action: "official_account.create",
        targetType: "official_account",
        targetId: accountId,
        data: {
          clientCompanyId: company.id,
          accountType: body.accountType,
          operatorPersonId: operator.id,
          registrationId,
          slot,
          ...(warnings.length > 0 ? { warnings } : {}),
        },
      });
      return {
        id: accountId,
        registrationId,
        clientCompanyId: company.id,
        pipeline,
        stage,
        accountType: body.accountType,
        operatorPersonId: operator.id,
        name,
        loginEmail,
        slot,
        version: 1,
        warnings,
      };
    });
  } catch (error) {
    const pg = pgErrorOf(error);
    // The database's own rule (0004_account_rules.sql), should the check above ever miss.
    if (pg.code === "23514" && pg.constraint === "official_accounts_operator_adult") {
      throw fieldError("operatorPersonId", ACCOUNT_MESSAGES.operatorUnderage);
    }
    if (pg.code === "23514" && pg.constraint?.startsWith("official_accounts_")) {
      throw fieldError("accountType", ACCOUNT_MESSAGES.accountTypeNotAllowed);
    }
    throw error;
  }
}

/* ------------------------------------------------- abandoning and restoring */

/** An account with its card, as abandoning and restoring answer it (and a stale version's `details.current`). */
export type OfficialAccountCard = {
  id: string;
  registrationId: string;
  clientCompanyId: string;
  pipeline: Exclude<Pipeline, "wecom">;
  stage: Stage;
  resumeStage: Stage | null;
  version: number;
  accountType: AccountType | null;
  operatorPersonId: string | null;
  name: string | null;
  slot: 1 | 2 | null;
};

function notFound(id: string): AppError {
  return new AppError("NOT_FOUND", `no official account ${id}`);
}

function parseMove(input: unknown): { version: number; reason?: string } {
  return parseOrRefuse(accountMoveSchema, input, "move");
}

/**
 * The account `id` with its card, as they stand in `tx`; with `lock`, the card stays
 * locked (FOR UPDATE) until the transaction ends, so the version compared is the one
 * overwritten. Null for an unknown id or another agency's; the caller refuses a non-UUID.
 */
async function readAccountCard(tx: Tx, agencyId: string, id: string, options: { lock?: boolean } = {}): Promise<OfficialAccountCard | null> {
  const query = tx
    .select({
      id: officialAccounts.id,
      registrationId: registrations.id,
      clientCompanyId: registrations.clientCompanyId,
      pipeline: registrations.pipeline,
      stage: registrations.stage,
      resumeStage: registrations.resumeStage,
      version: registrations.version,
      accountType: officialAccounts.accountType,
      operatorPersonId: officialAccounts.operatorPersonId,
      name: officialAccounts.name,
      slot: idSlots.slot,
    })
    .from(officialAccounts)
    .innerJoin(registrations, and(eq(registrations.agencyId, officialAccounts.agencyId), eq(registrations.id, officialAccounts.registrationId)))
    .leftJoin(idSlots, and(eq(idSlots.agencyId, officialAccounts.agencyId), eq(idSlots.officialAccountId, officialAccounts.id)))
    .where(and(eq(officialAccounts.agencyId, agencyId), eq(officialAccounts.id, id)))
    .limit(1);
  const [row] = options.lock ? await query.for("update", { of: registrations }) : await query;
  if (!row) return null;
  return {
    ...row,
    pipeline: row.pipeline as OfficialAccountCard["pipeline"],
    stage: row.stage as Stage,
    resumeStage: row.resumeStage as Stage | null,
    slot: row.slot as 1 | 2 | null,
  };
}

/** A stale version is refused with the card as it stands (design.md §4.4), for the client to show. */
function staleAccount(card: OfficialAccountCard, version: number, lastMove?: RegistrationCard["lastMove"]): AppError {
  return new AppError("STALE_VERSION", `registration ${card.registrationId} is at version ${card.version}, not ${version}`, {
    current: card,
    movedBy: lastMove?.by ?? null,
    movedAt: lastMove?.at ?? null,
  });
}

/**
 * Moves the account's card through the stage machine, as the board does
 * (lib/registration/move.ts): the card locked, its version compared, the move checked
 * by lib/registration/transitions.ts (a refusal is CONFLICT with its `reason` and
 * `messageKey`), and its effects in the one transaction: the ID slot freed or taken
 * again (ID_CAP_REACHED naming the holders), the stage's deadline, the registration
 * event and the audit event. `target` picks the stage from the locked card, or refuses.
 */
async function moveAccount(
  actor: AccountsActor,
  id: string,
  body: { version: number; reason?: string },
  options: { requestId?: string | null },
  target: (card: RegistrationCard, context: MoveContext) => Stage,
): Promise<OfficialAccountCard> {
  if (!z.uuid().safeParse(id).success) throw notFound(id);
  const agencyId = actor.agency.id;
  const ctx = readContextOf(actor);
  return withTenant({ agencyId, userId: actor.user.id }, async (tx) => {
    const [account] = await tx
      .select({ registrationId: officialAccounts.registrationId })
      .from(officialAccounts)
      .where(and(eq(officialAccounts.agencyId, agencyId), eq(officialAccounts.id, id)))
      .limit(1);
    const card = account ? await lockCard(tx, ctx, account.registrationId) : null;
    if (!card) throw notFound(id);
    // Compared here, not by moveLockedCard, so that `current` is the account's card as this API answers it.
    if (card.version !== body.version) throw staleAccount((await readAccountCard(tx, agencyId, id))!, body.version, card.lastMove);
    const to = target(card, moveContextOf(card, { userId: actor.user.id, role: actor.role }, ctx.now));
    await moveLockedCard(tx, actor, ctx, card, { to, version: body.version, note: body.reason ?? null }, options);
    return (await readAccountCard(tx, agencyId, id))!;
  });
}

/**
 * Abandons an Official Account: its card moves to `abandoned` by the stage machine (the
 * stage it left kept as the move's `from` and as the card's resume stage), and its
 * operator's ID slot is freed, so the ID may take another account (design.md §4.2).
 * One transaction: card, history, slot and audit together. Needs `registration:move`.
 * Errors: FORBIDDEN, VALIDATION, NOT_FOUND (also another agency's id, or a non-UUID),
 * STALE_VERSION (details.current: the card as it stands), CONFLICT (already abandoned:
 * messageKey accounts.errors.notAbandonable; or refused by the stage machine, e.g. a
 * registered account, which is final: details.reason and messageKey under
 * registrationMoves.refusals).
 */
export async function abandonOfficialAccount(
  actor: AccountsActor,
  id: string,
  input: unknown,
  options: { requestId?: string | null } = {},
): Promise<OfficialAccountCard> {
  assertCan(actor.role, "registration:move");
  const body = parseMove(input);
  return moveAccount(actor, id, body, options, (card) => {
    if (card.stage === "abandoned") {
      throw new AppError("CONFLICT", `official account ${id} is already abandoned`, { messageKey: ACCOUNT_MESSAGES.notAbandonable });
    }
    return "abandoned";
  });
}

/**
 * Restores (un-abandons) an Official Account: its card goes back to the stage it was
 * abandoned from (transitions.ts restoreTarget: on hold included, else its resume stage),
 * with that stage's deadline, and the operator's ID takes a slot again. If the ID's two
 * slots were taken meanwhile, ID_CAP_REACHED names the holders and nothing changes.
 * Needs `registration:move`. Errors: as abandonOfficialAccount; CONFLICT when not
 * abandoned (accounts.errors.notAbandoned) or when the operator was erased
 * (accounts.errors.operatorErased); ID_CAP_REACHED (details.holders: IdSlotHolder[]).
 */
export async function restoreOfficialAccount(
  actor: AccountsActor,
  id: string,
  input: unknown,
  options: { requestId?: string | null } = {},
): Promise<OfficialAccountCard> {
  assertCan(actor.role, "registration:move");
  const body = parseMove(input);
  return moveAccount(actor, id, body, options, (card, context) => {
    if (card.stage !== "abandoned") {
      throw new AppError("CONFLICT", `official account ${id} is not abandoned`, { messageKey: ACCOUNT_MESSAGES.notAbandoned });
    }
    return restoreTarget(card, context.lastMove);
  });
}

/* --------------------------------------------------------- operator change */

/**
 * Changes an Official Account's operator (换绑, design.md §4.2): the slot the account holds
 * moves from the old operator's resident ID to the new one's, in one transaction with the
 * card's version bump and the audit event. The new ID full: ID_CAP_REACHED naming the
 * holders, nothing changed. An abandoned or rejected account holds no slot and takes none.
 * Needs `account:write`. Errors: FORBIDDEN, VALIDATION (operatorPersonId: unknown, under
 * 18, the same person), NOT_FOUND, STALE_VERSION (with the current card), ID_CAP_REACHED.
 */
export async function changeOperator(
  actor: AccountsActor,
  id: string,
  input: unknown,
  options: { requestId?: string | null } = {},
): Promise<OfficialAccountCard> {
  assertCan(actor.role, "account:write");
  const body = parseOrRefuse(changeOperatorSchema, input, "operator change");
  const agencyId = actor.agency.id;
  const now = clock.now();
  if (!z.uuid().safeParse(id).success) throw notFound(id);
  return withTenant({ agencyId, userId: actor.user.id }, async (tx) => {
    const card = await readAccountCard(tx, agencyId, id, { lock: true });
    if (!card) throw notFound(id);
    if (card.version !== body.version) throw staleAccount(card, body.version);
    if (card.operatorPersonId === body.operatorPersonId) throw fieldError("operatorPersonId", ACCOUNT_MESSAGES.sameOperator);
    const [operator] = await tx
      .select({ id: people.id, idType: people.idType, hmac: people.idNumberHmac, birthDate: people.birthDate, erasedAt: people.erasedAt })
      .from(people)
      .where(and(eq(people.agencyId, agencyId), eq(people.id, body.operatorPersonId)))
      .limit(1);
    if (!operator || operator.erasedAt) throw fieldError("operatorPersonId", ACCOUNT_MESSAGES.operatorNotFound);
    if (operator.birthDate && !isAdult(operator.birthDate, now)) throw fieldError("operatorPersonId", ACCOUNT_MESSAGES.operatorUnderage);
    let slot: 1 | 2 | null = null;
    // A working account holds a slot of its operator's resident ID (none for a passport, say);
    // an abandoned or rejected one holds none and takes none.
    if (card.stage !== "abandoned" && card.stage !== "rejected") {
      // The old ID's slot (if any) goes first, then the new ID takes one: a refusal rolls both back.
      await tx.delete(idSlots).where(and(eq(idSlots.agencyId, agencyId), eq(idSlots.officialAccountId, card.id)));
      slot = await takeSlotNamingHolders(tx, agencyId, operator, { officialAccountId: card.id }, now);
    }
    await tx
      .update(officialAccounts)
      .set({ operatorPersonId: operator.id })
      .where(and(eq(officialAccounts.agencyId, agencyId), eq(officialAccounts.id, card.id)));
    const version = card.version + 1;
    await tx
      .update(registrations)
      .set({ version, updatedAt: now })
      .where(and(eq(registrations.agencyId, agencyId), eq(registrations.id, card.registrationId)));
    await recordAudit(tx, {
      agencyId,
      actorUserId: actor.user.id,
      requestId: options.requestId,
      action: "official_account.change_operator",
      targetType: "official_account",
      targetId: card.id,
      data: { from: card.operatorPersonId, to: operator.id, slotBefore: card.slot, slotAfter: slot },
    });
    return { ...card, operatorPersonId: operator.id, slot, version };
  });
}

/* ------------------------------------------------------- external accounts */

export type CreatedExternalAccount = { id: string; operatorPersonId: string; name: string; wechatId: string | null; slot: 1 | 2 | null };

/**
 * Records an Official Account a person already operates outside Weidesk: it takes a slot
 * of their resident ID like any account, so a full ID is refused with ID_CAP_REACHED
 * naming the holders. Needs `account:write`. Errors: FORBIDDEN, VALIDATION, NOT_FOUND
 * (no such person in the agency, or erased), ID_CAP_REACHED.
 */
export async function createExternalAccount(
  actor: AccountsActor,
  personId: string,
  input: unknown,
  options: { requestId?: string | null } = {},
): Promise<CreatedExternalAccount> {
  assertCan(actor.role, "account:write");
  const { name, wechatId = null } = parseOrRefuse(createExternalAccountSchema, input, "external account");
  const agencyId = actor.agency.id;
  const now = clock.now();
  if (!z.uuid().safeParse(personId).success) throw new AppError("NOT_FOUND", `no person ${personId}`);
  return withTenant({ agencyId, userId: actor.user.id }, async (tx) => {
    const [person] = await tx
      .select({ id: people.id, idType: people.idType, hmac: people.idNumberHmac, erasedAt: people.erasedAt })
      .from(people)
      .where(and(eq(people.agencyId, agencyId), eq(people.id, personId)))
      .limit(1);
    if (!person || person.erasedAt) throw new AppError("NOT_FOUND", `no person ${personId}`);
    const accountId = newId();
    await tx.insert(externalAccounts).values({ id: accountId, agencyId, operatorPersonId: person.id, name, wechatId, createdAt: now });
    const slot = await takeSlotNamingHolders(tx, agencyId, person, { externalAccountId: accountId }, now);
    await recordAudit(tx, {
      agencyId,
      actorUserId: actor.user.id,
      requestId: options.requestId,
      action: "external_account.create",
      targetType: "external_account",
      targetId: accountId,
      data: { operatorPersonId: person.id, slot },
    });
    return { id: accountId, operatorPersonId: person.id, name, wechatId, slot };
  });
}
