"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { type ReactNode, useMemo } from "react";
import { DataTable, type ListColumnDef, ROW_LINK, sortHrefsOf } from "@/components/lists/data-table";
import { ListToolbar, useHiddenColumns } from "@/components/lists/list-toolbar";
import type { PeopleListRow } from "@/lib/people/list";
import { hideablePeopleColumns, type PeopleColumn, peopleSortOfColumn, peopleView, type PeopleView } from "./people-list-view";

const SLOTS = 2;
/** Companies named in a row before "+N more". */
const COMPANIES_SHOWN = 2;

/**
 * The people page's table with its toolbar (total, columns). `empty` (from the server)
 * shows instead of the table when the page has no rows. Masked ID numbers only.
 */
export function PeopleTable({
  agencySlug,
  view,
  rows,
  totalLabel,
  timeZone,
  empty,
}: {
  agencySlug: string;
  view: PeopleView;
  rows: PeopleListRow[];
  /** "1,234 people", "10,000+ people". */
  totalLabel: string;
  timeZone: string;
  empty: ReactNode;
}) {
  const t = useTranslations("peopleList");
  const tErase = useTranslations("personErase");
  const format = useFormatter();
  const tColumns = useTranslations("peopleList.columns");
  const [hidden, changeColumns] = useHiddenColumns(view.hidden, (next) => peopleView.href(agencySlug, { ...view, hidden: next }));

  const labels: Record<PeopleColumn, string> = {
    name: t("table.name"),
    idType: t("table.idType"),
    idNumber: t("table.idNumber"),
    companies: t("table.companies"),
    accounts: t("table.accounts"),
    slots: t("table.slots"),
    mobile: t("table.mobile"),
    created: t("table.created"),
  };

  const columns = useMemo<ListColumnDef<PeopleListRow>[]>(
    () => [
      {
        id: "name",
        header: t("table.name"),
        cell: ({ row: { original: person } }) => (
          <Link
            href={`/${agencySlug}/people/${person.id}`}
            prefetch={false}
            {...ROW_LINK}
            className="block max-w-56 truncate font-medium underline-offset-4 hover:underline"
          >
            {person.erased ? tErase("erasedName") : person.name}
          </Link>
        ),
      },
      {
        id: "idNumber",
        header: t("table.idNumber"),
        cell: ({ row: { original: person } }) =>
          person.idMask && !person.erased ? (
            <span className="font-mono text-xs whitespace-nowrap">{person.idMask}</span>
          ) : (
            <span className="text-muted-foreground">{t("table.erased")}</span>
          ),
      },
      {
        id: "idType",
        header: t("table.idType"),
        cell: ({ row }) => <span className="whitespace-nowrap">{t(`idTypes.${row.original.idType}`)}</span>,
      },
      {
        id: "companies",
        header: t("table.companies"),
        cell: ({ row: { original: person } }) => {
          if (person.companies.length === 0) return <span className="text-muted-foreground">{t("table.none")}</span>;
          const shown = person.companies.slice(0, COMPANIES_SHOWN);
          const more = person.companies.length - shown.length;
          return (
            <span className="block max-w-72 truncate" title={person.companies.map((company) => company.name).join("\n")}>
              {format.list(shown.map((company) => company.name), { type: "conjunction", style: "narrow" })}
              {more > 0 && <span className="text-muted-foreground"> {t("table.more", { count: more })}</span>}
            </span>
          );
        },
      },
      {
        id: "accounts",
        header: t("table.accounts"),
        cell: ({ row }) => <span className="tabular-nums">{format.number(row.original.accounts)}</span>,
      },
      {
        id: "slots",
        header: t("table.slots"),
        cell: ({ row: { original: person } }) =>
          person.slotsUsed === null ? (
            <span className="whitespace-nowrap text-muted-foreground">{t("table.noCap")}</span>
          ) : (
            <span className="whitespace-nowrap tabular-nums" data-full={person.slotsUsed >= SLOTS || undefined}>
              {t("table.slotsUsed", { used: person.slotsUsed, total: SLOTS })}
            </span>
          ),
      },
      {
        id: "mobile",
        header: t("table.mobile"),
        cell: ({ row }) =>
          row.original.mobile ? (
            <span className="font-mono text-xs whitespace-nowrap">{row.original.mobile}</span>
          ) : (
            <span className="text-muted-foreground">—</span>
          ),
      },
      {
        id: "created",
        header: t("table.created"),
        cell: ({ row }) => {
          const at = new Date(row.original.createdAt);
          return (
            <time
              dateTime={row.original.createdAt}
              title={format.dateTime(at, { dateStyle: "medium", timeStyle: "short", timeZone })}
              className="whitespace-nowrap tabular-nums"
            >
              {format.dateTime(at, { dateStyle: "medium", timeZone })}
            </time>
          );
        },
      },
    ],
    [t, tErase, format, timeZone, agencySlug],
  );

  const sortHrefs = sortHrefsOf(peopleSortOfColumn, (sort) => peopleView.href(agencySlug, { ...peopleView.sortedBy(view, sort), hidden }));

  return (
    <>
      <ListToolbar
        totalLabel={totalLabel}
        showColumns={rows.length > 0}
        columns={hideablePeopleColumns}
        labels={labels}
        hidden={hidden}
        onColumnsChange={changeColumns}
        t={tColumns}
      />
      {rows.length === 0 ? (
        empty
      ) : (
        <DataTable
          caption={t("table.caption")}
          columns={columns}
          rows={rows}
          getRowId={(person) => person.id}
          hidden={hidden}
          sort={{ column: view.sort, dir: view.dir }}
          sortHrefs={sortHrefs}
          keyboardHint={t("keyboard")}
        />
      )}
    </>
  );
}
