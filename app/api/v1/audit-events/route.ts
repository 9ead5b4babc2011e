import { apiRoute, jsonResponse, parseOrRefuse, queryOf } from "@/lib/api/handler";
import { API_MESSAGES, auditEventDto, auditEventsQuerySchema } from "@/lib/api/schemas";
import { AUDIT_PAGE_SIZE, decodeAuditCursor, type AuditFilters } from "@/lib/audit/filters";
import { listAuditEvents } from "@/lib/audit/queries";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/audit-events: the audit page's filters (actor, action, entity, from, to),
 * newest first, one keyset page at a time (audit:read). `next` in the body, and a Link
 * header, give the following page.
 */
export const GET = apiRoute(async ({ request, actor }) => {
  assertCan(actor.role, "audit:read");
  const query = parseOrRefuse(auditEventsQuerySchema, queryOf(request), "audit query");
  if (query.cursor && !decodeAuditCursor(query.cursor)) {
    throw new AppError("VALIDATION", "audit cursor does not decode", { fields: { cursor: API_MESSAGES.invalidCursor } });
  }
  const filters: AuditFilters = {
    actor: query.actor?.toLowerCase() ?? null,
    action: query.action ?? null,
    entity: query.entity ?? null,
    from: query.from ?? null,
    to: query.to ?? null,
  };
  const page = await listAuditEvents(
    {
      agencyId: actor.agency.id,
      userId: actor.user.id,
      clientCompanyId: null,
      readOnly: true,
      timeZone: actor.agency.timeZone,
    },
    filters,
    query.cursor ? { direction: "older", cursor: query.cursor } : null,
    query.limit ?? AUDIT_PAGE_SIZE,
  );
  const next = page.older?.cursor ?? null;
  const headers: Record<string, string> = {};
  if (next) {
    const url = new URL(request.url);
    url.searchParams.set("cursor", next);
    headers.Link = `<${url.pathname}${url.search}>; rel="next"`;
  }
  return jsonResponse({ data: page.events.map(auditEventDto), next }, 200, headers);
});
