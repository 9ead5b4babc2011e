/**
 * The yearly WeChat verification (微信认证) of a card's account (design.md §5: not a
 * column but a lifecycle on the account — none, pending, verified, expired — with
 * reminders at 90, 30 and 7 days before it lapses; issue 7 §2). Pure, so the move
 * service, the card reads, the board and the tests share one rule:
 * - verificationAfterMove: what a WeCom card's move does to its corp's verification;
 * - cardVerificationOf: the verification as a card shows it at the read's `now`.
 *
 * Only the WeCom pipeline has verification stages. An Official Account's verification is
 * done after registration, outside its pipeline (domain.md §3.1 step 9), so its moves
 * leave it alone; its cards still show it.
 */
import type { VerificationStatus } from "@/lib/clients/kinds";
import { verificationExpiresAt, verificationWarnings, type VerificationWarningDays } from "./deadlines";
import type { Pipeline, Stage } from "./pipelines";
import type { MoveKind } from "./transitions";

/** A verification as official_accounts and wecom_corps hold it. */
export type VerificationState = { status: VerificationStatus; expiresAt: Date | null };

export type VerificationMove = {
  pipeline: Pipeline;
  /** Where the card stands before the move, and the working stage a side state would resume. */
  from: Stage;
  resumeStage: Stage | null;
  to: Stage;
  kind: MoveKind;
  /** The account's verification before the move. */
  current: VerificationState;
  /** When the card moves. */
  now: Date;
  /**
   * For an undo: the verification before the move being undone (that move's audit
   * event), or null when that move changed none.
   */
  undone?: VerificationState | null;
};

const sameState = (a: VerificationState, b: VerificationState) =>
  a.status === b.status && (a.expiresAt?.getTime() ?? null) === (b.expiresAt?.getTime() ?? null);

/**
 * The verification after `move`, or null when the move leaves it as it is:
 * - entering verification_submitted (forward, resubmitted after a rejection, resumed
 *   from on hold): pending. A verification still running keeps its expiry: it lasts
 *   until the new one is granted;
 * - entering verified: verified for a year from now (deadlines.ts verificationExpiresAt);
 * - entering rejected while WeChat's auditor had the verification (from
 *   verification_submitted, or from on hold taken there): failed, the expiry kept;
 * - undoing a move: the verification from before that move (a mis-drag to verified is
 *   no verification), whatever the rules above say.
 */
export function verificationAfterMove(move: VerificationMove): VerificationState | null {
  if (move.pipeline !== "wecom") return null;
  let next: VerificationState | null = null;
  if (move.kind === "undo") next = move.undone ?? null;
  else if (move.to === "verification_submitted") next = { status: "pending", expiresAt: move.current.expiresAt };
  else if (move.to === "verified") next = { status: "verified", expiresAt: verificationExpiresAt(move.now) };
  else if (move.to === "rejected" && (move.from === "verification_submitted" || (move.from === "on_hold" && move.resumeStage === "verification_submitted"))) {
    next = { status: "failed", expiresAt: move.current.expiresAt };
  }
  return next && !sameState(next, move.current) ? next : null;
}

/** A card's verification as the board, the drawer and the API show it. */
export type CardVerification = {
  /** `verified` past its expiry reads `expired`. */
  status: VerificationStatus;
  expiresAt: string | null;
  /** Whole days left until the expiry (0 or less once past); null without an expiry. */
  daysLeft: number | null;
  /** The nearest reminder reached (90, 30 or 7 days before), null when none is or once expired. */
  threshold: VerificationWarningDays | null;
  /** Past its expiry. */
  expired: boolean;
};

/** The verification of an account read at `now` (deadlines.ts verificationWarnings). */
export function cardVerificationOf(status: VerificationStatus, expiresAt: Date | string | null, now: Date): CardVerification {
  if (expiresAt === null) return { status, expiresAt: null, daysLeft: null, threshold: null, expired: status === "expired" };
  const at = new Date(expiresAt);
  const warning = verificationWarnings(at, now);
  return {
    status: status === "verified" && warning.expired ? "expired" : status,
    expiresAt: at.toISOString(),
    daysLeft: warning.daysLeft,
    threshold: warning.threshold,
    expired: warning.expired,
  };
}

/** Whether a card shows its verification's badge: within 90 days of the expiry, or past it. */
export function verificationNeedsAttention(verification: CardVerification | null | undefined): boolean {
  return !!verification && (verification.expired || verification.threshold !== null);
}
