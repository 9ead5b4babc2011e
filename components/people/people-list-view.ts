/**
 * The people list's view in the URL (lib/lists/view.ts): the query of
 * lib/people/list-query.ts plus the hidden columns. Never the ID number: the exact
 * search by number is a POST of its own (id-search-form.tsx).
 */
import { listView, type ListView } from "@/lib/lists/view";
import { peopleListQuerySchema, type PeopleListQuery } from "@/lib/people/list-query";

export const peopleColumns = ["name", "idNumber", "idType", "companies", "accounts", "slots", "mobile", "created"] as const;
export type PeopleColumn = (typeof peopleColumns)[number];
/** The name is what each row links by: it always shows. */
export const hideablePeopleColumns = peopleColumns.filter((column) => column !== "name");

export type PeopleView = ListView<PeopleListQuery, PeopleColumn>;

export const peopleView = listView<PeopleListQuery, PeopleColumn>({
  path: "people",
  schema: peopleListQuerySchema,
  filters: ["q", "company", "idType", "slots"],
  hideable: hideablePeopleColumns,
  defaultHidden: ["created"],
  // Names read A→Z first; dates newest first.
  firstDir: (sort) => (sort === "name" ? "asc" : "desc"),
});

/** The columns that sort on the server, and the sort each one asks for. */
export const peopleSortOfColumn = { name: "name", created: "created" } as const;
