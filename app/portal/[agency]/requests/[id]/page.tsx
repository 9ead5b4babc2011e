import { CalendarClock, CircleAlert, CircleCheck, Clock, Download, FileText } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PortalBackLink } from "@/components/documents/portal-back-link";
import { RequestCommentForm } from "@/components/documents/request-comment-form";
import { UploadField } from "@/components/documents/upload-field";
import { cn } from "@/components/ui/cn";
import { requirePortalMembership } from "@/lib/auth/session";
import type { DocumentDto, DocumentVersionDto } from "@/lib/documents/document-types";
import { personDocumentKinds, type DocumentStatus } from "@/lib/documents/kinds";
import { getPortalRequest } from "@/lib/portal/queries";
import { addRequestCommentAction, completeUploadAction, createUploadIntentAction } from "./actions";

type Params = Promise<{ agency: string; id: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("portal.request");
  return { title: t("metaTitle") };
}

/** Statuses that still need a file from the client. */
const NEEDS_FILE: readonly DocumentStatus[] = ["requested", "rejected", "expired", "quarantined"];

const statusTone: Record<DocumentStatus, string> = {
  requested: "bg-primary/10 text-primary",
  uploaded: "bg-muted text-foreground",
  approved: "bg-emerald-600/10 text-emerald-800 dark:text-emerald-300",
  rejected: "bg-destructive/10 text-destructive",
  expired: "bg-destructive/10 text-destructive",
  quarantined: "bg-destructive/10 text-destructive",
};
const statusIcon: Record<DocumentStatus, typeof Clock> = {
  requested: CircleAlert,
  uploaded: Clock,
  approved: CircleCheck,
  rejected: CircleAlert,
  expired: CircleAlert,
  quarantined: CircleAlert,
};

/** The latest rejection's reason, when the latest reviewed version was rejected. */
function rejectionReason(document: DocumentDto | undefined): string | null {
  const review = document?.versions.find((version) => version.review)?.review;
  return review?.decision === "reject" ? review.reason : null;
}

/**
 * One document request of the client administrator's company, one task per screen: per
 * kind asked for, where it stands in plain words (with the rejection's reason), the
 * files sent so far and the upload; then the thread with the agency. Another company's
 * request, another agency's, or an id that is not one: the same 404. No notes, no
 * assignee, nothing of other companies: the services answer the company's DTOs only.
 */
export default async function PortalRequestPage({ params }: { params: Params }) {
  const { agency: slug, id } = await params;
  const context = await requirePortalMembership(slug);
  const { agency, user } = context;
  const detail = await getPortalRequest(context, id);
  if (!detail) notFound();
  const { request, comments, people } = detail;
  const [t, tStatus, catalogue, format] = await Promise.all([
    getTranslations("portal"),
    getTranslations("portal.request.status"),
    getTranslations("catalogue"),
    getFormatter(),
  ]);
  const open = request.status === "open";
  // A due date is a calendar date: formatted as that day itself (see the portal home).
  const dueDate = (dueOn: string) => format.dateTime(new Date(`${dueOn}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" });
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone: agency.timeZone });
  const createIntent = createUploadIntentAction.bind(null, agency.slug);
  const complete = completeUploadAction.bind(null, agency.slug);

  const versionLine = (version: DocumentVersionDto) => {
    const verdict = version.review?.decision ?? "waiting";
    return (
      <li key={version.id} className="flex items-start gap-3 py-3 text-sm">
        <FileText aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <p className="break-words">
            <span className="font-medium">{t("request.version", { number: version.number })}</span>
            <span className="text-muted-foreground"> · {version.originalName}</span>
          </p>
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-muted-foreground">
            <time dateTime={version.uploadedAt}>{when(version.uploadedAt)}</time>
            <span>{t(`request.versionStatus.${verdict}`)}</span>
          </p>
        </div>
        {!version.quarantine && (
          <a
            href={`/portal/${agency.slug}/documents/versions/${version.id}/download`}
            aria-label={t("request.downloadNamed", { name: version.originalName })}
            className="-my-1 inline-flex min-h-11 shrink-0 items-center gap-1.5 rounded-md px-2 font-medium text-primary underline-offset-4 hover:underline"
          >
            <Download aria-hidden="true" className="size-4" />
            {t("request.download")}
          </a>
        )}
      </li>
    );
  };

  return (
    <>
      <PortalBackLink agencySlug={agency.slug} label={t("request.back")} />
      <header className="mb-8">
        <h1 className="text-2xl font-semibold tracking-tight text-balance">{t("request.title")}</h1>
        <div className="mt-3 flex flex-col gap-1 text-sm text-muted-foreground">
          {request.dueOn && (
            <p className="flex items-center gap-2 font-medium text-foreground">
              <CalendarClock aria-hidden="true" className="size-4 shrink-0" />
              {t("needs.due", { date: dueDate(request.dueOn) })}
            </p>
          )}
          <p>{t("request.requestedOn", { date: format.dateTime(new Date(request.createdAt), { dateStyle: "long", timeZone: agency.timeZone }) })}</p>
        </div>
        {request.message && <p className="mt-4 border-l-2 pl-3 leading-7 whitespace-pre-line">{request.message}</p>}
        {!open && (
          <p className="mt-4 rounded-lg border px-4 py-3 text-sm">
            {t(request.status === "fulfilled" ? "request.closed.fulfilled" : "request.closed.cancelled")}
          </p>
        )}
      </header>

      <ul className="mb-10 flex flex-col gap-4">
        {request.items.map((item) => {
          const answering = detail.documents[item.kind] ?? [];
          const isPersonKind = (personDocumentKinds as readonly string[]).includes(item.kind);
          const StatusIcon = statusIcon[item.status];
          const reason = item.status === "rejected" ? rejectionReason(answering.find((document) => document.id === item.documentId) ?? answering[0]) : null;
          const kindName = catalogue(`documentKinds.${item.kind}`);
          const headingId = `kind-${item.kind}`;
          return (
            <li key={item.kind}>
              <section aria-labelledby={headingId} className="rounded-xl border bg-background p-4 sm:p-5" data-kind={item.kind}>
                <h2 id={headingId} className="text-lg font-semibold">
                  {kindName}
                </h2>
                <p className={cn("mt-2 inline-flex items-center gap-1.5 rounded-full px-3 py-1 text-sm font-medium", statusTone[item.status])}>
                  <StatusIcon aria-hidden="true" className="size-4 shrink-0" />
                  {tStatus(item.status)}
                </p>
                {reason && (
                  <p className="mt-3 rounded-lg border border-destructive/30 bg-destructive/5 px-4 py-3 leading-6 whitespace-pre-line">
                    {t("request.reason", { reason })}
                  </p>
                )}
                {open && NEEDS_FILE.includes(item.status) && (
                  <div className="mt-4">
                    <UploadField
                      target={{
                        companyId: request.companyId,
                        kind: item.kind,
                        requestId: request.id,
                        ...(request.registrationId ? { registrationIds: [request.registrationId] } : {}),
                      }}
                      label={answering.some((document) => document.versions.length > 0) ? t("request.uploadAgain") : t("request.uploadFirst")}
                      people={isPersonKind ? people : undefined}
                      existing={answering.map((document) => ({ documentId: document.id, personId: document.person?.id ?? null }))}
                      createIntent={createIntent}
                      complete={complete}
                    />
                  </div>
                )}
                {answering.some((document) => document.versions.length > 0) && (
                  <div className="mt-5">
                    <h3 className="text-sm font-semibold text-muted-foreground">{t("request.versionsHeading")}</h3>
                    {answering.map((document) =>
                      document.versions.length === 0 ? null : (
                        <div key={document.id} data-document-id={document.id}>
                          {document.person && <p className="mt-2 text-sm font-medium">{t("request.person", { name: document.person.name })}</p>}
                          <ul className="divide-y">{document.versions.map(versionLine)}</ul>
                        </div>
                      ),
                    )}
                  </div>
                )}
              </section>
            </li>
          );
        })}
      </ul>

      <section aria-labelledby="portal-comments">
        <h2 id="portal-comments" className="mb-3 text-lg font-semibold">
          {t("comments.heading")}
        </h2>
        {comments.length === 0 ? (
          <p className="mb-4 text-sm text-muted-foreground">{t("comments.empty")}</p>
        ) : (
          <ol className="mb-6 flex flex-col gap-3">
            {comments.map((comment) => {
              const mine = comment.author?.id === user.id;
              const staff = comment.author?.side === "staff";
              return (
                <li
                  key={comment.id}
                  className={cn("max-w-[90%] rounded-xl px-4 py-3", mine ? "self-end bg-primary/10" : "self-start border bg-background")}
                >
                  <p className="flex flex-wrap items-center gap-x-2 text-xs text-muted-foreground">
                    <span className="font-medium text-foreground">{mine ? t("comments.you") : comment.author?.name}</span>
                    {staff && !mine && <span className="rounded-full bg-muted px-2 py-0.5">{t("comments.agency")}</span>}
                    <time dateTime={comment.createdAt}>{when(comment.createdAt)}</time>
                  </p>
                  <p className="mt-1 leading-6 break-words whitespace-pre-line">{comment.body}</p>
                </li>
              );
            })}
          </ol>
        )}
        {request.status !== "cancelled" && (
          <RequestCommentForm
            labels={{
              label: t("comments.label"),
              hint: t("comments.hint"),
              submit: t("comments.submit"),
              adding: t("comments.adding"),
              added: t("comments.added"),
            }}
            save={addRequestCommentAction.bind(null, agency.slug, request.id)}
          />
        )}
      </section>
    </>
  );
}
