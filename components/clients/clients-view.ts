/**
 * The clients list's view in the URL (lib/lists/view.ts): the query of
 * lib/clients/schemas.ts (search, filters, sort, keyset cursor, page size) plus `cols`,
 * the hidden columns. Read by the page, the CSV export and saved views; written by the
 * list's links, forms and column menu.
 */
import { companyKinds } from "@/lib/clients/kinds";
import type { CompanyListQuery } from "@/lib/clients/schemas";
import { choiceField, queryReader, textField, uuidField, wholeField } from "@/lib/lists/query-fields";
import { listView, type ListView } from "@/lib/lists/view";
import { allStages, pipelines } from "@/lib/registration/pipelines";

export const clientColumns = ["name", "kind", "uscc", "assignee", "registrations", "updated", "created"] as const;
export type ClientColumn = (typeof clientColumns)[number];

/** The name is what each row links by: it always shows. */
export const hideableColumns = clientColumns.filter((column) => column !== "name");
/** Hidden unless asked for: the list is about what changed lately. */
export const DEFAULT_HIDDEN: readonly ClientColumn[] = ["created"];

/** The columns that sort on the server, and the sort each one asks for. */
export const sortOfColumn = { name: "name", created: "created", updated: "updated" } as const;

export type ClientsView = ListView<CompanyListQuery, ClientColumn>;

/**
 * companyListQuerySchema (lib/clients/schemas.ts) without zod, as this module runs in the
 * browser too (lib/lists/query-fields.ts); query-fields.test.ts checks they read alike.
 */
export const companyListQuery = queryReader<CompanyListQuery>({
  q: textField(100),
  kind: choiceField(companyKinds),
  assignee: uuidField(["none"]),
  pipeline: choiceField(pipelines),
  stage: choiceField(allStages),
  overdue: (value) => (value === "1" || value === "true" ? "1" : undefined),
  archived: choiceField(["active", "archived", "all"], "active"),
  sort: choiceField(["name", "created", "updated"], "name"),
  dir: choiceField(["asc", "desc"], "asc"),
  after: textField(400, { trim: false }),
  limit: wholeField(1, 200, 50),
});

export const clientsView = listView<CompanyListQuery, ClientColumn>({
  path: "clients",
  schema: companyListQuery,
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
