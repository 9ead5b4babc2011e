/**
 * Reading the audit log (the audit page, for owners and admins: "audit:read"). Read in
 * one read-only withTenant transaction; every query also names the agency, for the
 * audit_events_agency_at_idx index and as a second lock beside row-level security.
 * Pages are keyset pages on (at desc, id desc) behind an opaque cursor (filters.ts), so
 * a page stays right while new events arrive. Only DTOs leave this module.
 */
import "server-only";
import { and, asc, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { auditEvents, memberships, users } from "@/db/schema";
import { withTenant, type TenantContext, type Tx } from "@/db/tenant";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/rbac/roles";
import {
  AUDIT_PAGE_SIZE,
  decodeAuditCursor,
  encodeAuditCursor,
  SYSTEM_ACTOR,
  type AuditCursor,
  type AuditFilters,
  type AuditPageRequest,
} from "./filters";

/** A member's tenant context (tenantContextOf) plus the agency's time zone, for date filters. */
export type AuditReadContext = TenantContext & { timeZone: string };

export type AuditActorRef =
  | { kind: "system" }
  /** A user this agency can still see (a member, active or disabled). */
  | { kind: "user"; id: string; name: string; email: string }
  /** A user who is no longer a member: row-level security hides who they were. */
  | { kind: "former"; id: string };

/** Who an event's actor is: the system, a former member (no longer readable), or a member. */
export function auditActorOf(row: { actorUserId: string | null; actorName: string | null; actorEmail: string | null }): AuditActorRef {
  if (row.actorUserId === null) return { kind: "system" };
  if (row.actorName === null || row.actorEmail === null) return { kind: "former", id: row.actorUserId };
  return { kind: "user", id: row.actorUserId, name: row.actorName, email: row.actorEmail };
}

/** One key of an event's data: a scalar as one value, a list of scalars as several, anything else as JSON. */
export type AuditDetail = { key: string; values: string[] };

export type AuditEventRow = {
  id: string;
  at: Date;
  actor: AuditActorRef;
  /** One of auditActions, or an action this build does not know yet. */
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** The event's data as short key/value pairs, secrets left out. */
  details: AuditDetail[];
};

export type AuditEventPage = {
  events: AuditEventRow[];
  /** The page after this one (older events), or null at the oldest. */
  older: AuditPageRequest | null;
  /** The page before this one (newer events), or null on the newest page. */
  newer: AuditPageRequest | null;
};

export type AuditActor = { id: string; name: string; email: string; role: Role; active: boolean };

/** Keys whose values are never shown, whatever a writer put there (record.ts forbids them too). */
const SECRET_KEY = /pass(word)?|secret|token|hash|cipher|otp|id_?number|session/i;
const MAX_DETAILS = 8;
const MAX_VALUE_LENGTH = 80;

function shorten(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/** An event's data, compact and without secrets: the audit page's details column. */
export function auditDetails(data: unknown): AuditDetail[] {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return [];
  return Object.entries(data as Record<string, unknown>)
    .filter(([key, value]) => !SECRET_KEY.test(key) && value !== undefined)
    .slice(0, MAX_DETAILS)
    .map(([key, value]) => {
      if (value === null) return { key, values: [] };
      if (Array.isArray(value) && value.every((item) => item === null || typeof item !== "object")) {
        return { key, values: value.slice(0, MAX_DETAILS).map((item) => shorten(String(item))) };
      }
      if (typeof value !== "object") return { key, values: [shorten(String(value))] };
      // Nested objects keep the same rule at every depth.
      const json = JSON.stringify(value, (inner: string, item: unknown) => (SECRET_KEY.test(inner) ? undefined : item));
      return { key, values: [shorten(json)] };
    });
}

/** The decoded cursor of a page request; a cursor this module did not write is a bad request. */
function cursorOf(page: AuditPageRequest): AuditCursor {
  const cursor = decodeAuditCursor(page.cursor);
  if (!cursor) throw new AppError("BAD_REQUEST", "audit cursor does not decode");
  return cursor;
}

/** Row-value comparison against a cursor, in the (at, id) order of the index. */
function beyond(cursor: AuditCursor, direction: "older" | "newer"): SQL {
  const position = sql`(${cursor.at}::timestamptz, ${cursor.id}::uuid)`;
  return direction === "older"
    ? sql`(${auditEvents.at}, ${auditEvents.id}) < ${position}`
    : sql`(${auditEvents.at}, ${auditEvents.id}) > ${position}`;
}

function filterConditions(context: AuditReadContext, filters: AuditFilters): SQL[] {
  const conditions: SQL[] = [eq(auditEvents.agencyId, context.agencyId)];
  if (filters.actor === SYSTEM_ACTOR) conditions.push(isNull(auditEvents.actorUserId));
  else if (filters.actor) conditions.push(eq(auditEvents.actorUserId, filters.actor));
  if (filters.action) conditions.push(eq(auditEvents.action, filters.action));
  if (filters.entity) conditions.push(eq(auditEvents.targetType, filters.entity));
  // Calendar days in the agency's time zone: from its midnight up to the next day's.
  if (filters.from) {
    conditions.push(sql`${auditEvents.at} >= (${filters.from}::date::timestamp at time zone ${context.timeZone})`);
  }
  if (filters.to) {
    conditions.push(sql`${auditEvents.at} < ((${filters.to}::date + 1)::timestamp at time zone ${context.timeZone})`);
  }
  return conditions;
}

async function anyBeyond(tx: Tx, conditions: SQL[], cursor: AuditCursor, direction: "older" | "newer") {
  const rows = await tx
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(and(...conditions, beyond(cursor, direction)))
    .limit(1);
  return rows.length > 0;
}

/**
 * One page of the agency's audit events, newest first, narrowed by `filters`.
 * Precondition: the caller is a member who may "audit:read" (requireSection checks it).
 * Throws AppError BAD_REQUEST for a cursor that does not decode (parseAuditSearchParams
 * drops those first, so the page never meets it).
 */
export async function listAuditEvents(
  context: AuditReadContext,
  filters: AuditFilters,
  page: AuditPageRequest | null = null,
  limit: number = AUDIT_PAGE_SIZE,
): Promise<AuditEventPage> {
  const size = Math.min(Math.max(Math.trunc(limit) || AUDIT_PAGE_SIZE, 1), 200);
  const cursor = page ? cursorOf(page) : null;
  const { timeZone: _timeZone, ...tenant } = context;

  return withTenant({ ...tenant, readOnly: true }, async (tx) => {
    const conditions = filterConditions(context, filters);
    const goingNewer = page?.direction === "newer";
    const rows = await tx
      .select({
        id: auditEvents.id,
        at: auditEvents.at,
        // The cursor keeps PostgreSQL's microseconds; a Date would round them away.
        atExact: sql<string>`to_char(${auditEvents.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
        actorUserId: auditEvents.actorUserId,
        actorName: users.name,
        actorEmail: users.email,
        action: auditEvents.action,
        targetType: auditEvents.targetType,
        targetId: auditEvents.targetId,
        data: auditEvents.data,
      })
      .from(auditEvents)
      // Row-level security shows a user to members of an agency they belong to: a former
      // member's row stays hidden and the event shows them as a former member.
      .leftJoin(users, eq(users.id, auditEvents.actorUserId))
      .where(and(...conditions, ...(page && cursor ? [beyond(cursor, page.direction)] : [])))
      .orderBy(...(goingNewer ? [asc(auditEvents.at), asc(auditEvents.id)] : [desc(auditEvents.at), desc(auditEvents.id)]))
      .limit(size + 1);

    const more = rows.length > size;
    const pageRows = rows.slice(0, size);
    if (goingNewer) pageRows.reverse();
    const first = pageRows[0];
    const last = pageRows.at(-1);
    const positionOf = (row: (typeof rows)[number]): AuditCursor => ({ at: row.atExact, id: row.id });

    let hasOlder: boolean;
    let hasNewer: boolean;
    if (!page) {
      hasOlder = more;
      hasNewer = false;
    } else if (page.direction === "older") {
      hasOlder = more;
      hasNewer = first ? await anyBeyond(tx, conditions, positionOf(first), "newer") : false;
    } else {
      hasNewer = more;
      hasOlder = last ? await anyBeyond(tx, conditions, positionOf(last), "older") : false;
    }

    return {
      events: pageRows.map((row) => ({
        id: row.id,
        at: row.at,
        actor: auditActorOf(row),
        action: row.action,
        targetType: row.targetType,
        targetId: row.targetId,
        details: auditDetails(row.data),
      })),
      older: hasOlder && last ? { direction: "older", cursor: encodeAuditCursor(positionOf(last)) } : null,
      newer: hasNewer && first ? { direction: "newer", cursor: encodeAuditCursor(positionOf(first)) } : null,
    };
  });
}

/**
 * The agency's members, active or disabled, by name: the choices of the actor filter.
 * Precondition: the caller is a member who may "audit:read".
 */
export async function listAuditActors(context: TenantContext): Promise<AuditActor[]> {
  return withTenant({ ...context, readOnly: true }, async (tx) => {
    const rows = await tx
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        role: memberships.role,
        status: memberships.status,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.agencyId, context.agencyId))
      .orderBy(asc(users.name), asc(users.email));
    return rows.map(({ status, ...actor }) => ({ ...actor, active: status === "active" }));
  });
}
