import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { dashboardSearch } from "@/components/dashboard/dashboard-href";
import { DashboardFilterForm } from "@/components/dashboard/filter-form";
import { dashboardFormat } from "@/components/dashboard/format";
import {
  CycleTimeWidget,
  DeadlinesWidget,
  DocumentsWidget,
  FunnelWidget,
  IdSlotsWidget,
  OpenWorkWidget,
  ThroughputWidget,
  TimeInStageWidget,
  VerificationsWidget,
  type DeadlineCounts,
  type WidgetContext,
} from "@/components/dashboard/widgets";
import type { MembershipContext } from "@/lib/auth/session";
import { listAssigneeOptions } from "@/lib/clients/detail";
import { dashboardToday, loadDashboard, parseDashboardFilters } from "@/lib/dashboard/queries";
import type { DashboardFilters } from "@/lib/dashboard/types";
import { countBoardCardsUnder } from "@/lib/registration/board";
import { pipelines } from "@/lib/registration/pipelines";
import { requireSection } from "../require-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.dashboard");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Per pipeline in scope, the cards the board shows as overdue and as due within 7 days
 * under the dashboard's assignee: the board is one pipeline's, so the deadlines widget
 * links each pipeline's share to its board (the same count the board will show).
 */
async function deadlineCounts(membership: MembershipContext, filters: DashboardFilters): Promise<DeadlineCounts> {
  const scope = filters.pipeline ? [filters.pipeline] : pipelines;
  const assignee = filters.assignee ?? undefined;
  const [overdue = new Map(), soon = new Map()] = await countBoardCardsUnder(membership, [{ assignee, overdue: true }, { assignee, within: 7 }], scope);
  return scope.map((pipeline) => ({ pipeline, overdue: overdue.get(pipeline) ?? 0, dueWithin7Days: soon.get(pipeline) ?? 0 }));
}

/**
 * The managers' dashboard (issue 9 §1): figures and charts over a period, one pipeline
 * or all, one member or everyone, each figure a link to the cards behind it. Staff see
 * their own slice (the assignee is always themselves).
 */
export default async function DashboardPage({ params, searchParams }: { params: Promise<{ agency: string }>; searchParams: SearchParams }) {
  const membership = await requireSection((await params).agency, "dashboard");
  const { slug } = membership.agency;
  const ownSlice = membership.role === "staff";
  const today = dashboardToday(membership);
  const { filters: asked } = parseDashboardFilters(await searchParams, { today, role: membership.role, userId: membership.user.id });
  const [dashboard, assignees, counts] = await Promise.all([
    loadDashboard(membership, asked),
    ownSlice ? Promise.resolve([]) : listAssigneeOptions(membership),
    deadlineCounts(membership, asked),
  ]);
  const { filters } = dashboard;

  const tPage = await getTranslations("pages.dashboard");
  const t = await getTranslations("dashboard");
  const locale = await getLocale();
  const fmt = dashboardFormat(locale, (key, values) => t(`units.${key}`, values), "—");
  const ctx: WidgetContext = {
    agencySlug: slug,
    filters,
    fmt,
    exportHref: (widget) => `/${slug}/dashboard/export/${widget}${dashboardSearch(filters)}`,
  };

  return (
    <>
      <PageHeader title={tPage("title")} description={tPage("description")}>
        <p className="mt-2 text-xs text-muted-foreground">
          {t("common.period", { from: fmt.date(filters.from), to: fmt.date(filters.to) })}
        </p>
      </PageHeader>
      <DashboardFilterForm agencySlug={slug} filters={filters} today={today} assignees={assignees} ownSlice={ownSlice} />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <DeadlinesWidget ctx={ctx} deadlines={dashboard.deadlines} counts={counts} />
        <OpenWorkWidget ctx={ctx} openWork={dashboard.openWork} />
        <FunnelWidget ctx={ctx} funnel={dashboard.funnel} />
        <CycleTimeWidget ctx={ctx} cycleTime={dashboard.cycleTime} />
        <ThroughputWidget ctx={ctx} throughput={dashboard.throughput} />
        <TimeInStageWidget ctx={ctx} timeInStage={dashboard.timeInStage} />
        <DocumentsWidget ctx={ctx} documents={dashboard.documents} />
        <VerificationsWidget ctx={ctx} verifications={dashboard.verifications} />
        <IdSlotsWidget ctx={ctx} idSlots={dashboard.idSlots} />
      </div>
    </>
  );
}
