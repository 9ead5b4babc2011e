/**
 * Issue 7 §6: the instants "My work" groups on — the end of the agency's today (not UTC's)
 * and three days back — the open stages, and the board links of each group.
 */
import { describe, expect, it } from "vitest";
import { myWorkBoardHref, myWorkBounds } from "./my-work";
import { isOpenStage, openStages } from "./open-stages";

describe("myWorkBounds", () => {
  it("ends today at the agency's midnight", () => {
    // 23:30 UTC on 9 June is already 10 June in Shanghai: today ends at 16:00 UTC on 10 June.
    const late = myWorkBounds(new Date("2026-06-09T23:30:00Z"), "Asia/Shanghai");
    expect(late.endOfToday.toISOString()).toBe("2026-06-10T16:00:00.000Z");
    // The same instant in New York (EDT, UTC-4) is still 9 June, which ends at 04:00 UTC on 10 June.
    expect(myWorkBounds(new Date("2026-06-09T23:30:00Z"), "America/New_York").endOfToday.toISOString()).toBe("2026-06-10T04:00:00.000Z");
    expect(late.recent.toISOString()).toBe("2026-06-06T23:30:00.000Z");
  });
});

describe("open stages", () => {
  it("leave out the final stages and the side states", () => {
    for (const stage of ["registered", "live", "on_hold", "rejected", "abandoned"] as const) expect(isOpenStage(stage)).toBe(false);
    for (const stage of ["intake", "documents", "under_review", "awaiting_response", "members_invited"] as const) expect(isOpenStage(stage)).toBe(true);
    expect(openStages).toHaveLength(17);
  });
});

describe("myWorkBoardHref", () => {
  it("links each group to the board with the matching filter", () => {
    expect(myWorkBoardHref("demo", "overdue", "wecom")).toBe("/demo/registrations?pipeline=wecom&assignee=mine&overdue=1");
    expect(myWorkBoardHref("demo", "today", "oa_cn_org")).toBe("/demo/registrations?assignee=mine&soon=1");
    expect(myWorkBoardHref("demo", "waiting", "oa_overseas")).toBe("/demo/registrations?pipeline=oa_overseas&assignee=mine&waiting=client");
    expect(myWorkBoardHref("demo", "moved", "oa_cn_individual")).toBe("/demo/registrations?pipeline=oa_cn_individual&assignee=mine");
  });
});
