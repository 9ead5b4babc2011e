/**
 * Creating an Official Account (issue 6): one transaction makes the registration card
 * in the first stage of its pipeline, the account with its operator, the operator's ID
 * slot (the two-per-ID cap of design.md §4.2, held by id_slots) and the audit events.
 * A third account for one resident ID is refused with ID_CAP_REACHED naming the holders;
 * the refusal rolls everything back.
 */
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import {
  clientCompanies,
  externalAccounts,
  officialAccountNames,
  officialAccounts,
  people,
  registrationEvents,
  registrations,
} from "@/db/schema";
import { withTenant, type Tx } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record";
import type { MembershipContext } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { assertCan } from "@/lib/rbac/permissions";
import { pipelineStages } from "@/lib/registration/pipelines";
import { isAdult } from "@/lib/validation/resident-id";
import { takeIdSlot } from "./id-slots";
import {
  ACCOUNT_MESSAGES,
  allowedAccountTypes,
  createOfficialAccountSchema,
  officialAccountPipeline,
} from "./schemas";

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
  slot: 1 | 2 | null;
};

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
 * Creates the account and its card. Errors: FORBIDDEN, VALIDATION (fields), NOT_FOUND
 * (company not in the agency), ID_CAP_REACHED (details.holders: IdSlotHolder[]).
 */
export async function createOfficialAccount(
  actor: AccountsActor,
  input: unknown,
  options: { requestId?: string | null } = {},
): Promise<CreatedOfficialAccount> {
  assertCan(actor.role, "account:write");
  assertCan(actor.role, "registration:create");
  const parsed = createOfficialAccountSchema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
    throw new AppError("VALIDATION", "invalid official account", { fields });
  }
  const body = parsed.data;
  const agencyId = actor.agency.id;
  const now = clock.now();

  try {
    return await withTenant({ agencyId, userId: actor.user.id }, async (tx) => {
      const [company] = await tx
        .select({ id: clientCompanies.id, kind: clientCompanies.kind })
        .from(clientCompanies)
        .where(and(eq(clientCompanies.agencyId, agencyId), eq(clientCompanies.id, body.clientCompanyId)))
        .limit(1);
      if (!company) throw new AppError("NOT_FOUND", `no client company ${body.clientCompanyId}`);
      if (!allowedAccountTypes[company.kind].includes(body.accountType)) {
        throw fieldError("accountType", ACCOUNT_MESSAGES.accountTypeNotAllowed);
      }

      const [operator] = await tx
        .select({ id: people.id, idType: people.idType, hmac: people.idNumberHmac, birthDate: people.birthDate, erasedAt: people.erasedAt })
        .from(people)
        .where(and(eq(people.agencyId, agencyId), eq(people.id, body.operatorPersonId)))
        .limit(1);
      if (!operator || operator.erasedAt) throw fieldError("operatorPersonId", ACCOUNT_MESSAGES.operatorNotFound);
      if (operator.birthDate && !isAdult(operator.birthDate, now)) {
        throw fieldError("operatorPersonId", ACCOUNT_MESSAGES.operatorUnderage);
      }

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

      let slot: 1 | 2 | null = null;
      if (operator.idType === "prc_resident_id" && operator.hmac) {
        try {
          slot = await takeIdSlot(tx, { agencyId, operatorIdHmac: operator.hmac, holder: { officialAccountId: accountId }, at: now });
        } catch (error) {
          if (error instanceof AppError && error.code === "ID_CAP_REACHED") {
            const ids = ((error.details.holders as (string | null)[] | undefined) ?? []).filter((h): h is string => !!h);
            throw new AppError("ID_CAP_REACHED", error.message, { holders: await describeHolders(tx, agencyId, ids) });
          }
          throw error;
        }
      }

      const audit = { agencyId, actorUserId: actor.user.id, requestId: options.requestId } as const;
      await recordAudit(tx, { ...audit, action: "registration.create", targetType: "registration", targetId: registrationId, data: { pipeline } });
      await recordAudit(tx, {
        ...audit,
        action: "official_account.create",
        targetType: "official_account",
        targetId: accountId,
        data: { clientCompanyId: company.id, accountType: body.accountType, operatorPersonId: operator.id, registrationId, slot },
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
        slot,
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
