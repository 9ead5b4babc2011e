/**
 * Document requests (issue 8 §1): staff ask a client company for documents of the kinds
 * of design.md §6, singly or as the required set of a registration's pipeline, with a
 * due date and a message; a client administrator reads their own company's requests and
 * documents (the portal). A request is fulfilled once every kind it asks for has an
 * approved, unexpired document answering it (review.ts keeps that up to date).
 *
 * Everything runs in withTenant under row-level security: another agency's company or
 * request, another company's for a client administrator, an unassigned client's for a
 * restricted staff member: NOT_FOUND.
 */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { clientCompanies, documentRequests, registrations } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Pipeline } from "@/lib/registration/pipelines";
import type { z } from "@/lib/validation/zod";
import type { DocumentDto, DocumentRequestDto, ReviewQueueItem } from "./document-types";
import { requiredDocuments, type DocumentKind } from "./kinds";
import {
  agencyToday,
  isUuid,
  loadDocuments,
  loadRequests,
  readerTenant,
  staffTenant,
  type DocumentsActor,
} from "./read";
import { createDocumentRequestSchema, REQUEST_MESSAGES as m, reviewQueueQuerySchema } from "./request-schemas";

export type { DocumentsActor } from "./read";

type Options = { requestId?: string | null };

export function parseOrInvalid<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
  throw new AppError("VALIDATION", `invalid ${what}: ${Object.keys(fields).join(", ")}`, { fields });
}

export const requestNotFound = () => new AppError("NOT_FOUND", "no such document request", { messageKey: m.notFound });
const companyNotFound = () => new AppError("NOT_FOUND", "no such company for documents");
const documentNotFound = () => new AppError("NOT_FOUND", "no such document", { messageKey: m.documentNotFound });

/**
 * Asks `input.companyId` for documents: `kinds`, and with `useRequiredSet` the required
 * set of the registration's pipeline (design.md §6), each kind once. Needs
 * `document:request`. VALIDATION with field keys; NOT_FOUND for a company the actor may
 * not see; a registration of another company is a field error on registrationId.
 */
export async function createDocumentRequest(actor: DocumentsActor, raw: unknown, options: Options = {}): Promise<DocumentRequestDto> {
  const tenant = staffTenant(actor, "document:request");
  const input = parseOrInvalid(createDocumentRequestSchema, raw, "document request");
  const agencyId = actor.agency.id;
  const today = agencyToday(actor);
  return withTenant(tenant, async (tx) => {
    const [company] = await tx
      .select({ id: clientCompanies.id })
      .from(clientCompanies)
      .where(and(eq(clientCompanies.agencyId, agencyId), eq(clientCompanies.id, input.companyId)));
    if (!company) throw companyNotFound();
    let kinds: DocumentKind[] = [...(input.kinds ?? [])];
    if (input.registrationId) {
      const [registration] = await tx
        .select({ pipeline: registrations.pipeline })
        .from(registrations)
        .where(
          and(
            eq(registrations.agencyId, agencyId),
            eq(registrations.id, input.registrationId),
            eq(registrations.clientCompanyId, input.companyId),
          ),
        );
      if (!registration) {
        throw new AppError("VALIDATION", "registration not of this company", { fields: { registrationId: m.registrationNotFound } });
      }
      if (input.useRequiredSet) kinds = [...kinds, ...requiredDocuments[registration.pipeline as Pipeline]];
    }
    kinds = [...new Set(kinds)];
    if (!kinds.length) throw new AppError("VALIDATION", "no kinds asked for", { fields: { kinds: m.kindsRequired } });
    const id = newId();
    await tx.insert(documentRequests).values({
      id,
      agencyId,
      clientCompanyId: input.companyId,
      registrationId: input.registrationId ?? null,
      kinds,
      dueOn: input.dueOn ?? null,
      message: input.message,
      status: "open",
      requestedBy: actor.user.id,
      createdAt: clock.now(),
    });
    await recordAudit(tx, {
      agencyId,
      actorUserId: actor.user.id,
      action: "document_request.create",
      targetType: "document_request",
      targetId: id,
      data: { companyId: input.companyId, registrationId: input.registrationId ?? null, kinds, dueOn: input.dueOn ?? null },
      requestId: options.requestId,
    });
    const [dto] = await loadRequests(tx, agencyId, { ids: [id] }, today);
    return dto!;
  });
}

/**
 * Cancels an open request (nothing more is expected). Needs `document:request`;
 * NOT_FOUND when not visible; CONFLICT (documentRequests.errors.notOpen) when it is
 * fulfilled or cancelled already.
 */
export async function cancelDocumentRequest(actor: DocumentsActor, requestId: string, options: Options = {}): Promise<DocumentRequestDto> {
  const tenant = staffTenant(actor, "document:request");
  if (!isUuid(requestId)) throw requestNotFound();
  const agencyId = actor.agency.id;
  const today = agencyToday(actor);
  return withTenant(tenant, async (tx) => {
    const [request] = await tx
      .select({ status: documentRequests.status, companyId: documentRequests.clientCompanyId })
      .from(documentRequests)
      .where(and(eq(documentRequests.agencyId, agencyId), eq(documentRequests.id, requestId)))
      .for("update");
    if (!request) throw requestNotFound();
    if (request.status !== "open") {
      throw new AppError("CONFLICT", `document request ${requestId} is ${request.status}`, { messageKey: m.notOpen, status: request.status });
    }
    await tx
      .update(documentRequests)
      .set({ status: "cancelled" })
      .where(and(eq(documentRequests.agencyId, agencyId), eq(documentRequests.id, requestId)));
    await recordAudit(tx, {
      agencyId,
      actorUserId: actor.user.id,
      action: "document_request.cancel",
      targetType: "document_request",
      targetId: requestId,
      data: { companyId: request.companyId },
      requestId: options.requestId,
    });
    const [dto] = await loadRequests(tx, agencyId, { ids: [requestId] }, today);
    return dto!;
  });
}

/**
 * A company's requests (newest first) and documents. Staff who may read documents, or
 * the company's own client administrator; any other company is NOT_FOUND.
 */
export async function listCompanyDocuments(
  actor: DocumentsActor,
  companyId: string,
): Promise<{ requests: DocumentRequestDto[]; documents: DocumentDto[] }> {
  const tenant = readerTenant(actor);
  if (!isUuid(companyId)) throw companyNotFound();
  if (tenant.clientCompanyId && tenant.clientCompanyId !== companyId) throw companyNotFound();
  const agencyId = actor.agency.id;
  const today = agencyToday(actor);
  return withTenant({ ...tenant, readOnly: true }, async (tx) => {
    const [company] = await tx
      .select({ id: clientCompanies.id })
      .from(clientCompanies)
      .where(and(eq(clientCompanies.agencyId, agencyId), eq(clientCompanies.id, companyId)));
    if (!company) throw companyNotFound();
    const requests = await loadRequests(tx, agencyId, { companyId }, today);
    const documents = await loadDocuments(tx, agencyId, { companyId }, today);
    return { requests, documents };
  });
}

/** One document with its versions (newest first) and their reviews; as listCompanyDocuments for who may read it. */
export async function getDocument(actor: DocumentsActor, documentId: string): Promise<DocumentDto> {
  const tenant = readerTenant(actor);
  if (!isUuid(documentId)) throw documentNotFound();
  const today = agencyToday(actor);
  const [document] = await withTenant({ ...tenant, readOnly: true }, (tx) => loadDocuments(tx, actor.agency.id, { ids: [documentId] }, today));
  if (!document) throw documentNotFound();
  return document;
}

export const REVIEW_QUEUE_DEFAULT_LIMIT = 50;

/** A queue cursor: the last item's waitingSince and document id. */
function parseCursor(cursor: string | undefined): { at: string; id: string } | null {
  if (!cursor) return null;
  const [at, id, extra] = cursor.split("~");
  if (extra !== undefined || !at || !isUuid(id) || Number.isNaN(Date.parse(at))) {
    throw new AppError("VALIDATION", "invalid review queue cursor", { fields: { cursor: m.cursorInvalid } });
  }
  return { at: new Date(at).toISOString(), id };
}

/** The cursor after `item`, for the next page. */
export const reviewQueueCursor = (item: ReviewQueueItem) => `${item.waitingSince}~${item.document.id}`;

/**
 * The documents whose latest version waits for review (status uploaded, not quarantined),
 * oldest first, through documents_review_queue_idx (agency, status, updated_at). Staff who
 * may review (`document:review`); restricted staff see their clients' only.
 */
export async function listReviewQueue(actor: DocumentsActor, raw: { limit?: unknown; cursor?: unknown } = {}): Promise<ReviewQueueItem[]> {
  const tenant = staffTenant(actor, "document:review");
  const query = parseOrInvalid(reviewQueueQuerySchema, raw, "review queue query");
  const limit = query.limit ?? REVIEW_QUEUE_DEFAULT_LIMIT;
  const after = parseCursor(query.cursor);
  const agencyId = actor.agency.id;
  const today = agencyToday(actor);
  return withTenant({ ...tenant, readOnly: true }, async (tx) => {
    const { rows } = await tx.execute<{ id: string; updated_at: Date | string; company_id: string; company_name: string }>(sql`
      select d.id, d.updated_at, c.id as company_id, coalesce(c.legal_name_zh, c.name_en, '') as company_name
      from documents d
      join client_companies c on c.agency_id = d.agency_id and c.id = d.client_company_id
      where d.agency_id = ${agencyId} and d.status = 'uploaded'
        ${after ? sql`and (d.updated_at, d.id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
        and not exists (
          select 1 from document_quarantines q
          where q.agency_id = d.agency_id and q.document_version_id = (
            select v.id from document_versions v where v.agency_id = d.agency_id and v.document_id = d.id
            order by v.uploaded_at desc, v.id desc limit 1))
      order by d.updated_at, d.id
      limit ${limit}`);
    const loaded = await loadDocuments(tx, agencyId, { ids: rows.map((row) => row.id) }, today);
    const documents = new Map(loaded.map((document) => [document.id, document]));
    return rows.map((row) => ({
      document: documents.get(row.id)!,
      company: { id: row.company_id, name: row.company_name },
      waitingSince: new Date(row.updated_at).toISOString(),
    }));
  });
}
