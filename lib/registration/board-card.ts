/**
 * A card as lib/registration/queries.ts reads it, as the board holds it: free of
 * server-only imports, so the server's answers (board.ts) and the card drawer
 * (components/registrations/card-detail-view.tsx) map it the same way.
 */
import type { BoardCard } from "./board";
import type { RegistrationCard } from "./queries";

/** A card as lib/registration/queries.ts reads it (a move's answer), as the board shows it; the mover is kept by id only. */
export function boardCardOf(card: RegistrationCard): BoardCard {
  return {
    id: card.id,
    version: card.version,
    product: card.product,
    pipeline: card.pipeline,
    stage: card.stage,
    resumeStage: card.resumeStage,
    company: card.company,
    account: { name: card.account.name, type: card.account.type },
    assignee: card.assignee,
    verification: card.verification,
    dueAt: card.dueAt,
    dueState: card.due,
    waiting: card.waiting,
    waitingSince: card.waitingSince,
    stale: card.stale,
    stageEnteredAt: card.stageEnteredAt,
    documents: { approved: card.documents.approved, required: card.documents.required },
    lastMove: card.lastMove ? { from: card.lastMove.from, to: card.lastMove.to, by: card.lastMove.by ? { id: card.lastMove.by.id } : null, at: card.lastMove.at } : null,
  };
}
