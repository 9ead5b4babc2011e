/**
 * The clients list's view in the URL (lib/lists/view.ts): the query of
 * lib/clients/schemas.ts (search, filters, sort, keyset cursor, page size) plus `cols`,
 * the hidden columns. Read by the page, the CSV export and saved views; written by the
 * list's links, forms and column menu.
 */
import { companyListQuerySchema, type CompanyListQuery } from "@/lib/clients/schemas";
import { listView, type ListView } from "@/lib/lists/view";

export const clientColumns = ["name", "kind", "uscc", "assignee", "registrations", "updated", "created"] as const;
export type ClientColumn = (typeof clientColumns)[number];

/** The name is what each row links by: it always shows. */
export const hideableColumns = clientColumns.filter((column) => column !== "name");
/** Hidden unless asked for: the list is about what changed lately. */
export const DEFAULT_HIDDEN: readonly ClientColumn[] = ["created"];

/** The columns that sort on the server, and the sort each one asks for. */
export const sortOfColumn = { name: "name", created: "created", updated: "updated" } as const;

export type ClientsView = ListView<CompanyListQuery, ClientColumn>;

export const clientsView = listView<CompanyListQuery, ClientColumn>({
  path: "clients",
  schema: companyListQuerySchema,
  filters: ["q", "kind", "assignee", "pipeline", "stage", "overdue", "archived"],
  hideable: hideableColumns,
  defaultHidden: DEFAULT_HIDDEN,
  // Names read A→Z first; dates newest first.
  firstDir: (sort) => (sort === "name" ? "asc" : "desc"),
  writeDir: "whenChanged",
});

/** The CSV export of the same filters and order, from the first row. */
export function clientsExportHref(agencySlug: string, view: ClientsView): string {
  const search = clientsView.searchParams({ ...view, after: undefined, hidden: [...DEFAULT_HIDDEN] }).toString();
  return `/${agencySlug}/clients/export${search ? `?${search}` : ""}`;
}
