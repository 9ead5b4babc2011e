"use client";

import { AlarmClock } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { type ReactNode, useMemo } from "react";
import { DataTable, type ListColumnDef, ROW_LINK, sortHrefsOf } from "@/components/lists/data-table";
import { ListToolbar, useHiddenColumns } from "@/components/lists/list-toolbar";
import { cn } from "@/components/ui/cn";
import type { AccountListRow } from "@/lib/accounts/list";
import { type AccountColumn, accountSortOfColumn, accountsView, type AccountsView, hideableAccountColumns } from "./accounts-list-view";

const badgeClass = "inline-flex items-center gap-1 rounded border px-1.5 text-xs whitespace-nowrap";
const statusClass = {
  active: "border-border bg-muted/60",
  abandoned: "border-border bg-background text-muted-foreground",
  rejected: "border-destructive/40 bg-destructive/10 text-destructive",
} as const;

/**
 * The Official Accounts page's table with its toolbar (total, columns). Each account
 * opens on its client's accounts tab. `empty` (from the server) shows instead of the
 * table when the page has no rows.
 */
export function AccountsTable({
  agencySlug,
  view,
  rows,
  totalLabel,
  timeZone,
  empty,
}: {
  agencySlug: string;
  view: AccountsView;
  rows: AccountListRow[];
  totalLabel: string;
  timeZone: string;
  empty: ReactNode;
}) {
  const t = useTranslations("accountsList");
  const tStages = useTranslations("portal.stages");
  const format = useFormatter();
  const tColumns = useTranslations("accountsList.columns");
  const [hidden, changeColumns] = useHiddenColumns(view.hidden, (next) => accountsView.href(agencySlug, { ...view, hidden: next }));

  const labels: Record<AccountColumn, string> = {
    name: t("table.name"),
    type: t("table.type"),
    company: t("table.company"),
    operator: t("table.operator"),
    ids: t("table.ids"),
    stage: t("table.stage"),
    verification: t("table.verification"),
    status: t("table.status"),
    created: t("table.created"),
  };

  const columns = useMemo<ListColumnDef<AccountListRow>[]>(() => {
    const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeZone });
    const muted = (text: string) => <span className="whitespace-nowrap text-muted-foreground">{text}</span>;
    return [
      {
        id: "name",
        header: t("table.name"),
        cell: ({ row: { original: account } }) => (
          <Link
            href={`/${agencySlug}/clients/${account.company.id}?tab=accounts`}
            prefetch={false}
            {...ROW_LINK}
            className="block max-w-56 truncate font-medium underline-offset-4 hover:underline"
          >
            {account.name ?? <span className="font-normal text-muted-foreground italic">{t("table.unnamed")}</span>}
          </Link>
        ),
      },
      {
        id: "type",
        header: t("table.type"),
        cell: ({ row: { original: account } }) =>
          account.accountType ? <span className="whitespace-nowrap">{t(`types.${account.accountType}`)}</span> : muted(t("table.typeNotChosen")),
      },
      {
        id: "company",
        header: t("table.company"),
        cell: ({ row: { original: account } }) => (
          <div className="min-w-0">
            <Link
              href={`/${agencySlug}/clients/${account.company.id}`}
              prefetch={false}
              className="block max-w-60 truncate underline-offset-4 hover:underline"
            >
              {account.company.name}
            </Link>
            <span className="block text-xs text-muted-foreground">{t(`kinds.${account.subjectKind}`)}</span>
          </div>
        ),
      },
      {
        id: "operator",
        header: t("table.operator"),
        cell: ({ row: { original: account } }) =>
          account.operator ? (
            <div className="min-w-0">
              <Link
                href={`/${agencySlug}/people/${account.operator.id}`}
                prefetch={false}
                className="block max-w-40 truncate underline-offset-4 hover:underline"
              >
                {account.operator.name}
              </Link>
              {account.operator.idMask && <span className="block font-mono text-xs text-muted-foreground">{account.operator.idMask}</span>}
            </div>
          ) : (
            muted(t("table.noOperator"))
          ),
      },
      {
        id: "ids",
        header: t("table.ids"),
        cell: ({ row: { original: account } }) =>
          account.wechatId || account.originalId ? (
            <div className="font-mono text-xs whitespace-nowrap">
              <span className="block">{account.wechatId ?? "—"}</span>
              <span className="block text-muted-foreground">{account.originalId ?? "—"}</span>
            </div>
          ) : (
            muted("—")
          ),
      },
      {
        id: "stage",
        header: t("table.stage"),
        cell: ({ row }) => <span className={cn(badgeClass, "border-border bg-muted/60")}>{tStages(row.original.stage)}</span>,
      },
      {
        id: "verification",
        header: t("table.verification"),
        cell: ({ row: { original: account } }) => {
          const expires = account.verificationExpiresAt;
          const soon = account.verificationExpiringSoon;
          return (
            <div className="whitespace-nowrap">
              <span className="block">{t(`verification.${account.verificationStatus}`)}</span>
              {expires && (
                <span className={cn("flex items-center gap-1 text-xs", soon ? "font-medium text-amber-700 dark:text-amber-400" : "text-muted-foreground")}>
                  {soon && <AlarmClock aria-hidden="true" className="size-3" />}
                  <time dateTime={expires}>{t("table.until", { date: date(expires) })}</time>
                </span>
              )}
            </div>
          );
        },
      },
      {
        id: "status",
        header: t("table.status"),
        cell: ({ row }) => <span className={cn(badgeClass, statusClass[row.original.status])}>{t(`statuses.${row.original.status}`)}</span>,
      },
      {
        id: "created",
        header: t("table.created"),
        cell: ({ row }) => (
          <time dateTime={row.original.createdAt} className="whitespace-nowrap tabular-nums">
            {date(row.original.createdAt)}
          </time>
        ),
      },
    ];
  }, [t, tStages, format, timeZone, agencySlug]);

  const sortHrefs = sortHrefsOf(accountSortOfColumn, (sort) => accountsView.href(agencySlug, { ...accountsView.sortedBy(view, sort), hidden }));
  const sortColumn = Object.entries(accountSortOfColumn).find(([, sort]) => sort === view.sort)?.[0] ?? "created";

  return (
    <>
      <ListToolbar
        totalLabel={totalLabel}
        showColumns={rows.length > 0}
        columns={hideableAccountColumns}
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
          getRowId={(account) => account.id}
          hidden={hidden}
          sort={{ column: sortColumn, dir: view.dir }}
          sortHrefs={sortHrefs}
          minWidth="64rem"
          keyboardHint={t("keyboard")}
        />
      )}
    </>
  );
}
