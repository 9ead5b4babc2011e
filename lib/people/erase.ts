/**
 * Erasing a person (design.md §3, issue 6 §2): their ID number (ciphertext, key id,
 * HMAC, mask), name, contact details, birth date and ID expiry are destroyed, the
 * objects of their documents are deleted from S3, and an append-only erasure record
 * says who did it and when. The row itself stays, as "Erased person", so that the
 * abandoned accounts and the history that named them still hold together.
 *
 * Refused while the person operates an active Official Account or administers an active
 * WeCom corp: an erased person has no ID, so they could not hold its slot; the account
 * must be abandoned or its operator changed first. Accounts recorded as operated outside
 * Weidesk go with the erasure, and so do their slots and the links to client companies.
 *
 * S3 cannot join a database transaction, so the database part commits first, with the
 * erasure record, the audit event and a queued clean-up job; then the objects are
 * deleted. If the store fails, the job (person.erase_objects) deletes what is left, as
 * often as it takes; deleting an object that is gone is not an error, so every step may
 * run twice. Checks that expect every document version to have its object skip the
 * versions of erased people (versionObjectKept below).
 */
import "server-only";
import { DeleteObjectsCommand, type S3Client } from "@aws-sdk/client-s3";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { erasures, externalAccounts, idSlots, people, personCompanies, users } from "@/db/schema";
import { withTenant, type Tx } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { JobDefinition } from "@/lib/jobs/worker";
import { logger } from "@/lib/logger";
import { assertCan } from "@/lib/rbac/permissions";
import { z } from "@/lib/validation/zod";
import { ERASE_MESSAGES, ERASED_NAME, erasePersonSchema, type ErasureBlocker } from "./erase-schemas";
import type { PeopleActor } from "./service";

export { ERASED_NAME, type ErasureBlocker };

export const ERASE_OBJECTS_QUEUE = "person.erase_objects";

export type ErasureOutcome = {
  personId: string;
  erasedAt: string;
  /** The document objects the erasure destroys. */
  objectsDeleted: number;
  /** Of those, how many the store has not deleted yet: the queued job retries them. */
  objectsPending: number;
};

export type ErasureRecord = {
  at: string;
  erasedBy: { id: string; name: string } | null;
  objectsDeleted: number;
};

type Storage = { client: S3Client; bucket: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const notFound = () => new AppError("NOT_FOUND", "no such person");

/**
 * A condition on a `documents` row (aliased `documentsAlias`) that holds unless the
 * document belongs to an erased person, whose versions have no objects any more: the
 * reconciliation and orphan checks add it, so erased versions are not reported missing.
 */
export function versionObjectKept(documentsAlias: string): SQL {
  const d = sql.identifier(documentsAlias);
  return sql`not exists (select 1 from people ep
    where ep.agency_id = ${d}.agency_id and ep.id = ${d}.person_id and ep.erased_at is not null)`;
}

/** The S3 keys of every version of the person's documents (the person's own: ID photos and the like). */
async function documentKeys(tx: Tx, agencyId: string, personId: string): Promise<string[]> {
  const { rows } = await tx.execute<{ s3_key: string }>(sql`
    select v.s3_key from document_versions v
    join documents d on d.agency_id = v.agency_id and d.id = v.document_id
    where d.agency_id = ${agencyId} and d.person_id = ${personId}
    order by v.s3_key`);
  return rows.map((r) => r.s3_key);
}

/** The active accounts the person operates (Official Accounts) or administers (WeCom corps). */
async function blockersOf(tx: Tx, agencyId: string, personId: string): Promise<ErasureBlocker[]> {
  const { rows } = await tx.execute<{
    kind: "official_account" | "wecom_corp";
    id: string;
    name: string | null;
    registration_id: string;
    stage: string;
    company_id: string;
    company_name: string;
  }>(sql`
    select 'official_account' as kind, oa.id, oa.name, r.id as registration_id, r.stage::text as stage,
      c.id as company_id, coalesce(c.legal_name_zh, c.name_en) as company_name, oa.created_at
    from official_accounts oa
    join registrations r on r.agency_id = oa.agency_id and r.id = oa.registration_id
    join client_companies c on c.agency_id = oa.agency_id and c.id = oa.client_company_id
    where oa.agency_id = ${agencyId} and oa.operator_person_id = ${personId} and r.stage not in ('abandoned', 'rejected')
    union all
    select 'wecom_corp', w.id, w.corp_name, r.id, r.stage::text,
      c.id, coalesce(c.legal_name_zh, c.name_en), w.created_at
    from wecom_corps w
    join registrations r on r.agency_id = w.agency_id and r.id = w.registration_id
    join client_companies c on c.agency_id = w.agency_id and c.id = w.client_company_id
    where w.agency_id = ${agencyId} and w.admin_person_id = ${personId} and r.stage not in ('abandoned', 'rejected')
    order by created_at, id`);
  return rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    name: r.name,
    registrationId: r.registration_id,
    stage: r.stage,
    company: { id: r.company_id, name: r.company_name },
  }));
}

/**
 * Deletes `keys` from the store, 1 000 at a time; returns how many it could not delete.
 * A key that is already gone counts as deleted (S3 answers DeleteObjects so).
 */
export async function deleteObjects(storage: Storage, keys: readonly string[]): Promise<number> {
  let failed = 0;
  for (let start = 0; start < keys.length; start += 1000) {
    const batch = keys.slice(start, start + 1000);
    try {
      const result = await storage.client.send(
        new DeleteObjectsCommand({ Bucket: storage.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
      );
      failed += result.Errors?.length ?? 0;
    } catch (error) {
      logger.warn({ err: { message: error instanceof Error ? error.message : String(error) }, keys: batch.length }, "erasure: object delete failed");
      failed += batch.length;
    }
  }
  return failed;
}

async function defaultStorage(): Promise<Storage> {
  const { s3, bucket } = await import("@/lib/storage/s3");
  return { client: s3(), bucket: bucket() };
}

/**
 * Erases the person (person:erase). `input`: `{ confirmName, reason? }`, where
 * confirmName must be the person's name as recorded. Errors: FORBIDDEN; NOT_FOUND
 * (another agency's person, or no such id); VALIDATION on confirmName (or reason);
 * CONFLICT "already erased"; CONFLICT operatesAccounts with details.accounts
 * (ErasureBlocker[]) while they operate an active account.
 */
export async function erasePerson(
  context: PeopleActor,
  personId: string,
  input: unknown,
  options: { requestId?: string | null; storage?: Storage } = {},
): Promise<ErasureOutcome> {
  assertCan(context.role, "person:erase");
  if (!UUID.test(personId)) throw notFound();
  const parsed = erasePersonSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "confirmName")] ??= issue.message;
    throw new AppError("VALIDATION", "invalid erasure", { fields });
  }
  const agencyId = context.agency.id;
  const now = clock.now();

  const { keys } = await withTenant({ agencyId, userId: context.user.id }, async (tx) => {
    // Locked: two erasures of one person, or an erasure racing an account change, wait here.
    const [person] = await tx
      .select({ id: people.id, name: people.name, idType: people.idType, hmac: people.idNumberHmac, erasedAt: people.erasedAt })
      .from(people)
      .where(and(eq(people.agencyId, agencyId), eq(people.id, personId)))
      .for("update");
    if (!person) throw notFound();
    if (person.erasedAt) throw new AppError("CONFLICT", "person already erased", { messageKey: ERASE_MESSAGES.alreadyErased });
    if (parsed.data.confirmName.trim() !== person.name.trim()) {
      throw new AppError("VALIDATION", "erasure confirmation does not match", { fields: { confirmName: ERASE_MESSAGES.nameMismatch } });
    }
    const blockers = await blockersOf(tx, agencyId, personId);
    if (blockers.length > 0) {
      throw new AppError("CONFLICT", `person operates ${blockers.length} active accounts`, {
        messageKey: ERASE_MESSAGES.operatesAccounts,
        accounts: blockers,
      });
    }

    const keys = await documentKeys(tx, agencyId, personId);
    // Accounts recorded from outside Weidesk go, and their slots with them (ON DELETE CASCADE).
    const external = await tx
      .delete(externalAccounts)
      .where(and(eq(externalAccounts.agencyId, agencyId), eq(externalAccounts.operatorPersonId, personId)))
      .returning({ id: externalAccounts.id });
    // Whatever else the ID's HMAC still names: the HMAC itself is about to go.
    if (person.hmac) await tx.delete(idSlots).where(and(eq(idSlots.agencyId, agencyId), eq(idSlots.operatorIdHmac, person.hmac)));
    const links = await tx
      .delete(personCompanies)
      .where(and(eq(personCompanies.agencyId, agencyId), eq(personCompanies.personId, personId)))
      .returning({ clientCompanyId: personCompanies.clientCompanyId });
    await tx
      .update(people)
      .set({
        name: ERASED_NAME,
        idNumberCiphertext: null,
        idKeyId: null,
        idNumberHmac: null,
        idMask: null,
        birthDate: null,
        idExpiresOn: null,
        mobile: null,
        fixedLine: null,
        email: null,
        erasedAt: now,
        version: sql`${people.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(people.agencyId, agencyId), eq(people.id, personId)));
    await tx.insert(erasures).values({
      id: newId(),
      agencyId,
      personId,
      erasedBy: context.user.id,
      objectsDeleted: keys.length,
      at: now,
    });
    // No personal data: counts, the ID type and the reason's code only.
    await recordAudit(tx, {
      agencyId,
      actorUserId: context.user.id,
      action: "person.erase",
      targetType: "person",
      targetId: personId,
      data: {
        idType: person.idType,
        objectsDeleted: keys.length,
        externalAccountsDeleted: external.length,
        companyLinksDeleted: links.length,
        ...(parsed.data.reason ? { reason: parsed.data.reason } : {}),
      },
      requestId: options.requestId ?? null,
    });
    if (keys.length > 0) {
      // The retry path, committed with the erasure: it runs after the inline deletes
      // below have had their chance, and deletes whatever they left.
      const startAfter = new Date(now.getTime() + 5 * 60 * 1000);
      await tx.execute(sql`
        insert into pgboss.job (id, name, data, start_after, keep_until, retry_limit, retry_delay, retry_backoff, policy)
        values (gen_random_uuid(), ${ERASE_OBJECTS_QUEUE}, ${JSON.stringify({ agencyId, personId })}::jsonb,
                ${startAfter}, ${new Date(startAfter.getTime() + 14 * 24 * 60 * 60 * 1000)}, 20, 300, true, 'standard')`);
    }
    return { keys };
  });

  let pending = 0;
  if (keys.length > 0) {
    pending = await deleteObjects(options.storage ?? (await defaultStorage()), keys);
    if (pending > 0) logger.warn({ agencyId, personId, pending }, "erasure: objects left for the clean-up job");
  }
  return { personId, erasedAt: now.toISOString(), objectsDeleted: keys.length, objectsPending: pending };
}

/**
 * Deletes the objects of an erased person's documents that are still in the store;
 * nothing for a person who is not erased. Throws when the store refuses, so pg-boss
 * retries. Returns how many keys it asked to delete.
 */
export async function deleteErasedObjects(tx: Tx, agencyId: string, personId: string, storage: Storage): Promise<number> {
  const [person] = await tx
    .select({ erasedAt: people.erasedAt })
    .from(people)
    .where(and(eq(people.agencyId, agencyId), eq(people.id, personId)));
  if (!person?.erasedAt) return 0;
  const keys = await documentKeys(tx, agencyId, personId);
  const failed = await deleteObjects(storage, keys);
  if (failed > 0) throw new Error(`erasure clean-up: ${failed} objects of person ${personId} not deleted`);
  logger.info({ agencyId, personId, objects: keys.length }, "erasure clean-up");
  return keys.length;
}

export const eraseObjectsJob: JobDefinition = {
  queue: ERASE_OBJECTS_QUEUE,
  handler: async (tx, data) => {
    const personId = z.uuid().parse(data.personId);
    await deleteErasedObjects(tx, data.agencyId, personId, await defaultStorage());
  },
};

/** When and by whom the person was erased; null if they were not. Needs person:read. */
export async function getErasure(context: PeopleActor, personId: string): Promise<ErasureRecord | null> {
  assertCan(context.role, "person:read");
  if (!UUID.test(personId)) return null;
  const [row] = await withTenant({ agencyId: context.agency.id, userId: context.user.id, readOnly: true }, (tx) =>
    tx
      .select({ at: erasures.at, objectsDeleted: erasures.objectsDeleted, userId: users.id, userName: users.name })
      .from(erasures)
      .leftJoin(users, eq(users.id, erasures.erasedBy))
      .where(and(eq(erasures.agencyId, context.agency.id), eq(erasures.personId, personId)))
      .orderBy(erasures.at)
      .limit(1),
  );
  if (!row) return null;
  return {
    at: row.at.toISOString(),
    erasedBy: row.userId ? { id: row.userId, name: row.userName ?? "" } : null,
    objectsDeleted: row.objectsDeleted,
  };
}

/** The accounts that keep the person from being erased (the page shows them before anyone tries). */
export async function listErasureBlockers(context: PeopleActor, personId: string): Promise<ErasureBlocker[]> {
  assertCan(context.role, "person:read");
  if (!UUID.test(personId)) return [];
  return withTenant({ agencyId: context.agency.id, userId: context.user.id, readOnly: true }, (tx) =>
    blockersOf(tx, context.agency.id, personId),
  );
}
