/**
 * People (design.md §3, issue 6): recording a person with their ID. The number is
 * stored only as AES-256-GCM ciphertext with its key id, an HMAC of the normalised
 * number (uniqueness per agency and exact search) and a mask for display; the clear
 * number never reaches a row, an audit event, a log or an answer.
 */
import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { clientCompanies, people, personCompanies } from "@/db/schema";
import { withTenant, type Tx } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record";
import { piiKeys } from "@/lib/auth/totp";
import type { MembershipContext } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import type { IdType, PersonRole } from "@/lib/clients/kinds";
import { encryptPii, hmacPii } from "@/lib/crypto/pii";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { assertCan } from "@/lib/rbac/permissions";
import { parseResidentId, maskResidentId } from "@/lib/validation/resident-id";
import {
  createPersonSchema,
  PEOPLE_MESSAGES,
  PERSON_EDIT_MESSAGES,
  personEditFields,
  updatePersonSchema,
  type EditablePerson,
  type PersonEditField,
} from "./schemas";

export type PeopleActor = Pick<MembershipContext, "user" | "agency" | "role">;

export type PersonSummary = { id: string; name: string; idType: IdType; idMask: string | null; createdAt: Date };

function validation(fields: Record<string, string>): AppError {
  return new AppError("VALIDATION", `invalid person: ${Object.keys(fields).join(", ")}`, { fields });
}

/** The pg error behind a drizzle one (drizzle wraps driver errors in `cause`). */
function pgErrorOf(error: unknown): { code?: string; constraint?: string } {
  const e = error as { code?: string; constraint?: string; cause?: unknown };
  return e?.code ? e : ((e?.cause ?? {}) as { code?: string; constraint?: string });
}

/** Records a person; VALIDATION with field message keys, or idNumber "already recorded" for a duplicate. */
export async function createPerson(
  actor: PeopleActor,
  input: unknown,
  options: {
    requestId?: string | null;
    /** Links the new person to a client company in this role, in the same transaction. */
    link?: { clientCompanyId: string; role: PersonRole };
  } = {},
): Promise<{ id: string; name: string; idMask: string }> {
  assertCan(actor.role, "person:write");
  const now = clock.now();
  const parsed = createPersonSchema(now).safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
    throw validation(fields);
  }
  const { name, idType, idNumber, mobile } = parsed.data;
  const resident = parseResidentId(idNumber, { today: now });
  if (!resident.ok) throw validation({ idNumber: "validation.residentId.format" }); // already checked by the schema
  const keys = piiKeys();
  const { ciphertext, keyId } = encryptPii(keys, resident.value);
  const hmac = hmacPii(keys, resident.value);
  const idMask = maskResidentId(resident.value);
  const id = newId();
  try {
    await withTenant({ agencyId: actor.agency.id, userId: actor.user.id }, async (tx) => {
      await tx.insert(people).values({
        id,
        agencyId: actor.agency.id,
        name,
        idType,
        idNumberCiphertext: ciphertext,
        idKeyId: keyId,
        idNumberHmac: hmac,
        idMask,
        birthDate: resident.birthDate,
        mobile: mobile ?? null,
        createdAt: now,
        updatedAt: now,
      });
      if (options.link) {
        const [company] = await tx
          .select({ id: clientCompanies.id })
          .from(clientCompanies)
          .where(and(eq(clientCompanies.agencyId, actor.agency.id), eq(clientCompanies.id, options.link.clientCompanyId)));
        if (!company) throw new AppError("NOT_FOUND", "no such client company");
        await tx.insert(personCompanies).values({
          agencyId: actor.agency.id,
          personId: id,
          clientCompanyId: company.id,
          role: options.link.role,
        });
      }
      await recordAudit(tx, {
        agencyId: actor.agency.id,
        actorUserId: actor.user.id,
        action: "person.create",
        targetType: "person",
        targetId: id,
        data: { idType, mask: idMask, ...(options.link ? { clientCompanyId: options.link.clientCompanyId, role: options.link.role } : {}) },
        requestId: options.requestId,
      });
    });
  } catch (error) {
    const pg = pgErrorOf(error);
    if (pg.code === "23505" && pg.constraint === "people_id_number_key") {
      throw validation({ idNumber: PEOPLE_MESSAGES.idNumberRecorded });
    }
    throw error;
  }
  return { id, name, idMask };
}

/** The agency's people, newest first (at most `limit`): masks only, never a number. */
export async function listPeople(actor: PeopleActor, limit = 500): Promise<PersonSummary[]> {
  assertCan(actor.role, "person:read");
  return withTenant({ agencyId: actor.agency.id, userId: actor.user.id, readOnly: true }, (tx) =>
    tx
      .select({ id: people.id, name: people.name, idType: people.idType, idMask: people.idMask, createdAt: people.createdAt })
      .from(people)
      .where(eq(people.agencyId, actor.agency.id))
      .orderBy(desc(people.createdAt), desc(people.id))
      .limit(limit),
  );
}

/* ------------------------------------------------------------------ edit */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type PersonRow = typeof people.$inferSelect;

/** A person as the edit form and the API show them: the mask, never the number. */
export function serialisePerson(person: PersonRow): EditablePerson {
  return {
    id: person.id,
    name: person.name,
    idType: person.idType,
    idMask: person.idMask,
    birthDate: person.birthDate,
    idExpiresOn: person.idExpiresOn,
    mobile: person.mobile,
    fixedLine: person.fixedLine,
    email: person.email,
    erasedAt: person.erasedAt?.toISOString() ?? null,
    version: person.version,
    updatedAt: person.updatedAt.toISOString(),
  };
}

/** Whether the birth date of this ID type is read from its number (so it is not typed in). */
export function birthDateFromNumber(idType: IdType): boolean {
  return idType === "prc_resident_id";
}

/** One person of the actor's agency for editing, or NOT_FOUND (another agency's id looks the same as none). */
export async function getEditablePerson(actor: PeopleActor, id: string): Promise<EditablePerson> {
  assertCan(actor.role, "person:read");
  if (!UUID.test(id)) throw new AppError("NOT_FOUND", "no such person");
  const [row] = await withTenant({ agencyId: actor.agency.id, userId: actor.user.id, readOnly: true }, (tx) =>
    tx.select().from(people).where(and(eq(people.agencyId, actor.agency.id), eq(people.id, id))),
  );
  if (!row) throw new AppError("NOT_FOUND", "no such person");
  return serialisePerson(row);
}

/** Who changed the person last and when (create or edit; reveals are not changes). */
async function lastPersonChange(tx: Tx, agencyId: string, id: string): Promise<{ by: string | null; at: string | null }> {
  const result = await tx.execute<{ name: string | null; at: Date | string | null }>(sql`
    select u.name, a.at from audit_events a left join users u on u.id = a.actor_user_id
    where a.agency_id = ${agencyId} and a.target_type = 'person' and a.target_id = ${id}
      and a.action in ('person.create', 'person.update')
    order by a.at desc limit 1`);
  const row = result.rows[0];
  return { by: row?.name ?? null, at: row?.at ? new Date(row.at).toISOString() : null };
}

/**
 * Saves an edit of a person made from `version` (person:write). The ID type and number
 * are fixed: a body carrying either is refused on that field (to correct a number, the
 * person is erased and recorded again, which keeps the ID-slot rules in one place). A
 * resident ID's birth date comes from its number. A newer version in the database gets
 * STALE_VERSION with who changed it, when, and the current values; an erased person is
 * CONFLICT. The audit event names the fields changed, never their values.
 */
export async function updatePerson(
  actor: PeopleActor,
  personId: string,
  input: unknown,
  options: { requestId?: string | null } = {},
): Promise<EditablePerson> {
  assertCan(actor.role, "person:write");
  if (!UUID.test(personId)) throw new AppError("NOT_FOUND", "no such person");
  const body = (input ?? {}) as Record<string, unknown>;
  if (typeof body === "object" && (body.idNumber !== undefined || body.idType !== undefined)) {
    throw validation({ [body.idNumber !== undefined ? "idNumber" : "idType"]: PERSON_EDIT_MESSAGES.idNumberFixed });
  }
  const now = clock.now();
  const parsed = updatePersonSchema(now).safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
    throw validation(fields);
  }
  const { version, ...values } = parsed.data;
  return withTenant({ agencyId: actor.agency.id, userId: actor.user.id }, async (tx) => {
    const [current] = await tx.select().from(people).where(and(eq(people.agencyId, actor.agency.id), eq(people.id, personId)));
    if (!current) throw new AppError("NOT_FOUND", "no such person");
    if (current.erasedAt) {
      throw new AppError("CONFLICT", `person ${personId} is erased`, { messageKey: PERSON_EDIT_MESSAGES.erased });
    }
    let birthDate = values.birthDate ?? null;
    if (birthDateFromNumber(current.idType)) {
      if (values.birthDate !== undefined && values.birthDate !== current.birthDate) {
        throw validation({ birthDate: PERSON_EDIT_MESSAGES.birthDateFromId });
      }
      birthDate = current.birthDate;
    }
    const next = {
      name: values.name,
      idExpiresOn: values.idExpiresOn ?? null,
      birthDate,
      mobile: values.mobile ?? null,
      fixedLine: values.fixedLine ?? null,
      email: values.email ?? null,
    } satisfies Record<PersonEditField, string | null>;
    const changed = personEditFields.filter((field) => next[field] !== current[field]);
    const [updated] = await tx
      .update(people)
      .set({ ...next, version: sql`${people.version} + 1`, updatedAt: now })
      .where(and(eq(people.agencyId, actor.agency.id), eq(people.id, personId), eq(people.version, version)))
      .returning();
    if (!updated) {
      const change = await lastPersonChange(tx, actor.agency.id, personId);
      throw new AppError("STALE_VERSION", `person ${personId} is at version ${current.version}, not ${version}`, {
        messageKey: PERSON_EDIT_MESSAGES.stale,
        current: serialisePerson(current),
        changedBy: change.by,
        changedAt: change.at,
      });
    }
    await recordAudit(tx, {
      agencyId: actor.agency.id,
      actorUserId: actor.user.id,
      action: "person.update",
      targetType: "person",
      targetId: personId,
      // Field names only: personal data stays out of the audit log.
      data: { fields: changed, version: updated.version },
      requestId: options.requestId ?? null,
    });
    return serialisePerson(updated);
  });
}
