/**
 * The Official Accounts list's view in the URL (lib/lists/view.ts): the query of
 * lib/accounts/list-query.ts plus the hidden columns.
 */
import { accountListQuerySchema, type AccountListQuery } from "@/lib/accounts/list-query";
import { listView, type ListView } from "@/lib/lists/view";

export const accountColumns = ["name", "type", "company", "operator", "ids", "stage", "verification", "status", "created"] as const;
export type AccountColumn = (typeof accountColumns)[number];
/** The name is what each row links by: it always shows. */
export const hideableAccountColumns = accountColumns.filter((column) => column !== "name");

export type AccountsView = ListView<AccountListQuery, AccountColumn>;

export const accountsView = listView<AccountListQuery, AccountColumn>({
  path: "accounts",
  schema: accountListQuerySchema,
  filters: ["q", "type", "kind", "stage", "status", "verification"],
  hideable: hideableAccountColumns,
  defaultHidden: [],
  // Names read A→Z first; the newest first; the soonest expiry first.
  firstDir: (sort) => (sort === "created" ? "desc" : "asc"),
});

/** The columns that sort on the server, and the sort each one asks for. */
export const accountSortOfColumn = { name: "name", verification: "expires", created: "created" } as const;
