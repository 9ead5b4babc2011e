/**
 * What the client portal shows a client administrator: their company's open document
 * requests and its registrations. Read through withTenant with the company set, so the
 * RESTRICTIVE policies hide every other company; the queries still name the agency
 * and the company, for the indexes and as a second lock. Only DTOs leave this module.
 */
import "server-only";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { documentRequests, officialAccounts, people, personCompanies, registrations, wecomCorps } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import type { MembershipContext } from "@/lib/auth/session";
import { listRequestComments } from "@/lib/documents/comments";
import type { DocumentDto, DocumentRequestDto, RequestCommentDto } from "@/lib/documents/document-types";
import { personDocumentKinds, type DocumentKind } from "@/lib/documents/kinds";
import { listCompanyDocuments } from "@/lib/documents/requests";
import { AppError } from "@/lib/errors";
import type { Pipeline, Product, Stage, Waiting } from "@/lib/registration/pipelines";

/** How many of each the portal home lists. */
export const PORTAL_LIST_LIMIT = 20;

export type PortalRequest = {
  id: string;
  kinds: DocumentKind[];
  /** A calendar date, "YYYY-MM-DD"; null when the agency gave none. */
  dueOn: string | null;
  message: string | null;
};

export type PortalRegistration = {
  id: string;
  product: Product;
  pipeline: Pipeline;
  stage: Stage;
  /** The Official Account's or the WeCom corp's name; null until there is one. */
  name: string | null;
  dueAt: Date | null;
  waiting: Waiting;
};

export type PortalOverview = { requests: PortalRequest[]; registrations: PortalRegistration[] };

export async function getPortalOverview(input: {
  agencyId: string;
  userId: string;
  clientCompanyId: string;
}): Promise<PortalOverview> {
  const { agencyId, userId, clientCompanyId } = input;
  return withTenant({ agencyId, userId, clientCompanyId, readOnly: true }, async (tx) => {
    const requestRows = await tx
      .select({
        id: documentRequests.id,
        kinds: documentRequests.kinds,
        dueOn: documentRequests.dueOn,
        message: documentRequests.message,
      })
      .from(documentRequests)
      .where(
        and(
          eq(documentRequests.agencyId, agencyId),
          eq(documentRequests.clientCompanyId, clientCompanyId),
          eq(documentRequests.status, "open"),
        ),
      )
      .orderBy(sql`${documentRequests.dueOn} asc nulls last`, asc(documentRequests.createdAt), asc(documentRequests.id))
      .limit(PORTAL_LIST_LIMIT);

    const registrationRows = await tx
      .select({
        id: registrations.id,
        product: registrations.product,
        pipeline: registrations.pipeline,
        stage: registrations.stage,
        accountName: officialAccounts.name,
        corpName: wecomCorps.corpName,
        dueAt: registrations.dueAt,
        waiting: registrations.waiting,
      })
      .from(registrations)
      .leftJoin(
        officialAccounts,
        and(eq(officialAccounts.agencyId, agencyId), eq(officialAccounts.registrationId, registrations.id)),
      )
      .leftJoin(wecomCorps, and(eq(wecomCorps.agencyId, agencyId), eq(wecomCorps.registrationId, registrations.id)))
      .where(and(eq(registrations.agencyId, agencyId), eq(registrations.clientCompanyId, clientCompanyId)))
      .orderBy(desc(registrations.stageEnteredAt), asc(registrations.id))
      .limit(PORTAL_LIST_LIMIT);

    return {
      requests: requestRows.map((row) => ({
        id: row.id,
        kinds: row.kinds as DocumentKind[],
        dueOn: row.dueOn,
        message: row.message,
      })),
      registrations: registrationRows.map((row) => ({
        id: row.id,
        product: row.product,
        pipeline: row.pipeline as Pipeline,
        stage: row.stage as Stage,
        name: row.accountName ?? row.corpName ?? null,
        dueAt: row.dueAt,
        waiting: row.waiting,
      })),
    };
  });
}

export type PortalRegistrationDetail = PortalRegistration & { stageEnteredAt: Date; resumeStage: Stage | null };

/**
 * One registration of the client administrator's company, or null: another company's
 * (the RESTRICTIVE policy hides it even without the company filter), another agency's,
 * or none at all look the same, so the page answers 404 for each.
 */
export async function getPortalRegistration(input: {
  agencyId: string;
  userId: string;
  clientCompanyId: string;
  registrationId: string;
}): Promise<PortalRegistrationDetail | null> {
  const { agencyId, userId, clientCompanyId, registrationId } = input;
  return withTenant({ agencyId, userId, clientCompanyId, readOnly: true }, async (tx) => {
    const [row] = await tx
      .select({
        id: registrations.id,
        product: registrations.product,
        pipeline: registrations.pipeline,
        stage: registrations.stage,
        resumeStage: registrations.resumeStage,
        stageEnteredAt: registrations.stageEnteredAt,
        accountName: officialAccounts.name,
        corpName: wecomCorps.corpName,
        dueAt: registrations.dueAt,
        waiting: registrations.waiting,
      })
      .from(registrations)
      .leftJoin(
        officialAccounts,
        and(eq(officialAccounts.agencyId, agencyId), eq(officialAccounts.registrationId, registrations.id)),
      )
      .leftJoin(wecomCorps, and(eq(wecomCorps.agencyId, agencyId), eq(wecomCorps.registrationId, registrations.id)))
      .where(
        and(
          eq(registrations.agencyId, agencyId),
          eq(registrations.clientCompanyId, clientCompanyId),
          eq(registrations.id, registrationId),
        ),
      );
    if (!row) return null;
    return {
      id: row.id,
      product: row.product,
      pipeline: row.pipeline as Pipeline,
      stage: row.stage as Stage,
      resumeStage: (row.resumeStage as Stage | null) ?? null,
      stageEnteredAt: row.stageEnteredAt,
      name: row.accountName ?? row.corpName ?? null,
      dueAt: row.dueAt,
      waiting: row.waiting,
    };
  });
}

export type PortalPerson = { id: string; name: string };

/**
 * The people linked to the client administrator's company, by name: whose ID photo an
 * upload shows. Names only (never an ID number or its mask); erased people are left out.
 * RESTRICTIVE policies show a client administrator only people linked to their company.
 */
export async function listPortalPeople(input: { agencyId: string; userId: string; clientCompanyId: string }): Promise<PortalPerson[]> {
  const { agencyId, userId, clientCompanyId } = input;
  return withTenant({ agencyId, userId, clientCompanyId, readOnly: true }, (tx) =>
    tx
      .selectDistinct({ id: people.id, name: people.name })
      .from(people)
      .innerJoin(
        personCompanies,
        and(
          eq(personCompanies.agencyId, agencyId),
          eq(personCompanies.personId, people.id),
          eq(personCompanies.clientCompanyId, clientCompanyId),
        ),
      )
      .where(and(eq(people.agencyId, agencyId), isNull(people.erasedAt)))
      .orderBy(asc(people.name), asc(people.id))
      .limit(PORTAL_LIST_LIMIT),
  );
}

export type PortalRequestDetail = {
  request: DocumentRequestDto;
  /** Per kind asked for, the documents answering it: the item's own and any uploaded for this request (one per person for ID photos). */
  documents: Record<string, DocumentDto[]>;
  /** Oldest first. */
  comments: RequestCommentDto[];
  /** When an ID photo is asked for: the people of the company it may show; else empty. */
  people: PortalPerson[];
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One document request of the client administrator's company with what the portal's
 * request page shows, or null: another company's request, another agency's, an id that
 * is not one — the same 404 for each. The document services keep the client
 * administrator to their company (row-level security, their tenant context); only their
 * DTOs are passed on (no notes, no staff-only fields).
 */
export async function getPortalRequest(
  actor: Pick<MembershipContext, "user" | "agency" | "role" | "clientCompany">,
  requestId: string,
): Promise<PortalRequestDetail | null> {
  if (actor.role !== "client_admin" || !actor.clientCompany) throw new AppError("FORBIDDEN", "the portal is for client administrators");
  if (!UUID.test(requestId)) return null;
  const companyId = actor.clientCompany.id;
  const { requests, documents } = await listCompanyDocuments(actor, companyId);
  const request = requests.find((candidate) => candidate.id === requestId && candidate.companyId === companyId);
  if (!request) return null;
  const wantsPeople = request.kinds.some((kind) => (personDocumentKinds as readonly string[]).includes(kind));
  const [comments, people] = await Promise.all([
    listRequestComments(actor, request.id),
    wantsPeople ? listPortalPeople({ agencyId: actor.agency.id, userId: actor.user.id, clientCompanyId: companyId }) : [],
  ]);
  const answering: Record<string, DocumentDto[]> = {};
  for (const item of request.items) {
    answering[item.kind] = documents.filter(
      (document) => document.kind === item.kind && (document.id === item.documentId || document.requestId === request.id),
    );
  }
  return { request, documents: answering, comments, people };
}

/** One file the company sent, as the portal's history lists it. */
export type PortalUpload = {
  versionId: string;
  documentId: string;
  requestId: string | null;
  kind: DocumentKind;
  personName: string | null;
  number: number;
  originalName: string;
  uploadedAt: string;
  /** Its review: waiting, or the decision. */
  verdict: "waiting" | "approve" | "reject";
  /** A rejection's reason. */
  reason: string | null;
};

/** How many uploads the history lists. */
export const PORTAL_HISTORY_LIMIT = 100;

/**
 * Every version of the client administrator's company's documents, newest first (at
 * most PORTAL_HISTORY_LIMIT), with its review. The company's own only (the document
 * services keep a client administrator to their company).
 */
export async function listPortalUploads(actor: Pick<MembershipContext, "user" | "agency" | "role" | "clientCompany">): Promise<PortalUpload[]> {
  if (actor.role !== "client_admin" || !actor.clientCompany) throw new AppError("FORBIDDEN", "the portal is for client administrators");
  const { documents } = await listCompanyDocuments(actor, actor.clientCompany.id);
  return documents
    .flatMap((document) =>
      document.versions.map((version) => ({
        versionId: version.id,
        documentId: document.id,
        requestId: document.requestId,
        kind: document.kind,
        personName: document.person?.name ?? null,
        number: version.number,
        originalName: version.originalName,
        uploadedAt: version.uploadedAt,
        verdict: version.review?.decision ?? ("waiting" as const),
        reason: version.review?.decision === "reject" ? version.review.reason : null,
      })),
    )
    .sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt) || b.versionId.localeCompare(a.versionId))
    .slice(0, PORTAL_HISTORY_LIMIT);
}
