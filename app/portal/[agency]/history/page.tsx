import { FileText, History } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PortalBackLink } from "@/components/documents/portal-back-link";
import { EmptyState } from "@/components/empty-state";
import { requirePortalMembership } from "@/lib/auth/session";
import { listPortalUploads } from "@/lib/portal/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("portal.history");
  return { title: t("title") };
}

/**
 * Every file the company has sent, newest first, with where each stands in plain words
 * (and a rejection's reason). The company's own documents only: the services answer
 * nothing else to a client administrator.
 */
export default async function PortalHistoryPage({ params }: { params: Promise<{ agency: string }> }) {
  const context = await requirePortalMembership((await params).agency);
  const { agency } = context;
  const [uploads, t, catalogue, format] = await Promise.all([
    listPortalUploads(context),
    getTranslations("portal"),
    getTranslations("catalogue"),
    getFormatter(),
  ]);

  return (
    <>
      <PortalBackLink agencySlug={agency.slug} label={t("request.back")} />
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">{t("history.title")}</h1>
      {uploads.length === 0 ? (
        <EmptyState Icon={History} headingLevel={2} title={t("history.emptyTitle")} body={t("history.emptyBody")} />
      ) : (
        <ul className="divide-y rounded-xl border">
          {uploads.map((upload) => (
            <li key={upload.versionId} className="flex items-start gap-3 px-4 py-4">
              <FileText aria-hidden="true" className="mt-1 size-4 shrink-0 text-muted-foreground" />
              <div className="flex min-w-0 flex-1 flex-col gap-1">
                <p className="font-medium">
                  {upload.requestId ? (
                    <Link href={`/portal/${agency.slug}/requests/${upload.requestId}`} className="underline-offset-4 hover:underline">
                      {catalogue(`documentKinds.${upload.kind}`)}
                    </Link>
                  ) : (
                    catalogue(`documentKinds.${upload.kind}`)
                  )}
                  {upload.personName && <span className="font-normal text-muted-foreground"> · {upload.personName}</span>}
                </p>
                <p className="text-sm break-words text-muted-foreground">
                  {t("request.version", { number: upload.number })} · {upload.originalName}
                </p>
                <p className="flex flex-wrap gap-x-3 text-sm">
                  <time dateTime={upload.uploadedAt} className="text-muted-foreground">
                    {format.dateTime(new Date(upload.uploadedAt), { dateStyle: "medium", timeStyle: "short", timeZone: agency.timeZone })}
                  </time>
                  <span className="font-medium">{t(`request.versionStatus.${upload.verdict}`)}</span>
                </p>
                {upload.reason && <p className="text-sm text-destructive">{t("request.reason", { reason: upload.reason })}</p>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
