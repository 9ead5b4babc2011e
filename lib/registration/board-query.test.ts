/**
 * The board's view in the URL and its due-date arithmetic in the agency's time zone
 * (issue 7 §3): what the URL may hold and what it falls back to, links that restore the
 * same view, and "overdue" / "due soon" around local midnight — also where the local date
 * differs from UTC's, and across a daylight-saving change.
 */
import { describe, expect, it } from "vitest";
import {
  addDays,
  boardColumns,
  boardHref,
  calendarDaysBetween,
  dueSoonLimit,
  dueStateOf,
  dueWithinLimit,
  hasBoardFilters,
  isStale,
  parseBoardQuery,
  startOfZonedDay,
  zonedDate,
} from "./board-query";

const CARD = "01900000-0000-7000-8000-000000000001";
const USER = "01900000-0000-7000-8000-000000000002";

describe("the board's URL", () => {
  it("defaults to the first pipeline's board with no filter", () => {
    expect(parseBoardQuery({})).toEqual({ pipeline: "oa_cn_org", view: "board" });
    expect(boardHref("demo", parseBoardQuery({}))).toBe("/demo/registrations");
  });

  it("reads every filter and the open card, and writes them back in one order", () => {
    const query = parseBoardQuery({
      card: CARD,
      pipeline: "oa_overseas",
      assignee: "mine",
      overdue: "1",
      soon: "1",
      waiting: "client",
      type: "service",
      client: USER,
    });
    expect(query).toMatchObject({ pipeline: "oa_overseas", assignee: "mine", overdue: true, soon: true, waiting: "client", type: "service", client: USER, card: CARD });
    expect(hasBoardFilters(query)).toBe(true);
    expect(boardHref("demo", query)).toBe(
      `/demo/registrations?pipeline=oa_overseas&assignee=mine&client=${USER}&overdue=1&soon=1&waiting=client&type=service&card=${CARD}`,
    );
    expect(parseBoardQuery(Object.fromEntries(new URL(`http://x${boardHref("demo", query)}`).searchParams))).toEqual(query);
  });

  it("drops what is not a value: an unknown pipeline, a bad id, a stage of another pipeline, a type for WeCom", () => {
    const query = parseBoardQuery({ pipeline: "nope", assignee: "someone", client: "1", card: "x", overdue: "yes", waiting: "always" });
    expect(query).toEqual({ pipeline: "oa_cn_org", view: "board" });
    expect(parseBoardQuery({ view: "list", stage: "live" }).stage).toBeUndefined();
    expect(parseBoardQuery({ view: "list", pipeline: "wecom", stage: "live" }).stage).toBe("live");
    expect(parseBoardQuery({ pipeline: "wecom", type: "service" }).type).toBeUndefined();
    expect(parseBoardQuery({ assignee: ["none", "mine"] }).assignee).toBe("none");
  });

  it("reads \"due within N days\" as whole days from 1 to 90, and the limit as 24-hour days from now", () => {
    const query = parseBoardQuery({ pipeline: "wecom", within: "7", assignee: USER });
    expect(query).toMatchObject({ pipeline: "wecom", within: 7, assignee: USER });
    expect(hasBoardFilters(query)).toBe(true);
    expect(boardHref("demo", query)).toBe(`/demo/registrations?pipeline=wecom&assignee=${USER}&within=7`);
    expect(parseBoardQuery(Object.fromEntries(new URL(`http://x${boardHref("demo", query)}`).searchParams))).toEqual(query);
    for (const bad of ["0", "91", "1.5", "-7", "7d", "x"]) expect(parseBoardQuery({ within: bad }).within).toBeUndefined();
    expect(dueWithinLimit(new Date("2026-12-02T20:30:00Z"), 7).toISOString()).toBe("2026-12-09T20:30:00.000Z");
  });

  it("keeps the list's stage and page only in the list view", () => {
    expect(boardHref("demo", { pipeline: "wecom", view: "list", stage: "live", after: "abc" })).toBe("/demo/registrations?pipeline=wecom&view=list&stage=live&after=abc");
    expect(boardHref("demo", { pipeline: "wecom", view: "board", stage: "live", after: "abc" })).toBe("/demo/registrations?pipeline=wecom");
  });

  it("has each pipeline's stages as columns, then on hold, rejected and abandoned", () => {
    expect(boardColumns("oa_overseas")).toEqual([
      "intake",
      "documents",
      "application_submitted",
      "awaiting_response",
      "credentials_received",
      "registered",
      "on_hold",
      "rejected",
      "abandoned",
    ]);
    expect(boardColumns("wecom")).toHaveLength(12);
  });
});

describe("due dates in the agency's time zone", () => {
  it("finds the local date and the instant a local day starts", () => {
    // 23:30 UTC on 1 March is already 2 March in Shanghai.
    expect(zonedDate(new Date("2027-03-01T23:30:00Z"), "Asia/Shanghai")).toBe("2027-03-02");
    expect(zonedDate(new Date("2027-03-01T23:30:00Z"), "UTC")).toBe("2027-03-01");
    expect(startOfZonedDay("2027-03-02", "Asia/Shanghai").toISOString()).toBe("2027-03-01T16:00:00.000Z");
    // New York's clocks go forward on 14 March 2027: that day starts at UTC−5, the next at UTC−4.
    expect(startOfZonedDay("2027-03-14", "America/New_York").toISOString()).toBe("2027-03-14T05:00:00.000Z");
    expect(startOfZonedDay("2027-03-15", "America/New_York").toISOString()).toBe("2027-03-15T04:00:00.000Z");
    expect(addDays("2027-12-31", 1)).toBe("2028-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(calendarDaysBetween(new Date("2027-03-01T15:59:59Z"), new Date("2027-03-01T16:00:00Z"), "Asia/Shanghai")).toBe(1);
  });

  it("is overdue once past its instant, due soon today and the next two local days, else neither", () => {
    // 10:00 on Monday 1 March 2027 in Shanghai.
    const now = new Date("2027-03-01T02:00:00Z");
    const zone = "Asia/Shanghai";
    expect(dueSoonLimit(now, zone).toISOString()).toBe("2027-03-03T16:00:00.000Z");
    expect(dueStateOf(null, now, zone)).toBeNull();
    expect(dueStateOf("2027-03-01T01:59:59Z", now, zone)).toBe("overdue");
    expect(dueStateOf("2027-03-01T02:00:00Z", now, zone)).toBe("soon");
    expect(dueStateOf("2027-03-03T15:59:59Z", now, zone)).toBe("soon");
    expect(dueStateOf("2027-03-03T16:00:00Z", now, zone)).toBeNull();
    // The same instant read in UTC: the third day after starts 8 hours later.
    expect(dueStateOf("2027-03-03T16:00:00Z", now, "UTC")).toBe("soon");
    expect(dueStateOf("2027-03-04T00:00:00Z", now, "UTC")).toBeNull();
  });
});

describe("stale cards (issue 7 §4)", () => {
  const now = new Date("2026-06-30T12:00:00Z");
  const entered = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

  it("is stale only past the threshold, in a working stage that is not the final one", () => {
    expect(isStale({ pipeline: "oa_cn_org", stage: "documents", stageEnteredAt: entered(15) }, 14, now)).toBe(true);
    expect(isStale({ pipeline: "oa_cn_org", stage: "documents", stageEnteredAt: entered(14) }, 14, now)).toBe(false);
    expect(isStale({ pipeline: "oa_cn_org", stage: "under_review", stageEnteredAt: entered(3) }, 2, now)).toBe(true);
    // Final stages and side states never are.
    expect(isStale({ pipeline: "oa_cn_org", stage: "registered", stageEnteredAt: entered(400) }, 14, now)).toBe(false);
    expect(isStale({ pipeline: "wecom", stage: "live", stageEnteredAt: entered(400) }, 14, now)).toBe(false);
    expect(isStale({ pipeline: "wecom", stage: "on_hold", stageEnteredAt: entered(400) }, 14, now)).toBe(false);
    expect(isStale({ pipeline: "oa_overseas", stage: "abandoned", stageEnteredAt: entered(400) }, 14, now)).toBe(false);
    expect(isStale({ pipeline: "oa_overseas", stage: "awaiting_response", stageEnteredAt: entered(20) }, 14, now)).toBe(true);
  });

  it("reads stale=1 from the URL and writes it back", () => {
    const query = parseBoardQuery({ stale: "1", pipeline: "wecom" });
    expect(query.stale).toBe(true);
    expect(hasBoardFilters(query)).toBe(true);
    expect(boardHref("acme", query)).toBe("/acme/registrations?pipeline=wecom&stale=1");
    expect(parseBoardQuery({ stale: "yes" }).stale).toBeUndefined();
  });
});
