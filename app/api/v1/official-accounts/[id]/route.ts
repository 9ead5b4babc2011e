import type { Logger } from "pino";
import { getOfficialAccountProfile, updateOfficialAccount } from "@/lib/accounts/profile";
import { apiRoute, jsonResponse, readJson } from "@/lib/api/handler";
import { problemFor } from "@/lib/api/problem";
import { AppError } from "@/lib/errors";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { assertCan } from "@/lib/rbac/permissions";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/official-accounts/{id}: the account's profile with its name history and
 * when its rules allow the next change (account:read); another agency's id, or one that
 * is not a UUID, is 404.
 */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  assertCan(actor.role, "account:read");
  return jsonResponse(await getOfficialAccountProfile(actor, params.id));
});

/**
 * problemFor(error), with what a client needs to act on it: a stale edit's `current`
 * profile, `changedBy` and `changedAt`; a refusal by WeChat's calendar rules, when each
 * field may change again (`nextAllowedAt`).
 */
async function profileProblem(error: unknown, request: Request, log: Logger): Promise<Response> {
  const problem = problemFor(error, request, log);
  if (!(error instanceof AppError)) return problem;
  let extras: Record<string, unknown> | null = null;
  if (error.code === "STALE_VERSION") {
    const { current, changedBy = null, changedAt = null } = error.details;
    extras = { current, changedBy, changedAt };
  } else if (error.code === "VALIDATION" && error.details.nextAllowedAt) {
    extras = { nextAllowedAt: error.details.nextAllowedAt };
  }
  if (!extras) return problem;
  const payload = { ...((await problem.json()) as Record<string, unknown>), ...extras };
  return new Response(JSON.stringify(payload), { status: problem.status, headers: problem.headers });
}

/**
 * PATCH /api/v1/official-accounts/{id}: the fields to change plus the account's `version`
 * as read (account:write); fields left out are kept, null clears one. 200 with the
 * profile as saved and its `warnings`. A second introduction change in a calendar month
 * after registration, or an individual's third rename in a calendar year, is 422 on the
 * field with `nextAllowedAt`; a newer version in the database is 409 STALE_VERSION with
 * the `current` profile, `changedBy` and `changedAt`. Nothing is overwritten unseen.
 */
export const PATCH = apiRoute<{ id: string }>(async ({ request, actor, params, log }) => {
  assertCan(actor.role, "account:write");
  const body = await readJson(request);
  try {
    return jsonResponse(await updateOfficialAccount(actor, params.id, body, { requestId: request.headers.get(REQUEST_ID_HEADER) }));
  } catch (error) {
    return profileProblem(error, request, log);
  }
});
