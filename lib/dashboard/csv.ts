/**
 * One dashboard widget as CSV (the page's "Export CSV" buttons and GET
 * /api/v1/dashboard/{widget}.csv): a header row in the reader's language, then the
 * widget's rows as lib/dashboard/queries.ts read them. Hours with one decimal, the
 * rejection rate in per cent with one decimal; a figure with no sample is an empty cell.
 * Quoting and formula neutralising as the clients export (lib/clients/csv.ts). Pure.
 */
import { createTranslator } from "next-intl";
import { CSV_BOM, csvRow, type CsvValue } from "@/lib/clients/csv";
import { isLocale, type Locale } from "@/lib/i18n/config";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import type { Dashboard, DashboardWidget } from "./types";

const catalogues = { en, "zh-CN": zhCN } as const;

const decimal = (value: number | null): CsvValue => (value === null ? null : value.toFixed(1));

/** The CSV text of `widget` (without the byte order mark: dashboardCsvResponse adds it). */
export function dashboardCsv(dashboard: Dashboard, widget: DashboardWidget, locale: string): string {
  const language: Locale = isLocale(locale) ? locale : "en";
  const messages = catalogues[language];
  // Keys are built from data (stages, pipelines); the catalogue test checks that every one exists.
  const untyped = (namespace: string) =>
    createTranslator({ locale: language, messages, namespace: namespace as never }) as unknown as (key: string) => string;
  const t = untyped("dashboardCsv");
  const pipeline = untyped("clientsList.pipelines");
  const stage = untyped("portal.stages");

  const table = (header: string[], rows: CsvValue[][]) => [header, ...rows].map(csvRow).join("");
  switch (widget) {
    case "funnel":
      return table(
        [t("pipeline"), t("stage"), t("registrations")],
        dashboard.funnel.map((row) => [pipeline(row.pipeline), stage(row.stage), row.count]),
      );
    case "deadlines":
      return table([t("overdue"), t("dueWithin7Days")], [[dashboard.deadlines.overdue, dashboard.deadlines.dueWithin7Days]]);
    case "cycle_time":
      return table(
        [t("pipeline"), t("completed"), t("medianHours"), t("p90Hours"), t("onHoldMedianHours"), t("onHoldP90Hours")],
        dashboard.cycleTime.map((row) => [
          pipeline(row.pipeline),
          row.count,
          decimal(row.medianHours),
          decimal(row.p90Hours),
          decimal(row.onHold.medianHours),
          decimal(row.onHold.p90Hours),
        ]),
      );
    case "time_in_stage":
      return table(
        [t("pipeline"), t("stage"), t("stays"), t("meanHours")],
        dashboard.timeInStage.map((row) => [pipeline(row.pipeline), stage(row.stage), row.count, decimal(row.meanHours)]),
      );
    case "throughput":
      return table(
        [t("week"), t("weekStart"), t("completed")],
        dashboard.throughput.map((row) => [row.week, row.weekStart, row.completed]),
      );
    case "documents": {
      const { turnaround, versionsReviewed, versionsRejected, rejectionRate } = dashboard.documents;
      return table(
        [
          t("documentsApproved"),
          t("turnaroundMeanHours"),
          t("versionsReviewed"),
          t("versionsRejected"),
          t("rejectionRate"),
        ],
        [
          [
            turnaround.count,
            decimal(turnaround.meanHours),
            versionsReviewed,
            versionsRejected,
            decimal(rejectionRate === null ? null : rejectionRate * 100),
          ],
        ],
      );
    }
    case "open_work":
      return table(
        [t("assignee"), t("open"), t("overdue")],
        dashboard.openWork.map((row) => [row.userId === null ? t("unassigned") : row.name, row.open, row.overdue]),
      );
    case "verifications": {
      const v = dashboard.verifications;
      return table([t("within7"), t("within30"), t("within90"), t("expired")], [[v.within7, v.within30, v.within90, v.expired]]);
    }
    case "id_slots": {
      const s = dashboard.idSlots;
      return table([t("slotsInUse"), t("peopleWithOne"), t("peopleAtCap")], [[s.slotsInUse, s.peopleWithOne, s.peopleAtCap]]);
    }
  }
}

/** The file a browser saves: "dashboard-cycle_time-2026-09-04-2026-12-02.csv". */
export function dashboardCsvFilename(dashboard: Dashboard, widget: DashboardWidget): string {
  return `dashboard-${widget}-${dashboard.filters.from}-${dashboard.filters.to}.csv`;
}

/** The CSV download of `widget`: UTF-8 with a byte order mark (Excel), never cached. */
export function dashboardCsvResponse(dashboard: Dashboard, widget: DashboardWidget, locale: string): Response {
  return new Response(CSV_BOM + dashboardCsv(dashboard, widget, locale), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${dashboardCsvFilename(dashboard, widget)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
