"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";
import { chartHeight, type ChartSpec } from "./chart-spec";

// design.md §8: the dashboard's first load stays small; recharts arrives after, in the browser only.
const BarChartView = dynamic(() => import("./bar-chart-view"), {
  ssr: false,
  loading: () => <Skeleton className="size-full" />,
});

/**
 * A widget's chart, drawn once recharts has loaded. Hidden from assistive technology:
 * the table behind it (ux.md: charts with a table behind them) says the same.
 */
export function DashboardChart({ spec }: { spec: ChartSpec }) {
  return (
    // overflow-hidden: after the window narrows, the drawing keeps its old width until recharts
    // measures again; it must not push the page sideways meanwhile.
    <div aria-hidden="true" className="w-full min-w-0 overflow-hidden" style={{ height: chartHeight(spec) }} data-chart="">
      <BarChartView spec={spec} />
    </div>
  );
}
