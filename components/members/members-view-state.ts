/**
 * The members table's view in the URL (ux.md: every view has a URL that restores it):
 * `?q=` the filter text, `?sort=column` or `?sort=column.desc`. Read by the page, written
 * back by the table as people sort and type.
 */
export const memberSortColumns = ["member", "role", "status", "company", "lastSignIn", "work"] as const;
export type MemberSortColumn = (typeof memberSortColumns)[number];
export type MemberSort = { id: MemberSortColumn; desc: boolean } | null;
export type MembersViewState = { query: string; sort: MemberSort };

const MAX_QUERY = 100;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function parseMembersView(params: Record<string, string | string[] | undefined>): MembersViewState {
  const query = (first(params.q) ?? "").slice(0, MAX_QUERY);
  const [id, direction] = (first(params.sort) ?? "").split(".");
  const column = memberSortColumns.find((candidate) => candidate === id);
  const sort = column && (direction === undefined || direction === "desc") ? { id: column, desc: direction === "desc" } : null;
  return { query, sort };
}

/** The search string for `view`, keeping the URL's other parameters. */
export function membersViewSearch(current: string, view: MembersViewState): string {
  const params = new URLSearchParams(current);
  if (view.query.trim()) params.set("q", view.query.slice(0, MAX_QUERY));
  else params.delete("q");
  if (view.sort) params.set("sort", view.sort.desc ? `${view.sort.id}.desc` : view.sort.id);
  else params.delete("sort");
  const search = params.toString();
  return search ? `?${search}` : "";
}
