import { describe, expect, it } from "vitest";
import { clientsView } from "@/components/clients/clients-view";
import {
  canonicalViewQuery,
  createSavedViewSchema,
  SAVED_VIEW_MESSAGES,
  savedViewHref,
  updateSavedViewSchema,
} from "./schemas";

const ASSIGNEE = "01900000-0000-7000-8000-00000000000a";

describe("canonicalViewQuery", () => {
  it("keeps the clients list's own keys, as the list reads them, without the cursor", () => {
    expect(
      canonicalViewQuery("clients", `?q=%E5%8C%97%E4%BA%AC&kind=overseas&sort=updated&dir=desc&after=eyJ4IjoxfQ&limit=20&cols=kind,uscc`),
    ).toBe("q=%E5%8C%97%E4%BA%AC&kind=overseas&sort=updated&dir=desc&limit=20&cols=kind%2Cuscc");
  });

  it("drops unknown keys, values the list would not accept, blanks, defaults and `view=all`", () => {
    expect(
      canonicalViewQuery("clients", "view=all&evil=%3Cscript%3E&kind=martian&assignee=not-a-uuid&stage=&archived=active&sort=name&dir=asc&limit=50"),
    ).toBe("");
    expect(canonicalViewQuery("clients", "limit=100000")).toBe("");
    expect(canonicalViewQuery("clients", "")).toBe("");
  });

  it("writes the keys in one order, whatever order they came in, and the first of repeated ones", () => {
    const a = canonicalViewQuery("clients", `dir=desc&assignee=${ASSIGNEE}&kind=cn_org&kind=overseas&q=+acme+`);
    const b = canonicalViewQuery("clients", new URLSearchParams({ q: "acme", kind: "cn_org", assignee: ASSIGNEE, dir: "desc" }));
    const c = canonicalViewQuery("clients", { dir: "desc", q: ["acme", "other"], assignee: ASSIGNEE, kind: "cn_org" });
    expect(a).toBe(`q=acme&kind=cn_org&assignee=${ASSIGNEE}&dir=desc`);
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it("keeps the hidden columns the list knows; the default columns are no columns at all", () => {
    expect(canonicalViewQuery("clients", "cols=created")).toBe("");
    expect(canonicalViewQuery("clients", "cols=")).toBe("cols=");
    expect(canonicalViewQuery("clients", "cols=secret,uscc,name")).toBe("cols=uscc");
  });

  it("is the clients list's own URL of the same view, minus the cursor (so the menu can tell which view is on screen)", () => {
    const urls = [
      "q=abc&kind=overseas",
      `assignee=none&pipeline=oa_cn_org&stage=documents&archived=all`,
      "sort=created&dir=desc&limit=20&cols=",
      "cols=uscc,created&after=abc",
      `kind=cn_individual&assignee=${ASSIGNEE}&sort=updated`,
    ];
    for (const url of urls) {
      const view = clientsView.parse(Object.fromEntries(new URLSearchParams(url)));
      expect({ url, canonical: canonicalViewQuery("clients", url) }).toEqual({
        url,
        canonical: clientsView.searchParams({ ...view, after: undefined }).toString(),
      });
    }
  });

  it("reads the people and accounts lists with their own schemas", () => {
    expect(canonicalViewQuery("people", "slots=free&kind=overseas&sort=created&after=x")).toBe("slots=free&sort=created");
    expect(canonicalViewQuery("accounts", "verification=expiring&slots=free&sort=created&dir=desc")).toBe("verification=expiring");
    expect(canonicalViewQuery("accounts", "cols=stage,type")).toBe("cols=stage%2Ctype");
    expect(canonicalViewQuery("accounts", "cols=%3Cscript%3E")).toBe("");
  });
});

describe("savedViewHref", () => {
  it("opens the list at the saved query, or unfiltered for an empty one", () => {
    expect(savedViewHref("demo", "clients", "kind=overseas")).toBe("/demo/clients?kind=overseas");
    expect(savedViewHref("demo", "people", "")).toBe("/demo/people?view=all");
  });
});

describe("createSavedViewSchema", () => {
  const parse = (input: unknown) => createSavedViewSchema.safeParse(input);
  const fields = (input: unknown) => {
    const result = parse(input);
    return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
  };

  it("trims the name, squeezes its spaces and control characters, and makes the query canonical", () => {
    const result = parse({ list: "clients", name: "  Overseas\u0000 \t newest  ", query: "?kind=overseas&after=abc", isDefault: true });
    expect(result.success && result.data).toEqual({ list: "clients", name: "Overseas newest", query: "kind=overseas", isDefault: true });
  });

  it("says what is wrong with each field, in catalogue keys", () => {
    expect(fields({ list: "clients", name: "   " })).toEqual({ name: SAVED_VIEW_MESSAGES.nameRequired });
    expect(fields({ list: "clients", name: "名".repeat(61) })).toEqual({ name: SAVED_VIEW_MESSAGES.nameTooLong });
    expect(fields({ list: "clients", name: "名".repeat(60) })).toEqual({});
    expect(fields({ list: "registrations", name: "x" })).toEqual({ list: SAVED_VIEW_MESSAGES.list });
    expect(fields({ list: "clients", name: "x", query: "q=".padEnd(2001, "a") })).toEqual({ query: SAVED_VIEW_MESSAGES.queryTooLong });
    expect(fields({ list: "clients" })).toEqual({ name: SAVED_VIEW_MESSAGES.nameRequired });
  });
});

describe("updateSavedViewSchema", () => {
  it("needs something to change", () => {
    const result = updateSavedViewSchema.safeParse({});
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["form"], message: SAVED_VIEW_MESSAGES.nothingToChange });
    expect(updateSavedViewSchema.safeParse({ isDefault: false }).success).toBe(true);
  });
});
