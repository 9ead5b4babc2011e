/**
 * The Official Accounts list's view in the URL (lib/lists/view.ts): the query of
 * lib/accounts/list-query.ts plus the hidden columns.
 */
import { accountSorts, accountStages, accountStatuses, accountTypeFilters, verificationFilters } from "@/lib/accounts/list-options";
import type { AccountListQuery } from "@/lib/accounts/list-query";
import { companyKinds } from "@/lib/clients/kinds";
import { choiceField, queryReader, textField, wholeField } from "@/lib/lists/query-fields";
import { listView, type ListView } from "@/lib/lists/view";

export const accountColumns = ["name", "type", "company", "operator", "ids", "stage", "verification", "status", "created"] as const;
export type AccountColumn = (typeof accountColumns)[number];
/** The name is what each row links by: it always shows. */
export const hideableAccountColumns = accountColumns.filter((column) => column !== "name");

export type AccountsView = ListView<AccountListQuery, AccountColumn>;

/**
 * accountListQuerySchema (lib/accounts/list-query.ts) without zod, as this module runs in
 * the browser too (lib/lists/query-fields.ts); query-fields.test.ts checks they read alike.
 */
export const accountListQuery = queryReader<AccountListQuery>({
  q: textField(100),
  type: choiceField(accountTypeFilters),
  kind: choiceField(companyKinds),
  stage: choiceField(accountStages),
  status: choiceField(accountStatuses),
  verification: choiceField(verificationFilters),
  sort: choiceField(accountSorts, "created"),
  dir: choiceField(["asc", "desc"], "desc"),
  after: textField(400, { trim: false }),
  limit: wholeField(1, 200, 50),
});

export const accountsView = listView<AccountListQuery, AccountColumn>({
  path: "accounts",
  schema: accountListQuery,
  filters: ["q", "type", "kind", "stage", "status", "verification"],
  hideable: hideableAccountColumns,
  defaultHidden: [],
  // Names read A→Z first; the newest first; the soonest expiry first.
  firstDir: (sort) => (sort === "created" ? "desc" : "asc"),
});

/** The columns that sort on the server, and the sort each one asks for. */
export const accountSortOfColumn = { name: "name", verification: "expires", created: "created" } as const;
