/**
 * Small pure helpers of the staff document pages: the look of a status (an icon and a word
 * always go with the colour), file sizes, and where a version is downloaded. Client-safe.
 */
import { Ban, CircleCheck, CircleDashed, CircleX, Clock, ShieldAlert, type LucideIcon } from "lucide-react";
import type { DocumentDto, DocumentVersionDto } from "@/lib/documents/document-types";
import type { DocumentStatus } from "@/lib/documents/kinds";

export const statusLook: Record<DocumentStatus, { Icon: LucideIcon; className: string }> = {
  requested: { Icon: CircleDashed, className: "border-border bg-muted text-muted-foreground" },
  uploaded: { Icon: Clock, className: "border-amber-600/30 bg-amber-500/10 text-amber-800 dark:text-amber-300" },
  approved: { Icon: CircleCheck, className: "border-emerald-600/30 bg-emerald-500/10 text-emerald-800 dark:text-emerald-300" },
  rejected: { Icon: CircleX, className: "border-destructive/40 bg-destructive/5 text-destructive" },
  expired: { Icon: Ban, className: "border-destructive/40 bg-destructive/5 text-destructive" },
  quarantined: { Icon: ShieldAlert, className: "border-destructive/40 bg-destructive/5 text-destructive" },
};

export const chipClass = "inline-flex items-center gap-1 rounded-md border px-2 py-0.5 text-xs font-medium whitespace-nowrap";

/** "1.4 MB", "820 KB": decimal units, one decimal under ten, as file managers show them. */
export function formatBytes(bytes: number, locale: string): string {
  const units = ["byte", "kilobyte", "megabyte"] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: units[unit],
    unitDisplay: unit === 0 ? "long" : "short",
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}

/** The staff route that answers a version with a 60 s presigned GET (303). */
export function downloadHref(agencySlug: string, versionId: string, inline = false): string {
  return `/${agencySlug}/documents/versions/${versionId}/download${inline ? "?disposition=inline" : ""}`;
}

/** The review page of a document, optionally on one of its versions. */
export function documentHref(agencySlug: string, documentId: string, versionId?: string): string {
  return `/${agencySlug}/documents/${documentId}${versionId ? `?version=${versionId}` : ""}`;
}

/** The version a reviewer decides on: the newest, when it is waiting (uploaded, unreviewed, not quarantined). */
export function versionAwaitingReview(document: Pick<DocumentDto, "status" | "versions">): DocumentVersionDto | null {
  const newest = document.versions[0];
  if (!newest || document.status !== "uploaded" || newest.review || newest.quarantine) return null;
  return newest;
}

export const isImage = (version: Pick<DocumentVersionDto, "detectedType">) => version.detectedType.startsWith("image/");
