import { AlarmClock, ArrowRight, CalendarClock, Hourglass, MoveRight, SquareKanban } from "lucide-react";
import type { LucideIcon } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import type { MembershipContext } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { calendarFor } from "@/lib/registration/holidays-service";
import { getMyWork, RECENT_DAYS, type MyWorkGroup, type MyWorkGroupKind, type PipelineSummary } from "@/lib/registration/my-work";
import { MyWorkCards } from "./my-work-cards";

const groupIcon: Record<MyWorkGroupKind, LucideIcon> = {
  overdue: AlarmClock,
  today: CalendarClock,
  waiting: Hourglass,
  moved: MoveRight,
};

const countClass: Record<MyWorkGroupKind, string> = {
  overdue: "border-destructive/40 bg-destructive/10 text-destructive",
  today: "border-amber-600/40 bg-amber-500/10 text-amber-800 dark:text-amber-300",
  waiting: "border-sky-600/40 bg-sky-500/10 text-sky-800 dark:text-sky-300",
  moved: "border-border bg-muted/60 text-foreground",
};

/** The agency's holidays and make-up working days this year and next, for "in 2 business days". */
async function calendarDaysOf(membership: MembershipContext, now: Date) {
  const year = now.getUTCFullYear();
  const calendar = await calendarFor(membership, year, year + 1);
  return { holidays: [...calendar.holidays].sort(), workdays: [...calendar.workdays].sort() };
}

/** The shape of the four sections while the cards load. */
export async function MyWorkSkeleton() {
  const t = await getTranslations("pages.home");
  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-8">
      <span className="sr-only">{t("loading")}</span>
      {Array.from({ length: 3 }, (_, section) => (
        <div key={section}>
          <Skeleton className="mb-3 h-5 w-36" />
          <div className="grid grid-cols-1 gap-2 sm:grid-cols-2 xl:grid-cols-3">
            {Array.from({ length: 3 - section }, (_, card) => (
              <Skeleton key={card} className="h-28" />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}

/** The member's work by urgency (lib/registration/my-work.ts), or the agency's summary when nothing is theirs. */
export async function MyWorkSections({ membership }: { membership: MembershipContext }) {
  const t = await getTranslations("pages.home");
  const now = clock.now();
  const [work, calendarDays] = await Promise.all([getMyWork(membership), calendarDaysOf(membership, now)]);
  const { slug, timeZone } = membership.agency;

  if (work.summary) return <AgencySummary slug={slug} summary={work.summary} />;

  return (
    <div className="flex flex-col gap-8">
      <p className="text-sm text-muted-foreground">
        {t("openTotal", { count: work.open })} {t("onHoldNote")}
      </p>
      {work.groups.map((group) => (
        <GroupSection key={group.kind} group={group}>
          {group.cards.length > 0 && (
            <MyWorkCards agencySlug={slug} cards={group.cards} timeZone={timeZone} now={now.toISOString()} calendarDays={calendarDays} />
          )}
        </GroupSection>
      ))}
    </div>
  );
}

async function GroupSection({ group, children }: { group: MyWorkGroup; children: React.ReactNode }) {
  const t = await getTranslations("pages.home");
  const tPipelines = await getTranslations("clientsList.pipelines");
  const Icon = groupIcon[group.kind];
  const headingId = `my-work-${group.kind}`;
  return (
    <section aria-labelledby={headingId} data-group={group.kind}>
      <div className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-1">
        <h2 id={headingId} className="inline-flex items-center gap-2 text-sm font-semibold">
          <Icon aria-hidden="true" className="size-4 text-muted-foreground" />
          {t(`groups.${group.kind}.title`)}
          <span className={cn("rounded border px-1.5 py-px text-xs font-medium tabular-nums", countClass[group.kind])}>
            <span className="sr-only">{t("count", { count: group.count })}</span>
            <span aria-hidden="true">{group.count}</span>
          </span>
        </h2>
        {group.count > group.cards.length && (
          <span className="text-xs text-muted-foreground">{t("showing", { shown: group.cards.length, count: group.count })}</span>
        )}
      </div>
      {group.count === 0 ? (
        <p className="rounded-lg border border-dashed px-4 py-3 text-sm text-muted-foreground">
          {t(`groups.${group.kind}.empty`, { days: RECENT_DAYS })}
        </p>
      ) : (
        <>
          {children}
          <nav aria-label={`${t(`groups.${group.kind}.title`)} · ${t("seeAll")}`} className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            <span className="text-muted-foreground">{t("seeAllLead")}</span>
            {group.boards.map((board) => (
              <Link
                key={board.pipeline}
                href={board.href}
                data-see-all={board.pipeline}
                className="inline-flex items-center gap-1 rounded-sm font-medium text-primary underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
              >
                {t("seeAllIn", { pipeline: tPipelines(board.pipeline), count: board.count })}
                <ArrowRight aria-hidden="true" className="size-3.5" />
              </Link>
            ))}
          </nav>
        </>
      )}
    </section>
  );
}

async function AgencySummary({ slug, summary }: { slug: string; summary: PipelineSummary[] }) {
  const t = await getTranslations("pages.home");
  const tPipelines = await getTranslations("clientsList.pipelines");
  return (
    <div className="flex flex-col gap-6">
      <EmptyState Icon={SquareKanban} title={t("summaryTitle")} body={t("summaryBody")}>
        <Link href={`/${slug}/registrations`} className={buttonClass.secondary}>
          {t("emptyAction")}
        </Link>
      </EmptyState>
      <section aria-labelledby="my-work-summary">
        <h2 id="my-work-summary" className="mb-3 text-sm font-semibold">
          {t("summaryHeading")}
        </h2>
        <div className="overflow-x-auto rounded-lg border">
          <table className="w-full text-sm">
            <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("summaryPipeline")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t("summaryOverdue")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t("summaryToday")}
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">{t("summaryOpenBoard")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {summary.map((row) => (
                <tr key={row.pipeline} className="border-t">
                  <th scope="row" className="px-3 py-2 text-left font-normal">
                    {tPipelines(row.pipeline)}
                  </th>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {row.overdue > 0 ? (
                      <Link
                        href={row.overdueHref}
                        className="rounded-sm font-medium text-destructive underline underline-offset-4 outline-none focus-visible:ring-2 focus-visible:ring-ring"
                      >
                        <span aria-hidden="true">{row.overdue}</span>
                        <span className="sr-only">{t("summaryOverdueLink", { count: row.overdue, pipeline: tPipelines(row.pipeline) })}</span>
                      </Link>
                    ) : (
                      <span className="text-muted-foreground">{row.overdue}</span>
                    )}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{row.today}</td>
                  <td className="px-3 py-2 text-right">
                    <Link
                      href={row.boardHref}
                      className="rounded-sm text-primary underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
                    >
                      {t("summaryOpenBoard")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

