/**
 * A list's view in the URL (ux.md: every view has a URL that restores it), for every
 * staff list (clients, people, Official Accounts): the query (search, filters, sort,
 * direction, keyset cursor, page size) plus `cols`, the hidden columns. Only what differs
 * from the defaults is written, so a plain /<agency>/<list> is the default view. Pure:
 * the page reads it, its links, forms and column menu write it.
 */

export type ListQuery = {
  q?: string;
  sort: string;
  dir: "asc" | "desc";
  after?: string;
  limit: number;
};

export type ListView<Q extends ListQuery, C extends string> = Q & { hidden: C[] };

type RawParams = Record<string, string | string[] | undefined>;

export type ListViewConfig<Q extends ListQuery, C extends string> = {
  /** The list's path under the agency, e.g. "people". */
  path: string;
  schema: { parse(input: unknown): Q };
  /** The filters, in the order the URL writes them (q is one). */
  filters: readonly (keyof Q & string)[];
  /** Columns that may hide, and those hidden unless asked for. */
  hideable: readonly C[];
  defaultHidden: readonly C[];
  /** The direction a sort starts in when its header is first clicked. */
  firstDir: (sort: Q["sort"]) => "asc" | "desc";
  /**
   * When `dir` goes into the URL: with any sort but the default, so each sort's URL reads
   * whole ("withSort", the default); or only when it differs from the default direction
   * ("whenChanged": the clients list's URLs, older than that rule, as links and saved
   * views already hold them).
   */
  writeDir?: "withSort" | "whenChanged";
};

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((column) => b.includes(column));
}

/** The functions that read and write one list's view. */
export function listView<Q extends ListQuery, C extends string>(config: ListViewConfig<Q, C>) {
  const defaults = config.schema.parse({});
  type View = ListView<Q, C>;

  function parse(params: RawParams): View {
    const raw: Record<string, string> = {};
    // A blank field of the filter form means "any".
    for (const [key, value] of Object.entries(params)) {
      const one = first(value);
      if (one !== undefined && one !== "") raw[key] = one;
    }
    const query = config.schema.parse(raw);
    const cols = first(params.cols);
    const hidden = cols === undefined ? [...config.defaultHidden] : config.hideable.filter((column) => cols.split(",").includes(column));
    return { ...query, hidden };
  }

  function searchParams(view: View): URLSearchParams {
    const params = new URLSearchParams();
    for (const key of [...config.filters, "sort", "dir", "limit"] as (keyof Q & string)[]) {
      const value = view[key];
      const differs = value !== defaults[key] || (key === "dir" && config.writeDir !== "whenChanged" && view.sort !== defaults.sort);
      if (value !== undefined && value !== null && value !== "" && differs) params.set(key, String(value));
    }
    if (!sameColumns(view.hidden, config.defaultHidden)) params.set("cols", view.hidden.join(","));
    if (view.after) params.set("after", view.after);
    return params;
  }

  function href(agencySlug: string, view: View): string {
    const search = searchParams(view).toString();
    // A bare list URL opens the member's default saved view (lib/saved-views): the list's own
    // links to its unfiltered view say so (?view=all), or "Clear filters" would land on that default.
    return `/${agencySlug}/${config.path}?${search || "view=all"}`;
  }

  /** Whether a filter differs from the default (a blank one, such as a search of spaces, is none, as in the URL). */
  function hasFilters(view: View): boolean {
    return config.filters.some((key) => view[key] !== undefined && view[key] !== "" && view[key] !== defaults[key]);
  }

  /** The same view with no filters (sort, page size and columns kept), on the first page. */
  function withoutFilters(view: View): View {
    const cleared: View = { ...view, after: undefined };
    for (const key of config.filters) (cleared as Record<string, unknown>)[key] = defaults[key];
    return cleared;
  }

  /** What a click on a sortable header asks for: the other direction if it sorts now, else its first. */
  function sortedBy(view: View, sort: Q["sort"]): View {
    const dir = view.sort === sort ? (view.dir === "asc" ? "desc" : "asc") : config.firstDir(sort);
    return { ...view, sort, dir, after: undefined };
  }

  /** The filters the form sent, over `view` (sort, page size and columns kept), from the first page. */
  function withFilters(view: View, fields: Record<string, string>): View {
    const sent = parse(fields);
    const next: View = { ...view, after: undefined };
    for (const key of config.filters) (next as Record<string, unknown>)[key] = sent[key];
    return next;
  }

  return { parse, searchParams, href, hasFilters, withoutFilters, sortedBy, withFilters, defaults };
}
