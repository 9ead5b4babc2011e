/**
 * The client page's Documents tab (issue 8): what was asked of the client (each request
 * with a status per kind, its due date, message, who asked, its comment thread and
 * Cancel) and what came back, grouped by kind: each document's status, its signed /
 * chopped / colour-scan flags, its expiry (an icon and a word, never colour alone) and
 * every version, with Review on the one waiting. Staff who may upload (not managers) can
 * send a file on the client's behalf for each kind an open request still needs, and a new
 * version of a rejected document. Server component: one read
 * (lib/documents/requests.ts listCompanyDocuments); the forms are client islands.
 */
import { CalendarClock, FileText, PenLine, Palette, ShieldAlert, Stamp, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { completeStaffUploadAction, createStaffUploadIntentAction } from "@/app/(app)/[agency]/documents/actions";
import { EmptyState } from "@/components/empty-state";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import type { MembershipContext } from "@/lib/auth/session";
import type { CompanyDetail } from "@/lib/clients/detail";
import type { DocumentDto, DocumentRequestDto } from "@/lib/documents/document-types";
import { documentKinds, personDocumentKinds, requiredDocuments, type DocumentKind, type DocumentStatus } from "@/lib/documents/kinds";
import { listCompanyDocuments } from "@/lib/documents/requests";
import { can } from "@/lib/rbac/permissions";
import { CancelRequestButton } from "./cancel-request-button";
import { chipClass, documentHref, downloadHref, formatBytes, statusLook, versionAwaitingReview } from "./document-labels";
import { RequestComments } from "./request-comments";
import { RequestDocumentsButton, type RequestableRegistration } from "./request-documents-dialog";
import { UploadField, type CompleteUpload, type CreateIntent } from "./upload-field";

type Actor = Pick<MembershipContext, "user" | "agency" | "role" | "clientCompany">;

/** The statuses that still need a file from someone (as on the portal's request page). */
const NEEDS_FILE: readonly DocumentStatus[] = ["requested", "rejected", "expired", "quarantined"];

/** What a staff upload needs: the bound actions, the company's people (for ID photos) and its documents. */
type StaffUpload = {
  companyId: string;
  createIntent: CreateIntent;
  complete: CompleteUpload;
  people: { id: string; name: string }[];
  documents: DocumentDto[];
  noPeople: string;
};

export async function CompanyDocumentsTab({ context, detail }: { context: Actor; detail: CompanyDetail }) {
  const t = await getTranslations("documentsUi");
  const tKinds = await getTranslations("catalogue.documentKinds");
  const tCards = await getTranslations("documentsUi.cards");
  const { requests, documents } = await listCompanyDocuments(context, detail.company.id);
  const agencySlug = context.agency.slug;
  const canRequest = can(context.role, "document:request");
  // A card goes by its account's name, else by what it registers ("Official Account · outside China").
  const labelOf = (account: CompanyDetail["accounts"][number]) => account.name ?? tCards(account.pipeline);
  const registrations: RequestableRegistration[] = detail.accounts
    .filter((account) => !["abandoned", "rejected", "registered"].includes(account.stage))
    .map((account) => ({ id: account.registrationId, label: labelOf(account), requiredKinds: [...requiredDocuments[account.pipeline]] }));
  const registrationLabel = new Map(detail.accounts.map((account) => [account.registrationId, labelOf(account)]));
  const requestButton = canRequest ? <RequestDocumentsButton agencySlug={agencySlug} companyId={detail.company.id} registrations={registrations} /> : null;
  const upload: StaffUpload | null = can(context.role, "document:upload")
    ? {
        companyId: detail.company.id,
        createIntent: createStaffUploadIntentAction.bind(null, agencySlug),
        complete: completeStaffUploadAction.bind(null, agencySlug),
        people: detail.people.filter((person) => !person.erased).map(({ id, name }) => ({ id, name })),
        documents,
        noPeople: t("upload.noPeople"),
      }
    : null;
  // Documents an open request's upload field already answers: no second field on the document.
  const answeredByRequest = new Set(
    requests
      .filter((request) => request.status === "open")
      .flatMap((request) => request.items.filter((item) => NEEDS_FILE.includes(item.status) && item.documentId).map((item) => item.documentId)),
  );

  if (requests.length === 0 && documents.length === 0) {
    return (
      <EmptyState Icon={FileText} title={t("company.emptyTitle")} body={canRequest ? t("company.emptyBody") : t("company.emptyBodyReadOnly")}>
        {requestButton}
      </EmptyState>
    );
  }

  // Grouped by kind, in the catalogue's order of kinds.
  const byKind = new Map<DocumentKind, DocumentDto[]>();
  for (const kind of documentKinds) {
    const ofKind = documents.filter((document) => document.kind === kind);
    if (ofKind.length > 0) byKind.set(kind, ofKind);
  }

  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="document-requests-heading">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 id="document-requests-heading" className="text-sm font-semibold">
            {t("company.requestsHeading")}
          </h2>
          {requestButton}
        </div>
        {requests.length === 0 ? (
          <p className="rounded-xl border border-dashed px-4 py-6 text-center text-sm text-muted-foreground">{t("company.noRequests")}</p>
        ) : (
          <ul className="flex flex-col gap-3" aria-labelledby="document-requests-heading">
            {requests.map((request) => (
              <RequestItem
                key={request.id}
                request={request}
                agencySlug={agencySlug}
                canCancel={canRequest}
                upload={upload}
                registrationLabel={request.registrationId ? (registrationLabel.get(request.registrationId) ?? null) : null}
                timeZone={context.agency.timeZone}
              />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="documents-received-heading">
        <h2 id="documents-received-heading" className="mb-3 text-sm font-semibold">
          {t("company.documentsHeading")}
        </h2>
        {documents.length === 0 ? (
          <p className="rounded-xl border border-dashed px-4 py-6 text-center text-sm text-muted-foreground">{t("company.noDocuments")}</p>
        ) : (
          <div className="flex flex-col gap-6">
            {[...byKind.entries()].map(([kind, ofKind]) => (
              <section key={kind} aria-labelledby={`kind-${kind}`}>
                <h3 id={`kind-${kind}`} className="mb-2 text-sm font-medium">
                  {tKinds(kind)}
                </h3>
                <ul className="flex flex-col gap-3">
                  {ofKind.map((document) => (
                    <DocumentItem
                      key={document.id}
                      document={document}
                      agencySlug={agencySlug}
                      timeZone={context.agency.timeZone}
                      canReview={can(context.role, "document:review")}
                      upload={upload && NEEDS_FILE.includes(document.status) && !answeredByRequest.has(document.id) ? upload : null}
                    />
                  ))}
                </ul>
              </section>
            ))}
          </div>
        )}
      </section>
    </div>
  );
}

/** A status in a chip: its icon and word, with the colour as a third signal. */
export async function StatusChip({ status, label }: { status: DocumentDto["status"]; label?: string }) {
  const t = await getTranslations("documentsUi");
  const { Icon, className } = statusLook[status];
  return (
    <span className={cn(chipClass, className)}>
      <Icon aria-hidden="true" className="size-3.5" />
      {label ?? t(`status.${status}`)}
    </span>
  );
}

async function RequestItem({
  request,
  agencySlug,
  canCancel,
  upload,
  registrationLabel,
  timeZone,
}: {
  request: DocumentRequestDto;
  agencySlug: string;
  canCancel: boolean;
  upload: StaffUpload | null;
  registrationLabel: string | null;
  timeZone: string;
}) {
  const t = await getTranslations("documentsUi");
  const tKinds = await getTranslations("catalogue.documentKinds");
  const format = await getFormatter();
  const dueDate = request.dueOn ? format.dateTime(new Date(`${request.dueOn}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" }) : null;
  const kindsText = format.list(request.kinds.map((kind) => tKinds(kind)));
  const needing = upload && request.status === "open" ? request.items.filter((item) => NEEDS_FILE.includes(item.status)) : [];
  return (
    <li className="rounded-xl border px-4 py-3 text-sm" aria-label={t("company.requestLabel", { kinds: kindsText })}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <span className={cn(chipClass, request.status === "open" ? "border-sky-600/30 bg-sky-500/10 text-sky-800 dark:text-sky-300" : "border-border bg-muted text-muted-foreground")}>
            {t(`requestStatus.${request.status}`)}
          </span>
          {registrationLabel && <span className="text-xs text-muted-foreground">{t("company.forRegistration", { name: registrationLabel })}</span>}
        </div>
        {canCancel && request.status === "open" && <CancelRequestButton agencySlug={agencySlug} requestId={request.id} kinds={kindsText} />}
      </div>
      <ul className="mt-2 flex flex-wrap gap-1.5" aria-label={t("company.kindsLabel")}>
        {request.items.map((item) => {
          const { Icon, className } = statusLook[item.status];
          const inner = (
            <>
              <Icon aria-hidden="true" className="size-3.5" />
              {tKinds(item.kind)} · {t(`status.${item.status}`)}
            </>
          );
          return (
            <li key={item.kind}>
              {item.documentId ? (
                <Link href={documentHref(agencySlug, item.documentId)} className={cn(chipClass, className, "hover:underline")}>
                  {inner}
                </Link>
              ) : (
                <span className={cn(chipClass, className)}>{inner}</span>
              )}
            </li>
          );
        })}
      </ul>
      {upload && needing.length > 0 && (
        <div className="mt-3 flex flex-col gap-4 border-t pt-3" role="group" aria-labelledby={`upload-${request.id}`}>
          <div>
            <h3 id={`upload-${request.id}`} className="font-medium">
              {t("upload.heading")}
            </h3>
            <p className="text-xs text-muted-foreground">{t("upload.hint")}</p>
          </div>
          {needing.map((item) => {
            const ofKind = upload.documents.filter((document) => document.kind === item.kind);
            const isPersonKind = (personDocumentKinds as readonly string[]).includes(item.kind);
            return (
              <div key={item.kind} data-kind={item.kind}>
                <UploadField
                  target={{
                    companyId: upload.companyId,
                    kind: item.kind,
                    requestId: request.id,
                    ...(request.registrationId ? { registrationIds: [request.registrationId] } : {}),
                  }}
                  label={item.status === "requested" ? t("upload.kind", { kind: tKinds(item.kind) }) : t("upload.newVersionOf", { kind: tKinds(item.kind) })}
                  people={isPersonKind ? upload.people : undefined}
                  existing={ofKind.map((document) => ({ documentId: document.id, personId: document.person?.id ?? null }))}
                  noPeople={upload.noPeople}
                  createIntent={upload.createIntent}
                  complete={upload.complete}
                />
              </div>
            );
          })}
        </div>
      )}
      {request.message && <p className="mt-2 rounded-md bg-muted/60 px-2.5 py-1.5 break-words whitespace-pre-wrap">{request.message}</p>}
      <p className="mt-2 flex flex-wrap items-center gap-x-1.5 text-xs text-muted-foreground">
        {dueDate && (
          <span className="inline-flex items-center gap-1">
            <CalendarClock aria-hidden="true" className="size-3.5" />
            {t("company.due", { date: dueDate })}
            <span aria-hidden="true">·</span>
          </span>
        )}
        <span>
          {request.requestedBy?.name
            ? t("company.requestedBy", { name: request.requestedBy.name, date: format.dateTime(new Date(request.createdAt), { dateStyle: "medium", timeZone }) })
            : t("company.requestedOn", { date: format.dateTime(new Date(request.createdAt), { dateStyle: "medium", timeZone }) })}
        </span>
      </p>
      <RequestComments agencySlug={agencySlug} requestId={request.id} count={request.commentCount} canWrite={canCancel} />
    </li>
  );
}

async function DocumentItem({
  document,
  agencySlug,
  timeZone,
  canReview,
  upload,
}: {
  document: DocumentDto;
  agencySlug: string;
  timeZone: string;
  canReview: boolean;
  /** Given when staff may send a new version of this (rejected, expired or quarantined) document. */
  upload: StaffUpload | null;
}) {
  const t = await getTranslations("documentsUi");
  const tKinds = await getTranslations("catalogue.documentKinds");
  const format = await getFormatter();
  const locale = await getLocale();
  const waiting = versionAwaitingReview(document);
  const kind = tKinds(document.kind);
  return (
    <li className="rounded-xl border text-sm">
      <div className="flex flex-wrap items-start justify-between gap-2 px-4 pt-3">
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          {document.person && <span className="font-medium">{document.person.name}</span>}
          <StatusChip status={document.status} />
          <DocumentFlags document={document} />
          <ExpiryNote document={document} />
        </div>
        <div className="flex items-center gap-1">
          <Link
            href={documentHref(agencySlug, document.id)}
            className={buttonClass.ghost}
            aria-label={t("company.openLabel", { kind: document.person ? `${kind} · ${document.person.name}` : kind })}
          >
            {t("company.open")}
          </Link>
          {waiting && canReview && (
            <Link
              href={documentHref(agencySlug, document.id, waiting.id)}
              className={buttonClass.primary}
              aria-label={t("company.reviewLabel", { kind, number: waiting.number })}
            >
              {t("company.review")}
            </Link>
          )}
        </div>
      </div>
      {upload && (
        <div className="px-4 pt-3" data-kind={document.kind}>
          <UploadField
            target={{ companyId: upload.companyId, kind: document.kind }}
            label={t("upload.newVersion")}
            people={document.person ? [{ id: document.person.id, name: document.person.name }] : undefined}
            existing={[{ documentId: document.id, personId: document.person?.id ?? null }]}
            noPeople={upload.noPeople}
            createIntent={upload.createIntent}
            complete={upload.complete}
          />
        </div>
      )}
      <VersionsTable document={document} kindLabel={kind} agencySlug={agencySlug} timeZone={timeZone} locale={locale} format={format} t={t} />
    </li>
  );
}

export async function DocumentFlags({ document }: { document: Pick<DocumentDto, "signed" | "chopped" | "colourScan"> }) {
  const t = await getTranslations("documentsUi");
  const flags = [
    document.signed && { key: "signed", Icon: PenLine, label: t("flags.signed") },
    document.chopped && { key: "chopped", Icon: Stamp, label: t("flags.chopped") },
    document.colourScan && { key: "colourScan", Icon: Palette, label: t("flags.colourScan") },
  ].filter((flag) => flag !== false);
  if (flags.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label={t("flags.label")}>
      {flags.map(({ key, Icon, label }) => (
        <li key={key} className={cn(chipClass, "border-border bg-background text-foreground")}>
          <Icon aria-hidden="true" className="size-3.5" />
          {label}
        </li>
      ))}
    </ul>
  );
}

/** The expiry date, flagged expired or expiring with an icon and a word as well as colour. */
export async function ExpiryNote({ document }: { document: Pick<DocumentDto, "expiresOn" | "expiry"> }) {
  const t = await getTranslations("documentsUi");
  const format = await getFormatter();
  if (!document.expiresOn) return null;
  const date = format.dateTime(new Date(`${document.expiresOn}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  if (document.expiry === "expired") {
    return (
      <span className={cn(chipClass, "border-destructive/40 bg-destructive/5 text-destructive")}>
        <TriangleAlert aria-hidden="true" className="size-3.5" />
        {t("expiry.expired", { date })}
      </span>
    );
  }
  if (document.expiry === "expiring") {
    return (
      <span className={cn(chipClass, "border-amber-600/30 bg-amber-500/10 text-amber-800 dark:text-amber-300")}>
        <CalendarClock aria-hidden="true" className="size-3.5" />
        {t("expiry.expiring", { date })}
      </span>
    );
  }
  return <span className="text-xs text-muted-foreground">{t("expiry.valid", { date })}</span>;
}

function VersionsTable({
  document,
  kindLabel,
  agencySlug,
  timeZone,
  locale,
  format,
  t,
}: {
  document: DocumentDto;
  kindLabel: string;
  agencySlug: string;
  timeZone: string;
  locale: string;
  format: Awaited<ReturnType<typeof getFormatter>>;
  t: Awaited<ReturnType<typeof getTranslations<"documentsUi">>>;
}) {
  if (document.versions.length === 0) return <p className="px-4 py-3 text-xs text-muted-foreground">{t("versions.none")}</p>;
  const head = "h-8 px-3 text-left text-xs font-medium whitespace-nowrap text-muted-foreground";
  const cell = "px-3 py-2 align-top";
  return (
    <div className="mt-2 overflow-x-auto border-t">
      <table className="w-full text-sm">
        <caption className="sr-only">{t("versions.caption", { kind: kindLabel })}</caption>
        <thead>
          <tr className="border-b bg-muted/40">
            <th scope="col" className={head}>
              {t("versions.number")}
            </th>
            <th scope="col" className={head}>
              {t("versions.uploaded")}
            </th>
            <th scope="col" className={head}>
              {t("versions.file")}
            </th>
            <th scope="col" className={head}>
              {t("versions.size")}
            </th>
            <th scope="col" className={head}>
              {t("versions.by")}
            </th>
            <th scope="col" className={head}>
              {t("versions.state")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {document.versions.map((version) => (
            <tr key={version.id}>
              <td className={cn(cell, "whitespace-nowrap tabular-nums")}>{t("versions.numberValue", { number: version.number })}</td>
              <td className={cn(cell, "whitespace-nowrap")}>
                <time dateTime={version.uploadedAt}>{format.dateTime(new Date(version.uploadedAt), { dateStyle: "medium", timeStyle: "short", timeZone })}</time>
              </td>
              <td className={cn(cell, "max-w-[16rem] [overflow-wrap:anywhere]")}>
                {version.quarantine ? (
                  <span>{version.originalName}</span>
                ) : (
                  <a href={downloadHref(agencySlug, version.id)} className="underline-offset-2 hover:underline" aria-label={t("versions.downloadLabel", { name: version.originalName })}>
                    {version.originalName}
                  </a>
                )}
              </td>
              <td className={cn(cell, "whitespace-nowrap tabular-nums")}>{formatBytes(version.sizeBytes, locale)}</td>
              <td className={cell}>{version.uploadedBy?.name ? t(`versions.uploader.${version.uploadedBy.side}`, { name: version.uploadedBy.name }) : t("versions.unknown")}</td>
              <td className={cell}>
                <VersionState version={version} t={t} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function VersionState({ version, t }: { version: DocumentDto["versions"][number]; t: Awaited<ReturnType<typeof getTranslations<"documentsUi">>> }) {
  if (version.quarantine) {
    return (
      <span className={cn(chipClass, statusLook.quarantined.className)} title={t(`quarantine.${version.quarantine.reason}`)}>
        <ShieldAlert aria-hidden="true" className="size-3.5" />
        {t("versions.quarantined")}
      </span>
    );
  }
  if (!version.review) {
    const { Icon, className } = statusLook.uploaded;
    return (
      <span className={cn(chipClass, className)}>
        <Icon aria-hidden="true" className="size-3.5" />
        {t("status.uploaded")}
      </span>
    );
  }
  const status = version.review.decision === "approve" ? "approved" : "rejected";
  const { Icon, className } = statusLook[status];
  return (
    <div className="flex flex-col gap-1">
      <span className={cn(chipClass, className, "self-start")}>
        <Icon aria-hidden="true" className="size-3.5" />
        {t(`status.${status}`)}
      </span>
      {version.review.reason && <span className="text-xs break-words text-muted-foreground">{t("versions.reason", { reason: version.review.reason })}</span>}
    </div>
  );
}
