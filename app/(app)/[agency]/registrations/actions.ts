"use server";

/**
 * The registrations board's actions (issue 7 §3, §5). Each finds the caller's staff
 * membership first (another agency, or none: 404); the services check the permission (a
 * manager reads the board but moves nothing: FORBIDDEN) and that the card is one the
 * member may see (NOT_FOUND otherwise).
 *
 * A move carries the card's version (design.md §4.4): when someone moved or changed the
 * card first, the answer is STALE_VERSION with the card as it now stands and who moved it
 * when, so the board can put it back and say so; a move the pipeline refuses answers
 * CONFLICT with the reason's catalogue key.
 */
import { notFound } from "next/navigation";
import { failureOf, runAction, type ActionFailure, type ActionResult } from "@/lib/actions/result";
import { requestMeta } from "@/lib/auth/request-meta";
import { requireStaffMembership } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { boardCardOf, getColumnPage, type BoardCard, type ColumnPage } from "@/lib/registration/board";
import { parseBoardQuery } from "@/lib/registration/board-query";
import { getCardDetail, type CardDetail } from "@/lib/registration/card-detail";
import { moveRegistration } from "@/lib/registration/move";
import { addRegistrationNote } from "@/lib/registration/notes";
import { bulkAction, setWaiting, type BulkFailure } from "@/lib/registration/waiting";
import type { Stage } from "@/lib/registration/pipelines";
import type { RegistrationCard } from "@/lib/registration/queries";

/** A refused move: `stale` when the card had moved on, `reason` when the pipeline does not allow it. */
export type MoveCardFailure = ActionFailure & {
  stale?: { card: BoardCard; movedBy: string | null; movedAt: string | null };
  reason?: string;
};

/** `{ id, to, version, note? }`: moves card `id` to `to` if `version` is still its own. */
export async function moveCardAction(agencySlug: string, input: unknown): Promise<ActionResult<BoardCard> | MoveCardFailure> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { requestId } = await requestMeta();
  const { id, ...body } = (input ?? {}) as { id?: unknown };
  try {
    const card = await moveRegistration(context, typeof id === "string" ? id : "", body, { requestId });
    return { ok: true, data: boardCardOf(card) };
  } catch (error) {
    const failure: MoveCardFailure = failureOf(error);
    if (error instanceof AppError && error.code === "STALE_VERSION") {
      const details = error.details as { current?: RegistrationCard; movedBy?: { name: string | null } | null; movedAt?: string | null };
      if (details.current) {
        failure.stale = { card: boardCardOf(details.current), movedBy: details.movedBy?.name ?? null, movedAt: details.movedAt ?? null };
      }
    }
    if (error instanceof AppError && typeof error.details.reason === "string") failure.reason = error.details.reason;
    return failure;
  }
}

/** `{ query, stage, after }`: a column's next cards under the board's filters (`query`: the board's URL parameters). */
export async function loadColumnAction(agencySlug: string, input: unknown): Promise<ActionResult<ColumnPage>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { query, stage, after } = (input ?? {}) as { query?: unknown; stage?: unknown; after?: unknown };
  const params = query && typeof query === "object" ? (query as Record<string, string>) : {};
  return runAction(() => getColumnPage(context, parseBoardQuery(params), String(stage ?? "") as Stage, typeof after === "string" ? after : undefined));
}

/** Card `id` in full, for its drawer. */
export async function loadCardAction(agencySlug: string, id: unknown): Promise<ActionResult<CardDetail>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  return runAction(() => getCardDetail(context, typeof id === "string" ? id : ""));
}

/** `{ body }`: an internal note on card `id`, for staff only. */
export async function addCardNoteAction(agencySlug: string, id: unknown, input: unknown): Promise<ActionResult<{ id: string }>> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { requestId } = await requestMeta();
  return runAction(() => addRegistrationNote(context, typeof id === "string" ? id : "", input, { requestId }));
}

/** `{ id, waiting, version }`: sets (or with `none` clears) card `id`'s waiting flag. */
export async function setWaitingAction(agencySlug: string, input: unknown): Promise<ActionResult<BoardCard> | MoveCardFailure> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { requestId } = await requestMeta();
  const { id, ...body } = (input ?? {}) as { id?: unknown };
  try {
    return { ok: true, data: boardCardOf(await setWaiting(context, typeof id === "string" ? id : "", body, { requestId })) };
  } catch (error) {
    const failure: MoveCardFailure = failureOf(error);
    if (error instanceof AppError && error.code === "STALE_VERSION") {
      const details = error.details as { current?: RegistrationCard; movedBy?: { name: string | null } | null; movedAt?: string | null };
      if (details.current) {
        failure.stale = { card: boardCardOf(details.current), movedBy: details.movedBy?.name ?? null, movedAt: details.movedAt ?? null };
      }
    }
    return failure;
  }
}

/** A bulk action that failed: `failures` names each card and why (nothing was written). */
export type BulkCardsFailure = ActionFailure & { failures?: BulkFailure[] };

/** `{ action: assign|move|waiting, cards: [{ id, version }], … }`: all the selected cards, or none. */
export async function bulkCardsAction(agencySlug: string, input: unknown): Promise<ActionResult<BoardCard[]> | BulkCardsFailure> {
  if (typeof agencySlug !== "string") notFound();
  const context = await requireStaffMembership(agencySlug);
  const { requestId } = await requestMeta();
  try {
    return { ok: true, data: (await bulkAction(context, input, { requestId })).map(boardCardOf) };
  } catch (error) {
    const failure: BulkCardsFailure = failureOf(error);
    if (error instanceof AppError && Array.isArray(error.details.failures)) failure.failures = error.details.failures as BulkFailure[];
    return failure;
  }
}
