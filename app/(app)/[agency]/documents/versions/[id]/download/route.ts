import { requireStaffPermission } from "@/lib/auth/session";
import { downloadRedirect } from "@/lib/documents/download-route";

export const dynamic = "force-dynamic";

/**
 * GET /<agency>/documents/versions/<id>/download[?disposition=inline]: staff with
 * document:read get a 303 to a presigned GET of 60 s (inline only for an image or PDF
 * preview). Signed out: sign-in; another agency's version or a client administrator: 404
 * or the portal; a quarantined version: 409.
 */
export async function GET(request: Request, { params }: { params: Promise<{ agency: string; id: string }> }) {
  const { agency, id } = await params;
  return downloadRedirect(requireStaffPermission(agency, "document:read"), id, request);
}
