/**
 * The problems of POST /api/v1/document-versions/{id}/review carry, beside the usual
 * problem+json, why a review was refused (`reason`: notLatest, quarantined, stale) and for
 * a stale version the `current` document, so a client can show it without asking again.
 */
import "server-only";
import type { Logger } from "pino";
import { problemFor } from "@/lib/api/problem";
import { AppError } from "@/lib/errors";

export async function reviewProblem(error: unknown, request: Request, log: Logger): Promise<Response> {
  const problem = problemFor(error, request, log);
  if (!(error instanceof AppError) || error.code !== "CONFLICT" || typeof error.details.reason !== "string") return problem;
  const extras = { reason: error.details.reason, ...(error.details.current ? { current: error.details.current } : {}) };
  const payload = { ...((await problem.json()) as Record<string, unknown>), ...extras };
  return new Response(JSON.stringify(payload), { status: problem.status, headers: problem.headers });
}
