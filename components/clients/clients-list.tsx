"use client";

import type { RowSelectionState } from "@tanstack/react-table";
import { Archive, ArchiveRestore, Download, Plus, Upload, UserRoundPen, X } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { type ReactNode, useCallback, useMemo, useState } from "react";
import { DataTable, type ListColumnDef, SELECT_COLUMN, sortHrefsOf } from "@/components/lists/data-table";
import { ListToolbar, useHiddenColumns } from "@/components/lists/list-toolbar";
import { Toast, type ToastMessage } from "@/components/members/toast";
import { buttonClass } from "@/components/ui/button-styles";
import { companyKinds } from "@/lib/clients/kinds";
import type { AssigneeOption, CompanyListRow } from "@/lib/clients/list";
import { Checkbox } from "./checkbox";
import { type ClientColumn, clientsExportHref, clientsView, type ClientsView, hideableColumns, sortOfColumn } from "./clients-view";

// The bulk actions' dialogs load when one first opens: they are not part of the list's first
// load (design.md §8, docs/decisions/0022-first-load-js.md).
const AssignClientsDialog = dynamic(() => import("./bulk-dialogs").then((m) => m.AssignClientsDialog));
const ConfirmArchiveDialog = dynamic(() => import("./bulk-dialogs").then((m) => m.ConfirmArchiveDialog));

/**
 * The list's date and number formatters for a language and time zone, made once per
 * process: a row formats three values, and use-intl's format.* looks its formatter up on
 * every call (and makes it afresh for each request).
 */
const formatters = new Map<string, { day: Intl.DateTimeFormat; moment: Intl.DateTimeFormat; count: Intl.NumberFormat }>();
function formattersFor(locale: string, timeZone: string) {
  const key = `${locale} ${timeZone}`;
  let found = formatters.get(key);
  if (!found) {
    found = {
      day: new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }),
      moment: new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }),
      count: new Intl.NumberFormat(locale),
    };
    formatters.set(key, found);
  }
  return found;
}

type OpenDialog = { kind: "archive" | "restore" | "assign"; ids: string[] } | null;

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
  const tColumns = useTranslations("clientsList.columns");
  const locale = useLocale();
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [hidden, changeColumns] = useHiddenColumns(view.hidden, (next) => clientsView.href(agencySlug, { ...view, hidden: next }));
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);

  const columns = useMemo<ListColumnDef<CompanyListRow>[]>(() => {
    const { day, moment, count } = formattersFor(locale, timeZone);
    const kinds = Object.fromEntries(companyKinds.map((kind) => [kind, t(`kinds.${kind}`)])) as Record<CompanyListRow["kind"], string>;
    const date = (iso: string) => {
      const at = new Date(iso);
      return (
        <time dateTime={iso} title={moment.format(at)} className="whitespace-nowrap tabular-nums">
          {day.format(at)}
        </time>
      );
    };
    const list: ListColumnDef<CompanyListRow>[] = [
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
        cell: ({ row }) => <span className="block min-w-20">{kinds[row.original.kind]}</span>,
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
        cell: ({ row }) => <span className="tabular-nums">{count.format(row.original.registrations)}</span>,
      },
      { id: "updated", header: t("table.updated"), cell: ({ row }) => date(row.original.updatedAt) },
      { id: "created", header: t("table.created"), cell: ({ row }) => date(row.original.createdAt) },
    ];
    if (!canUpdate) return list;
    return [
      {
        id: SELECT_COLUMN,
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
  }, [t, locale, timeZone, agencySlug, canUpdate]);

  // Only the rows on this page count (a refreshed page may have lost some).
  const selected = rows.filter((company) => rowSelection[company.id]);
  const selectedIds = selected.map((company) => company.id);

  const close = useCallback(() => setDialog(null), []);
  const dismissToast = useCallback(() => setToast(null), []);
  const done = useCallback((text: string) => {
    setDialog(null);
    setRowSelection({});
    setToast({ id: Date.now(), text, tone: "success" });
  }, []);

  const labels: Record<ClientColumn, string> = {
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
      <ListToolbar
        totalLabel={totalLabel}
        showColumns={rows.length > 0}
        columns={hideableColumns}
        labels={labels}
        hidden={hidden}
        onColumnsChange={changeColumns}
        t={tColumns}
      >
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
      </ListToolbar>

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
        <DataTable
          caption={t("table.caption")}
          columns={columns}
          rows={rows}
          getRowId={(company) => company.id}
          hidden={hidden}
          sort={{ column: view.sort, dir: view.dir }}
          sortHrefs={sortHrefsOf(sortOfColumn, (sort) => clientsView.href(agencySlug, { ...clientsView.sortedBy(view, sort), hidden }))}
          selection={canUpdate ? { state: rowSelection, onChange: setRowSelection } : undefined}
        />
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
