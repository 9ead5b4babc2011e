/**
 * The problems of POST /api/v1/registrations/{id}/move, beside the usual problem+json,
 * carry what a client needs to act on them without asking again: a stale version gives
 * the `current` card with `movedBy` and `movedAt` (design.md §4.4); a refused move its
 * `reason` (and the `missingDocuments` of the guard); a full ID the `holders`; a failed
 * bulk action (POST /registrations/bulk) its `failures`.
 */
import "server-only";
import type { Logger } from "pino";
import { problemFor } from "@/lib/api/problem";
import { AppError } from "@/lib/errors";

function extrasOf(error: unknown): Record<string, unknown> | null {
  if (!(error instanceof AppError)) return null;
  const { details } = error;
  if (error.code === "STALE_VERSION" && details.current) {
    return { current: details.current, movedBy: details.movedBy ?? null, movedAt: details.movedAt ?? null };
  }
  if (error.code === "CONFLICT" && Array.isArray(details.failures)) return { failures: details.failures };
  if (error.code === "CONFLICT" && typeof details.reason === "string") {
    return { reason: details.reason, ...(Array.isArray(details.missingDocuments) ? { missingDocuments: details.missingDocuments } : {}) };
  }
  if (error.code === "ID_CAP_REACHED") return { holders: details.holders ?? [] };
  return null;
}

/** problemFor(error), with the move's extras when the error has them. */
export async function moveProblem(error: unknown, request: Request, log: Logger): Promise<Response> {
  const problem = problemFor(error, request, log);
  const extras = extrasOf(error);
  if (!extras) return problem;
  const payload = { ...((await problem.json()) as Record<string, unknown>), ...extras };
  return new Response(JSON.stringify(payload), { status: problem.status, headers: problem.headers });
}
