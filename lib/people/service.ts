/**
 * People (design.md §3, issue 6): recording a person with their ID. The number is
 * stored only as AES-256-GCM ciphertext with its key id, an HMAC of the normalised
 * number (uniqueness per agency and exact search) and a mask for display; the clear
 * number never reaches a row, an audit event, a log or an answer.
 */
import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { clientCompanies, people, personCompanies } from "@/db/schema";
import { withTenant } from "@/db/tenant";
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
import { createPersonSchema, PEOPLE_MESSAGES } from "./schemas";

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
