import { describe, expect, it } from "vitest";
import { peopleView } from "@/components/people/people-list-view";
import { accountsView } from "@/components/accounts/accounts-list-view";
import { decodeCursor, encodeCursor, pageOf } from "./keyset";

describe("a list's view in the URL", () => {
  it("is the default view with no parameters, and writes nothing for it", () => {
    const view = peopleView.parse({});
    expect(view).toMatchObject({ sort: "name", dir: "asc", limit: 50, hidden: ["created"] });
    // A bare URL opens the member's default saved view: the list's own link to its unfiltered view says so.
    expect(peopleView.href("demo", view)).toBe("/demo/people?view=all");
  });

  it("round-trips filters, sort, page size, columns and cursor", () => {
    const params = { q: "张", idType: "passport", slots: "free", sort: "created", dir: "desc", limit: "20", cols: "mobile,created", after: "abc" };
    const view = peopleView.parse(params);
    expect(Object.fromEntries(peopleView.searchParams(view))).toEqual(params);
    expect(peopleView.parse(Object.fromEntries(peopleView.searchParams(view)))).toEqual(view);
  });

  it("drops what is not a value of the list (blank fields, unknown filters, foreign columns)", () => {
    const view = accountsView.parse({ type: "", kind: "martian", stage: "live", status: "abandoned", cols: "name,bogus,type", sort: "x" });
    expect([view.type, view.kind, view.stage]).toEqual([undefined, undefined, undefined]);
    expect(view).toMatchObject({ status: "abandoned", sort: "created", hidden: ["type"] });
  });

  it("clears the filters but keeps sort, size and columns; sorting starts at the first page", () => {
    const view = accountsView.parse({ q: "gh_", status: "rejected", sort: "name", limit: "10", cols: "ids", after: "x" });
    expect(accountsView.hasFilters(view)).toBe(true);
    const cleared = accountsView.withoutFilters(view);
    expect(accountsView.hasFilters(cleared)).toBe(false);
    expect(accountsView.href("demo", cleared)).toBe("/demo/accounts?sort=name&dir=desc&limit=10&cols=ids");
    expect(accountsView.sortedBy(view, "name")).toMatchObject({ sort: "name", dir: "asc", after: undefined });
    expect(accountsView.sortedBy(view, "created")).toMatchObject({ sort: "created", dir: "desc" });
    expect(accountsView.sortedBy(view, "expires")).toMatchObject({ sort: "expires", dir: "asc" });
  });

  it("applies a form's fields over the view from the first page", () => {
    const view = peopleView.parse({ sort: "created", q: "old", after: "x" });
    const next = peopleView.withFilters(view, { q: "new", idType: "", company: "not-a-uuid" });
    expect(next).toMatchObject({ q: "new", sort: "created" });
    expect([next.idType, next.company, next.after]).toEqual([undefined, undefined, undefined]);
  });
});

describe("keyset cursors", () => {
  const id = "0195f3a4-1c2b-7d3e-8f40-123456789abc";
  it("decode only for their own sort, with a real id and (for dates) a real date", () => {
    expect(decodeCursor("name", encodeCursor("name", "张", id), "text")).toEqual({ value: "张", id });
    expect(decodeCursor("created", encodeCursor("name", "张", id), "timestamp")).toBeNull();
    expect(decodeCursor("created", encodeCursor("created", "yesterday", id), "timestamp")).toBeNull();
    expect(decodeCursor("name", encodeCursor("name", "x", "1 or 1=1"), "text")).toBeNull();
    expect(decodeCursor("name", "%%%", "text")).toBeNull();
  });

  it("page a fetch of limit + 1 rows, capping the count", () => {
    const rows = [1, 2, 3].map((n) => ({ id, sort_key: String(n) }));
    expect(pageOf(rows, 2, "name", 3)).toMatchObject({ rows: rows.slice(0, 2), total: 3, totalCapped: false });
    expect(pageOf(rows, 2, "name", 3).next).toBe(encodeCursor("name", "2", id));
    expect(pageOf(rows, 3, "name", 10_001)).toMatchObject({ next: null, total: 10_000, totalCapped: true });
  });
});
