/**
 * Where a registration card may go from where it stands (design.md §4.4, §5; issue 7 §1):
 * one place that the move service enforces and the board reads to grey out the columns a
 * card cannot go to, with the reason on hover. Pure: no server imports.
 *
 * The rules, per pipeline:
 * - forward one stage at a time; the only skips are those domain.md gives a reason for
 *   (FORWARD_SKIPS);
 * - back one stage where the stage left can be done again (BACK_ONE), never further;
 *   where it cannot (a fact at WeChat: the e-mail confirmed, the type chosen, something
 *   sent or answered), the refusal says why;
 * - every working stage but the last may go on hold or be abandoned; only the stages in
 *   which WeChat is deciding may be rejected (pipelines.ts rejectableStages);
 * - on hold goes back to the stage it left (or is abandoned, or rejected while WeChat
 *   was deciding); rejected goes back to the stage it left, to resubmit (WeChat lets every
 *   rejection of these four be resubmitted: the subject form [R4], the review, an overseas
 *   application, a WeCom verification, paying again), or is abandoned; abandoned is
 *   restored to the stage it left, on hold included;
 * - the last stage (registered, live) is final;
 * - entering the guard stage (pipelines.ts guardStage) needs every required document of
 *   the pipeline approved, when the card goes there to submit something: forward, back
 *   (an overseas application sent again) or resubmitting after a rejection. Resuming
 *   from on hold, restoring, or undoing a move submits nothing new, so it is not
 *   guarded;
 * - a user may undo their own last move within UNDO_WINDOW_MS, even where going back is
 *   otherwise refused (ux.md: "Moved to Under review · Undo"): a mis-drag is not a fact
 *   at WeChat. Not out of the last stage: an Official Account's registration date is
 *   kept once set (the database refuses to clear it), so the board should confirm that move.
 */
import type { DocumentKind } from "@/lib/documents/kinds";
import { can } from "@/lib/rbac/permissions";
import type { Role } from "@/lib/rbac/roles";
import {
  guardStage,
  pipelineStages,
  rejectableStages,
  sideStages,
  type Pipeline,
  type SideStage,
  type Stage,
} from "./pipelines";

/** Why a move is refused: each a catalogue key under registrationMoves.refusals, in both languages. */
export const moveRefusals = [
  "forbidden",
  "sameStage",
  "notInPipeline",
  "finished",
  "oneStepAtATime",
  "backTooFar",
  "emailConfirmed",
  "typeFixed",
  "alreadyWithWechat",
  "wechatAnswered",
  "corpCreated",
  "stepDone",
  "notRejectable",
  "onHoldResumeOnly",
  "rejectedResubmitOnly",
  "abandonedRestoreOnly",
  "documentsNotApproved",
] as const;
export type MoveRefusal = (typeof moveRefusals)[number];

/** The catalogue key of a refusal's message. */
export function refusalMessageKey(reason: MoveRefusal): `registrationMoves.refusals.${MoveRefusal}` {
  return `registrationMoves.refusals.${reason}`;
}

/** What kind of move an allowed one is: the move service's effects follow from it. */
export const moveKinds = ["forward", "back", "hold", "resume", "reject", "resubmit", "abandon", "restore", "undo"] as const;
export type MoveKind = (typeof moveKinds)[number];

export type MoveCheck =
  | { ok: true; kind: MoveKind }
  | { ok: false; reason: MoveRefusal; messageKey: string; missingDocuments?: DocumentKind[] };

/** A user's own last move can be undone for this long, whatever the rules say about going back. */
export const UNDO_WINDOW_MS = 10 * 60 * 1000;

/** What a check needs of the card. */
export type MovableCard = { pipeline: Pipeline; stage: Stage; resumeStage: Stage | null };

/** The card's required documents: how many, how many approved, and which are still missing (when known). */
export type DocumentProgress = { required: number; approved: number; missing?: DocumentKind[] };

/** The card's last move (its newest registration event). */
export type LastMove = { from: Stage | null; to: Stage; actorUserId: string | null; at: Date | string };

export type MoveContext = {
  /** Whether the user may move cards at all (registration:move). */
  canMove: boolean;
  /** Who moves, for undoing their own last move. */
  actorUserId: string | null;
  now: Date;
  /** The card's required documents; without them the guard stage is refused (fail closed). */
  documents?: DocumentProgress | null;
  lastMove?: LastMove | null;
};

/**
 * Forward skips domain.md justifies, beyond the next stage:
 * - mainland Official Accounts: account created, e-mail confirmed and type chosen (steps
 *   2–4 of domain.md §3.1) need not be recorded in that order — WeChat's sign-up now asks
 *   the type before the e-mail [R15] and the three are often done in one sitting — so a
 *   card may jump ahead within them; never past type_chosen, whose next stage is the guard;
 * - WeCom: a corp works unverified up to 200 members (domain.md §3.4 [R19d]), so a card
 *   may go from corp_created straight to backend_configured, skipping verification.
 */
const FORWARD_SKIPS: Record<Pipeline, Partial<Record<Stage, readonly Stage[]>>> = {
  oa_cn_org: { documents: ["email_verified", "type_chosen"], account_created: ["type_chosen"] },
  oa_cn_individual: { documents: ["email_verified", "type_chosen"], account_created: ["type_chosen"] },
  oa_overseas: {},
  wecom: { corp_created: ["backend_configured"] },
};

type BackRefusal = Extract<MoveRefusal, "emailConfirmed" | "typeFixed" | "alreadyWithWechat" | "wechatAnswered" | "corpCreated" | "stepDone">;

/**
 * Going back one stage, from each working stage but the first and the last: `true` when
 * the stage before can be done again, else why not.
 */
const BACK_ONE: Record<Pipeline, Partial<Record<Stage, true | BackRefusal>>> = {
  oa_cn_org: {
    // Intake and documents are the agency's own preparation: nothing is at WeChat yet.
    documents: true,
    // The activation link lapsed (48 h) and WeChat dropped the unactivated sign-up, or a
    // document turned out wrong: back to documents, to register again with a new e-mail.
    account_created: true,
    // The activation e-mail is confirmed at WeChat; that cannot be taken back.
    email_verified: "emailConfirmed",
    // The account type is fixed once chosen (domain.md B6).
    type_chosen: "typeFixed",
    // The subject check lapsed (the small payment not made within 10 days, or verification
    // not finished within 30): the subject form is filled in again [R4].
    subject_submitted: true,
    // The subject passed WeChat's check before the profile was sent; it is not redone.
    profile_submitted: "stepDone",
    // WeChat sent the name or introduction back for changes before deciding: resubmit the profile.
    under_review: true,
  },
  oa_cn_individual: {
    documents: true,
    account_created: true,
    email_verified: "emailConfirmed",
    type_chosen: "typeFixed",
    // An individual's subject form has no payment, but it is sent again the same way when WeChat asks.
    subject_submitted: true,
    profile_submitted: "stepDone",
    under_review: true,
  },
  oa_overseas: {
    documents: true,
    // The application is with WeChat: wait for its reply (or mark it rejected).
    application_submitted: "alreadyWithWechat",
    // WeChat asked for a corrected or completed application: it is sent again (guarded).
    awaiting_response: true,
    // The login details arrived: WeChat has answered.
    credentials_received: "wechatAnswered",
  },
  wecom: {
    // The administrator is chosen by the agency and the client: choosing again is harmless.
    admin_appointed: true,
    // Another administrator must be appointed before the corp is created.
    documents: true,
    // WeCom creates a corp at once and for good (domain.md §3.4 [R31]).
    corp_created: "corpCreated",
    // The verification is with WeChat's auditor: wait for the answer (or mark it rejected).
    verification_submitted: "alreadyWithWechat",
    // WeChat verified the corp.
    verified: "wechatAnswered",
    // Configuring the back end follows verification (or its skip); there is nothing to redo before it.
    backend_configured: "stepDone",
    // A setting must be redone before more members are invited: the agency's own work.
    members_invited: true,
  },
};

const isSide = (stage: Stage): stage is SideStage => (sideStages as readonly Stage[]).includes(stage);

function workingStages(pipeline: Pipeline): readonly Stage[] {
  return pipelineStages[pipeline] as readonly Stage[];
}

/** Every column of a pipeline's board: its stages in order, then the side states. */
export function pipelineColumns(pipeline: Pipeline): Stage[] {
  return [...workingStages(pipeline), ...sideStages];
}

/** The last stage of a pipeline: registered, or live for WeCom. */
export function finalStage(pipeline: Pipeline): Stage {
  return workingStages(pipeline).at(-1)!;
}

/**
 * The stage an abandoned card is restored to: the one it was abandoned from (its last
 * move's `from`, on hold included), else its resume stage, else the first stage.
 */
export function restoreTarget(card: MovableCard, lastMove: LastMove | null | undefined): Stage {
  const from = lastMove?.to === "abandoned" ? lastMove.from : null;
  if (from && (from === "on_hold" || workingStages(card.pipeline).includes(from))) return from;
  return card.resumeStage ?? workingStages(card.pipeline)[0]!;
}

function refuse(reason: MoveRefusal, missingDocuments?: DocumentKind[]): MoveCheck {
  return { ok: false, reason, messageKey: refusalMessageKey(reason), ...(missingDocuments ? { missingDocuments } : {}) };
}

/** Whether the card is still in the stage its user just moved it to, within the undo window. */
function isUndo(card: MovableCard, to: Stage, context: MoveContext): boolean {
  const last = context.lastMove;
  if (!last || !last.from || !context.actorUserId || last.actorUserId !== context.actorUserId) return false;
  if (last.to !== card.stage || last.from !== to) return false;
  const stages = workingStages(card.pipeline);
  if (!stages.includes(card.stage) || !stages.includes(to)) return false;
  // The last stage stays final: an Official Account's registration date, once set, is kept (0019).
  if (card.stage === finalStage(card.pipeline)) return false;
  const age = context.now.getTime() - new Date(last.at).getTime();
  return age >= 0 && age <= UNDO_WINDOW_MS;
}

/** The guard on entering the pipeline's guard stage: every required document approved. */
function guarded(card: MovableCard, to: Stage, kind: MoveKind, context: MoveContext): MoveCheck {
  if (to !== guardStage[card.pipeline]) return { ok: true, kind };
  const documents = context.documents;
  if (!documents) return refuse("documentsNotApproved", []);
  const missing = documents.missing ?? [];
  if (missing.length > 0 || documents.approved < documents.required) return refuse("documentsNotApproved", missing);
  return { ok: true, kind };
}

/** Whether a card in `stage` (or on hold from it) is with WeChat, so that WeChat may reject it. */
function rejectable(pipeline: Pipeline, stage: Stage | null): boolean {
  return stage !== null && rejectableStages[pipeline].includes(stage);
}

/**
 * Whether `card` may move to `to`: ok with the kind of move, or the refusal with its
 * catalogue key (and for the guard, the document kinds still missing). The server checks
 * every move with it; the board calls it for every column to grey out the refused ones.
 */
export function checkMove(card: MovableCard, to: Stage, context: MoveContext): MoveCheck {
  const { pipeline, stage } = card;
  if (!pipelineColumns(pipeline).includes(to)) return refuse("notInPipeline");
  if (to === stage) return refuse("sameStage");
  if (!context.canMove) return refuse("forbidden");
  if (isUndo(card, to, context)) return { ok: true, kind: "undo" };

  if (stage === "on_hold") {
    if (to === card.resumeStage) return { ok: true, kind: "resume" };
    if (to === "abandoned") return { ok: true, kind: "abandon" };
    if (to === "rejected" && rejectable(pipeline, card.resumeStage)) return { ok: true, kind: "reject" };
    return refuse("onHoldResumeOnly");
  }
  if (stage === "rejected") {
    if (to === card.resumeStage) return guarded(card, to, "resubmit", context);
    if (to === "abandoned") return { ok: true, kind: "abandon" };
    return refuse("rejectedResubmitOnly");
  }
  if (stage === "abandoned") {
    return to === restoreTarget(card, context.lastMove) ? { ok: true, kind: "restore" } : refuse("abandonedRestoreOnly");
  }

  if (stage === finalStage(pipeline)) return refuse("finished");
  if (to === "on_hold") return { ok: true, kind: "hold" };
  if (to === "abandoned") return { ok: true, kind: "abandon" };
  if (to === "rejected") return rejectable(pipeline, stage) ? { ok: true, kind: "reject" } : refuse("notRejectable");

  const stages = workingStages(pipeline);
  const from = stages.indexOf(stage);
  const target = stages.indexOf(to);
  if (target > from) {
    const skip = FORWARD_SKIPS[pipeline][stage]?.includes(to) ?? false;
    return target === from + 1 || skip ? guarded(card, to, "forward", context) : refuse("oneStepAtATime");
  }
  if (target < from - 1) return refuse("backTooFar");
  const back = BACK_ONE[pipeline][stage];
  if (back === true) return guarded(card, to, "back", context);
  return refuse(back ?? "stepDone");
}

/** The stages `card` may move to now, in board order. */
export function allowedTargets(card: MovableCard, context: MoveContext): Stage[] {
  return pipelineColumns(card.pipeline).filter((to) => checkMove(card, to, context).ok);
}

/** Every column of the card's board with the check of moving there (the current one is `sameStage`). */
export function columnChecks(card: MovableCard, context: MoveContext): { stage: Stage; check: MoveCheck }[] {
  return pipelineColumns(card.pipeline).map((stage) => ({ stage, check: checkMove(card, stage, context) }));
}

/**
 * A card as the read side gives it: lib/registration/queries.ts RegistrationCard has all
 * of this; a card without its last move (the board's) simply cannot be undone from here.
 */
export type CardForMoves = MovableCard & {
  documents: DocumentProgress;
  lastMove?: { from: Stage | null; to: Stage; by: { id: string } | null; at: string } | null;
};

/**
 * The context for checking `card`'s moves as `viewer` at `now`: the same derivation on
 * the server (the move service) and in the board, so both say the same.
 */
export function moveContextOf(card: CardForMoves, viewer: { userId: string; role: Role }, now: Date): MoveContext {
  const last = card.lastMove;
  return {
    canMove: can(viewer.role, "registration:move"),
    actorUserId: viewer.userId,
    now,
    documents: card.documents,
    lastMove: last ? { from: last.from, to: last.to, actorUserId: last.by?.id ?? null, at: last.at } : null,
  };
}

/**
 * The card's resume stage after a move of `kind` from where it stands: a side state
 * remembers the working stage to go back to; a working stage has none.
 */
export function resumeStageAfter(card: MovableCard, to: Stage, kind: MoveKind): Stage | null {
  switch (kind) {
    case "hold":
      return card.stage;
    case "reject":
    case "abandon":
      // From on hold (or rejected), the card already knows the working stage it resumes.
      return card.resumeStage ?? card.stage;
    case "restore":
      return to === "on_hold" ? card.resumeStage : null;
    default:
      return isSide(to) ? (card.resumeStage ?? card.stage) : null;
  }
}
