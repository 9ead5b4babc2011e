import { ChevronRight, FileCheck2, FileText } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getNow, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { documentHref } from "@/components/documents/document-labels";
import { PageHeader } from "@/components/page-header";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import type { ReviewQueueItem } from "@/lib/documents/document-types";
import { listReviewQueue, reviewQueueCursor, REVIEW_QUEUE_DEFAULT_LIMIT } from "@/lib/documents/requests";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/rbac/permissions";
import { requireSection } from "../require-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.documents");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The review queue (ux.md: documents): every uploaded version waiting for a decision,
 * oldest first, 50 at a time (`?after=` pages on, so a link restores the page). Each row
 * opens the document's own page, where it is approved or rejected with a reason. Managers
 * read documents but review none: they get the queue's purpose and no list.
 */
export default async function DocumentsPage({ params, searchParams }: { params: Promise<{ agency: string }>; searchParams: SearchParams }) {
  const context = await requireSection((await params).agency, "documents");
  const after = (await searchParams).after;
  const t = await getTranslations("pages.documents");
  const tQueue = await getTranslations("documentsUi.queue");
  const header = <PageHeader title={t("title")} description={t("description")} />;
  if (!can(context.role, "document:review")) {
    return (
      <>
        {header}
        <EmptyState Icon={FileText} title={tQueue("readOnlyTitle")} body={tQueue("readOnlyBody")} />
      </>
    );
  }
  let items: ReviewQueueItem[];
  let badCursor = false;
  try {
    items = await listReviewQueue(context, { limit: REVIEW_QUEUE_DEFAULT_LIMIT + 1, cursor: typeof after === "string" ? after : undefined });
  } catch (error) {
    // A pasted link with a damaged cursor: the queue from its start.
    if (!(error instanceof AppError && error.code === "VALIDATION")) throw error;
    badCursor = true;
    items = await listReviewQueue(context, { limit: REVIEW_QUEUE_DEFAULT_LIMIT + 1 });
  }
  const more = items.length > REVIEW_QUEUE_DEFAULT_LIMIT;
  const page = items.slice(0, REVIEW_QUEUE_DEFAULT_LIMIT);
  const slug = context.agency.slug;

  if (page.length === 0) {
    return (
      <>
        {header}
        <EmptyState Icon={FileCheck2} title={tQueue("emptyTitle")} body={tQueue("emptyBody")}>
          {typeof after === "string" && !badCursor && (
            <Link href={`/${slug}/documents`} className={buttonClass.secondary}>
              {tQueue("backToStart")}
            </Link>
          )}
        </EmptyState>
      </>
    );
  }
  return (
    <>
      {header}
      <QueueTable items={page} agencySlug={slug} timeZone={context.agency.timeZone} />
      <nav aria-label={tQueue("pagesLabel")} className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm">
        {typeof after === "string" && !badCursor ? (
          <Link href={`/${slug}/documents`} className={buttonClass.ghost}>
            {tQueue("backToStart")}
          </Link>
        ) : (
          <span />
        )}
        {more && (
          <Link href={`/${slug}/documents?after=${encodeURIComponent(reviewQueueCursor(page[page.length - 1]!))}`} className={buttonClass.secondary}>
            {tQueue("next")}
            <ChevronRight aria-hidden="true" className="size-4" />
          </Link>
        )}
      </nav>
    </>
  );
}

async function QueueTable({ items, agencySlug, timeZone }: { items: ReviewQueueItem[]; agencySlug: string; timeZone: string }) {
  const t = await getTranslations("documentsUi.queue");
  const tKinds = await getTranslations("catalogue.documentKinds");
  const format = await getFormatter();
  const now = await getNow();
  const head = "sticky top-0 h-9 bg-muted/60 px-3 text-left text-xs font-medium whitespace-nowrap text-muted-foreground backdrop-blur";
  const cell = "px-3 py-2 align-middle";
  return (
    <div className="overflow-x-auto rounded-xl border">
      <table className="w-full text-sm">
        <caption className="sr-only">{t("caption")}</caption>
        <thead>
          <tr className="border-b">
            <th scope="col" className={head}>
              {t("company")}
            </th>
            <th scope="col" className={head}>
              {t("kind")}
            </th>
            <th scope="col" className={head}>
              {t("person")}
            </th>
            <th scope="col" className={head}>
              {t("uploadedAt")}
            </th>
            <th scope="col" className={head}>
              {t("waiting")}
            </th>
            <th scope="col" className={head}>
              <span className="sr-only">{t("open")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {items.map(({ document, company, waitingSince }) => {
            const newest = document.versions[0];
            const kind = tKinds(document.kind);
            const hours = Math.max(0, Math.floor((now.getTime() - new Date(waitingSince).getTime()) / 3_600_000));
            return (
              <tr key={document.id} className="h-10 hover:bg-muted/40">
                <td className={cn(cell, "max-w-[16rem]")}>
                  <Link href={`/${agencySlug}/clients/${company.id}?tab=documents`} className="underline-offset-2 hover:underline">
                    {company.name || t("unnamed")}
                  </Link>
                </td>
                <td className={cell}>
                  {kind}
                  {newest && newest.number > 1 && <span className="ml-1.5 text-xs text-muted-foreground">{t("versionNumber", { number: newest.number })}</span>}
                </td>
                <td className={cell}>{document.person?.name ?? <span className="text-muted-foreground">—</span>}</td>
                <td className={cn(cell, "whitespace-nowrap")}>
                  {newest ? (
                    <time dateTime={newest.uploadedAt}>{format.dateTime(new Date(newest.uploadedAt), { dateStyle: "medium", timeStyle: "short", timeZone })}</time>
                  ) : null}
                </td>
                <td className={cn(cell, "whitespace-nowrap")}>
                  <time dateTime={waitingSince}>{hours < 24 ? t("waitingHours", { count: hours }) : t("waitingDays", { count: Math.floor(hours / 24) })}</time>
                </td>
                <td className={cn(cell, "text-right")}>
                  <Link
                    href={documentHref(agencySlug, document.id, newest?.id)}
                    className={buttonClass.secondary}
                    aria-label={t("openLabel", { kind, company: company.name })}
                  >
                    {t("open")}
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
