/**
 * The signed-in browser's download (staff pages and the portal): the route handlers check
 * the session and membership (requireStaffMembership / requirePortalMembership), then this
 * answers a 303 to the presigned GET, the 404 page for a version the member cannot see,
 * for a quarantined version a 409 saying so in the member's language, and while the
 * database or the store cannot be reached a 503 saying which, with Retry-After (the
 * membership is awaited here for that: the route passes its lookup unawaited).
 */
import "server-only";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AppError, UNAVAILABLE_RETRY_AFTER_SECONDS, unavailableService } from "@/lib/errors";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { createDownloadLink, type DownloadActor } from "./download";

export async function downloadRedirect(member: Promise<DownloadActor>, versionId: string, request: Request): Promise<Response> {
  const disposition = new URL(request.url).searchParams.get("disposition") === "inline" ? "inline" : "attachment";
  try {
    const actor = await member;
    const link = await createDownloadLink(actor, versionId, { disposition, requestId: request.headers.get(REQUEST_ID_HEADER) });
    return new Response(null, { status: 303, headers: { Location: link.url, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    if (error instanceof AppError && error.code === "CONFLICT") {
      const t = await getTranslations("documentDownload.errors");
      return new Response(t("quarantined"), {
        status: 409,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
      });
    }
    const service = error instanceof AppError ? (error.code === "UNAVAILABLE" ? error.details.service : null) : unavailableService(error);
    if (service === "database" || service === "storage") {
      const t = await getTranslations("errors.unavailable");
      return new Response(t(service), {
        status: 503,
        headers: {
          "Content-Type": "text/plain; charset=utf-8",
          "Cache-Control": "no-store",
          "X-Content-Type-Options": "nosniff",
          "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS),
        },
      });
    }
    throw error;
  }
}
