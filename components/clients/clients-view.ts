/**
 * The clients list's view in the URL (ux.md: every view has a URL that restores it):
 * the query of lib/clients/schemas.ts (search, filters, sort, keyset cursor, page size)
 * plus `cols`, the hidden columns. Only what differs from the defaults is written, so a
 * plain /<agency>/clients is the default view. Read by the page, written by its links,
 * forms and the column menu.
 */
import { companyListQuerySchema, type CompanyListQuery } from "@/lib/clients/schemas";

export const clientColumns = ["name", "kind", "uscc", "assignee", "registrations", "updated", "created"] as const;
export type ClientColumn = (typeof clientColumns)[number];

/** The name is what each row links by: it always shows. */
export const hideableColumns = clientColumns.filter((column) => column !== "name");
/** Hidden unless asked for: the list is about what changed lately. */
export const DEFAULT_HIDDEN: readonly ClientColumn[] = ["created"];

/** The columns that sort on the server, and the sort each one asks for. */
export const sortOfColumn = { name: "name", created: "created", updated: "updated" } as const;

export type ClientsView = CompanyListQuery & { hidden: ClientColumn[] };

const DEFAULTS = companyListQuerySchema.parse({});

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function parseClientsView(params: Record<string, string | string[] | undefined>): ClientsView {
  const raw = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, first(value)]));
  // A blank field of the filter form means "any".
  for (const key of Object.keys(raw)) if (raw[key] === "") delete raw[key];
  const query = companyListQuerySchema.parse(raw);
  const cols = first(params.cols);
  const hidden =
    cols === undefined
      ? [...DEFAULT_HIDDEN]
      : hideableColumns.filter((column) => cols.split(",").includes(column));
  return { ...query, hidden };
}

function sameColumns(a: readonly ClientColumn[], b: readonly ClientColumn[]): boolean {
  return a.length === b.length && a.every((column) => b.includes(column));
}

/** The search parameters of `view`: only what differs from the defaults. */
export function clientsSearchParams(view: ClientsView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.q) params.set("q", view.q);
  if (view.kind) params.set("kind", view.kind);
  if (view.assignee) params.set("assignee", view.assignee);
  if (view.pipeline) params.set("pipeline", view.pipeline);
  if (view.stage) params.set("stage", view.stage);
  if (view.archived !== DEFAULTS.archived) params.set("archived", view.archived);
  if (view.sort !== DEFAULTS.sort) params.set("sort", view.sort);
  if (view.dir !== DEFAULTS.dir) params.set("dir", view.dir);
  if (view.limit !== DEFAULTS.limit) params.set("limit", String(view.limit));
  if (!sameColumns(view.hidden, DEFAULT_HIDDEN)) params.set("cols", view.hidden.join(","));
  if (view.after) params.set("after", view.after);
  return params;
}

/** The list's URL for `view` (its cursor included: pass `after: undefined` for the first page). */
export function clientsHref(agencySlug: string, view: ClientsView, path = "clients"): string {
  const search = clientsSearchParams(view).toString();
  // A bare /<agency>/clients opens the member's default saved view (lib/saved-views): the list's
  // own links to its unfiltered view say so, or "Clear filters" would land on that default.
  if (!search && path === "clients") return `/${agencySlug}/clients?view=all`;
  return `/${agencySlug}/${path}${search ? `?${search}` : ""}`;
}

/** The CSV export of the same filters and order, from the first row. */
export function clientsExportHref(agencySlug: string, view: ClientsView): string {
  return clientsHref(agencySlug, { ...view, after: undefined, hidden: [...DEFAULT_HIDDEN] }, "clients/export");
}

/** Whether anything narrows the list (the default shows every active client). */
export function hasClientFilters(view: ClientsView): boolean {
  return Boolean(view.q || view.kind || view.assignee || view.pipeline || view.stage || view.archived !== DEFAULTS.archived);
}

/** The same view with no filters (sort, page size and columns kept), on the first page. */
export function withoutFilters(view: ClientsView): ClientsView {
  return { ...view, q: undefined, kind: undefined, assignee: undefined, pipeline: undefined, stage: undefined, archived: DEFAULTS.archived, after: undefined };
}

/** What a click on a sortable header asks for: the other direction if it sorts now, else its first. */
export function sortedBy(view: ClientsView, sort: CompanyListQuery["sort"]): ClientsView {
  // Names read A→Z first; dates newest first.
  const firstDir = sort === "name" ? "asc" : "desc";
  const dir = view.sort === sort ? (view.dir === "asc" ? "desc" : "asc") : firstDir;
  return { ...view, sort, dir, after: undefined };
}
