/**
 * What a dashboard chart draws, as the server page hands it to the lazily loaded chart
 * (plain data: labels, numbers and their display text already localised).
 */
export type ChartTone = "primary" | "secondary" | "danger";

export type ChartSeries = {
  key: string;
  label: string;
  tone: ChartTone;
  /** One per category; null draws nothing. */
  values: (number | null)[];
  /** The tooltip's text of each value ("3.5 days"). */
  display: string[];
};

export type ChartSpec = {
  /** Category labels, in order (stages, pipelines, weeks, members). */
  categories: string[];
  series: ChartSeries[];
  /** "columns": vertical bars along the x axis; "rows": horizontal bars, one category a row. */
  orientation: "columns" | "rows";
  stacked?: boolean;
  /** A link per category: a click on its bar opens it (the table behind the chart has the same links). */
  hrefs?: (string | null)[];
};

/** The chart's height in pixels: rows grow with their categories. */
export function chartHeight(spec: ChartSpec): number {
  return spec.orientation === "rows" ? Math.max(120, 28 * spec.categories.length + 40) : 220;
}
