import { AlarmClock, CircleAlert } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Dashboard, DashboardFilters, DashboardWidget } from "@/lib/dashboard/types";
import { boardHref, type BoardQuery } from "@/lib/registration/board-query";
import type { Pipeline, Stage } from "@/lib/registration/pipelines";
import { DashboardChart } from "./chart";
import type { ChartSpec } from "./chart-spec";
import { dashboardHref } from "./dashboard-href";
import type { DashboardFormat } from "./format";
import { Figure, linkClass, TableDetails, WidgetCard, WidgetTable } from "./widget-card";

/** What every widget needs besides its own figures. */
export type WidgetContext = {
  agencySlug: string;
  filters: DashboardFilters;
  fmt: DashboardFormat;
  /** The widget's CSV export under the same filters. */
  exportHref: (widget: DashboardWidget) => string;
};

/** Per pipeline in scope, how many cards the board shows as overdue and as due within 7 days. */
export type DeadlineCounts = { pipeline: Pipeline; overdue: number; dueWithin7Days: number }[];

type T = Awaited<ReturnType<typeof getTranslations<"dashboard">>>;

/** A count that links to the cards it counts; zero, or nowhere to go, is plain text. */
function countLink(fmt: DashboardFormat, value: number, href: string | null) {
  return href && value > 0 ? (
    <Link href={href} className={linkClass}>
      {fmt.count(value)}
    </Link>
  ) : (
    fmt.count(value)
  );
}

/** The dashboard's assignee as the board's filter. */
function boardAssignee(filters: DashboardFilters): BoardQuery["assignee"] {
  return filters.assignee ?? undefined;
}

function card(t: T, ctx: WidgetContext, widget: DashboardWidget, key: string) {
  const title = t(`widgets.${key}.title` as "widgets.funnel.title");
  return {
    id: `dashboard-${widget}`,
    title,
    description: t(`widgets.${key}.description` as "widgets.funnel.description"),
    exportHref: ctx.exportHref(widget),
    exportLabel: t("common.exportCsv"),
    exportName: t("common.exportName", { widget: title }),
  };
}

function Empty({ text }: { text: string }) {
  return <p className="rounded-lg border border-dashed px-4 py-8 text-center text-sm text-muted-foreground">{text}</p>;
}

/** The pipelines a list of rows covers, in their first order. */
function pipelinesOf<R extends { pipeline: Pipeline }>(rows: R[]): Pipeline[] {
  return [...new Set(rows.map((row) => row.pipeline))];
}

/* ------------------------------------------------------------------ funnel */

export async function FunnelWidget({ ctx, funnel }: { ctx: WidgetContext; funnel: Dashboard["funnel"] }) {
  const t = await getTranslations("dashboard");
  const tStages = await getTranslations("portal.stages");
  const tPipelines = await getTranslations("clientsList.pipelines");
  const total = funnel.reduce((sum, row) => sum + row.count, 0);
  const groups = pipelinesOf(funnel).map((pipeline) => ({ pipeline, rows: funnel.filter((row) => row.pipeline === pipeline) }));
  const listHref = (pipeline: Pipeline, stage: Stage) =>
    boardHref(ctx.agencySlug, { pipeline, view: "list", stage, assignee: boardAssignee(ctx.filters) });

  return (
    <WidgetCard {...card(t, ctx, "funnel", "funnel")} className="lg:col-span-2">
      {total === 0 ? (
        <Empty text={t("widgets.funnel.empty")} />
      ) : (
        <>
          <div className={groups.length > 1 ? "grid grid-cols-1 gap-6 md:grid-cols-2" : ""}>
            {groups.map(({ pipeline, rows }) => {
              const spec: ChartSpec = {
                categories: rows.map((row) => tStages(row.stage)),
                series: [
                  {
                    key: "count",
                    label: t("widgets.funnel.count"),
                    tone: "primary",
                    values: rows.map((row) => row.count),
                    display: rows.map((row) => ctx.fmt.count(row.count)),
                  },
                ],
                orientation: "rows",
                hrefs: rows.map((row) => listHref(pipeline, row.stage)),
              };
              return (
                <div key={pipeline} className="min-w-0">
                  {groups.length > 1 && <h3 className="mb-1 text-xs font-medium text-muted-foreground">{tPipelines(pipeline)}</h3>}
                  <DashboardChart spec={spec} />
                </div>
              );
            })}
          </div>
          <TableDetails summary={t("common.showTable")}>
            <WidgetTable
              caption={t("widgets.funnel.title")}
              columns={[{ label: t("columns.pipeline") }, { label: t("columns.stage") }, { label: t("widgets.funnel.count"), numeric: true }]}
              rowHeader={1}
              rows={funnel.map((row) => ({
                key: `${row.pipeline}-${row.stage}`,
                cells: [
                  tPipelines(row.pipeline),
                  tStages(row.stage),
                  <Link key="count" href={listHref(row.pipeline, row.stage)} className={linkClass}>
                    {ctx.fmt.count(row.count)}
                  </Link>,
                ],
              }))}
            />
          </TableDetails>
        </>
      )}
    </WidgetCard>
  );
}

/* --------------------------------------------------------------- deadlines */

export async function DeadlinesWidget({
  ctx,
  deadlines,
  counts,
}: {
  ctx: WidgetContext;
  deadlines: Dashboard["deadlines"];
  counts: DeadlineCounts;
}) {
  const t = await getTranslations("dashboard");
  const tPipelines = await getTranslations("clientsList.pipelines");
  const assignee = boardAssignee(ctx.filters);
  const overdueHref = (pipeline: Pipeline) => boardHref(ctx.agencySlug, { pipeline, assignee, overdue: true });
  const soonHref = (pipeline: Pipeline) => boardHref(ctx.agencySlug, { pipeline, assignee, within: 7 });
  // The board shows one pipeline: a headline links to it when its cards are all in one.
  const single = (key: "overdue" | "dueWithin7Days"): Pipeline | null => {
    if (ctx.filters.pipeline) return ctx.filters.pipeline;
    const holding = counts.filter((row) => row[key] > 0);
    return holding.length === 1 ? holding[0]!.pipeline : null;
  };
  const overduePipeline = single("overdue");
  const soonPipeline = single("dueWithin7Days");
  const spread = !ctx.filters.pipeline && counts.some((row) => row.overdue > 0 || row.dueWithin7Days > 0);

  return (
    <WidgetCard {...card(t, ctx, "deadlines", "deadlines")}>
      <div className="flex flex-wrap gap-3">
        <Figure
          label={t("widgets.deadlines.overdue")}
          icon={<CircleAlert aria-hidden="true" className="size-3.5 text-destructive" />}
          value={ctx.fmt.count(deadlines.overdue)}
          tone={deadlines.overdue > 0 ? "danger" : undefined}
          href={deadlines.overdue > 0 && overduePipeline ? overdueHref(overduePipeline) : null}
        />
        <Figure
          label={t("widgets.deadlines.dueSoon")}
          icon={<AlarmClock aria-hidden="true" className="size-3.5" />}
          value={ctx.fmt.count(deadlines.dueWithin7Days)}
          tone={deadlines.dueWithin7Days > 0 ? "warning" : undefined}
          href={deadlines.dueWithin7Days > 0 && soonPipeline ? soonHref(soonPipeline) : null}
        />
      </div>
      {deadlines.overdue === 0 && deadlines.dueWithin7Days === 0 ? (
        <p className="text-sm text-muted-foreground">{t("widgets.deadlines.empty")}</p>
      ) : (
        spread && (
          <WidgetTable
            caption={t("widgets.deadlines.byPipeline")}
            visibleCaption
            columns={[{ label: t("columns.pipeline") }, { label: t("widgets.deadlines.overdue"), numeric: true }, { label: t("widgets.deadlines.dueSoon"), numeric: true }]}
            rows={counts.map((row) => ({
              key: row.pipeline,
              cells: [
                tPipelines(row.pipeline),
                countLink(ctx.fmt, row.overdue, overdueHref(row.pipeline)),
                countLink(ctx.fmt, row.dueWithin7Days, soonHref(row.pipeline)),
              ],
            }))}
          />
        )
      )}
    </WidgetCard>
  );
}

/* -------------------------------------------------------------- cycle time */

export async function CycleTimeWidget({ ctx, cycleTime }: { ctx: WidgetContext; cycleTime: Dashboard["cycleTime"] }) {
  const t = await getTranslations("dashboard");
  const tShort = await getTranslations("board.pipelines");
  const tPipelines = await getTranslations("clientsList.pipelines");
  const rows = cycleTime.filter((row) => row.count > 0);
  const { fmt } = ctx;
  const spec: ChartSpec = {
    categories: rows.map((row) => tShort(row.pipeline)),
    series: [
      { key: "median", label: t("columns.median"), tone: "primary", values: rows.map((row) => fmt.days(row.medianHours)), display: rows.map((row) => fmt.duration(row.medianHours)) },
      { key: "p90", label: t("columns.p90"), tone: "secondary", values: rows.map((row) => fmt.days(row.p90Hours)), display: rows.map((row) => fmt.duration(row.p90Hours)) },
    ],
    orientation: rows.length > 2 ? "rows" : "columns",
  };
  return (
    <WidgetCard {...card(t, ctx, "cycle_time", "cycleTime")}>
      {rows.length === 0 ? (
        <Empty text={t("widgets.cycleTime.empty")} />
      ) : (
        <>
          <p className="text-xs text-muted-foreground">{t("common.inDays")}</p>
          <DashboardChart spec={spec} />
          <TableDetails summary={t("common.showTable")}>
            <WidgetTable
              caption={t("widgets.cycleTime.title")}
              columns={[
                { label: t("columns.pipeline") },
                { label: t("columns.completed"), numeric: true },
                { label: t("columns.median"), numeric: true },
                { label: t("columns.p90"), numeric: true },
                { label: t("columns.holdMedian"), numeric: true },
                { label: t("columns.holdP90"), numeric: true },
              ]}
              rows={cycleTime.map((row) => ({
                key: row.pipeline,
                cells: [
                  tPipelines(row.pipeline),
                  fmt.count(row.count),
                  fmt.duration(row.medianHours),
                  fmt.duration(row.p90Hours),
                  fmt.duration(row.onHold.medianHours),
                  fmt.duration(row.onHold.p90Hours),
                ],
              }))}
            />
          </TableDetails>
        </>
      )}
    </WidgetCard>
  );
}

/* ----------------------------------------------------------- time in stage */

export async function TimeInStageWidget({ ctx, timeInStage }: { ctx: WidgetContext; timeInStage: Dashboard["timeInStage"] }) {
  const t = await getTranslations("dashboard");
  const tStages = await getTranslations("portal.stages");
  const tPipelines = await getTranslations("clientsList.pipelines");
  const { fmt } = ctx;
  const sampled = timeInStage.filter((row) => row.count > 0);
  const groups = pipelinesOf(sampled).map((pipeline) => ({ pipeline, rows: sampled.filter((row) => row.pipeline === pipeline) }));
  return (
    <WidgetCard {...card(t, ctx, "time_in_stage", "timeInStage")} className="lg:col-span-2">
      {sampled.length === 0 ? (
        <Empty text={t("widgets.timeInStage.empty")} />
      ) : (
        <>
          <p className="text-xs text-muted-foreground">{t("common.inDaysMean")}</p>
          <div className={groups.length > 1 ? "grid grid-cols-1 gap-6 md:grid-cols-2" : ""}>
            {groups.map(({ pipeline, rows }) => (
              <div key={pipeline} className="min-w-0">
                {groups.length > 1 && <h3 className="mb-1 text-xs font-medium text-muted-foreground">{tPipelines(pipeline)}</h3>}
                <DashboardChart
                  spec={{
                    categories: rows.map((row) => tStages(row.stage)),
                    series: [
                      { key: "mean", label: t("columns.mean"), tone: "primary", values: rows.map((row) => fmt.days(row.meanHours)), display: rows.map((row) => fmt.duration(row.meanHours)) },
                    ],
                    orientation: "rows",
                  }}
                />
              </div>
            ))}
          </div>
          <TableDetails summary={t("common.showTable")}>
            <WidgetTable
              caption={t("widgets.timeInStage.title")}
              columns={[
                { label: t("columns.pipeline") },
                { label: t("columns.stage") },
                { label: t("columns.stays"), numeric: true },
                { label: t("columns.mean"), numeric: true },
              ]}
              rowHeader={1}
              rows={sampled.map((row) => ({
                key: `${row.pipeline}-${row.stage}`,
                cells: [tPipelines(row.pipeline), tStages(row.stage), fmt.count(row.count), fmt.duration(row.meanHours)],
              }))}
            />
          </TableDetails>
        </>
      )}
    </WidgetCard>
  );
}

/* -------------------------------------------------------------- throughput */

export async function ThroughputWidget({ ctx, throughput }: { ctx: WidgetContext; throughput: Dashboard["throughput"] }) {
  const t = await getTranslations("dashboard");
  const { fmt } = ctx;
  const total = throughput.reduce((sum, row) => sum + row.completed, 0);
  const spec: ChartSpec = {
    categories: throughput.map((row) => fmt.shortDate(row.weekStart)),
    series: [
      {
        key: "completed",
        label: t("columns.completed"),
        tone: "primary",
        values: throughput.map((row) => row.completed),
        display: throughput.map((row) => fmt.count(row.completed)),
      },
    ],
    orientation: "columns",
  };
  return (
    <WidgetCard {...card(t, ctx, "throughput", "throughput")}>
      {total === 0 ? (
        <Empty text={t("widgets.throughput.empty")} />
      ) : (
        <>
          <DashboardChart spec={spec} />
          <TableDetails summary={t("common.showTable")}>
            <WidgetTable
              caption={t("widgets.throughput.title")}
              columns={[{ label: t("columns.week") }, { label: t("columns.weekStart") }, { label: t("columns.completed"), numeric: true }]}
              rows={throughput.map((row) => ({ key: row.week, cells: [row.week, fmt.date(row.weekStart), fmt.count(row.completed)] }))}
            />
          </TableDetails>
        </>
      )}
    </WidgetCard>
  );
}

/* --------------------------------------------------------------- documents */

export async function DocumentsWidget({ ctx, documents }: { ctx: WidgetContext; documents: Dashboard["documents"] }) {
  const t = await getTranslations("dashboard");
  const { fmt } = ctx;
  const queue = `/${ctx.agencySlug}/documents`;
  const none = documents.turnaround.count === 0 && documents.versionsReviewed === 0;
  return (
    <WidgetCard {...card(t, ctx, "documents", "documents")}>
      {none ? (
        <Empty text={t("widgets.documents.empty")} />
      ) : (
        <div className="flex flex-wrap gap-3">
          <Figure
            label={t("widgets.documents.turnaroundMean")}
            value={fmt.duration(documents.turnaround.meanHours)}
            note={t("widgets.documents.approvals", { count: documents.turnaround.count })}
          />
          <Figure
            label={t("widgets.documents.rejectionRate")}
            value={fmt.percent(documents.rejectionRate)}
            note={t("widgets.documents.rejectedOf", { rejected: documents.versionsRejected, reviewed: documents.versionsReviewed })}
          />
        </div>
      )}
      <Link href={queue} className={`${linkClass} w-fit text-sm`}>
        {t("widgets.documents.queue")}
      </Link>
    </WidgetCard>
  );
}

/* --------------------------------------------------------------- open work */

export async function OpenWorkWidget({ ctx, openWork }: { ctx: WidgetContext; openWork: Dashboard["openWork"] }) {
  const t = await getTranslations("dashboard");
  const { fmt, filters } = ctx;
  const nameOf = (row: Dashboard["openWork"][number]) => (row.userId ? (row.name ?? t("widgets.openWork.formerMember")) : t("widgets.openWork.unassigned"));
  // One pipeline: the member's cards on its board. All pipelines: the dashboard for that member, whose funnel opens each board.
  const hrefOf = (row: Dashboard["openWork"][number], overdue: boolean): string | null => {
    const assignee = row.userId ?? "none";
    if (filters.pipeline) return boardHref(ctx.agencySlug, { pipeline: filters.pipeline, assignee, overdue: overdue || undefined });
    if (filters.assignee === assignee) return null;
    return dashboardHref(ctx.agencySlug, { ...filters, assignee });
  };
  const spec: ChartSpec = {
    categories: openWork.map(nameOf),
    series: [
      {
        key: "onTime",
        label: t("widgets.openWork.notOverdue"),
        tone: "secondary",
        values: openWork.map((row) => row.open - row.overdue),
        display: openWork.map((row) => fmt.count(row.open - row.overdue)),
      },
      {
        key: "overdue",
        label: t("columns.overdue"),
        tone: "danger",
        values: openWork.map((row) => row.overdue),
        display: openWork.map((row) => fmt.count(row.overdue)),
      },
    ],
    orientation: "rows",
    stacked: true,
    hrefs: openWork.map((row) => hrefOf(row, false)),
  };
  return (
    <WidgetCard {...card(t, ctx, "open_work", "openWork")}>
      {openWork.length === 0 ? (
        <Empty text={t("widgets.openWork.empty")} />
      ) : (
        <>
          <DashboardChart spec={spec} />
          <TableDetails summary={t("common.showTable")}>
            <WidgetTable
              caption={t("widgets.openWork.title")}
              columns={[{ label: t("columns.member") }, { label: t("columns.open"), numeric: true }, { label: t("columns.overdue"), numeric: true }]}
              rows={openWork.map((row) => ({
                key: row.userId ?? "none",
                cells: [nameOf(row), countLink(fmt, row.open, hrefOf(row, false)), countLink(fmt, row.overdue, hrefOf(row, true))],
              }))}
            />
          </TableDetails>
        </>
      )}
    </WidgetCard>
  );
}

/* ----------------------------------------------------------- verifications */

export async function VerificationsWidget({ ctx, verifications }: { ctx: WidgetContext; verifications: Dashboard["verifications"] }) {
  const t = await getTranslations("dashboard");
  const { fmt } = ctx;
  const accounts = (params: string) => `/${ctx.agencySlug}/accounts?${params}`;
  // The accounts list (Official Accounts) filters "expiring" as 30 days; 7 and 90 open it by expiry, soonest first.
  const byExpiry = accounts("verification=verified&sort=expires&dir=asc");
  return (
    <WidgetCard {...card(t, ctx, "verifications", "verifications")}>
      <div className="flex flex-wrap gap-3">
        <Figure label={t("widgets.verifications.within7")} value={fmt.count(verifications.within7)} tone={verifications.within7 > 0 ? "danger" : undefined} href={verifications.within7 > 0 ? byExpiry : null} />
        <Figure label={t("widgets.verifications.within30")} value={fmt.count(verifications.within30)} tone={verifications.within30 > 0 ? "warning" : undefined} href={verifications.within30 > 0 ? accounts("verification=expiring&sort=expires&dir=asc") : null} />
        <Figure label={t("widgets.verifications.within90")} value={fmt.count(verifications.within90)} href={verifications.within90 > 0 ? byExpiry : null} />
        <Figure label={t("widgets.verifications.expired")} value={fmt.count(verifications.expired)} href={verifications.expired > 0 ? accounts("verification=expired") : null} />
      </div>
      <p className="text-xs text-muted-foreground">{t("widgets.verifications.note")}</p>
    </WidgetCard>
  );
}

/* ---------------------------------------------------------------- ID slots */

export async function IdSlotsWidget({ ctx, idSlots }: { ctx: WidgetContext; idSlots: Dashboard["idSlots"] }) {
  const t = await getTranslations("dashboard");
  const { fmt } = ctx;
  return (
    <WidgetCard {...card(t, ctx, "id_slots", "idSlots")}>
      <div className="flex flex-wrap gap-3">
        <Figure label={t("widgets.idSlots.slotsInUse")} value={fmt.count(idSlots.slotsInUse)} />
        <Figure label={t("widgets.idSlots.peopleWithOne")} value={fmt.count(idSlots.peopleWithOne)} />
        <Figure
          label={t("widgets.idSlots.peopleAtCap")}
          value={fmt.count(idSlots.peopleAtCap)}
          href={idSlots.peopleAtCap > 0 ? `/${ctx.agencySlug}/people?slots=full` : null}
        />
      </div>
    </WidgetCard>
  );
}
