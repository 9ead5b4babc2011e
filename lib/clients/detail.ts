/**
 * The client page (issue 6 §8): one company with the people linked to it, its Official
 * Accounts and WeCom corps with where each registration stands, the documents asked
 * for and received, internal notes and the timeline of what happened to it. Reads run
 * in one read-only withTenant transaction and return DTOs only (masked IDs, never the
 * ciphertext). Also `addNote`, the one write of the page.
 */
import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  auditEvents,
  clientCompanies,
  documentRequests,
  documents,
  memberships,
  notes,
  officialAccounts,
  people,
  personCompanies,
  registrations,
  users,
  wecomCorps,
} from "@/db/schema";
import { readTenant, withTenant } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record";
import { auditActorOf, type AuditActorRef } from "@/lib/audit/queries";
import type { MembershipContext } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { assertCan, can } from "@/lib/rbac/permissions";
import type { Pipeline, Product, Stage, Waiting } from "@/lib/registration/pipelines";
import { z } from "@/lib/validation/zod";
import type { AccountType, IdType, PersonRole, VerificationStatus } from "./kinds";
import { getCompany, isUuid, tenantOf, type ClientsActor, type Company } from "./service";

/** At most this many timeline events on the page (newest first). */
export const TIMELINE_LIMIT = 100;

export type CompanyPerson = {
  id: string;
  name: string;
  idType: IdType;
  /** "110105********002X"; null once erased. */
  idMask: string | null;
  erased: boolean;
  mobile: string | null;
  email: string | null;
  roles: PersonRole[];
};

export type CompanyAccount = {
  registrationId: string;
  product: Product;
  pipeline: Pipeline;
  stage: Stage;
  waiting: Waiting;
  stageEnteredAt: Date;
  dueAt: Date | null;
  /** The account's name or the corp's; null while not chosen yet. */
  name: string | null;
  accountType: AccountType | null;
  wechatId: string | null;
  verificationStatus: VerificationStatus | null;
  verificationExpiresAt: Date | null;
  /** The Official Account or the WeCom corp behind the card (one of the two). */
  officialAccountId: string | null;
  wecomCorpId: string | null;
  /** The card's version, for the actions on it (an operator change). */
  version: number;
  /** The Official Account's operator, or the WeCom corp's administrator. */
  person: { id: string; name: string } | null;
  /** WeCom only: the short name and WeCom's corp ID, once known. */
  shortName: string | null;
  corpId: string | null;
};

export type CompanyDocumentRequest = {
  id: string;
  kinds: string[];
  dueOn: string | null;
  status: "open" | "fulfilled" | "cancelled";
  createdAt: Date;
};

export type CompanyDocument = {
  id: string;
  kind: string;
  status: string;
  createdAt: Date;
};

export type CompanyNote = { id: string; body: string; author: string | null; createdAt: Date };

export type TimelineEvent = {
  id: string;
  at: Date;
  actor: AuditActorRef;
  action: string;
  targetType: string | null;
  /** Stage names of a registration move, when the event has them. */
  from: string | null;
  to: string | null;
};

export type CompanyDetail = {
  company: Company;
  people: CompanyPerson[];
  accounts: CompanyAccount[];
  documentRequests: CompanyDocumentRequest[];
  documents: CompanyDocument[];
  notes: CompanyNote[];
  timeline: TimelineEvent[];
};

export type AssigneeOption = { id: string; name: string };

/**
 * The company for this request, read once however many callers ask (the layout's check
 * and the page). NOT_FOUND for another agency's id or one that is not a UUID.
 */
const companyOfRequest = cache((agencyId: string, userId: string, role: ClientsActor["role"], id: string) =>
  getCompany({ agency: { id: agencyId }, user: { id: userId }, role } as ClientsActor, id),
);

export function loadCompany(actor: ClientsActor, id: string): Promise<Company> {
  return companyOfRequest(actor.agency.id, actor.user.id, actor.role, id);
}

/**
 * The layout's check for the pages under /<agency>/clients: the permission each needs
 * and, for one company's pages, that the company is the agency's. Done in the layout
 * because a page's own notFound() inside loading.tsx's boundary arrives with a 200.
 * `rest` is the path below /<agency>/clients.
 */
export async function requireClientPage(context: MembershipContext, rest: readonly string[]): Promise<void> {
  const [first, second] = rest;
  if (!first) return;
  // The forms that add clients: one at a time, or a CSV of them (clients/import).
  if (first === "new" || first === "import") {
    if (!can(context.role, "client:create")) notFound();
    return;
  }
  // npm run bench's floor page (clients/from-memory): the list's own check, served only with BENCH_ROUTES=1.
  if (first === "from-memory" && !second) {
    if (!env().BENCH_ROUTES) notFound();
    return;
  }
  if (second === "edit" && !can(context.role, "client:update")) notFound();
  try {
    await loadCompany(context, decodeURIComponent(first));
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** Active owners, admins and staff of the agency: who a client may be assigned to. */
export async function listAssigneeOptions(actor: ClientsActor): Promise<AssigneeOption[]> {
  assertCan(actor.role, "client:read");
  return readTenant(tenantOf(actor, true), (tx) =>
    tx
      .select({ id: users.id, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.agencyId, actor.agency.id),
          eq(memberships.status, "active"),
          inArray(memberships.role, ["owner", "admin", "staff"]),
        ),
      )
      .orderBy(asc(users.name)),
  );
}

/**
 * Everything the client page shows about one company. Precondition: the caller may
 * "client:read". NOT_FOUND for another agency's company or a malformed id.
 */
export async function getCompanyDetail(actor: ClientsActor, id: string): Promise<CompanyDetail> {
  const company = await loadCompany(actor, id);
  const agencyId = actor.agency.id;
  return withTenant(tenantOf(actor, true), async (tx) => {
    const personRows = await tx
      .select({
        id: people.id,
        name: people.name,
        idType: people.idType,
        idMask: people.idMask,
        erasedAt: people.erasedAt,
        mobile: people.mobile,
        email: people.email,
        role: personCompanies.role,
      })
      .from(personCompanies)
      .innerJoin(people, and(eq(people.agencyId, personCompanies.agencyId), eq(people.id, personCompanies.personId)))
      .where(and(eq(personCompanies.agencyId, agencyId), eq(personCompanies.clientCompanyId, id)))
      .orderBy(asc(people.name), asc(people.id));
    const byPerson = new Map<string, CompanyPerson>();
    for (const row of personRows) {
      const person = byPerson.get(row.id) ?? {
        id: row.id,
        name: row.name,
        idType: row.idType,
        idMask: row.erasedAt ? null : row.idMask,
        erased: row.erasedAt !== null,
        mobile: row.erasedAt ? null : row.mobile,
        email: row.erasedAt ? null : row.email,
        roles: [],
      };
      person.roles.push(row.role);
      byPerson.set(row.id, person);
    }

    const accountRows = await tx
      .select({
        registrationId: registrations.id,
        product: registrations.product,
        pipeline: registrations.pipeline,
        stage: registrations.stage,
        waiting: registrations.waiting,
        stageEnteredAt: registrations.stageEnteredAt,
        dueAt: registrations.dueAt,
        accountName: officialAccounts.name,
        accountType: officialAccounts.accountType,
        wechatId: officialAccounts.wechatId,
        accountVerification: officialAccounts.verificationStatus,
        accountVerificationExpiresAt: officialAccounts.verificationExpiresAt,
        corpName: wecomCorps.corpName,
        officialAccountId: officialAccounts.id,
        wecomCorpId: wecomCorps.id,
        version: registrations.version,
        personId: people.id,
        personName: people.name,
        shortName: wecomCorps.shortName,
        corpId: wecomCorps.corpId,
        corpVerification: wecomCorps.verificationStatus,
        corpVerificationExpiresAt: wecomCorps.verificationExpiresAt,
      })
      .from(registrations)
      .leftJoin(officialAccounts, eq(officialAccounts.registrationId, registrations.id))
      .leftJoin(wecomCorps, eq(wecomCorps.registrationId, registrations.id))
      .leftJoin(
        people,
        and(eq(people.agencyId, registrations.agencyId), sql`${people.id} = coalesce(${officialAccounts.operatorPersonId}, ${wecomCorps.adminPersonId})`),
      )
      .where(and(eq(registrations.agencyId, agencyId), eq(registrations.clientCompanyId, id)))
      .orderBy(asc(registrations.createdAt), asc(registrations.id));

    const requestRows = await tx
      .select({
        id: documentRequests.id,
        kinds: documentRequests.kinds,
        dueOn: documentRequests.dueOn,
        status: documentRequests.status,
        createdAt: documentRequests.createdAt,
      })
      .from(documentRequests)
      .where(and(eq(documentRequests.agencyId, agencyId), eq(documentRequests.clientCompanyId, id)))
      .orderBy(desc(documentRequests.createdAt))
      .limit(50);

    const documentRows = await tx
      .select({ id: documents.id, kind: documents.kind, status: documents.status, createdAt: documents.createdAt })
      .from(documents)
      .where(and(eq(documents.agencyId, agencyId), eq(documents.clientCompanyId, id)))
      .orderBy(desc(documents.createdAt))
      .limit(100);

    const noteRows = await tx
      .select({ id: notes.id, body: notes.body, author: users.name, createdAt: notes.createdAt })
      .from(notes)
      .leftJoin(users, eq(users.id, notes.authorUserId))
      .where(and(eq(notes.agencyId, agencyId), eq(notes.clientCompanyId, id)))
      .orderBy(desc(notes.createdAt), desc(notes.id));

    // The company itself and what belongs to it: its registrations, accounts, notes,
    // document requests and documents.
    const timelineRows = await tx
      .select({
        id: auditEvents.id,
        at: auditEvents.at,
        actorUserId: auditEvents.actorUserId,
        actorName: users.name,
        actorEmail: users.email,
        action: auditEvents.action,
        targetType: auditEvents.targetType,
        from: sql<string | null>`${auditEvents.data} ->> 'from'`,
        to: sql<string | null>`${auditEvents.data} ->> 'to'`,
      })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorUserId))
      .where(
        and(
          eq(auditEvents.agencyId, agencyId),
          sql`(
            (${auditEvents.targetType} = 'client_company' and ${auditEvents.targetId} = ${id})
            or (${auditEvents.targetType} = 'registration' and ${auditEvents.targetId} in
                (select r.id from registrations r where r.agency_id = ${agencyId} and r.client_company_id = ${id}))
            or (${auditEvents.targetType} = 'official_account' and ${auditEvents.targetId} in
                (select o.id from official_accounts o where o.agency_id = ${agencyId} and o.client_company_id = ${id}))
            or (${auditEvents.targetType} = 'wecom_corp' and ${auditEvents.targetId} in
                (select w.id from wecom_corps w where w.agency_id = ${agencyId} and w.client_company_id = ${id}))
            or (${auditEvents.targetType} = 'note' and ${auditEvents.targetId} in
                (select n.id from notes n where n.agency_id = ${agencyId} and n.client_company_id = ${id}))
            or (${auditEvents.targetType} = 'document_request' and ${auditEvents.targetId} in
                (select q.id from document_requests q where q.agency_id = ${agencyId} and q.client_company_id = ${id}))
            or (${auditEvents.targetType} = 'document' and ${auditEvents.targetId} in
                (select d.id from documents d where d.agency_id = ${agencyId} and d.client_company_id = ${id}))
          )`,
        ),
      )
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(TIMELINE_LIMIT);

    return {
      company,
      people: [...byPerson.values()],
      accounts: accountRows.map((row) => ({
        registrationId: row.registrationId,
        product: row.product,
        pipeline: row.pipeline as Pipeline,
        stage: row.stage as Stage,
        waiting: row.waiting,
        stageEnteredAt: row.stageEnteredAt,
        dueAt: row.dueAt,
        name: row.product === "wecom" ? row.corpName : row.accountName,
        accountType: row.accountType,
        wechatId: row.wechatId,
        verificationStatus: row.product === "wecom" ? row.corpVerification : row.accountVerification,
        verificationExpiresAt: row.product === "wecom" ? row.corpVerificationExpiresAt : row.accountVerificationExpiresAt,
        officialAccountId: row.officialAccountId,
        wecomCorpId: row.wecomCorpId,
        version: row.version,
        person: row.personId && row.personName ? { id: row.personId, name: row.personName } : null,
        shortName: row.shortName,
        corpId: row.corpId,
      })),
      documentRequests: requestRows.map((row) => ({ ...row, kinds: [...row.kinds] })),
      documents: documentRows,
      notes: noteRows,
      timeline: timelineRows.map((row) => ({
        id: row.id,
        at: row.at,
        actor: auditActorOf(row),
        action: row.action,
        targetType: row.targetType,
        from: row.from,
        to: row.to,
      })),
    };
  });
}

export const NOTE_MAX_LENGTH = 5000;

export const noteSchema = z.object({
  body: z.preprocess(
    (value) => (typeof value === "string" ? value.trim() : value),
    z
      .string({ error: "clientPage.notes.errors.required" })
      .min(1, { error: "clientPage.notes.errors.required" })
      .max(NOTE_MAX_LENGTH, { error: "clientPage.notes.errors.tooLong" }),
  ),
});

/**
 * Adds an internal note to a company: the note and its `note.create` event in one
 * transaction. Precondition: none (checks "note:write" itself). Another agency's
 * company, or an id that is not one: NOT_FOUND.
 */
export async function addNote(
  actor: ClientsActor,
  companyId: string,
  input: unknown,
  options: { requestId?: string | null } = {},
): Promise<{ id: string }> {
  assertCan(actor.role, "note:write");
  if (typeof companyId !== "string" || !isUuid(companyId)) throw new AppError("NOT_FOUND", "no such client company");
  const parsed = noteSchema.safeParse(typeof input === "string" ? { body: input } : input);
  if (!parsed.success) {
    throw new AppError("VALIDATION", "invalid note", { fields: { body: parsed.error.issues[0]?.message ?? "validation.required" } });
  }
  const id = newId();
  await withTenant(tenantOf(actor), async (tx) => {
    const [company] = await tx
      .select({ id: clientCompanies.id })
      .from(clientCompanies)
      .where(and(eq(clientCompanies.agencyId, actor.agency.id), eq(clientCompanies.id, companyId)));
    if (!company) throw new AppError("NOT_FOUND", "no such client company");
    await tx.insert(notes).values({
      id,
      agencyId: actor.agency.id,
      clientCompanyId: companyId,
      authorUserId: actor.user.id,
      body: parsed.data.body,
      createdAt: clock.now(),
    });
    await recordAudit(tx, {
      agencyId: actor.agency.id,
      actorUserId: actor.user.id,
      action: "note.create",
      targetType: "note",
      targetId: id,
      // Never the note's text: the log is read more widely than the notes.
      data: { clientCompanyId: companyId, length: parsed.data.body.length },
      requestId: options.requestId ?? null,
    });
  });
  return { id };
}
