import { Download } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/**
 * One dashboard widget: a titled card with its export link, its headline figures, and
 * its chart with the table behind it (or its empty state).
 */
export function WidgetCard({
  id,
  title,
  description,
  exportHref,
  exportLabel,
  exportName,
  className,
  children,
}: {
  id: string;
  title: string;
  description: string;
  exportHref: string;
  /** The link's visible text ("Export CSV"). */
  exportLabel: string;
  /** The link's accessible name: its visible text, then the widget's ("Export CSV: Cycle time"). */
  exportName: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className={cn("flex min-w-0 flex-col gap-4 rounded-xl border bg-background p-4 shadow-xs", className)}>
      <header className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <h2 id={`${id}-title`} className="text-sm font-semibold">
            {title}
          </h2>
          <p className="mt-1 text-xs text-muted-foreground">{description}</p>
        </div>
        <a
          href={exportHref}
          download
          aria-label={exportName}
          className="inline-flex h-7 shrink-0 items-center gap-1.5 rounded-md px-2 text-xs font-medium text-muted-foreground hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        >
          <Download aria-hidden="true" className="size-3.5" />
          {exportLabel}
        </a>
      </header>
      {children}
    </section>
  );
}

/** A headline figure: a label and a big number, a link when it opens the cards it counts. */
export function Figure({
  label,
  value,
  href,
  tone,
  icon,
  note,
}: {
  label: string;
  value: string;
  href?: string | null;
  tone?: "danger" | "warning";
  icon?: ReactNode;
  note?: string;
}) {
  const number = (
    <span
      className={cn(
        "text-2xl font-semibold tabular-nums",
        tone === "danger" && "text-destructive",
        tone === "warning" && "text-amber-700 dark:text-amber-300",
      )}
    >
      {value}
    </span>
  );
  return (
    <div className="flex min-w-28 flex-col gap-1 rounded-lg bg-muted/50 px-3 py-2">
      <span className="flex items-center gap-1 text-xs font-medium text-muted-foreground">
        {icon}
        {label}
      </span>
      {href ? (
        <Link href={href} className="w-fit rounded underline-offset-4 hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none">
          {number}
        </Link>
      ) : (
        number
      )}
      {note && <span className="text-xs text-muted-foreground">{note}</span>}
    </div>
  );
}

/** The table behind a chart, folded under "Show table" (a native disclosure: keyboard and screen readers know it). */
export function TableDetails({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="group text-sm">
      <summary className="w-fit cursor-pointer rounded text-xs font-medium text-muted-foreground hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none">
        {summary}
      </summary>
      <div className="mt-2 overflow-x-auto">{children}</div>
    </details>
  );
}

export type WidgetColumn = { label: ReactNode; numeric?: boolean };
export type WidgetRow = { key: string; cells: ReactNode[] };

/**
 * A widget's figures as a table: the cell at `rowHeader` heads its row (a th), numeric
 * columns are right-aligned with tabular figures. The caption is for screen readers
 * unless `visibleCaption`.
 */
export function WidgetTable({
  caption,
  visibleCaption = false,
  columns,
  rows,
  rowHeader = 0,
}: {
  caption: string;
  visibleCaption?: boolean;
  columns: WidgetColumn[];
  rows: WidgetRow[];
  rowHeader?: number;
}) {
  const cellClass = (index: number) => (columns[index]?.numeric ? numberCell : undefined);
  return (
    <table className={tableClass}>
      <caption className={visibleCaption ? "mb-1 text-left text-xs text-muted-foreground" : "sr-only"}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column, index) => (
            <th key={index} scope="col" className={cellClass(index)}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            {row.cells.map((cell, index) =>
              index === rowHeader ? (
                <th key={index} scope="row" className={cellClass(index)}>
                  {cell}
                </th>
              ) : (
                <td key={index} className={cellClass(index)}>
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const tableClass = "w-full text-left text-sm [&_td]:py-1.5 [&_td]:pr-3 [&_th]:py-1.5 [&_th]:pr-3 [&_th]:font-medium [&_thead_th]:text-xs [&_thead_th]:text-muted-foreground [&_tbody_tr]:border-t";
const numberCell = "text-right tabular-nums";
export const linkClass = "rounded font-medium text-primary underline-offset-4 hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none";
