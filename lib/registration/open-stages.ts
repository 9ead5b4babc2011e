/**
 * The stages where a card is still work (issue 7 §6): every stage but the final ones
 * (registered, live) and the side states (on hold, rejected, abandoned). "My work" and the
 * clients list's "has overdue work" read only these; a card on hold waits for a decision,
 * not for its assignee, so it is not overdue work.
 */
import { allStages, sideStages, type Stage } from "./pipelines";

export const finalStages = ["registered", "live"] as const satisfies readonly Stage[];

const closed: readonly Stage[] = [...finalStages, ...sideStages];

export const openStages: readonly Stage[] = allStages.filter((stage) => !closed.includes(stage));

export function isOpenStage(stage: Stage): boolean {
  return openStages.includes(stage);
}
