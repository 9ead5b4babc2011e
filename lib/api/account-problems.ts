/**
 * Problems of the Official Account routes that carry what the client needs to act on
 * them, beside the usual problem+json: ID_CAP_REACHED names the `holders` of the ID's
 * two slots, STALE_VERSION gives the `current` card (design.md §4.4), and a move the
 * stage machine refuses its `reason`, so a client can show who holds the ID, the card as
 * it now stands, or why, without asking again.
 */
import "server-only";
import type { Logger } from "pino";
import { AppError } from "@/lib/errors";
import { problemFor } from "./problem";

function extrasOf(error: unknown): Record<string, unknown> | null {
  if (!(error instanceof AppError)) return null;
  if (error.code === "ID_CAP_REACHED") return { holders: error.details.holders ?? [] };
  if (error.code === "STALE_VERSION" && error.details.current) return { current: error.details.current };
  // A move the stage machine refuses (abandoning a registered account, say): why, as the board's move route says it.
  if (error.code === "CONFLICT" && typeof error.details.reason === "string") return { reason: error.details.reason };
  return null;
}

/** problemFor(error), with `holders`, `current` or `reason` added when the error has them. */
export async function accountProblem(error: unknown, request: Request, log: Logger): Promise<Response> {
  const problem = problemFor(error, request, log);
  const extras = extrasOf(error);
  if (!extras) return problem;
  const payload = { ...((await problem.json()) as Record<string, unknown>), ...extras };
  return new Response(JSON.stringify(payload), { status: problem.status, headers: problem.headers });
}
