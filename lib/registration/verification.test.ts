/**
 * The yearly WeChat verification's rules (design.md §5, issue 7 §2), with expected values
 * worked out by hand: what a WeCom card's move does to its corp's verification, and how a
 * card shows it at a given moment.
 */
import { describe, expect, it } from "vitest";
import { cardVerificationOf, verificationAfterMove, verificationNeedsAttention, type VerificationMove, type VerificationState } from "./verification";

/** 10:00 in Shanghai on Wednesday 2 December 2026. */
const now = new Date("2026-12-02T02:00:00Z");
const none: VerificationState = { status: "none", expiresAt: null };
const pending: VerificationState = { status: "pending", expiresAt: null };

function move(overrides: Partial<VerificationMove>): VerificationMove {
  return { pipeline: "wecom", from: "corp_created", resumeStage: null, to: "verification_submitted", kind: "forward", current: none, now, ...overrides };
}

describe("verificationAfterMove", () => {
  it("sets pending on entering verification_submitted", () => {
    expect(verificationAfterMove(move({}))).toEqual({ status: "pending", expiresAt: null });
  });

  it("sets verified for one year from the move on entering verified", () => {
    expect(verificationAfterMove(move({ from: "verification_submitted", to: "verified", current: pending }))).toEqual({
      status: "verified",
      expiresAt: new Date("2027-12-02T02:00:00Z"),
    });
  });

  it("counts a 29 February verification to 28 February of the next year", () => {
    const leap = new Date("2028-02-29T08:30:00Z");
    expect(verificationAfterMove(move({ from: "verification_submitted", to: "verified", current: pending, now: leap }))).toEqual({
      status: "verified",
      expiresAt: new Date("2029-02-28T08:30:00Z"),
    });
  });

  it("sets failed on a rejection from verification_submitted, and from on hold taken there", () => {
    expect(verificationAfterMove(move({ from: "verification_submitted", to: "rejected", kind: "reject", current: pending }))).toEqual({
      status: "failed",
      expiresAt: null,
    });
    expect(
      verificationAfterMove(move({ from: "on_hold", resumeStage: "verification_submitted", to: "rejected", kind: "reject", current: pending })),
    ).toEqual({ status: "failed", expiresAt: null });
  });

  it("leaves a rejection elsewhere alone (the verification was not with WeChat)", () => {
    expect(verificationAfterMove(move({ from: "on_hold", resumeStage: "corp_created", to: "rejected", kind: "reject" }))).toBeNull();
  });

  it("sets pending again on resubmitting after a failed verification", () => {
    const failed: VerificationState = { status: "failed", expiresAt: null };
    expect(verificationAfterMove(move({ from: "rejected", resumeStage: "verification_submitted", kind: "resubmit", current: failed }))).toEqual({
      status: "pending",
      expiresAt: null,
    });
  });

  it("keeps a running verification's expiry while the next one is pending or fails", () => {
    const running: VerificationState = { status: "verified", expiresAt: new Date("2027-01-15T04:00:00Z") };
    expect(verificationAfterMove(move({ current: running }))).toEqual({ status: "pending", expiresAt: new Date("2027-01-15T04:00:00Z") });
    expect(
      verificationAfterMove(move({ from: "verification_submitted", to: "rejected", kind: "reject", current: { ...running, status: "pending" } })),
    ).toEqual({ status: "failed", expiresAt: new Date("2027-01-15T04:00:00Z") });
  });

  it("answers null when nothing changes: other stages, a resume to a pending verification, and every Official Account", () => {
    expect(verificationAfterMove(move({ from: "verified", to: "backend_configured" }))).toBeNull();
    expect(verificationAfterMove(move({ from: "corp_created", to: "backend_configured" }))).toBeNull();
    expect(verificationAfterMove(move({ from: "on_hold", resumeStage: "verification_submitted", kind: "resume", current: pending }))).toBeNull();
    expect(verificationAfterMove(move({ pipeline: "oa_cn_org", from: "type_chosen", to: "subject_submitted" }))).toBeNull();
    expect(verificationAfterMove(move({ pipeline: "oa_cn_org", from: "under_review", to: "rejected", kind: "reject" }))).toBeNull();
  });

  it("restores the verification from before an undone move, and nothing else", () => {
    const verified: VerificationState = { status: "verified", expiresAt: new Date("2027-12-02T01:55:00Z") };
    expect(verificationAfterMove(move({ from: "verified", to: "verification_submitted", kind: "undo", current: verified, undone: pending }))).toEqual(pending);
    expect(verificationAfterMove(move({ from: "verification_submitted", to: "corp_created", kind: "undo", current: pending, undone: none }))).toEqual(none);
    // The undone move changed no verification: the undo changes none either.
    expect(verificationAfterMove(move({ from: "corp_created", to: "documents", kind: "undo", current: none, undone: null }))).toBeNull();
  });
});

describe("cardVerificationOf", () => {
  it("reads a verification with no expiry as it stands", () => {
    expect(cardVerificationOf("none", null, now)).toEqual({ status: "none", expiresAt: null, daysLeft: null, threshold: null, expired: false });
    expect(cardVerificationOf("pending", null, now)).toEqual({ status: "pending", expiresAt: null, daysLeft: null, threshold: null, expired: false });
  });

  it("warns from 90 days before the expiry, then at 30 and 7", () => {
    // 2 December 02:00 → 2 March 02:00 is 90 days (December 29 + January 31 + February 28 + 2).
    expect(cardVerificationOf("verified", "2027-03-02T02:00:00Z", now)).toEqual({
      status: "verified",
      expiresAt: "2027-03-02T02:00:00.000Z",
      daysLeft: 90,
      threshold: 90,
      expired: false,
    });
    // One hour later than that: 90 days and an hour, rounded up to 91, before the first reminder.
    expect(cardVerificationOf("verified", "2027-03-02T03:00:00Z", now)).toMatchObject({ daysLeft: 91, threshold: null, expired: false });
    expect(cardVerificationOf("verified", new Date("2027-01-01T02:00:00Z"), now)).toMatchObject({ daysLeft: 30, threshold: 30 });
    expect(cardVerificationOf("verified", "2026-12-09T01:00:00Z", now)).toMatchObject({ daysLeft: 7, threshold: 7 });
    expect(cardVerificationOf("verified", "2026-12-02T05:00:00Z", now)).toMatchObject({ daysLeft: 1, threshold: 7, expired: false });
  });

  it("reads a verified account past its expiry as expired", () => {
    expect(cardVerificationOf("verified", "2026-11-30T02:00:00Z", now)).toEqual({
      status: "expired",
      expiresAt: "2026-11-30T02:00:00.000Z",
      daysLeft: -2,
      threshold: null,
      expired: true,
    });
    // At the very instant of the expiry.
    expect(cardVerificationOf("verified", now, now)).toMatchObject({ status: "expired", daysLeft: 0, expired: true });
  });

  it("keeps another status past the expiry, but says it is expired", () => {
    expect(cardVerificationOf("pending", "2026-11-30T02:00:00Z", now)).toMatchObject({ status: "pending", expired: true, threshold: null });
    expect(cardVerificationOf("expired", null, now)).toMatchObject({ status: "expired", expired: true });
  });
});

describe("verificationNeedsAttention", () => {
  it("is true within 90 days of the expiry or past it, false otherwise", () => {
    expect(verificationNeedsAttention(null)).toBe(false);
    expect(verificationNeedsAttention(cardVerificationOf("verified", "2027-06-01T00:00:00Z", now))).toBe(false);
    expect(verificationNeedsAttention(cardVerificationOf("verified", "2027-02-01T00:00:00Z", now))).toBe(true);
    expect(verificationNeedsAttention(cardVerificationOf("verified", "2026-12-01T00:00:00Z", now))).toBe(true);
  });
});
