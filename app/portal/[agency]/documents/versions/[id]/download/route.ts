import { requirePortalMembership } from "@/lib/auth/session";
import { downloadRedirect } from "@/lib/documents/download-route";

export const dynamic = "force-dynamic";

/**
 * GET /portal/<agency>/documents/versions/<id>/download: a client administrator gets a
 * 303 to a presigned GET of 60 s of their own company's version; another company's or
 * agency's version is 404, a quarantined one 409. Staff are sent to the staff app.
 */
export async function GET(request: Request, { params }: { params: Promise<{ agency: string; id: string }> }) {
  const { agency, id } = await params;
  return downloadRedirect(requirePortalMembership(agency), id, request);
}
