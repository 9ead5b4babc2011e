/**
 * Reading people (issue 6 §2): the list, a person's page with the accounts their ID
 * operates and the slots left, the exact search by full ID number, and the two audited
 * reveals (the number itself, and a person's whole record as an export).
 *
 * The clear number leaves the database only through revealIdNumber and exportPerson,
 * each writing its audit event in the same transaction as the read: a reveal that is not
 * recorded does not happen. The search hashes the number at once and never returns,
 * logs or stores it.
 */
import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { notFound as nextNotFound } from "next/navigation";
import { clientCompanies, externalAccounts, idSlots, officialAccounts, people, personCompanies, registrations } from "@/db/schema";
import { withTenant, type TenantContext } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record";
import { piiKeys } from "@/lib/auth/totp";
import { clock } from "@/lib/clock";
import type { IdType, PersonRole } from "@/lib/clients/kinds";
import { decryptPii, hmacPii } from "@/lib/crypto/pii";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/rbac/permissions";
import { SLOTS_PER_ID } from "@/lib/accounts/id-slots";
import { parseResidentId } from "@/lib/validation/resident-id";
import type { PeopleActor } from "./service";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function tenantOf(actor: PeopleActor, readOnly = false): TenantContext {
  return { agencyId: actor.agency.id, userId: actor.user.id, readOnly: readOnly || actor.role === "manager" };
}

const notFound = () => new AppError("NOT_FOUND", "no such person");

/* ------------------------------------------------------------------ list */

export type PersonListRow = {
  id: string;
  name: string;
  idType: IdType;
  idMask: string | null;
  erased: boolean;
  companies: number;
  slotsUsed: number;
};

export type PersonListPage = { rows: PersonListRow[]; next: string | null };

export const PEOPLE_PAGE_SIZE = 50;

function cursorOf(name: string, id: string): string {
  return Buffer.from(JSON.stringify([name, id])).toString("base64url");
}

function readCursor(cursor: string | undefined): { name: string; id: string } | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(value) || typeof value[0] !== "string" || typeof value[1] !== "string" || !UUID.test(value[1])) return null;
    return { name: value[0], id: value[1] };
  } catch {
    return null;
  }
}

/** People by name (keyset on the (agency_id, name) index), optionally those whose name starts with `q`. */
export async function listPeoplePage(
  actor: PeopleActor,
  options: { q?: string; after?: string; limit?: number } = {},
): Promise<PersonListPage> {
  assertCan(actor.role, "person:read");
  const limit = Math.min(Math.max(options.limit ?? PEOPLE_PAGE_SIZE, 1), 200);
  const cursor = readCursor(options.after);
  const q = options.q?.trim();
  const where = [sql`p.agency_id = ${actor.agency.id}`];
  if (q) where.push(sql`p.name like ${`${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (cursor) where.push(sql`(p.name, p.id) > (${cursor.name}, ${cursor.id}::uuid)`);
  const rows = await withTenant(tenantOf(actor, true), async (tx) =>
    (
      await tx.execute<{
        id: string;
        name: string;
        id_type: IdType;
        id_mask: string | null;
        erased_at: Date | null;
        companies: number;
        slots_used: number;
      }>(sql`
        select p.id, p.name, p.id_type, p.id_mask, p.erased_at,
          (select count(distinct pc.client_company_id)::int from person_companies pc
             where pc.agency_id = p.agency_id and pc.person_id = p.id) as companies,
          (select count(*)::int from id_slots s
             where s.agency_id = p.agency_id and s.operator_id_hmac = p.id_number_hmac) as slots_used
        from people p
        where ${sql.join(where, sql` and `)}
        order by p.name, p.id
        limit ${limit + 1}`)
    ).rows,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({
      id: r.id,
      name: r.name,
      idType: r.id_type,
      idMask: r.id_mask,
      erased: r.erased_at !== null,
      companies: r.companies,
      slotsUsed: r.slots_used,
    })),
    next: rows.length > limit && last ? cursorOf(last.name, last.id) : null,
  };
}

/* ---------------------------------------------------------------- detail */

export type PersonAccount = {
  kind: "official_account" | "external_account";
  id: string;
  name: string | null;
  wechatId: string | null;
  accountType: string | null;
  company: { id: string; name: string } | null;
  registration: { id: string; pipeline: string; stage: string } | null;
  /** Whether it holds one of the ID's two slots (abandoned and rejected accounts do not). */
  holdsSlot: boolean;
};

export type PersonDetail = {
  id: string;
  name: string;
  idType: IdType;
  idMask: string | null;
  birthDate: string | null;
  idExpiresOn: string | null;
  mobile: string | null;
  fixedLine: string | null;
  email: string | null;
  erasedAt: string | null;
  version: number;
  createdAt: string;
  companies: { id: string; name: string; roles: PersonRole[] }[];
  accounts: PersonAccount[];
  slots: { total: number; used: number; free: number };
};

export async function getPersonDetail(actor: PeopleActor, id: string): Promise<PersonDetail> {
  assertCan(actor.role, "person:read");
  if (!UUID.test(id)) throw notFound();
  return withTenant(tenantOf(actor, true), async (tx) => {
    const [person] = await tx.select().from(people).where(and(eq(people.agencyId, actor.agency.id), eq(people.id, id)));
    if (!person) throw notFound();
    const links = await tx
      .select({
        id: clientCompanies.id,
        name: sql<string>`coalesce(${clientCompanies.legalNameZh}, ${clientCompanies.nameEn})`,
        role: personCompanies.role,
      })
      .from(personCompanies)
      .innerJoin(
        clientCompanies,
        and(eq(clientCompanies.agencyId, personCompanies.agencyId), eq(clientCompanies.id, personCompanies.clientCompanyId)),
      )
      .where(and(eq(personCompanies.agencyId, actor.agency.id), eq(personCompanies.personId, id)))
      .orderBy(asc(clientCompanies.sortName));
    const companies = new Map<string, { id: string; name: string; roles: PersonRole[] }>();
    for (const link of links) {
      const entry = companies.get(link.id) ?? { id: link.id, name: link.name, roles: [] };
      entry.roles.push(link.role);
      companies.set(link.id, entry);
    }
    const operated = await tx
      .select({
        id: officialAccounts.id,
        name: officialAccounts.name,
        wechatId: officialAccounts.wechatId,
        accountType: officialAccounts.accountType,
        companyId: clientCompanies.id,
        companyName: sql<string>`coalesce(${clientCompanies.legalNameZh}, ${clientCompanies.nameEn})`,
        registrationId: registrations.id,
        pipeline: registrations.pipeline,
        stage: registrations.stage,
        slot: idSlots.slot,
      })
      .from(officialAccounts)
      .innerJoin(registrations, eq(registrations.id, officialAccounts.registrationId))
      .innerJoin(clientCompanies, eq(clientCompanies.id, officialAccounts.clientCompanyId))
      .leftJoin(idSlots, eq(idSlots.officialAccountId, officialAccounts.id))
      .where(and(eq(officialAccounts.agencyId, actor.agency.id), eq(officialAccounts.operatorPersonId, id)))
      .orderBy(asc(officialAccounts.createdAt));
    const external = await tx
      .select({ id: externalAccounts.id, name: externalAccounts.name, wechatId: externalAccounts.wechatId, slot: idSlots.slot })
      .from(externalAccounts)
      .leftJoin(idSlots, eq(idSlots.externalAccountId, externalAccounts.id))
      .where(and(eq(externalAccounts.agencyId, actor.agency.id), eq(externalAccounts.operatorPersonId, id)))
      .orderBy(asc(externalAccounts.createdAt));
    const used = person.idNumberHmac
      ? (
          await tx
            .select({ n: sql<number>`count(*)::int` })
            .from(idSlots)
            .where(and(eq(idSlots.agencyId, actor.agency.id), eq(idSlots.operatorIdHmac, person.idNumberHmac)))
        )[0]!.n
      : 0;
    const total = person.idType === "prc_resident_id" ? SLOTS_PER_ID.length : 0;
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
      createdAt: person.createdAt.toISOString(),
      companies: [...companies.values()],
      accounts: [
        ...operated.map((a) => ({
          kind: "official_account" as const,
          id: a.id,
          name: a.name,
          wechatId: a.wechatId,
          accountType: a.accountType,
          company: { id: a.companyId, name: a.companyName },
          registration: { id: a.registrationId, pipeline: a.pipeline, stage: a.stage },
          holdsSlot: a.slot !== null,
        })),
        ...external.map((e) => ({
          kind: "external_account" as const,
          id: e.id,
          name: e.name,
          wechatId: e.wechatId,
          accountType: null,
          company: null,
          registration: null,
          holdsSlot: e.slot !== null,
        })),
      ],
      slots: { total, used, free: Math.max(total - used, 0) },
    };
  });
}

/* --------------------------------------------------------------- reveals */

/**
 * Reads the clear number and writes `action`'s audit event in one transaction: the
 * reveal and its record commit together or not at all.
 */
async function auditedReveal(
  actor: PeopleActor,
  id: string,
  action: "person.reveal_id" | "person.export",
  requestId: string | null,
): Promise<{ idNumber: string | null; idType: IdType; mask: string | null }> {
  assertCan(actor.role, "person:reveal-id");
  if (!UUID.test(id)) throw notFound();
  return withTenant(tenantOf(actor), async (tx) => {
    const [person] = await tx
      .select({ ciphertext: people.idNumberCiphertext, keyId: people.idKeyId, mask: people.idMask, idType: people.idType })
      .from(people)
      .where(and(eq(people.agencyId, actor.agency.id), eq(people.id, id)));
    if (!person) throw notFound();
    const erased = !person.ciphertext || !person.keyId;
    if (erased && action === "person.reveal_id") {
      throw new AppError("CONFLICT", "person erased", { messageKey: "peoplePages.errors.erased" });
    }
    await recordAudit(tx, {
      agencyId: actor.agency.id,
      actorUserId: actor.user.id,
      action,
      targetType: "person",
      targetId: id,
      data: { idType: person.idType, mask: person.mask },
      requestId,
    });
    const idNumber = erased ? null : decryptPii(piiKeys(), Buffer.from(person.ciphertext!), person.keyId!);
    return { idNumber, idType: person.idType, mask: person.mask };
  });
}

/** The clear ID number, with its audit event in the same transaction (person:reveal-id). */
export async function revealIdNumber(
  actor: PeopleActor,
  id: string,
  options: { requestId?: string | null } = {},
): Promise<{ idNumber: string }> {
  const { idNumber } = await auditedReveal(actor, id, "person.reveal_id", options.requestId ?? null);
  return { idNumber: idNumber! };
}

/** Everything Weidesk holds about a person, the clear number included: an audited reveal (design.md §3). */
export async function exportPerson(
  actor: PeopleActor,
  id: string,
  options: { requestId?: string | null } = {},
): Promise<Record<string, unknown>> {
  assertCan(actor.role, "person:reveal-id");
  const detail = await getPersonDetail(actor, id);
  const { idNumber } = await auditedReveal(actor, id, "person.export", options.requestId ?? null);
  return { exportedAt: clock.now().toISOString(), person: { ...detail, idNumber } };
}

/**
 * The person with exactly this ID number, or null. The number is normalised and hashed
 * at once; a malformed number is VALIDATION on `idNumber` (never echoed back).
 */
export async function findPersonByIdNumber(actor: PeopleActor, idNumber: unknown): Promise<{ id: string } | null> {
  assertCan(actor.role, "person:read");
  const parsed = typeof idNumber === "string" ? parseResidentId(idNumber, { today: clock.now() }) : null;
  if (!parsed?.ok) {
    throw new AppError("VALIDATION", "malformed ID number in search", { fields: { idNumber: "peoplePages.errors.searchFormat" } });
  }
  const hmac = hmacPii(piiKeys(), parsed.value);
  const [row] = await withTenant(tenantOf(actor, true), (tx) =>
    tx
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.agencyId, actor.agency.id), eq(people.idType, "prc_resident_id"), eq(people.idNumberHmac, hmac))),
  );
  return row ?? null;
}

/* ------------------------------------------------------ operator choices */

export type OperatorChoice = {
  id: string;
  name: string;
  idMask: string | null;
  /** Slots of the two left for this ID; null when the ID type has no cap (not a resident ID). */
  free: number | null;
  adult: boolean;
};

/**
 * The people linked to a company, as choices for an account's operator: with the
 * slots their ID has left and whether they are 18, so the form explains a refusal
 * before the user submits (the database decides again at submit).
 */
export async function listOperatorChoices(actor: PeopleActor, clientCompanyId: string): Promise<OperatorChoice[]> {
  assertCan(actor.role, "person:read");
  if (!UUID.test(clientCompanyId)) throw notFound();
  const rows = await withTenant(tenantOf(actor, true), async (tx) =>
    (
      await tx.execute<{ id: string; name: string; id_type: IdType; id_mask: string | null; used: number; adult: boolean }>(sql`
        select p.id, p.name, p.id_type, p.id_mask,
          (select count(*)::int from id_slots s where s.agency_id = p.agency_id and s.operator_id_hmac = p.id_number_hmac) as used,
          coalesce(p.birth_date <= (${clock.now().toISOString()}::timestamptz at time zone 'Asia/Shanghai')::date - interval '18 years', true) as adult
        from people p
        where p.agency_id = ${actor.agency.id} and p.erased_at is null
          and exists (select 1 from person_companies pc where pc.agency_id = p.agency_id and pc.person_id = p.id and pc.client_company_id = ${clientCompanyId})
        order by p.name, p.id`)
    ).rows,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    idMask: r.id_mask,
    free: r.id_type === "prc_resident_id" ? Math.max(SLOTS_PER_ID.length - r.used, 0) : null,
    adult: r.adult,
  }));
}

/** For the layout's check: a person of the member's agency, else the 404 page. */
export async function requirePersonPage(actor: PeopleActor, id: string): Promise<void> {
  assertCan(actor.role, "person:read");
  const found =
    UUID.test(id) &&
    (await withTenant(tenantOf(actor, true), (tx) =>
      tx.select({ id: people.id }).from(people).where(and(eq(people.agencyId, actor.agency.id), eq(people.id, id))),
    )).length > 0;
  if (!found) nextNotFound();
}
