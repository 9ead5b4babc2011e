import { ArrowLeft, Download, FileText, ShieldAlert } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { DocumentFlags, ExpiryNote, StatusChip } from "@/components/documents/company-documents";
import { chipClass, documentHref, downloadHref, formatBytes, isImage, statusLook, versionAwaitingReview } from "@/components/documents/document-labels";
import { ReviewPanel } from "@/components/documents/review-panel";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { companyDisplayName } from "@/components/clients/company-detail-labels";
import { getCompany } from "@/lib/clients/service";
import type { DocumentDto, DocumentVersionDto } from "@/lib/documents/document-types";
import { loadDocumentOfRequest } from "@/lib/documents/document-page";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/rbac/permissions";
import { requireSection } from "../../require-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("documentsUi.review");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * One document of a client, as a page of its own so a link to it can be pasted (issue 8):
 * a preview of one version (`?version=`, the newest by default), Approve or Reject with a
 * reason when that version waits for review, and every version with its review. Reached
 * from the review queue and the client's Documents tab. Another agency's document, or a
 * client a restricted member may not see: 404 (the layout answers it first).
 */
export default async function DocumentPage({ params, searchParams }: { params: Promise<{ agency: string; id: string }>; searchParams: SearchParams }) {
  const { agency: slug, id } = await params;
  const asked = (await searchParams).version;
  const context = await requireSection(slug, "documents");
  let document: DocumentDto;
  try {
    document = await loadDocumentOfRequest(context, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const company = await getCompany(context, document.companyId).catch(() => null);
  const t = await getTranslations("documentsUi");
  const tKinds = await getTranslations("catalogue.documentKinds");
  const format = await getFormatter();
  const locale = await getLocale();
  const { agency } = context;
  const kind = tKinds(document.kind);
  const title = document.person ? `${kind} · ${document.person.name}` : kind;
  const version = document.versions.find((candidate) => candidate.id === asked) ?? document.versions[0] ?? null;
  const waiting = versionAwaitingReview(document);
  const awaiting = !!version && waiting?.id === version.id && can(context.role, "document:review");

  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link href={`/${agency.slug}/documents`} className={cn(buttonClass.ghost, "-ml-2 mb-3")}>
          <ArrowLeft aria-hidden="true" className="size-4" />
          {t("review.back")}
        </Link>
        <header className="border-b pb-5">
          <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
          {company && (
            <p className="mt-1 text-sm text-muted-foreground">
              <Link href={`/${agency.slug}/clients/${company.id}?tab=documents`} className="underline-offset-2 hover:underline" lang={company.legalNameZh ? "zh-CN" : undefined}>
                {companyDisplayName(company)}
              </Link>
            </p>
          )}
          <div className="mt-3 flex flex-wrap items-center gap-2">
            <StatusChip status={document.status} />
            <DocumentFlags document={document} />
            <ExpiryNote document={document} />
          </div>
        </header>
      </div>

      {!version ? (
        <p className="rounded-xl border border-dashed px-4 py-10 text-center text-sm text-muted-foreground">{t("versions.none")}</p>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
          <section aria-labelledby="preview-heading" className="min-w-0">
            <h2 id="preview-heading" className="mb-2 text-sm font-semibold">
              {t("review.previewHeading", { number: version.number })}
            </h2>
            <Preview agencySlug={agency.slug} version={version} kind={kind} locale={locale} t={t} />
          </section>
          <div className="flex flex-col gap-4">
            <ReviewPanel agencySlug={agency.slug} document={document} versionId={version.id} awaiting={awaiting} kindLabel={kind}>
              <VersionReview version={version} waitingNewer={!!waiting && waiting.id !== version.id} canReview={can(context.role, "document:review")} t={t} format={format} timeZone={agency.timeZone} />
            </ReviewPanel>
          </div>
        </div>
      )}

      {document.versions.length > 0 && (
        <section aria-labelledby="versions-heading">
          <h2 id="versions-heading" className="mb-2 text-sm font-semibold">
            {t("review.versionsHeading")}
          </h2>
          <ol className="divide-y rounded-xl border text-sm">
            {document.versions.map((candidate) => {
              const current = candidate.id === version?.id;
              const state = candidate.quarantine ? "quarantined" : candidate.review ? (candidate.review.decision === "approve" ? "approved" : "rejected") : "uploaded";
              const { Icon, className } = statusLook[state];
              return (
                <li key={candidate.id} className={cn("flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2.5", current && "bg-muted/50")}>
                  <Link href={documentHref(agency.slug, document.id, candidate.id)} aria-current={current ? "page" : undefined} className="font-medium underline-offset-2 hover:underline">
                    {t("versions.numberValue", { number: candidate.number })}
                  </Link>
                  <span className="min-w-0 flex-1 text-muted-foreground [overflow-wrap:anywhere]">
                    {candidate.originalName} · {formatBytes(candidate.sizeBytes, locale)} ·{" "}
                    <time dateTime={candidate.uploadedAt}>{format.dateTime(new Date(candidate.uploadedAt), { dateStyle: "medium", timeStyle: "short", timeZone: agency.timeZone })}</time>
                    {candidate.uploadedBy?.name && ` · ${t(`versions.uploader.${candidate.uploadedBy.side}`, { name: candidate.uploadedBy.name })}`}
                  </span>
                  <span className={cn(chipClass, className)}>
                    <Icon aria-hidden="true" className="size-3.5" />
                    {state === "quarantined" ? t("versions.quarantined") : t(`status.${state}`)}
                  </span>
                  {candidate.review?.reason && <p className="w-full text-xs text-muted-foreground [overflow-wrap:anywhere]">{t("versions.reason", { reason: candidate.review.reason })}</p>}
                </li>
              );
            })}
          </ol>
        </section>
      )}
    </div>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<"documentsUi">>>;

function Preview({ agencySlug, version, kind, locale, t }: { agencySlug: string; version: DocumentVersionDto; kind: string; locale: string; t: T }) {
  if (version.quarantine) {
    return (
      <div role="alert" className="flex items-start gap-2 rounded-xl border border-destructive/40 bg-destructive/5 px-4 py-3 text-sm text-destructive">
        <ShieldAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        <p>{t("review.quarantined", { reason: t(`quarantine.${version.quarantine.reason}`) })}</p>
      </div>
    );
  }
  const download = (
    <a href={downloadHref(agencySlug, version.id)} className={buttonClass.secondary} aria-label={t("versions.downloadLabel", { name: version.originalName })}>
      <Download aria-hidden="true" className="size-4" />
      {t("review.download")}
    </a>
  );
  return (
    <div className="flex flex-col gap-3">
      {isImage(version) ? (
        <div className="grid min-h-48 place-items-center overflow-hidden rounded-xl border bg-muted/40 p-2">
          {/* A presigned GET through the staff route (303): next/image cannot optimise a 60-second URL. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={downloadHref(agencySlug, version.id, true)}
            alt={t("review.previewAlt", { kind, number: version.number, name: version.originalName })}
            className="max-h-[70vh] w-auto max-w-full rounded-md object-contain"
          />
        </div>
      ) : (
        <div className="flex items-center gap-3 rounded-xl border bg-muted/40 px-4 py-6">
          <FileText aria-hidden="true" className="size-8 shrink-0 text-muted-foreground" />
          <div className="min-w-0">
            <p className="font-medium [overflow-wrap:anywhere]">{version.originalName}</p>
            <p className="text-sm text-muted-foreground">{t("review.pdf", { size: formatBytes(version.sizeBytes, locale) })}</p>
          </div>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-2">
        {download}
        <p className="text-xs text-muted-foreground">{t("review.linkLife")}</p>
      </div>
    </div>
  );
}

function VersionReview({
  version,
  waitingNewer,
  canReview,
  t,
  format,
  timeZone,
}: {
  version: DocumentVersionDto;
  waitingNewer: boolean;
  canReview: boolean;
  t: T;
  format: Awaited<ReturnType<typeof getFormatter>>;
  timeZone: string;
}) {
  const review = version.review;
  let body: string;
  if (review) {
    const date = format.dateTime(new Date(review.at), { dateStyle: "medium", timeStyle: "short", timeZone });
    const name = review.reviewer?.name || t("versions.unknown");
    body = review.decision === "approve" ? t("review.approvedBy", { name, date }) : t("review.rejectedBy", { name, date });
  } else if (version.quarantine) body = t("review.cannotReviewQuarantined");
  else if (waitingNewer) body = t("review.newerWaiting");
  else if (!canReview) body = t("review.readOnly");
  else body = t("review.superseded");
  return (
    <section aria-labelledby="review-state-heading" className="flex flex-col gap-2 rounded-xl border p-4 text-sm">
      <h2 id="review-state-heading" className="text-sm font-semibold">
        {t("review.stateHeading")}
      </h2>
      <p>{body}</p>
      {review?.reason && <p className="rounded-md bg-muted/60 px-2.5 py-1.5 break-words whitespace-pre-wrap">{t("versions.reason", { reason: review.reason })}</p>}
    </section>
  );
}
