/**
 * Creating an Official Account (issue 6): one transaction makes the registration card
 * in the first stage of its pipeline, the account with its operator, the operator's ID
 * slot (the two-per-ID cap of design.md §4.2, held by id_slots) and the audit events.
 * A third account for one resident ID is refused with ID_CAP_REACHED naming the holders;
 * the refusal rolls everything back. WeChat's newer caps (domain.md B2–B4) come back as
 * `warnings`, read in the same transaction (lib/accounts/warnings.ts).
 */
import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
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
import { pipelineStages, sideStages, type Pipeline, type Stage } from "@/lib/registration/pipelines";
import { isAdult } from "@/lib/validation/resident-id";
import { z } from "@/lib/validation/zod";
import { takeIdSlot, type SlotHolder } from "./id-slots";
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

/** Who holds an ID's slots, as ID_CAP_REACHED's `details.holders`. */
export type IdSlotHolder = { kind: "official_account" | "external_account"; id: string; name: string | null };

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

/** The holders' ids of an ID_CAP_REACHED, with their names (same transaction, still usable). */
async function describeHolders(tx: Tx, agencyId: string, ids: string[]): Promise<IdSlotHolder[]> {
  if (ids.length === 0) return [];
  const accounts = await tx
    .select({ id: officialAccounts.id, name: officialAccounts.name })
    .from(officialAccounts)
    .where(and(eq(officialAccounts.agencyId, agencyId), inArray(officialAccounts.id, ids)));
  const externals = await tx
    .select({ id: externalAccounts.id, name: externalAccounts.name })
    .from(externalAccounts)
    .where(and(eq(externalAccounts.agencyId, agencyId), inArray(externalAccounts.id, ids)));
  const names = new Map<string, IdSlotHolder>();
  for (const a of accounts) names.set(a.id, { kind: "official_account", id: a.id, name: a.name });
  for (const e of externals) names.set(e.id, { kind: "external_account", id: e.id, name: e.name });
  return ids.map((id) => names.get(id) ?? { kind: "official_account", id, name: null });
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
  try {
    return await takeIdSlot(tx, { agencyId, operatorIdHmac: operator.hmac, holder, at });
  } catch (error) {
    if (error instanceof AppError && error.code === "ID_CAP_REACHED") {
      const ids = ((error.details.holders as (string | null)[] | undefined) ?? []).filter((h): h is string => !!h);
      throw new AppError("ID_CAP_REACHED", error.message, { holders: await describeHolders(tx, agencyId, ids) });
    }
    throw error;
  }
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

/** The card as read under its row lock, with what taking a slot again needs. */
type LockedCard = OfficialAccountCard & { operator: { idType: string; hmac: Buffer | null } | null };

function notFound(id: string): AppError {
  return new AppError("NOT_FOUND", `no official account ${id}`);
}

function parseMove(input: unknown): { version: number; reason?: string } {
  return parseOrRefuse(accountMoveSchema, input, "move");
}

/**
 * Reads the account and locks its card (FOR UPDATE) until the transaction ends, so the
 * version compared is the one overwritten. Another agency's id, or one that is not a
 * UUID, is the same NOT_FOUND as an unknown one.
 */
async function lockCard(tx: Tx, agencyId: string, id: string): Promise<LockedCard> {
  if (!z.uuid().safeParse(id).success) throw notFound(id);
  const [row] = await tx
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
      operatorIdType: people.idType,
      operatorHmac: people.idNumberHmac,
    })
    .from(officialAccounts)
    .innerJoin(registrations, and(eq(registrations.agencyId, officialAccounts.agencyId), eq(registrations.id, officialAccounts.registrationId)))
    .leftJoin(idSlots, and(eq(idSlots.agencyId, officialAccounts.agencyId), eq(idSlots.officialAccountId, officialAccounts.id)))
    .leftJoin(people, and(eq(people.agencyId, officialAccounts.agencyId), eq(people.id, officialAccounts.operatorPersonId)))
    .where(and(eq(officialAccounts.agencyId, agencyId), eq(officialAccounts.id, id)))
    .limit(1)
    .for("update", { of: registrations });
  if (!row) throw notFound(id);
  const { operatorIdType, operatorHmac, ...card } = row;
  return {
    ...card,
    pipeline: card.pipeline as OfficialAccountCard["pipeline"],
    stage: card.stage as Stage,
    resumeStage: card.resumeStage as Stage | null,
    slot: card.slot as 1 | 2 | null,
    operator: operatorIdType ? { idType: operatorIdType, hmac: operatorHmac } : null,
  };
}

function cardOf(locked: LockedCard): OfficialAccountCard {
  const { operator: _operator, ...card } = locked;
  return card;
}

/** A stale version is refused with the card as it stands (design.md §4.4), for the client to show. */
function assertVersion(card: LockedCard, version: number): void {
  if (card.version !== version) {
    throw new AppError("STALE_VERSION", `registration ${card.registrationId} is at version ${card.version}, not ${version}`, {
      current: cardOf(card),
    });
  }
}

/**
 * Moves the card to `to` (one registration_events row, the version bumped) and writes
 * the move's audit event. Side states carry no deadline (as the seed has them);
 * deadlines come back with the pipelines' transitions.
 */
async function moveCard(
  tx: Tx,
  actor: AccountsActor,
  card: LockedCard,
  move: { to: Stage; resumeStage: Stage | null; note: string | null; slot: 1 | 2 | null; at: Date; requestId?: string | null },
): Promise<OfficialAccountCard> {
  const agencyId = actor.agency.id;
  const version = card.version + 1;
  await tx
    .update(registrations)
    .set({ stage: move.to, resumeStage: move.resumeStage, stageEnteredAt: move.at, dueAt: null, version, updatedAt: move.at })
    .where(and(eq(registrations.agencyId, agencyId), eq(registrations.id, card.registrationId)));
  await tx.insert(registrationEvents).values({
    id: newId(),
    agencyId,
    clientCompanyId: card.clientCompanyId,
    registrationId: card.registrationId,
    fromStage: card.stage,
    toStage: move.to,
    actorUserId: actor.user.id,
    at: move.at,
    note: move.note,
  });
  await recordAudit(tx, {
    agencyId,
    actorUserId: actor.user.id,
    requestId: move.requestId,
    action: "registration.move",
    targetType: "registration",
    targetId: card.registrationId,
    data: { officialAccountId: card.id, from: card.stage, to: move.to, slotBefore: card.slot, slotAfter: move.slot, ...(move.note ? { note: move.note } : {}) },
  });
  return { ...cardOf(card), stage: move.to, resumeStage: move.resumeStage, version, slot: move.slot };
}

/**
 * The stage a restored card goes back to: where it was when abandoned, by the move into
 * `abandoned` in registration_events (on hold, say, and then on hold it stays, with its
 * stage to resume); failing that (cards the seed made), the card's resume stage.
 */
async function stageBeforeAbandoning(tx: Tx, agencyId: string, card: LockedCard): Promise<Stage> {
  const [last] = await tx
    .select({ from: registrationEvents.fromStage })
    .from(registrationEvents)
    .where(
      and(
        eq(registrationEvents.agencyId, agencyId),
        eq(registrationEvents.registrationId, card.registrationId),
        eq(registrationEvents.toStage, "abandoned"),
      ),
    )
    .orderBy(desc(registrationEvents.at), desc(registrationEvents.id))
    .limit(1);
  const from = last?.from as Stage | null | undefined;
  if (from && (from === "on_hold" || !(sideStages as readonly string[]).includes(from))) return from;
  return card.resumeStage ?? pipelineStages[card.pipeline][0];
}

/**
 * Abandons an Official Account: its card moves to `abandoned` (the stage it left kept
 * as the move's `from` and, if it was working, as the card's resume stage), and its
 * operator's ID slot is freed, so the ID may take another account (design.md §4.2).
 * One transaction: card, history, slot and audit together. Needs `registration:move`.
 * Errors: FORBIDDEN, VALIDATION, NOT_FOUND (also another agency's id), STALE_VERSION
 * (details.current: the card as it stands), CONFLICT (already abandoned, or rejected).
 */
export async function abandonOfficialAccount(
  actor: AccountsActor,
  id: string,
  input: unknown,
  options: { requestId?: string | null } = {},
): Promise<OfficialAccountCard> {
  assertCan(actor.role, "registration:move");
  const body = parseMove(input);
  const agencyId = actor.agency.id;
  return withTenant({ agencyId, userId: actor.user.id }, async (tx) => {
    const card = await lockCard(tx, agencyId, id);
    assertVersion(card, body.version);
    // A rejected card gave its slot back when it was rejected; an abandoned one has none.
    if (card.stage === "abandoned" || card.stage === "rejected") {
      throw new AppError("CONFLICT", `official account ${id} is ${card.stage}`, { messageKey: ACCOUNT_MESSAGES.notAbandonable });
    }
    await tx.delete(idSlots).where(and(eq(idSlots.agencyId, agencyId), eq(idSlots.officialAccountId, card.id)));
    return moveCard(tx, actor, card, {
      to: "abandoned",
      // On hold, the card already knows the working stage it resumes; the event keeps on_hold.
      resumeStage: card.resumeStage ?? card.stage,
      note: body.reason ?? null,
      slot: null,
      at: clock.now(),
      requestId: options.requestId,
    });
  });
}

/**
 * Restores (un-abandons) an Official Account: its card goes back to the stage it was
 * abandoned from, and the operator's ID takes a slot again. If the ID's two slots were
 * taken meanwhile, ID_CAP_REACHED names the holders and nothing changes. Needs
 * `registration:move`. Errors: as abandonOfficialAccount, CONFLICT when not abandoned,
 * and ID_CAP_REACHED (details.holders: IdSlotHolder[]).
 */
export async function restoreOfficialAccount(
  actor: AccountsActor,
  id: string,
  input: unknown,
  options: { requestId?: string | null } = {},
): Promise<OfficialAccountCard> {
  assertCan(actor.role, "registration:move");
  const body = parseMove(input);
  const agencyId = actor.agency.id;
  return withTenant({ agencyId, userId: actor.user.id }, async (tx) => {
    const card = await lockCard(tx, agencyId, id);
    assertVersion(card, body.version);
    if (card.stage !== "abandoned") {
      throw new AppError("CONFLICT", `official account ${id} is not abandoned`, { messageKey: ACCOUNT_MESSAGES.notAbandoned });
    }
    // An erased operator has no ID left to take a slot with: the operator must change first.
    if (card.operator && card.operator.hmac === null) {
      throw new AppError("CONFLICT", `official account ${id}: its operator was erased`, { messageKey: ACCOUNT_MESSAGES.operatorErased });
    }
    const now = clock.now();
    const to = await stageBeforeAbandoning(tx, agencyId, card);
    // Taken first: a refusal then rolls back before anything was written.
    const slot = card.operator ? await takeSlotNamingHolders(tx, agencyId, card.operator, { officialAccountId: card.id }, now) : null;
    return moveCard(tx, actor, card, {
      to,
      resumeStage: to === "on_hold" ? card.resumeStage : null,
      note: body.reason ?? null,
      slot,
      at: now,
      requestId: options.requestId,
    });
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
  return withTenant({ agencyId, userId: actor.user.id }, async (tx) => {
    const card = await lockCard(tx, agencyId, id);
    assertVersion(card, body.version);
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
    return { ...cardOf(card), operatorPersonId: operator.id, slot, version };
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
