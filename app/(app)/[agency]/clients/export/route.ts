import { getTranslations } from "next-intl/server";
import { clientsView } from "@/components/clients/clients-view";
import { requireStaffMembership } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { CSV_BOM, csvRow } from "@/lib/clients/csv";
import { listCompanies, type CompanyListRow } from "@/lib/clients/list";
import type { CompanyListQuery } from "@/lib/clients/schemas";
import { can } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/** Rows per query: big enough to be quick, small enough that no page holds much in memory. */
const EXPORT_PAGE = 500;

/** "2026-03-01 14:05" in the agency's time zone: what a spreadsheet sorts and reads. */
function spreadsheetTime(timeZone: string) {
  const format = new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return (iso: string | null) => (iso ? format.format(new Date(iso)) : null);
}

/**
 * GET /<agency>/clients/export?<the list's filters>: every client the list's filters
 * match, in its order, as CSV (export:csv: owners, admins and managers). Streamed one
 * keyset page at a time, so a big agency's file never sits in memory. Signed out:
 * sign-in (proxy.ts), as for pages; another agency: 404; a client administrator: the
 * portal; a member without export:csv: 403.
 */
export async function GET(request: Request, { params }: { params: Promise<{ agency: string }> }) {
  const membership = await requireStaffMembership((await params).agency);
  if (!can(membership.role, "export:csv")) {
    return new Response(null, { status: 403, headers: { "Cache-Control": "no-store" } });
  }
  const view = clientsView.parse(Object.fromEntries(new URL(request.url).searchParams));
  const t = await getTranslations("clientsList");
  const { timeZone } = membership.agency;
  const time = spreadsheetTime(timeZone);
  const kind = (row: CompanyListRow) => t(`kinds.${row.kind}`);
  const line = (row: CompanyListRow) =>
    csvRow([
      row.legalNameZh,
      row.nameEn,
      kind(row),
      row.uscc,
      row.assignee?.name ?? null,
      row.registrations,
      time(row.createdAt),
      time(row.updatedAt),
      time(row.archivedAt),
    ]);
  const header = csvRow([
    t("csv.legalNameZh"),
    t("csv.nameEn"),
    t("csv.kind"),
    t("csv.uscc"),
    t("csv.assignee"),
    t("csv.registrations"),
    t("csv.created"),
    t("csv.updated"),
    t("csv.archived"),
  ]);

  const encoder = new TextEncoder();
  let query: CompanyListQuery | null = { ...view, after: undefined, limit: EXPORT_PAGE };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM + header));
    },
    // One page per pull: the stream asks for more only as the client reads.
    async pull(controller) {
      if (!query) return controller.close();
      const page = await listCompanies(membership, query);
      if (page.rows.length > 0) controller.enqueue(encoder.encode(page.rows.map(line).join("")));
      query = page.next ? { ...query, after: page.next } : null;
      if (!query) controller.close();
    },
  });

  const date = new Intl.DateTimeFormat("sv-SE", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(clock.now());
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="clients-${date}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
