"use client";

import {
  type ColumnDef,
  columnVisibilityFeature,
  type ColumnVisibilityState,
  type OnChangeFn,
  rowSelectionFeature,
  type RowSelectionState,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type CellContext,
  type Row as TableRow,
  type RowData,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ChevronsUpDown } from "lucide-react";
import Link from "next/link";
import { type ReactNode, useEffect, useId, useMemo, useRef } from "react";
import { cn } from "@/components/ui/cn";

// Sorting and paging happen on the server: the table renders the page it is given,
// knows which column sorts, which columns show and, where rows select, which are selected.
export const listTableFeatures = tableFeatures({ rowSortingFeature, rowSelectionFeature, columnVisibilityFeature });
export type ListTableFeatures = typeof listTableFeatures;
/** A list's column. Its cell may read only `row` of its context: see renderCell. */
export type ListColumnDef<Row extends RowData> = ColumnDef<ListTableFeatures, Row>;

/**
 * A body cell from its column and row alone: the body does not ask TanStack for cells
 * (row.getVisibleCells makes an object and memos per cell, half the table's server render
 * at 50 rows), so a list's cell functions read only `row` (every list's do).
 */
function renderCell<Row extends RowData>(render: ListColumnDef<Row>["cell"], row: TableRow<ListTableFeatures, Row>): ReactNode {
  if (typeof render !== "function") return render;
  return render({ row } as CellContext<ListTableFeatures, Row, unknown>) as ReactNode;
}

const headClass = "h-9 px-3 text-left text-xs font-medium whitespace-nowrap text-muted-foreground";
const cellClass = "h-10 px-3 py-2 align-middle";
const selectClass = "w-10 pr-0";

/** The URL each sortable column's header goes to, from the columns' sorts (`{ name: "name", … }`). */
export function sortHrefsOf<S extends string>(sortOfColumn: Readonly<Record<string, S>>, hrefOf: (sort: S) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(sortOfColumn).map(([column, sort]) => [column, hrefOf(sort)]));
}

/** The id of a list's checkbox column (narrow, first): see `selection`. */
export const SELECT_COLUMN = "select";

/** Put on the link each row opens by: `j`/`k` move between these, Enter follows one. */
export const ROW_LINK = { "data-row-link": "" } as const;

/**
 * A server-sorted list's table: sticky header, sortable headers as links (the URL holds
 * the sort; aria-sort says it), hidden columns, a scrollable region reachable by Tab.
 * With `keyboardHint`: `j`/`k` outside a field focus the next or previous row's link
 * (ux.md), and the focused row is highlighted. With `selection`: rows select (through a
 * SELECT_COLUMN of checkboxes among `columns`) and a selected row is tinted.
 */
export function DataTable<Row extends RowData>({
  caption,
  columns,
  rows,
  getRowId,
  hidden,
  sort,
  sortHrefs,
  minWidth = "48rem",
  keyboardHint,
  selection,
}: {
  caption: string;
  columns: ListColumnDef<Row>[];
  rows: Row[];
  getRowId: (row: Row) => string;
  hidden: readonly string[];
  /** The column that sorts now and its direction. */
  sort: { column: string; dir: "asc" | "desc" };
  /** The URL each sortable column's header goes to. */
  sortHrefs: Partial<Record<string, string>>;
  minWidth?: string;
  /** Says how `j`/`k` move between the rows' links (ROW_LINK); without it they do not. */
  keyboardHint?: string;
  selection?: { state: RowSelectionState; onChange: OnChangeFn<RowSelectionState> };
}) {
  const captionId = useId();
  const hintId = useId();
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const columnVisibility = useMemo<ColumnVisibilityState>(() => Object.fromEntries(hidden.map((column) => [column, false])), [hidden]);

  const table = useTable({
    features: listTableFeatures,
    columns,
    data: rows,
    getRowId,
    manualSorting: true,
    enableRowSelection: Boolean(selection),
    state: { sorting: [{ id: sort.column, desc: sort.dir === "desc" }], columnVisibility, rowSelection: selection?.state ?? {} },
    onRowSelectionChange: selection?.onChange,
  });

  const keyboard = keyboardHint !== undefined;
  useEffect(() => {
    if (!keyboard) return;
    function onKeyDown(event: KeyboardEvent) {
      if ((event.key !== "j" && event.key !== "k") || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable=''], [contenteditable='true'], dialog, [role='dialog']")) return;
      const links = [...(bodyRef.current?.querySelectorAll<HTMLAnchorElement>("a[data-row-link]") ?? [])];
      if (links.length === 0) return;
      const current = links.findIndex((link) => link.closest("tr")?.contains(document.activeElement));
      const next = current < 0 ? (event.key === "j" ? 0 : links.length - 1) : current + (event.key === "j" ? 1 : -1);
      const link = links[Math.min(Math.max(next, 0), links.length - 1)];
      event.preventDefault();
      link?.focus();
      link?.scrollIntoView({ block: "nearest" });
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [keyboard]);

  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const visibleColumns = table.getVisibleLeafColumns();
  return (
    <div role="region" aria-labelledby={captionId} aria-describedby={keyboard ? hintId : undefined} tabIndex={0} className="overflow-x-auto rounded-lg border">
      <table className="w-full border-separate border-spacing-0 text-sm" style={{ minWidth }}>
        <caption id={captionId} className="sr-only">
          {caption}
        </caption>
        <thead className="sticky top-0 z-10 bg-muted">
          <tr className="[&>th]:border-b">
            {headers.map((header) => {
              const id = header.column.id;
              const href = sortHrefs[id];
              if (!href) {
                return (
                  <th key={header.id} scope="col" className={cn(headClass, id === SELECT_COLUMN && selectClass)}>
                    <table.FlexRender header={header} />
                  </th>
                );
              }
              const sorted = sort.column === id ? sort.dir : null;
              const SortIcon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ChevronsUpDown;
              return (
                <th
                  key={header.id}
                  scope="col"
                  aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                  className={headClass}
                >
                  <Link
                    href={href}
                    scroll={false}
                    className="-mx-1.5 inline-flex items-center gap-1 rounded px-1.5 py-1 hover:bg-accent hover:text-accent-foreground"
                  >
                    <table.FlexRender header={header} />
                    <SortIcon aria-hidden="true" className={cn("size-3.5", !sorted && "opacity-50")} />
                  </Link>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody ref={bodyRef}>
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              data-selected={(selection && row.getIsSelected()) || undefined}
              className={cn(
                "hover:bg-muted/50 [&:not(:last-child)>td]:border-b",
                keyboard && "focus-within:bg-muted/50",
                selection && "data-selected:bg-primary/5",
              )}
            >
              {visibleColumns.map((column) => (
                <td key={column.id} className={cn(cellClass, column.id === SELECT_COLUMN && selectClass)}>
                  {renderCell(column.columnDef.cell, row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {keyboard && (
        <p id={hintId} className="sr-only">
          {keyboardHint}
        </p>
      )}
    </div>
  );
}
