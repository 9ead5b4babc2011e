"use client";

import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartSpec, ChartTone } from "./chart-spec";

const toneColour: Record<ChartTone, string> = {
  primary: "var(--primary)",
  secondary: "color-mix(in oklab, var(--primary) 40%, var(--muted))",
  danger: "var(--destructive)",
};

const axisTick = { fill: "var(--muted-foreground)", fontSize: 12 };

/** About how wide `text` is at 12 px, in pixels. */
function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += char.codePointAt(0)! >= 0x2e80 ? 13 : 7.2;
  return Math.ceil(width);
}

/**
 * A dashboard bar chart (recharts), loaded only in the browser (chart.tsx): the numbers
 * are also in the table behind it, so the drawing itself is hidden from assistive
 * technology and takes no focus.
 */
export default function BarChartView({ spec }: { spec: ChartSpec }) {
  const router = useRouter();
  const data = spec.categories.map((label, index) => {
    const row: Record<string, string | number | null> = { label };
    for (const series of spec.series) {
      row[series.key] = series.values[index] ?? null;
      row[`${series.key}:display`] = series.display[index] ?? "";
    }
    return row;
  });
  const rows = spec.orientation === "rows";
  const open = (index: number | undefined) => {
    const href = index === undefined ? null : spec.hrefs?.[index];
    if (href) router.push(href);
  };
  // The row labels' column: wide enough for the longest label (a CJK character is about twice a Latin one).
  const labelWidth = Math.min(220, Math.max(48, ...spec.categories.map(textWidth)) + 20);

  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} layout={rows ? "vertical" : "horizontal"} accessibilityLayer={false} margin={{ top: 4, right: 12, bottom: 4, left: 4 }}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" horizontal={!rows} vertical={rows} />
        {rows ? (
          <>
            <XAxis type="number" tick={axisTick} stroke="var(--border)" allowDecimals={false} />
            <YAxis type="category" dataKey="label" tick={axisTick} stroke="var(--border)" width={labelWidth} interval={0} />
          </>
        ) : (
          <>
            <XAxis dataKey="label" tick={axisTick} stroke="var(--border)" interval="preserveStartEnd" />
            <YAxis tick={axisTick} stroke="var(--border)" width={36} allowDecimals={false} />
          </>
        )}
        <Tooltip
          cursor={{ fill: "var(--accent)", opacity: 0.5 }}
          contentStyle={{ background: "var(--popover)", borderColor: "var(--border)", color: "var(--popover-foreground)", borderRadius: 8, fontSize: 12 }}
          formatter={(value, name, item) => {
            const key = String(item.dataKey ?? "");
            const payload = item.payload as Record<string, unknown>;
            return [String(payload[`${key}:display`] ?? value), name];
          }}
        />
        {spec.series.length > 1 && (
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value) => <span style={{ color: "var(--foreground)" }}>{value}</span>} />
        )}
        {spec.series.map((series) => (
          <Bar
            key={series.key}
            dataKey={series.key}
            name={series.label}
            fill={toneColour[series.tone]}
            stackId={spec.stacked ? "stack" : undefined}
            radius={spec.stacked ? 0 : rows ? [0, 4, 4, 0] : [4, 4, 0, 0]}
            maxBarSize={rows ? 18 : 40}
            isAnimationActive={false}
            cursor={spec.hrefs ? "pointer" : undefined}
            onClick={(_entry, index) => open(index)}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
