/**
 * The audit page's view as a URL (ux.md §2: every view has a URL that restores it):
 * the filters and the page cursor, parsed from search params with zod. Anything that
 * does not parse is left out and named in `issues`, so a mangled link shows a note and
 * the rest of the view, never an error page. Pure: the page, its components and the
 * query all use it.
 */
import { z } from "@/lib/validation/zod";
import { parseIsoDate, type IsoDate } from "@/lib/validation/china-date";
import { auditActions, auditTargetTypes, type AuditAction, type AuditTargetType } from "./record";

/** Events per page. */
export const AUDIT_PAGE_SIZE = 50;

/** The actor filter's value for events with no actor (jobs, the purge). */
export const SYSTEM_ACTOR = "system";

export type AuditFilters = {
  /** A user id, SYSTEM_ACTOR, or null for anyone. */
  actor: string | null;
  action: AuditAction | null;
  entity: AuditTargetType | null;
  /** Calendar dates in the agency's time zone, both inclusive. */
  from: IsoDate | null;
  to: IsoDate | null;
};

export const noAuditFilters: AuditFilters = { actor: null, action: null, entity: null, from: null, to: null };

/** Where a page starts: just past `cursor`, going older or newer. Null is the newest page. */
export type AuditPageRequest = { direction: "older" | "newer"; cursor: string };

/** The position of one event in (at desc, id desc) order. `at` keeps PostgreSQL's microseconds. */
export type AuditCursor = { at: string; id: string };

export type AuditViewIssue = "invalid" | "dateOrder" | "cursor";

export type AuditView = { filters: AuditFilters; page: AuditPageRequest | null; issues: AuditViewIssue[] };

type SearchParams = Record<string, string | string[] | undefined>;

const isoDate = z.string().refine((value) => {
  const date = parseIsoDate(value);
  // PostgreSQL's date starts at 4713 BC, but nothing in an audit log predates 2000.
  return date !== null && date.year >= 2000 && date.year <= 9999;
});

const filterFields = {
  actor: z.union([z.literal(SYSTEM_ACTOR), z.uuid()]),
  action: z.enum(auditActions),
  entity: z.enum(auditTargetTypes),
  from: isoDate,
  to: isoDate,
} as const;

/** The first value of a search param; "" counts as absent (an untouched select or date input). */
function single(value: string | string[] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed : null;
}

/** The audit view of a request's search params: filters, page and what was left out. */
export function parseAuditSearchParams(params: SearchParams): AuditView {
  const issues = new Set<AuditViewIssue>();
  const filters: AuditFilters = { ...noAuditFilters };
  for (const key of Object.keys(filterFields) as (keyof typeof filterFields)[]) {
    const raw = single(params[key]);
    if (raw === null) continue;
    const parsed = filterFields[key].safeParse(key === "actor" ? raw.toLowerCase() : raw);
    if (parsed.success) Object.assign(filters, { [key]: parsed.data });
    else issues.add("invalid");
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    filters.from = null;
    filters.to = null;
    issues.add("dateOrder");
  }

  let page: AuditPageRequest | null = null;
  const older = single(params.older);
  const newer = single(params.newer);
  const [direction, cursor] = older ? (["older", older] as const) : newer ? (["newer", newer] as const) : [null, null];
  if (direction && cursor) {
    if (decodeAuditCursor(cursor)) page = { direction, cursor };
    else issues.add("cursor");
  }
  return { filters, page, issues: [...issues] };
}

/** Whether any filter narrows the view. */
export function hasAuditFilters(filters: AuditFilters): boolean {
  return Object.values(filters).some((value) => value !== null);
}

/** The search params of a view, for links and the filter form: empty filters are left out. */
export function auditSearchParams(filters: AuditFilters, page: AuditPageRequest | null = null): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (page) params.set(page.direction, page.cursor);
  return params;
}

/** The href of a view of the audit page of `agencySlug`. */
export function auditHref(agencySlug: string, filters: AuditFilters, page: AuditPageRequest | null = null): string {
  const query = auditSearchParams(filters, page).toString();
  return `/${agencySlug}/audit${query ? `?${query}` : ""}`;
}

// Microseconds, as PostgreSQL stores them: a millisecond cursor would skip or repeat
// events that share a millisecond with the page's edge.
const cursorSchema = z.tuple([
  z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/).refine((at) => !Number.isNaN(Date.parse(at))),
  z.uuid(),
]);

/** An opaque cursor: base64url of the event's time and id. */
export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id]), "utf8").toString("base64url");
}

/** The position behind a cursor, or null for anything this module did not write. */
export function decodeAuditCursor(token: string): AuditCursor | null {
  if (token.length > 200 || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) return null;
  const [at, id] = parsed.data;
  // One spelling per position: a token that decodes but was not written by encode is refused.
  return encodeAuditCursor({ at, id }) === token ? { at, id } : null;
}

export function isAuditAction(value: string): value is AuditAction {
  return (auditActions as readonly string[]).includes(value);
}

export function isAuditTargetType(value: string): value is AuditTargetType {
  return (auditTargetTypes as readonly string[]).includes(value);
}
