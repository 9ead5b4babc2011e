"use client";

import {
  type ColumnDef,
  columnFilteringFeature,
  createFilteredRowModel,
  createSortedRowModel,
  type FilterFn,
  globalFilteringFeature,
  rowSortingFeature,
  type SortFn,
  sortFn_basic,
  type SortingState,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ChevronsUpDown, CircleCheck, CircleSlash, Crown, Search } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { type ReactNode, useEffect, useId, useMemo, useState } from "react";
import { Avatar, initials } from "@/components/ui/avatar";
import { buttonClass } from "@/components/ui/button-styles";
import { cn } from "@/components/ui/cn";
import { inputClass } from "./form-controls";
import { membersViewSearch, type MemberSortColumn, type MembersViewState } from "./members-view-state";
import { MemberRowActions, type MemberActionKind } from "./row-actions";
import { assignedWork, type MemberRow, roleRank, type Viewer } from "./types";

// Sorting and the text filter run in the browser: an agency has tens of members, not thousands.
const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { basic: sortFn_basic },
  columnFilteringFeature,
  globalFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
});
type Features = typeof features;

const headClass = "h-9 px-3 text-left text-xs font-medium whitespace-nowrap text-muted-foreground";
const cellClass = "h-10 px-3 py-2 align-middle";

/** The text a filter matches: name, e-mail, company and role, in the reader's language. */
function haystack(member: MemberRow, roleName: string): string {
  return [member.name, member.email, member.clientCompany?.name ?? "", roleName].join("\n").toLocaleLowerCase();
}

export function RoleBadge({ role }: { role: MemberRow["role"] }) {
  const tRoles = useTranslations("roles");
  return (
    <span className="inline-flex items-center gap-1 rounded-full border bg-muted/60 px-2 py-0.5 text-xs font-medium whitespace-nowrap">
      {role === "owner" && <Crown aria-hidden="true" className="size-3 text-primary" />}
      {tRoles(role)}
    </span>
  );
}

function StatusBadge({ status }: { status: MemberRow["status"] }) {
  const t = useTranslations("members.status");
  return status === "active" ? (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
      <CircleCheck aria-hidden="true" className="size-4 text-emerald-600 dark:text-emerald-400" />
      {t("active")}
    </span>
  ) : (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap text-muted-foreground">
      <CircleSlash aria-hidden="true" className="size-4" />
      {t("disabled")}
    </span>
  );
}

/**
 * The agency's members: sortable by every column header (buttons, so the keyboard sorts
 * too; aria-sort says how), filtered by one text box, both kept in the URL.
 */
export function MembersTable({
  members,
  viewer,
  timeZone,
  now,
  initialView,
  onAction,
  toolbar,
}: {
  members: MemberRow[];
  viewer: Viewer;
  timeZone: string;
  /** The server's clock when the page was rendered: relative times read the same on both sides. */
  now: Date;
  initialView: MembersViewState;
  onAction: (kind: MemberActionKind, member: MemberRow) => void;
  /** Beside the filter: the invite button. */
  toolbar?: ReactNode;
}) {
  const t = useTranslations("members");
  const tRoles = useTranslations("roles");
  const format = useFormatter();
  const locale = useLocale();
  const filterId = useId();
  const captionId = useId();
  const [sorting, setSorting] = useState<SortingState>(initialView.sort ? [initialView.sort] : []);
  const [globalFilter, setGlobalFilter] = useState(initialView.query);

  useEffect(() => {
    const sort = sorting[0] ? { id: sorting[0].id as MemberSortColumn, desc: sorting[0].desc } : null;
    const search = membersViewSearch(window.location.search, { query: globalFilter, sort });
    if (search !== window.location.search) {
      window.history.replaceState(null, "", `${window.location.pathname}${search}${window.location.hash}`);
    }
  }, [sorting, globalFilter]);

  const globalFilterFn = useMemo<FilterFn<Features, MemberRow>>(
    () => (row, _columnId, value: unknown) => {
      const needle = String(value ?? "").trim().toLocaleLowerCase();
      return needle === "" || haystack(row.original, tRoles(row.original.role)).includes(needle);
    },
    [tRoles],
  );

  // Names sort as people read them: by the collation of the reader's language (pinyin for Chinese).
  const byName = useMemo<SortFn<Features, MemberRow>>(() => {
    const collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true });
    return (rowA, rowB, columnId) =>
      collator.compare(String(rowA.getValue(columnId) ?? ""), String(rowB.getValue(columnId) ?? ""));
  }, [locale]);

  const columns = useMemo<ColumnDef<Features, MemberRow>[]>(
    () => [
      {
        id: "member",
        accessorFn: (member) => member.name,
        sortFn: byName,
        header: t("table.member"),
        cell: ({ row: { original: member } }) => (
          <div className="flex min-w-0 items-center gap-2.5">
            <Avatar className="bg-muted text-muted-foreground">{initials(member.name)}</Avatar>
            <div className="min-w-0">
              <span className={cn("block truncate font-medium", member.status === "disabled" && "text-muted-foreground")}>
                {member.name}
                {member.membershipId === viewer.membershipId && (
                  <span className="ml-1.5 rounded bg-muted px-1 py-px text-xs font-normal text-muted-foreground">
                    {t("table.you")}
                  </span>
                )}
              </span>
              <span className="block truncate text-xs text-muted-foreground">{member.email}</span>
            </div>
          </div>
        ),
      },
      {
        id: "role",
        accessorFn: (member) => roleRank[member.role],
        sortFn: "basic",
        header: t("table.role"),
        cell: ({ row }) => <RoleBadge role={row.original.role} />,
      },
      {
        id: "status",
        accessorFn: (member) => (member.status === "active" ? 0 : 1),
        sortFn: "basic",
        header: t("table.status"),
        cell: ({ row }) => <StatusBadge status={row.original.status} />,
      },
      {
        id: "company",
        accessorFn: (member) => member.clientCompany?.name,
        sortFn: byName,
        sortUndefined: "last",
        header: t("table.company"),
        cell: ({ row }) =>
          row.original.clientCompany ? (
            <span className="block max-w-56 truncate">{row.original.clientCompany.name}</span>
          ) : (
            <span className="text-muted-foreground">—</span>
          ),
      },
      {
        id: "lastSignIn",
        accessorFn: (member) => member.lastSignInAt?.getTime(),
        sortFn: "basic",
        sortUndefined: "last",
        sortDescFirst: true,
        header: t("table.lastSignIn"),
        cell: ({ row }) => {
          const at = row.original.lastSignInAt;
          if (!at) return <span className="text-muted-foreground">{t("table.never")}</span>;
          return (
            <time dateTime={at.toISOString()} className="block whitespace-nowrap">
              <span className="block">{format.relativeTime(at, now)}</span>
              <span className="block text-xs text-muted-foreground tabular-nums">
                {format.dateTime(at, { dateStyle: "medium", timeStyle: "short", timeZone })}
              </span>
            </time>
          );
        },
      },
      {
        id: "work",
        accessorFn: assignedWork,
        sortFn: "basic",
        sortDescFirst: true,
        header: t("table.work"),
        cell: ({ row: { original: member } }) =>
          assignedWork(member) === 0 ? (
            <span className="text-muted-foreground">{t("table.noWork")}</span>
          ) : (
            <span className="block text-xs whitespace-nowrap tabular-nums">
              <span className="block">{t("table.clients", { count: member.assignedClients })}</span>
              <span className="block">{t("table.registrations", { count: member.assignedRegistrations })}</span>
            </span>
          ),
      },
      {
        id: "actions",
        enableSorting: false,
        header: () => <span className="sr-only">{t("table.actions")}</span>,
        cell: ({ row }) => <MemberRowActions member={row.original} viewer={viewer} onAction={onAction} />,
      },
    ],
    [t, format, now, timeZone, viewer, onAction, byName],
  );

  const table = useTable({
    features,
    columns,
    data: members,
    getRowId: (member) => member.membershipId,
    state: { sorting, globalFilter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setGlobalFilter,
    globalFilterFn,
    getColumnCanGlobalFilter: (column) => column.id === "member",
  });

  const rows = table.getRowModel().rows;
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const filtered = String(globalFilter ?? "").trim() !== "";

  return (
    <>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <div className="relative min-w-0 flex-1 sm:max-w-xs">
          <label htmlFor={filterId} className="sr-only">
            {t("table.filterLabel")}
          </label>
          <Search
            aria-hidden="true"
            className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
          />
          <input
            id={filterId}
            type="search"
            value={globalFilter}
            onChange={(event) => setGlobalFilter(event.target.value)}
            placeholder={t("table.filterPlaceholder")}
            autoComplete="off"
            spellCheck={false}
            className={cn(inputClass, "pl-8")}
          />
        </div>
        <p role="status" className="text-xs text-muted-foreground">
          {filtered
            ? t("table.shown", { shown: rows.length, total: members.length })
            : t("table.count", { count: members.length })}
        </p>
        <div className="ml-auto">{toolbar}</div>
      </div>
      <div
        role="region"
        aria-labelledby={captionId}
        tabIndex={0}
        className="overflow-x-auto rounded-lg border"
      >
        <table className="w-full min-w-[56rem] border-separate border-spacing-0 text-sm">
          <caption id={captionId} className="sr-only">
            {t("table.caption")}
          </caption>
          <thead className="sticky top-0 z-10 bg-muted">
            <tr className="[&>th]:border-b">
              {headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const canSort = header.column.getCanSort();
                const SortIcon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ChevronsUpDown;
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : canSort ? "none" : undefined}
                    className={cn(headClass, header.column.id === "actions" && "w-12")}
                  >
                    {canSort ? (
                      <button
                        type="button"
                        onClick={header.column.getToggleSortingHandler()}
                        className="-mx-1.5 inline-flex items-center gap-1 rounded px-1.5 py-1 hover:bg-accent hover:text-accent-foreground"
                      >
                        <table.FlexRender header={header} />
                        <SortIcon aria-hidden="true" className={cn("size-3.5", !sorted && "opacity-50")} />
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="hover:bg-muted/50 [&:not(:last-child)>td]:border-b">
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={cn(cellClass, cell.column.id === "actions" && "text-right")}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={headers.length} className="px-3 py-10 text-center text-muted-foreground">
                  <p>{t("table.noMatch", { query: String(globalFilter ?? "").trim() })}</p>
                  <button type="button" onClick={() => setGlobalFilter("")} className={cn(buttonClass.secondary, "mt-3")}>
                    {t("table.clearFilter")}
                  </button>
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
