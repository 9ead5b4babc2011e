/**
 * Saved views' words and links (issue 6 §4) that the menu and its dialogs show: without
 * zod, so those client components do not carry the validation library in their first-load
 * JavaScript (docs/decisions/0022-first-load-js.md). ./schemas.ts, which reads and checks
 * views, re-exports all of this.
 */

export const savedViewLists = ["clients", "people", "accounts"] as const;
export type SavedViewList = (typeof savedViewLists)[number];

export const SAVED_VIEW_MESSAGES = {
  nameRequired: "savedViews.errors.nameRequired",
  nameTooLong: "savedViews.errors.nameTooLong",
  nameTaken: "savedViews.errors.nameTaken",
  list: "savedViews.errors.list",
  queryTooLong: "savedViews.errors.queryTooLong",
  nothingToChange: "savedViews.errors.nothingToChange",
} as const;

export const NAME_MAX = 60;
export const QUERY_MAX = 2000;

/** The query parameter that shows a list unfiltered even when the member has a default view. */
export const ALL_VIEW_PARAM = "view";
export const ALL_VIEW_VALUE = "all";

/** The list's URL for a saved query: a view with nothing in it is the unfiltered list (`?view=all`). */
export function savedViewHref(agencySlug: string, list: SavedViewList, query: string): string {
  return `/${agencySlug}/${list}?${query || `${ALL_VIEW_PARAM}=${ALL_VIEW_VALUE}`}`;
}

/** A saved view as the menu and the API show it. */
export type SavedView = {
  id: string;
  list: SavedViewList;
  name: string;
  query: string;
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
};
