"use client";

import {
  type ColumnDef,
  columnVisibilityFeature,
  type RowSelectionState,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnVisibilityState,
} from "@tanstack/react-table";
import { Archive, ArchiveRestore, ArrowDown, ArrowUp, ChevronsUpDown, Download, Plus, Upload, UserRoundPen, X } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { type ReactNode, useCallback, useId, useMemo, useState } from "react";
import { Toast, type ToastMessage } from "@/components/members/toast";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import type { AssigneeOption, CompanyListRow } from "@/lib/clients/list";
import { AssignClientsDialog, ConfirmArchiveDialog } from "./bulk-dialogs";
import { Checkbox } from "./checkbox";
import { ColumnsMenu } from "./columns-menu";
import {
  type ClientColumn,
  clientsExportHref,
  clientsHref,
  type ClientsView,
  sortedBy,
  sortOfColumn,
} from "./clients-view";

// Sorting and paging happen on the server (lib/clients/list.ts): the table only renders
// the page it is given, knows which column sorts, and keeps the selection and the columns.
const features = tableFeatures({ rowSortingFeature, rowSelectionFeature, columnVisibilityFeature });
type Features = typeof features;

const headClass = "h-9 px-3 text-left text-xs font-medium whitespace-nowrap text-muted-foreground";
const cellClass = "h-10 px-3 py-2 align-middle";

type OpenDialog = { kind: "archive" | "restore" | "assign"; ids: string[] } | null;

function isSortable(column: string): column is keyof typeof sortOfColumn {
  return column in sortOfColumn;
}

/**
 * The clients page's working part: the toolbar (total, columns, export, new client),
 * the selection's bulk bar, the table and the toast. `empty` (from the server) shows
 * instead of the table when the page has no rows. Managers (no client:update) get no
 * checkboxes and no bulk bar.
 */
export function ClientsList({
  agencySlug,
  view,
  rows,
  totalLabel,
  timeZone,
  assignees,
  canUpdate,
  canExport,
  canCreate,
  empty,
}: {
  agencySlug: string;
  view: ClientsView;
  rows: CompanyListRow[];
  /** "1,234 clients", "10,000+ clients". */
  totalLabel: string;
  timeZone: string;
  assignees: AssigneeOption[];
  canUpdate: boolean;
  canExport: boolean;
  canCreate: boolean;
  empty: ReactNode;
}) {
  const t = useTranslations("clientsList");
  const format = useFormatter();
  const router = useRouter();
  const captionId = useId();
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [hidden, setHidden] = useState<ClientColumn[]>(view.hidden);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);

  const columnVisibility = useMemo<ColumnVisibilityState>(
    () => Object.fromEntries(hidden.map((column) => [column, false])),
    [hidden],
  );

  function changeColumns(next: ClientColumn[]) {
    setHidden(next);
    // The columns are part of the view: the URL (and every link the server renders) follows.
    router.replace(clientsHref(agencySlug, { ...view, hidden: next }), { scroll: false });
  }

  const columns = useMemo<ColumnDef<Features, CompanyListRow>[]>(() => {
    const date = (iso: string) => {
      const at = new Date(iso);
      return (
        <time
          dateTime={iso}
          title={format.dateTime(at, { dateStyle: "medium", timeStyle: "short", timeZone })}
          className="whitespace-nowrap tabular-nums"
        >
          {format.dateTime(at, { dateStyle: "medium", timeZone })}
        </time>
      );
    };
    const list: ColumnDef<Features, CompanyListRow>[] = [
      {
        id: "name",
        enableHiding: false,
        header: t("table.name"),
        cell: ({ row: { original: company } }) => {
          const primary = company.legalNameZh ?? company.nameEn ?? "—";
          const secondary = company.legalNameZh ? company.nameEn : null;
          return (
            <div className="min-w-0">
              <Link
                href={`/${agencySlug}/clients/${company.id}`}
                prefetch={false}
                className="block max-w-64 truncate font-medium underline-offset-4 hover:underline"
              >
                {primary}
              </Link>
              {secondary && <span className="block max-w-64 truncate text-xs text-muted-foreground">{secondary}</span>}
              {company.archivedAt && (
                <span className="mt-0.5 inline-flex items-center gap-1 rounded border bg-muted px-1.5 text-xs text-muted-foreground">
                  <Archive aria-hidden="true" className="size-3" />
                  {t("table.archived")}
                </span>
              )}
            </div>
          );
        },
      },
      {
        id: "kind",
        header: t("table.kind"),
        cell: ({ row }) => <span className="block min-w-20">{t(`kinds.${row.original.kind}`)}</span>,
      },
      {
        id: "uscc",
        header: t("table.uscc"),
        cell: ({ row }) =>
          row.original.uscc ? (
            <span className="font-mono text-xs whitespace-nowrap">{row.original.uscc}</span>
          ) : (
            <span className="text-muted-foreground">—</span>
          ),
      },
      {
        id: "assignee",
        header: t("table.assignee"),
        cell: ({ row }) =>
          row.original.assignee ? (
            <span className="block max-w-40 truncate">{row.original.assignee.name}</span>
          ) : (
            <span className="whitespace-nowrap text-muted-foreground">{t("table.unassigned")}</span>
          ),
      },
      {
        id: "registrations",
        header: t("table.registrations"),
        cell: ({ row }) => <span className="tabular-nums">{format.number(row.original.registrations)}</span>,
      },
      { id: "updated", header: t("table.updated"), cell: ({ row }) => date(row.original.updatedAt) },
      { id: "created", header: t("table.created"), cell: ({ row }) => date(row.original.createdAt) },
    ];
    if (!canUpdate) return list;
    return [
      {
        id: "select",
        enableHiding: false,
        header: ({ table }) => (
          <Checkbox
            aria-label={t("table.selectAll")}
            checked={table.getIsAllPageRowsSelected()}
            indeterminate={table.getIsSomePageRowsSelected()}
            onChange={table.getToggleAllPageRowsSelectedHandler()}
          />
        ),
        cell: ({ row }) => (
          <Checkbox
            aria-label={t("table.selectRow", { name: row.original.legalNameZh ?? row.original.nameEn ?? "" })}
            checked={row.getIsSelected()}
            onChange={row.getToggleSelectedHandler()}
          />
        ),
      },
      ...list,
    ];
  }, [t, format, timeZone, agencySlug, canUpdate]);

  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (company) => company.id,
    manualSorting: true,
    enableRowSelection: canUpdate,
    state: {
      sorting: [{ id: view.sort, desc: view.dir === "desc" }],
      rowSelection,
      columnVisibility,
    },
    onRowSelectionChange: setRowSelection,
  });

  // Only the rows on this page count (a refreshed page may have lost some).
  const selected = rows.filter((company) => rowSelection[company.id]);
  const selectedIds = selected.map((company) => company.id);
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const tableRows = table.getRowModel().rows;

  const close = useCallback(() => setDialog(null), []);
  const dismissToast = useCallback(() => setToast(null), []);
  const done = useCallback((text: string) => {
    setDialog(null);
    setRowSelection({});
    setToast({ id: Date.now(), text, tone: "success" });
  }, []);

  const columnLabels: Record<ClientColumn, string> = {
    name: t("table.name"),
    kind: t("table.kind"),
    uscc: t("table.uscc"),
    assignee: t("table.assignee"),
    registrations: t("table.registrations"),
    updated: t("table.updated"),
    created: t("table.created"),
  };

  return (
    <>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <p role="status" className="mr-auto text-sm text-muted-foreground tabular-nums">
          {totalLabel}
        </p>
        {rows.length > 0 && <ColumnsMenu labels={columnLabels} hidden={hidden} onChange={changeColumns} />}
        {canExport && rows.length > 0 && (
          <a href={clientsExportHref(agencySlug, view)} download className={buttonClass.secondary}>
            <Download aria-hidden="true" className="size-4" />
            {t("exportCsv")}
          </a>
        )}
        {canCreate && (
          <Link href={`/${agencySlug}/clients/import`} prefetch={false} className={buttonClass.secondary}>
            <Upload aria-hidden="true" className="size-4" />
            {t("importCsv")}
          </Link>
        )}
        {canCreate && (
          <Link href={`/${agencySlug}/clients/new`} prefetch={false} className={buttonClass.primary}>
            <Plus aria-hidden="true" className="size-4" />
            {t("newClient")}
          </Link>
        )}
      </div>

      {canUpdate && selected.length > 0 && (
        <section
          aria-label={t("bulk.label")}
          className="mb-3 flex flex-wrap items-center gap-2 rounded-lg border border-primary/30 bg-primary/5 px-3 py-2"
        >
          <p className="mr-auto text-sm font-medium tabular-nums">{t("bulk.selected", { count: selected.length })}</p>
          <button type="button" onClick={() => setDialog({ kind: "assign", ids: selectedIds })} className={buttonClass.secondary}>
            <UserRoundPen aria-hidden="true" className="size-4" />
            {t("bulk.assign")}
          </button>
          {selected.some((company) => !company.archivedAt) && (
            <button
              type="button"
              onClick={() => setDialog({ kind: "archive", ids: selected.filter((c) => !c.archivedAt).map((c) => c.id) })}
              className={buttonClass.secondary}
            >
              <Archive aria-hidden="true" className="size-4" />
              {t("bulk.archive")}
            </button>
          )}
          {selected.some((company) => company.archivedAt) && (
            <button
              type="button"
              onClick={() => setDialog({ kind: "restore", ids: selected.filter((c) => c.archivedAt).map((c) => c.id) })}
              className={buttonClass.secondary}
            >
              <ArchiveRestore aria-hidden="true" className="size-4" />
              {t("bulk.restore")}
            </button>
          )}
          <button type="button" onClick={() => setRowSelection({})} className={buttonClass.ghost}>
            <X aria-hidden="true" className="size-4" />
            {t("bulk.clear")}
          </button>
        </section>
      )}

      {rows.length === 0 ? (
        empty
      ) : (
        <div role="region" aria-labelledby={captionId} tabIndex={0} className="overflow-x-auto rounded-lg border">
          <table className="w-full min-w-[48rem] border-separate border-spacing-0 text-sm">
            <caption id={captionId} className="sr-only">
              {t("table.caption")}
            </caption>
            <thead className="sticky top-0 z-10 bg-muted">
              <tr className="[&>th]:border-b">
                {headers.map((header) => {
                  const id = header.column.id;
                  if (!isSortable(id)) {
                    return (
                      <th key={header.id} scope="col" className={cn(headClass, id === "select" && "w-10 pr-0")}>
                        <table.FlexRender header={header} />
                      </th>
                    );
                  }
                  const sort = sortOfColumn[id];
                  const sorted = view.sort === sort ? view.dir : null;
                  const SortIcon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ChevronsUpDown;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                      className={headClass}
                    >
                      <Link
                        href={clientsHref(agencySlug, { ...sortedBy(view, sort), hidden })}
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
            <tbody>
              {tableRows.map((row) => (
                <tr
                  key={row.id}
                  data-selected={row.getIsSelected() || undefined}
                  className="hover:bg-muted/50 data-selected:bg-primary/5 [&:not(:last-child)>td]:border-b"
                >
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className={cn(cellClass, cell.column.id === "select" && "w-10 pr-0")}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {(dialog?.kind === "archive" || dialog?.kind === "restore") && (
        <ConfirmArchiveDialog agencySlug={agencySlug} kind={dialog.kind} ids={dialog.ids} onClose={close} onDone={done} />
      )}
      {dialog?.kind === "assign" && (
        <AssignClientsDialog agencySlug={agencySlug} ids={dialog.ids} assignees={assignees} onClose={close} onDone={done} />
      )}
      <Toast message={toast} onDismiss={dismissToast} />
    </>
  );
}
