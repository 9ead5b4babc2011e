/**
 * The people list's view in the URL (lib/lists/view.ts): the query of
 * lib/people/list-query.ts plus the hidden columns. Never the ID number: the exact
 * search by number is a POST of its own (id-search-form.tsx).
 */
import { idTypes } from "@/lib/clients/kinds";
import { choiceField, queryReader, textField, uuidField, wholeField } from "@/lib/lists/query-fields";
import { listView, type ListView } from "@/lib/lists/view";
import { peopleSorts, slotFilters } from "@/lib/people/list-options";
import type { PeopleListQuery } from "@/lib/people/list-query";

export const peopleColumns = ["name", "idNumber", "idType", "companies", "accounts", "slots", "mobile", "created"] as const;
export type PeopleColumn = (typeof peopleColumns)[number];
/** The name is what each row links by: it always shows. */
export const hideablePeopleColumns = peopleColumns.filter((column) => column !== "name");

export type PeopleView = ListView<PeopleListQuery, PeopleColumn>;

/**
 * peopleListQuerySchema (lib/people/list-query.ts) without zod, as this module runs in the
 * browser too (lib/lists/query-fields.ts); query-fields.test.ts checks they read alike.
 */
export const peopleListQuery = queryReader<PeopleListQuery>({
  q: textField(100),
  company: uuidField(),
  idType: choiceField(idTypes),
  slots: choiceField(slotFilters),
  sort: choiceField(peopleSorts, "name"),
  dir: choiceField(["asc", "desc"], "asc"),
  after: textField(400, { trim: false }),
  limit: wholeField(1, 200, 50),
});

export const peopleView = listView<PeopleListQuery, PeopleColumn>({
  path: "people",
  schema: peopleListQuery,
  filters: ["q", "company", "idType", "slots"],
  hideable: hideablePeopleColumns,
  defaultHidden: ["created"],
  // Names read A→Z first; dates newest first.
  firstDir: (sort) => (sort === "name" ? "asc" : "desc"),
});

/** The columns that sort on the server, and the sort each one asks for. */
export const peopleSortOfColumn = { name: "name", created: "created" } as const;
