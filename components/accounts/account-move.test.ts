import { describe, expect, it } from "vitest";
import { pipelineStages } from "@/lib/registration/pipelines";
import { accountMoveOf } from "./account-move";

const now = new Date("2026-12-02T02:00:00Z");
const staff = { canMove: true, actorUserId: "00000000-0000-7000-8000-0000000000aa", now };

describe("the accounts tab's Abandon / Restore", () => {
  it("offers Abandon on every working stage but registered, and on hold or rejected", () => {
    for (const pipeline of ["oa_cn_org", "oa_cn_individual", "oa_overseas"] as const) {
      const stages = pipelineStages[pipeline];
      for (const stage of stages.slice(0, -1)) expect(accountMoveOf({ pipeline, stage }, staff), `${pipeline} ${stage}`).toBe("abandon");
      expect(accountMoveOf({ pipeline, stage: "registered" }, staff)).toBeNull();
      expect(accountMoveOf({ pipeline, stage: "on_hold" }, staff)).toBe("abandon");
      expect(accountMoveOf({ pipeline, stage: "rejected" }, staff)).toBe("abandon");
    }
  });

  it("offers Restore on an abandoned account, and nothing to a role that may not move cards", () => {
    expect(accountMoveOf({ pipeline: "oa_overseas", stage: "abandoned" }, staff)).toBe("restore");
    expect(accountMoveOf({ pipeline: "oa_overseas", stage: "intake" }, { ...staff, canMove: false })).toBeNull();
    expect(accountMoveOf({ pipeline: "oa_overseas", stage: "abandoned" }, { ...staff, canMove: false })).toBeNull();
  });
});
