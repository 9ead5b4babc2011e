import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";
import {
  auditHref,
  decodeAuditCursor,
  encodeAuditCursor,
  hasAuditFilters,
  noAuditFilters,
  parseAuditSearchParams,
} from "./filters";
import { auditActions, auditTargetTypes } from "./record";

const userId = "0195f3a4-7b2c-7d3e-8f40-123456789abc";
const cursor = { at: "2026-03-02T02:00:00.123456Z", id: "0195f3a4-7b2c-7d3e-8f40-aaaaaaaaaaaa" };

describe("parseAuditSearchParams", () => {
  it("reads every filter", () => {
    expect(
      parseAuditSearchParams({
        actor: userId,
        action: "member.role_change",
        entity: "membership",
        from: "2026-03-01",
        to: "2026-03-31",
      }),
    ).toEqual({
      filters: { actor: userId, action: "member.role_change", entity: "membership", from: "2026-03-01", to: "2026-03-31" },
      page: null,
      issues: [],
    });
  });

  it("treats empty values (an untouched select or date input) as no filter, without complaint", () => {
    expect(parseAuditSearchParams({ actor: "", action: "", entity: " ", from: "", to: "" })).toEqual({
      filters: noAuditFilters,
      page: null,
      issues: [],
    });
  });

  it("takes the system actor, in any case", () => {
    expect(parseAuditSearchParams({ actor: "SYSTEM" }).filters.actor).toBe("system");
  });

  it("takes the first of repeated values", () => {
    expect(parseAuditSearchParams({ action: ["note.create", "agency.delete"] }).filters.action).toBe("note.create");
  });

  it.each([
    ["actor", "not-a-uuid"],
    ["actor", "' or 1=1 --"],
    ["action", "member.delete_everything"],
    ["action", "MEMBER.ADD"],
    ["entity", "password"],
    ["from", "2026-02-30"],
    ["from", "02/03/2026"],
    ["to", "1999-12-31"],
    ["to", "2026-3-1"],
  ])("leaves out %s=%s and says so", (key, value) => {
    // One valid filter beside it is kept.
    const kept = key === "entity" ? { action: "note.create" as const } : { entity: "note" as const };
    const view = parseAuditSearchParams({ [key]: value, ...kept });
    expect(view.filters).toEqual({ ...noAuditFilters, ...kept });
    expect(view.issues).toEqual(["invalid"]);
  });

  it("leaves out a date range that ends before it starts", () => {
    const view = parseAuditSearchParams({ from: "2026-03-10", to: "2026-03-01", action: "note.create" });
    expect(view.filters).toEqual({ ...noAuditFilters, action: "note.create" });
    expect(view.issues).toEqual(["dateOrder"]);
  });

  it("keeps a one-day range", () => {
    expect(parseAuditSearchParams({ from: "2026-03-10", to: "2026-03-10" }).filters).toMatchObject({
      from: "2026-03-10",
      to: "2026-03-10",
    });
  });

  it("reads a page cursor in either direction, older first", () => {
    const token = encodeAuditCursor(cursor);
    expect(parseAuditSearchParams({ older: token }).page).toEqual({ direction: "older", cursor: token });
    expect(parseAuditSearchParams({ newer: token }).page).toEqual({ direction: "newer", cursor: token });
    expect(parseAuditSearchParams({ older: token, newer: token }).page?.direction).toBe("older");
  });

  it("drops a tampered cursor and starts at the newest page", () => {
    const token = encodeAuditCursor(cursor);
    for (const bad of [token.slice(0, -2), `${token}x`, "%%%", "e30", Buffer.from("[1,2]").toString("base64url")]) {
      expect(parseAuditSearchParams({ older: bad })).toEqual({ filters: noAuditFilters, page: null, issues: ["cursor"] });
    }
  });
});

describe("audit cursors", () => {
  it("round-trip a position, microseconds included", () => {
    const token = encodeAuditCursor(cursor);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeAuditCursor(token)).toEqual(cursor);
  });

  it("refuse anything encode did not write", () => {
    const reencode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    expect(decodeAuditCursor(reencode([cursor.at]))).toBeNull();
    expect(decodeAuditCursor(reencode([cursor.at, "not-a-uuid"]))).toBeNull();
    expect(decodeAuditCursor(reencode(["2026-03-02T02:00:00Z", cursor.id]))).toBeNull();
    expect(decodeAuditCursor(reencode(["2026-13-45T02:00:00.000000Z", cursor.id]))).toBeNull();
    expect(decodeAuditCursor(reencode({ at: cursor.at, id: cursor.id }))).toBeNull();
    expect(decodeAuditCursor(`${encodeAuditCursor(cursor)}=`)).toBeNull();
    expect(decodeAuditCursor("a".repeat(500))).toBeNull();
    expect(decodeAuditCursor("")).toBeNull();
  });
});

describe("audit links", () => {
  it("carry only the filters that are set, and the page", () => {
    expect(auditHref("demo", noAuditFilters)).toBe("/demo/audit");
    const filters = { ...noAuditFilters, action: "member.add" as const, from: "2026-03-01" };
    expect(auditHref("demo", filters)).toBe("/demo/audit?action=member.add&from=2026-03-01");
    const token = encodeAuditCursor(cursor);
    expect(auditHref("demo", filters, { direction: "older", cursor: token })).toBe(
      `/demo/audit?action=member.add&from=2026-03-01&older=${token}`,
    );
    // What a link writes, parsing reads back.
    const url = new URL(auditHref("demo", filters, { direction: "newer", cursor: token }), "http://x");
    expect(parseAuditSearchParams(Object.fromEntries(url.searchParams))).toEqual({
      filters,
      page: { direction: "newer", cursor: token },
      issues: [],
    });
  });

  it("know when a view is filtered", () => {
    expect(hasAuditFilters(noAuditFilters)).toBe(false);
    expect(hasAuditFilters({ ...noAuditFilters, to: "2026-03-01" })).toBe(true);
  });
});

describe("audit words", () => {
  it("name every action and every record type in both languages", () => {
    for (const catalogue of [en, zh]) {
      const actions = catalogue.audit.actions as Record<string, Record<string, string>>;
      const missingActions = auditActions.filter((action) => {
        const [area, verb] = action.split(".") as [string, string];
        return typeof actions[area]?.[verb] !== "string";
      });
      expect(missingActions).toEqual([]);
      expect(Object.keys(catalogue.audit.targets).sort()).toEqual([...auditTargetTypes].sort());
    }
  });
});
