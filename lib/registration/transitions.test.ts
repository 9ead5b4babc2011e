/**
 * The stage machines of design.md §5 as hand-made expected cases (issue 7: "a hand-made
 * table of moves that must be allowed and moves that must be refused per pipeline, not
 * loops over the implementation's own table"). Each row is written out: the card's
 * stage (and resume stage for side states), the target, and what must happen — the kind
 * of move, or the refusal's reason.
 */
import { describe, expect, it } from "vitest";
import type { Pipeline, Stage } from "./pipelines";
import {
  allowedTargets,
  checkMove,
  moveContextOf,
  resumeStageAfter,
  restoreTarget,
  UNDO_WINDOW_MS,
  type MoveContext,
  type MoveKind,
  type MoveRefusal,
} from "./transitions";

const now = new Date("2026-06-01T04:00:00Z");
const me = "0190a0b0-0000-7000-8000-000000000001";
const colleague = "0190a0b0-0000-7000-8000-000000000002";

/** Allowed to move, every required document approved, no recent move. */
const ready: MoveContext = { canMove: true, actorUserId: me, now, documents: { required: 3, approved: 3, missing: [] }, lastMove: null };

type Row = [from: Stage | `${Stage}>${Stage}`, to: Stage, expected: MoveKind | MoveRefusal];

/** `on_hold>documents` is a card on hold whose resume stage is documents. */
function cardOf(pipeline: Pipeline, from: Row[0]) {
  const [stage, resume] = from.split(">") as [Stage, Stage | undefined];
  return { pipeline, stage, resumeStage: resume ?? null };
}

function outcome(pipeline: Pipeline, from: Row[0], to: Stage, context: MoveContext = ready): MoveKind | MoveRefusal {
  const check = checkMove(cardOf(pipeline, from), to, context);
  return check.ok ? check.kind : check.reason;
}

function table(pipeline: Pipeline, rows: Row[]) {
  it.each(rows)(`${pipeline}: %s → %s is %s`, (from, to, expected) => {
    expect(outcome(pipeline, from, to)).toBe(expected);
  });
}

describe("oa_cn_org", () => {
  table("oa_cn_org", [
    // forward, one stage at a time
    ["intake", "documents", "forward"],
    ["documents", "account_created", "forward"],
    ["account_created", "email_verified", "forward"],
    ["email_verified", "type_chosen", "forward"],
    ["type_chosen", "subject_submitted", "forward"],
    ["subject_submitted", "profile_submitted", "forward"],
    ["profile_submitted", "under_review", "forward"],
    ["under_review", "registered", "forward"],
    // the skips of steps 2–4 (domain.md §3.1: their order is not forced)
    ["documents", "email_verified", "forward"],
    ["documents", "type_chosen", "forward"],
    ["account_created", "type_chosen", "forward"],
    // every other skip
    ["intake", "account_created", "oneStepAtATime"],
    ["intake", "registered", "oneStepAtATime"],
    ["documents", "subject_submitted", "oneStepAtATime"],
    ["email_verified", "subject_submitted", "oneStepAtATime"],
    ["type_chosen", "profile_submitted", "oneStepAtATime"],
    ["subject_submitted", "under_review", "oneStepAtATime"],
    ["profile_submitted", "registered", "oneStepAtATime"],
    // back one stage where it can be done again
    ["documents", "intake", "back"],
    ["account_created", "documents", "back"],
    ["subject_submitted", "type_chosen", "back"],
    ["under_review", "profile_submitted", "back"],
    // and where it cannot
    ["email_verified", "account_created", "emailConfirmed"],
    ["type_chosen", "email_verified", "typeFixed"],
    ["profile_submitted", "subject_submitted", "stepDone"],
    ["under_review", "subject_submitted", "backTooFar"],
    ["email_verified", "documents", "backTooFar"],
    ["type_chosen", "intake", "backTooFar"],
    // side states from working stages
    ["intake", "on_hold", "hold"],
    ["documents", "abandoned", "abandon"],
    ["under_review", "on_hold", "hold"],
    ["subject_submitted", "rejected", "reject"],
    ["under_review", "rejected", "reject"],
    ["intake", "rejected", "notRejectable"],
    ["documents", "rejected", "notRejectable"],
    ["profile_submitted", "rejected", "notRejectable"],
    // registered is final
    ["registered", "under_review", "finished"],
    ["registered", "on_hold", "finished"],
    ["registered", "abandoned", "finished"],
    ["registered", "rejected", "finished"],
    // on hold goes back to the stage it left
    ["on_hold>documents", "documents", "resume"],
    ["on_hold>under_review", "under_review", "resume"],
    ["on_hold>documents", "account_created", "onHoldResumeOnly"],
    ["on_hold>documents", "intake", "onHoldResumeOnly"],
    ["on_hold>documents", "abandoned", "abandon"],
    ["on_hold>under_review", "rejected", "reject"],
    ["on_hold>documents", "rejected", "onHoldResumeOnly"],
    // rejected goes back to resubmit, or is abandoned
    ["rejected>subject_submitted", "subject_submitted", "resubmit"],
    ["rejected>under_review", "under_review", "resubmit"],
    ["rejected>under_review", "profile_submitted", "rejectedResubmitOnly"],
    ["rejected>under_review", "registered", "rejectedResubmitOnly"],
    ["rejected>under_review", "on_hold", "rejectedResubmitOnly"],
    ["rejected>under_review", "abandoned", "abandon"],
    // abandoned is restored to the stage it left (with no move recorded: its resume stage)
    ["abandoned>documents", "documents", "restore"],
    ["abandoned>documents", "intake", "abandonedRestoreOnly"],
    ["abandoned>documents", "on_hold", "abandonedRestoreOnly"],
    ["abandoned>documents", "rejected", "abandonedRestoreOnly"],
    // the same stage, or a stage of another pipeline
    ["documents", "documents", "sameStage"],
    ["on_hold>documents", "on_hold", "sameStage"],
    ["documents", "application_submitted", "notInPipeline"],
    ["documents", "live", "notInPipeline"],
  ]);
});

describe("oa_cn_individual", () => {
  table("oa_cn_individual", [
    ["intake", "documents", "forward"],
    ["documents", "account_created", "forward"],
    ["documents", "type_chosen", "forward"],
    ["account_created", "type_chosen", "forward"],
    ["type_chosen", "subject_submitted", "forward"],
    ["subject_submitted", "profile_submitted", "forward"],
    ["profile_submitted", "under_review", "forward"],
    ["under_review", "registered", "forward"],
    ["type_chosen", "under_review", "oneStepAtATime"],
    ["account_created", "documents", "back"],
    ["subject_submitted", "type_chosen", "back"],
    ["under_review", "profile_submitted", "back"],
    ["type_chosen", "email_verified", "typeFixed"],
    ["email_verified", "account_created", "emailConfirmed"],
    ["profile_submitted", "subject_submitted", "stepDone"],
    ["subject_submitted", "rejected", "reject"],
    ["type_chosen", "rejected", "notRejectable"],
    ["registered", "profile_submitted", "finished"],
    ["rejected>subject_submitted", "subject_submitted", "resubmit"],
    ["on_hold>type_chosen", "type_chosen", "resume"],
    ["documents", "verification_submitted", "notInPipeline"],
  ]);
});

describe("oa_overseas", () => {
  table("oa_overseas", [
    ["intake", "documents", "forward"],
    ["documents", "application_submitted", "forward"],
    ["application_submitted", "awaiting_response", "forward"],
    ["awaiting_response", "credentials_received", "forward"],
    ["credentials_received", "registered", "forward"],
    ["documents", "awaiting_response", "oneStepAtATime"],
    ["application_submitted", "credentials_received", "oneStepAtATime"],
    ["awaiting_response", "registered", "oneStepAtATime"],
    ["documents", "intake", "back"],
    ["awaiting_response", "application_submitted", "back"],
    ["application_submitted", "documents", "alreadyWithWechat"],
    ["credentials_received", "awaiting_response", "wechatAnswered"],
    ["credentials_received", "application_submitted", "backTooFar"],
    ["awaiting_response", "rejected", "reject"],
    ["application_submitted", "rejected", "notRejectable"],
    ["credentials_received", "rejected", "notRejectable"],
    ["awaiting_response", "on_hold", "hold"],
    ["credentials_received", "abandoned", "abandon"],
    ["registered", "credentials_received", "finished"],
    ["rejected>awaiting_response", "awaiting_response", "resubmit"],
    ["rejected>awaiting_response", "application_submitted", "rejectedResubmitOnly"],
    ["on_hold>awaiting_response", "rejected", "reject"],
    ["on_hold>documents", "documents", "resume"],
    ["abandoned>intake", "intake", "restore"],
    ["documents", "account_created", "notInPipeline"],
    ["documents", "subject_submitted", "notInPipeline"],
  ]);
});

describe("wecom", () => {
  table("wecom", [
    ["intake", "admin_appointed", "forward"],
    ["admin_appointed", "documents", "forward"],
    ["documents", "corp_created", "forward"],
    ["corp_created", "verification_submitted", "forward"],
    ["verification_submitted", "verified", "forward"],
    ["verified", "backend_configured", "forward"],
    ["backend_configured", "members_invited", "forward"],
    ["members_invited", "live", "forward"],
    // an unverified corp works up to 200 members: verification may be skipped
    ["corp_created", "backend_configured", "forward"],
    ["corp_created", "verified", "oneStepAtATime"],
    ["intake", "documents", "oneStepAtATime"],
    ["documents", "verification_submitted", "oneStepAtATime"],
    ["backend_configured", "live", "oneStepAtATime"],
    ["admin_appointed", "intake", "back"],
    ["documents", "admin_appointed", "back"],
    ["members_invited", "backend_configured", "back"],
    ["corp_created", "documents", "corpCreated"],
    ["verification_submitted", "corp_created", "alreadyWithWechat"],
    ["verified", "verification_submitted", "wechatAnswered"],
    ["backend_configured", "verified", "stepDone"],
    ["members_invited", "verified", "backTooFar"],
    ["verification_submitted", "rejected", "reject"],
    ["corp_created", "rejected", "notRejectable"],
    ["verified", "rejected", "notRejectable"],
    ["members_invited", "on_hold", "hold"],
    ["live", "members_invited", "finished"],
    ["live", "abandoned", "finished"],
    ["rejected>verification_submitted", "verification_submitted", "resubmit"],
    ["rejected>verification_submitted", "corp_created", "rejectedResubmitOnly"],
    ["on_hold>verification_submitted", "rejected", "reject"],
    ["on_hold>corp_created", "rejected", "onHoldResumeOnly"],
    ["abandoned>admin_appointed", "admin_appointed", "restore"],
    ["documents", "account_created", "notInPipeline"],
    ["documents", "registered", "notInPipeline"],
  ]);
});

describe("the guard: required documents approved before the guard stage", () => {
  const missingOne: MoveContext = {
    ...ready,
    documents: { required: 3, approved: 2, missing: ["authorisation_letter"] },
  };
  const cases: [Pipeline, Row[0], Stage][] = [
    ["oa_cn_org", "type_chosen", "subject_submitted"],
    ["oa_cn_individual", "type_chosen", "subject_submitted"],
    ["oa_overseas", "documents", "application_submitted"],
    ["wecom", "corp_created", "verification_submitted"],
  ];

  it.each(cases)("%s: %s → %s is refused naming the missing kinds, then allowed once approved", (pipeline, from, to) => {
    const refused = checkMove(cardOf(pipeline, from), to, missingOne);
    expect(refused).toEqual({
      ok: false,
      reason: "documentsNotApproved",
      messageKey: "registrationMoves.refusals.documentsNotApproved",
      missingDocuments: ["authorisation_letter"],
    });
    expect(checkMove(cardOf(pipeline, from), to, ready)).toEqual({ ok: true, kind: "forward" });
  });

  it("applies when going back into the guard stage to send again, and when resubmitting after a rejection", () => {
    expect(outcome("oa_overseas", "awaiting_response", "application_submitted", missingOne)).toBe("documentsNotApproved");
    expect(outcome("oa_cn_org", "rejected>subject_submitted", "subject_submitted", missingOne)).toBe("documentsNotApproved");
    expect(outcome("wecom", "rejected>verification_submitted", "verification_submitted", missingOne)).toBe("documentsNotApproved");
  });

  it("does not apply to resuming from hold or restoring: nothing new goes to WeChat", () => {
    expect(outcome("oa_cn_org", "on_hold>subject_submitted", "subject_submitted", missingOne)).toBe("resume");
    expect(outcome("wecom", "abandoned>verification_submitted", "verification_submitted", missingOne)).toBe("restore");
  });

  it("does not apply to other stages", () => {
    expect(outcome("oa_cn_org", "subject_submitted", "profile_submitted", missingOne)).toBe("forward");
    expect(outcome("oa_cn_org", "documents", "account_created", missingOne)).toBe("forward");
    expect(outcome("wecom", "corp_created", "backend_configured", missingOne)).toBe("forward");
  });

  it("fails closed when the documents are not known, and counts approved against required too", () => {
    expect(outcome("oa_cn_org", "type_chosen", "subject_submitted", { ...ready, documents: null })).toBe("documentsNotApproved");
    expect(outcome("oa_cn_org", "type_chosen", "subject_submitted", { ...ready, documents: { required: 3, approved: 1, missing: [] } })).toBe(
      "documentsNotApproved",
    );
  });
});

describe("permission, undo and restore", () => {
  it("refuses every move to someone who may not move cards, but still says sameStage and notInPipeline", () => {
    const cannot = { ...ready, canMove: false };
    expect(outcome("oa_cn_org", "intake", "documents", cannot)).toBe("forbidden");
    expect(outcome("oa_cn_org", "on_hold>documents", "documents", cannot)).toBe("forbidden");
    expect(outcome("oa_cn_org", "intake", "intake", cannot)).toBe("sameStage");
  });

  it("lets a user undo their own last move within the window, even back past a fact at WeChat", () => {
    const justMoved = (actorUserId: string, minutesAgo: number): MoveContext => ({
      ...ready,
      lastMove: { from: "account_created", to: "email_verified", actorUserId, at: new Date(now.getTime() - minutesAgo * 60_000) },
    });
    expect(outcome("oa_cn_org", "email_verified", "account_created", justMoved(me, 1))).toBe("undo");
    expect(outcome("oa_cn_org", "email_verified", "account_created", justMoved(me, 10))).toBe("undo");
    expect(outcome("oa_cn_org", "email_verified", "account_created", justMoved(me, 11))).toBe("emailConfirmed");
    expect(outcome("oa_cn_org", "email_verified", "account_created", justMoved(colleague, 1))).toBe("emailConfirmed");
    // Only back to where the last move came from.
    expect(outcome("oa_cn_org", "email_verified", "documents", justMoved(me, 1))).toBe("backTooFar");
  });

  it("undoes a skip, but never out of or into a side state, nor out of the last stage", () => {
    const last = (from: Stage, to: Stage): MoveContext => ({ ...ready, lastMove: { from, to, actorUserId: me, at: now.toISOString() } });
    expect(outcome("oa_cn_org", "registered", "under_review", last("under_review", "registered"))).toBe("finished");
    expect(outcome("wecom", "live", "members_invited", last("members_invited", "live"))).toBe("finished");
    expect(outcome("oa_cn_org", "type_chosen", "documents", last("documents", "type_chosen"))).toBe("undo");
    expect(outcome("oa_cn_org", "on_hold>documents", "intake", last("intake", "on_hold"))).toBe("onHoldResumeOnly");
    expect(UNDO_WINDOW_MS).toBe(600_000);
  });

  it("restores an abandoned card to the stage it was abandoned from, on hold included", () => {
    const card = { pipeline: "oa_cn_org" as const, stage: "abandoned" as const, resumeStage: "documents" as const };
    const fromHold = { ...ready, lastMove: { from: "on_hold" as const, to: "abandoned" as const, actorUserId: colleague, at: now } };
    expect(restoreTarget(card, fromHold.lastMove)).toBe("on_hold");
    expect(checkMove(card, "on_hold", fromHold)).toEqual({ ok: true, kind: "restore" });
    expect(checkMove(card, "documents", fromHold)).toMatchObject({ ok: false, reason: "abandonedRestoreOnly" });
    expect(restoreTarget(card, null)).toBe("documents");
    expect(restoreTarget({ ...card, resumeStage: null }, null)).toBe("intake");
  });
});

describe("allowedTargets and the resume stage a move leaves", () => {
  it("lists exactly the stages a card may go to", () => {
    expect(allowedTargets({ pipeline: "oa_cn_org", stage: "documents", resumeStage: null }, ready)).toEqual([
      "intake",
      "account_created",
      "email_verified",
      "type_chosen",
      "on_hold",
      "abandoned",
    ]);
    expect(allowedTargets({ pipeline: "oa_overseas", stage: "awaiting_response", resumeStage: null }, ready)).toEqual([
      "application_submitted",
      "credentials_received",
      "on_hold",
      "rejected",
      "abandoned",
    ]);
    expect(allowedTargets({ pipeline: "wecom", stage: "live", resumeStage: null }, ready)).toEqual([]);
    expect(allowedTargets({ pipeline: "wecom", stage: "rejected", resumeStage: "verification_submitted" }, ready)).toEqual([
      "verification_submitted",
      "abandoned",
    ]);
  });

  it("derives the board's context from a card as the read side gives it", () => {
    const card = {
      pipeline: "oa_cn_org" as const,
      stage: "email_verified" as const,
      resumeStage: null,
      documents: { required: 3, approved: 3, missing: [] },
      lastMove: { from: "account_created" as const, to: "email_verified" as const, by: { id: me }, at: now.toISOString() },
    };
    expect(checkMove(card, "account_created", moveContextOf(card, { userId: me, role: "staff" }, now))).toEqual({ ok: true, kind: "undo" });
    expect(checkMove(card, "type_chosen", moveContextOf(card, { userId: me, role: "manager" }, now))).toMatchObject({ reason: "forbidden" });
  });

  it("keeps the working stage to come back to in side states, and none in working stages", () => {
    const working = { pipeline: "oa_cn_org" as const, stage: "under_review" as const, resumeStage: null };
    expect(resumeStageAfter(working, "on_hold", "hold")).toBe("under_review");
    expect(resumeStageAfter(working, "rejected", "reject")).toBe("under_review");
    expect(resumeStageAfter(working, "abandoned", "abandon")).toBe("under_review");
    expect(resumeStageAfter(working, "registered", "forward")).toBeNull();
    const held = { pipeline: "oa_cn_org" as const, stage: "on_hold" as const, resumeStage: "under_review" as const };
    expect(resumeStageAfter(held, "abandoned", "abandon")).toBe("under_review");
    expect(resumeStageAfter(held, "rejected", "reject")).toBe("under_review");
    expect(resumeStageAfter(held, "under_review", "resume")).toBeNull();
    const abandonedFromHold = { pipeline: "oa_cn_org" as const, stage: "abandoned" as const, resumeStage: "documents" as const };
    expect(resumeStageAfter(abandonedFromHold, "on_hold", "restore")).toBe("documents");
    expect(resumeStageAfter(abandonedFromHold, "documents", "restore")).toBeNull();
  });
});
