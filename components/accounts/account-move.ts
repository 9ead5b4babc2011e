/**
 * Which move the accounts tab offers on an Official Account: "Restore" when it is
 * abandoned, "Abandon" where the board's stage machine (lib/registration/transitions.ts)
 * allows it — never on a registered account, which is final — else none. Pure, so the
 * tab and its test share it with the server's check.
 */
import type { Pipeline, Stage } from "@/lib/registration/pipelines";
import { checkMove, type MoveContext } from "@/lib/registration/transitions";

export type AccountMove = "abandon" | "restore";

export function accountMoveOf(card: { pipeline: Pipeline; stage: Stage }, context: MoveContext): AccountMove | null {
  if (!context.canMove) return null;
  if (card.stage === "abandoned") return "restore";
  // Whether a card may be abandoned hangs on its stage alone (a side state's resume stage does not matter).
  return checkMove({ pipeline: card.pipeline, stage: card.stage, resumeStage: null }, "abandoned", context).ok ? "abandon" : null;
}
