/**
 * The read side of documents and document requests (issue 8 §1, §3): the DTOs of
 * ./document-types.ts built from their rows, inside a caller's transaction (withTenant, so
 * row-level security decides what the reader sees: a client administrator their own
 * company, restricted staff their clients). Shared by requests.ts, review.ts and
 * comments.ts.
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { TenantContext, Tx } from "@/db/tenant";
import type { MembershipContext } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { assertCan, type Action } from "@/lib/rbac/permissions";
import { addDays, localDate } from "@/lib/registration/calendar";
import {
  DOCUMENT_EXPIRY_WARNING_DAYS,
  type DocumentDto,
  type DocumentPerson,
  type DocumentRequestDto,
  type DocumentVersionDto,
  type ExpiryFlag,
  type QuarantineReason,
} from "./document-types";
import type { DocumentKind, DocumentStatus } from "./kinds";
import type { UploadType } from "./upload-schemas";

export type DocumentsActor = Pick<MembershipContext, "user" | "agency" | "role" | "clientCompany">;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID.test(value);

/** Staff who may do `action`: the agency's tenant context, no company. */
export function staffTenant(actor: DocumentsActor, action: Action): TenantContext {
  assertCan(actor.role, action);
  return { agencyId: actor.agency.id, userId: actor.user.id, clientCompanyId: null };
}

/**
 * A reader of a company's documents: staff who may read documents, or a client
 * administrator, whose tenant context carries their company so the database shows them
 * nothing else (as upload.ts tenantOf).
 */
export function readerTenant(actor: DocumentsActor, staffAction: Action = "document:read"): TenantContext {
  if (actor.role === "client_admin") {
    if (!actor.clientCompany) throw new AppError("FORBIDDEN", "client administrator without a company");
    return { agencyId: actor.agency.id, userId: actor.user.id, clientCompanyId: actor.clientCompany.id };
  }
  return staffTenant(actor, staffAction);
}

/** The agency's "today" (its time zone), as a calendar date. */
export function agencyToday(actor: Pick<DocumentsActor, "agency">): string {
  return localDate(clock.now(), actor.agency.timeZone);
}

/** Expired past its expiry date, expiring within DOCUMENT_EXPIRY_WARNING_DAYS of `today`. */
export function expiryOf(expiresOn: string | null, today: string): ExpiryFlag {
  if (!expiresOn) return null;
  if (expiresOn < today) return "expired";
  return expiresOn <= addDays(today, DOCUMENT_EXPIRY_WARNING_DAYS) ? "expiring" : null;
}

const iso = (value: Date | string) => new Date(value).toISOString();
const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;

/**
 * The people named by `ids` as this reader sees them: staff or client by their membership.
 * A user the reader may not see (staff, to a client administrator) keeps their id, with
 * no name, on the staff side.
 */
export async function peopleOf(tx: Tx, agencyId: string, ids: Iterable<string | null>): Promise<Map<string, DocumentPerson>> {
  const wanted = [...new Set([...ids].filter((id): id is string => !!id))];
  const people = new Map<string, DocumentPerson>(wanted.map((id) => [id, { id, name: "", side: "staff" }]));
  if (!wanted.length) return people;
  const { rows } = await tx.execute<{ id: string; name: string | null; role: string | null }>(sql`
    select u.id, u.name, m.role from users u
    left join memberships m on m.agency_id = ${agencyId} and m.user_id = u.id
    where u.id = any(${uuidArray(wanted)})`);
  for (const row of rows) people.set(row.id, { id: row.id, name: row.name ?? "", side: row.role === "client_admin" ? "client" : "staff" });
  return people;
}

export const personOf = (people: Map<string, DocumentPerson>, id: string | null) => (id ? (people.get(id) ?? { id, name: "", side: "staff" }) : null);

type DocumentRow = {
  id: string;
  client_company_id: string;
  kind: DocumentKind;
  person_id: string | null;
  person_name: string | null;
  document_request_id: string | null;
  status: DocumentStatus;
  signed: boolean;
  chopped: boolean;
  colour_scan: boolean;
  expires_on: string | null;
  version: number;
  updated_at: Date | string;
  registration_ids: string[];
};

type VersionRow = {
  id: string;
  document_id: string;
  number: number | string;
  size_bytes: number | string;
  detected_type: string;
  original_name: string;
  uploaded_at: Date | string;
  uploaded_by: string | null;
  q_reason: QuarantineReason | null;
  q_at: Date | string | null;
  q_detected_by: "download" | "reconciliation" | null;
  decision: "approve" | "reject" | null;
  reason: string | null;
  reviewer_user_id: string | null;
  review_at: Date | string | null;
};

/** Which documents: a company's, or these ids. */
export type DocumentFilter = { companyId: string } | { ids: readonly string[] };

/** The documents `filter` names that the reader sees, with their versions newest first. */
export async function loadDocuments(tx: Tx, agencyId: string, filter: DocumentFilter, today: string): Promise<DocumentDto[]> {
  if ("ids" in filter && !filter.ids.length) return [];
  const where: SQL = "ids" in filter ? sql`d.id = any(${uuidArray(filter.ids)})` : sql`d.client_company_id = ${filter.companyId}::uuid`;
  const { rows } = await tx.execute<DocumentRow>(sql`
    select d.id, d.client_company_id, d.kind, d.person_id, p.name as person_name, d.document_request_id, d.status,
      d.signed, d.chopped, d.colour_scan, to_char(d.expires_on, 'YYYY-MM-DD') as expires_on, d.version, d.updated_at,
      coalesce((select array_agg(dr.registration_id::text order by dr.registration_id) from document_registrations dr
        where dr.agency_id = d.agency_id and dr.document_id = d.id), '{}') as registration_ids
    from documents d
    left join people p on p.agency_id = d.agency_id and p.id = d.person_id
    where d.agency_id = ${agencyId} and ${where}
    order by d.kind, d.created_at, d.id`);
  if (!rows.length) return [];
  const { rows: versions } = await tx.execute<VersionRow>(sql`
    select v.id, v.document_id, row_number() over (partition by v.document_id order by v.uploaded_at, v.id) as number,
      v.size_bytes, v.detected_type, v.original_name, v.uploaded_at, v.uploaded_by,
      q.reason as q_reason, q.at as q_at, q.detected_by as q_detected_by,
      rv.decision, rv.reason, rv.reviewer_user_id, rv.at as review_at
    from document_versions v
    left join document_quarantines q on q.agency_id = v.agency_id and q.document_version_id = v.id
    left join lateral (
      select x.decision, x.reason, x.reviewer_user_id, x.at from document_reviews x
      where x.agency_id = v.agency_id and x.document_version_id = v.id
      order by x.at desc, x.id desc limit 1) rv on true
    where v.agency_id = ${agencyId} and v.document_id = any(${uuidArray(rows.map((row) => row.id))})
    order by v.document_id, v.uploaded_at desc, v.id desc`);
  const people = await peopleOf(tx, agencyId, versions.flatMap((row) => [row.uploaded_by, row.reviewer_user_id]));
  const byDocument = new Map<string, DocumentVersionDto[]>();
  for (const row of versions) {
    const list = byDocument.get(row.document_id) ?? [];
    list.push({
      id: row.id,
      number: Number(row.number),
      sizeBytes: Number(row.size_bytes),
      detectedType: row.detected_type as UploadType,
      originalName: row.original_name,
      uploadedAt: iso(row.uploaded_at),
      uploadedBy: personOf(people, row.uploaded_by),
      quarantine: row.q_reason && row.q_at && row.q_detected_by ? { reason: row.q_reason, at: iso(row.q_at), detectedBy: row.q_detected_by } : null,
      review:
        row.decision && row.review_at
          ? { decision: row.decision, reason: row.reason, reviewer: personOf(people, row.reviewer_user_id), at: iso(row.review_at) }
          : null,
    });
    byDocument.set(row.document_id, list);
  }
  return rows.map((row) => ({
    id: row.id,
    companyId: row.client_company_id,
    kind: row.kind,
    person: row.person_id ? { id: row.person_id, name: row.person_name ?? "" } : null,
    requestId: row.document_request_id,
    status: row.status,
    signed: row.signed,
    chopped: row.chopped,
    colourScan: row.colour_scan,
    expiresOn: row.expires_on,
    expiry: expiryOf(row.expires_on, today),
    registrationIds: row.registration_ids,
    versions: byDocument.get(row.id) ?? [],
    version: row.version,
    updatedAt: iso(row.updated_at),
  }));
}

type RequestRow = {
  id: string;
  client_company_id: string;
  registration_id: string | null;
  kinds: DocumentKind[];
  due_on: string | null;
  message: string | null;
  status: DocumentRequestDto["status"];
  requested_by: string | null;
  created_at: Date | string;
  comment_count: number;
};

type AnswerRow = { id: string; document_request_id: string; kind: DocumentKind; status: DocumentStatus; expires_on: string | null };

/** Whether a document counts as approved today: approved and not past its expiry date. */
export const isApprovedOn = (row: { status: DocumentStatus; expires_on: string | null }, today: string) =>
  row.status === "approved" && (!row.expires_on || row.expires_on >= today);

/**
 * Per kind a request asks for, the document answering it: an approved one still valid,
 * else the newest; an approved one past its expiry date reads "expired".
 */
function itemsOf(kinds: DocumentKind[], answers: AnswerRow[], today: string): DocumentRequestDto["items"] {
  return kinds.map((kind) => {
    const mine = answers.filter((answer) => answer.kind === kind);
    const best = mine.find((answer) => isApprovedOn(answer, today)) ?? mine[0];
    if (!best) return { kind, documentId: null, status: "requested" as const };
    const status: DocumentStatus = best.status === "approved" && !isApprovedOn(best, today) ? "expired" : best.status;
    return { kind, documentId: best.id, status };
  });
}

/** The documents answering these requests, newest first. */
async function answersOf(tx: Tx, agencyId: string, requestIds: readonly string[]): Promise<AnswerRow[]> {
  if (!requestIds.length) return [];
  const { rows } = await tx.execute<AnswerRow>(sql`
    select d.id, d.document_request_id, d.kind, d.status, to_char(d.expires_on, 'YYYY-MM-DD') as expires_on from documents d
    where d.agency_id = ${agencyId} and d.document_request_id = any(${uuidArray(requestIds)})
    order by d.updated_at desc, d.id desc`);
  return rows;
}

/** Whether every kind `kinds` asks for has an approved, unexpired document answering the request. */
export async function isFulfilled(tx: Tx, agencyId: string, requestId: string, kinds: DocumentKind[], today: string): Promise<boolean> {
  const answers = await answersOf(tx, agencyId, [requestId]);
  return kinds.every((kind) => answers.some((answer) => answer.kind === kind && isApprovedOn(answer, today)));
}

export type RequestFilter = { companyId: string } | { ids: readonly string[] };

/** The requests `filter` names that the reader sees, newest first. */
export async function loadRequests(tx: Tx, agencyId: string, filter: RequestFilter, today: string): Promise<DocumentRequestDto[]> {
  if ("ids" in filter && !filter.ids.length) return [];
  const where: SQL = "ids" in filter ? sql`r.id = any(${uuidArray(filter.ids)})` : sql`r.client_company_id = ${filter.companyId}::uuid`;
  const { rows } = await tx.execute<RequestRow>(sql`
    select r.id, r.client_company_id, r.registration_id, r.kinds::text[] as kinds, to_char(r.due_on, 'YYYY-MM-DD') as due_on,
      r.message, r.status, r.requested_by, r.created_at,
      (select count(*)::int from document_request_comments c where c.agency_id = r.agency_id and c.document_request_id = r.id) as comment_count
    from document_requests r
    where r.agency_id = ${agencyId} and ${where}
    order by r.created_at desc, r.id desc`);
  if (!rows.length) return [];
  const answers = await answersOf(tx, agencyId, rows.map((row) => row.id));
  const people = await peopleOf(tx, agencyId, rows.map((row) => row.requested_by));
  return rows.map((row) => ({
    id: row.id,
    companyId: row.client_company_id,
    registrationId: row.registration_id,
    kinds: row.kinds,
    dueOn: row.due_on,
    message: row.message,
    status: row.status,
    requestedBy: personOf(people, row.requested_by),
    createdAt: iso(row.created_at),
    items: itemsOf(row.kinds, answers.filter((answer) => answer.document_request_id === row.id), today),
    commentCount: Number(row.comment_count),
  }));
}
