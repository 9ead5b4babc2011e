/**
 * Problems of the Official Account routes that carry what the client needs to act on
 * them, beside the usual problem+json: ID_CAP_REACHED names the `holders` of the ID's
 * two slots, and STALE_VERSION gives the `current` card (design.md §4.4), so a client
 * can show who holds the ID, or the card as it now stands, without asking again.
 */
import "server-only";
import type { Logger } from "pino";
import { AppError } from "@/lib/errors";
import { problemFor } from "./problem";

function extrasOf(error: unknown): Record<string, unknown> | null {
  if (!(error instanceof AppError)) return null;
  if (error.code === "ID_CAP_REACHED") return { holders: error.details.holders ?? [] };
  if (error.code === "STALE_VERSION" && error.details.current) return { current: error.details.current };
  return null;
}

/** problemFor(error), with `holders` or `current` added when the error has them. */
export async function accountProblem(error: unknown, request: Request, log: Logger): Promise<Response> {
  const problem = problemFor(error, request, log);
  const extras = extrasOf(error);
  if (!extras) return problem;
  const payload = { ...((await problem.json()) as Record<string, unknown>), ...extras };
  return new Response(JSON.stringify(payload), { status: problem.status, headers: problem.headers });
}
