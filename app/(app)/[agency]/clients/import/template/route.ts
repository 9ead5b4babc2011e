import { getLocale } from "next-intl/server";
import { requireStaffMembership } from "@/lib/auth/session";
import { CSV_BOM, csvRow } from "@/lib/clients/csv";
import { importFields, importHeaders } from "@/lib/clients/import";
import { can } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/**
 * GET /<agency>/clients/import/template: the import's header row in the reader's
 * language, as UTF-8 with a byte order mark so Excel shows the Chinese (client:create:
 * owners, admins, staff). Signed out: sign-in (proxy.ts); another agency: 404; a client
 * administrator: the portal; a manager: 403.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ agency: string }> }) {
  const membership = await requireStaffMembership((await params).agency);
  if (!can(membership.role, "client:create")) {
    return new Response(null, { status: 403, headers: { "Cache-Control": "no-store" } });
  }
  const headers = importHeaders[await getLocale()];
  return new Response(CSV_BOM + csvRow(importFields.map((field) => headers[field])), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="clients-import-template.csv"',
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
