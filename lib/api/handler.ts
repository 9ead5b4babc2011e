/**
 * The one wrapper of every /api/v1 handler (style.md: "API handlers reuse the services
 * via one wrapper"): bearer authentication, then the handler, and whatever it throws as
 * problem+json. Handlers take only the Request (and their route params), so tests call
 * them directly; nothing here reads cookies or next/headers.
 */
import "server-only";
import type { Logger } from "pino";
import type { z } from "zod";
import { readBody } from "@/lib/auth/http";
import { AppError } from "@/lib/errors";
import { UNSTORABLE_TEXT_MESSAGE, unstorableFields } from "@/lib/validation/text";
import { requestLogger } from "@/lib/logger";
import { authenticateBearer, type ApiActor } from "./auth";
import { BodyProblem, problemFor } from "./problem";

/** Request bodies are small JSON objects; anything larger is refused unread. */
export const MAX_BODY_BYTES = 16 * 1024;

export type ApiContext<P> = { request: Request; actor: ApiActor; params: P; log: Logger };

type RouteContext<P> = { params: Promise<P> };

/**
 * A route handler that authenticates the bearer token, runs `handler` and answers
 * anything it throws as problem+json (AppError → its status; unexpected → 500, logged).
 */
export function apiRoute<P extends Record<string, string> = Record<string, never>>(
  handler: (context: ApiContext<P>) => Promise<Response>,
): (request: Request, context?: RouteContext<P>) => Promise<Response> {
  return async (request, context) => {
    const log = requestLogger(request.headers);
    try {
      const actor = await authenticateBearer(request.headers);
      const params = ((await context?.params) ?? {}) as P;
      return await handler({ request, actor, params, log: log.child({ tokenId: actor.tokenId }) });
    } catch (error) {
      return problemFor(error, request, log);
    }
  };
}

/** The first message key per field, as the forms show them. */
export function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
  return fields;
}

/** `schema`'s output, or VALIDATION (422) with every field's message key. */
export function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", `invalid ${what}`, { fields: fieldsOf(parsed.error) });
  return parsed.data;
}

/**
 * The query string as an object of single values: the first of repeated ones, and an
 * empty value counts as absent (as on the audit page); a value PostgreSQL cannot store
 * (a NUL, as %00) is 422 naming its parameter.
 */
export function queryOf(request: Request): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams) {
    const trimmed = value.trim();
    if (trimmed && !(key in query)) query[key] = trimmed;
  }
  refuseUnstorableText(query);
  return query;
}

/** VALIDATION (422) naming each field that holds text PostgreSQL cannot store (lib/validation/text.ts). */
function refuseUnstorableText(input: unknown): void {
  const fields = unstorableFields(input);
  if (fields.length === 0) return;
  throw new AppError("VALIDATION", "input holds NUL or a lone surrogate", {
    fields: Object.fromEntries(fields.map((field) => [field, UNSTORABLE_TEXT_MESSAGE])),
  });
}

/**
 * The JSON body: 415 unless the content type is application/json, 413 past
 * MAX_BODY_BYTES (read as a stream, nothing larger buffered), 400 when it does not parse,
 * 422 naming the fields that hold text PostgreSQL cannot store (NUL, a lone surrogate).
 */
export async function readJson(request: Request): Promise<unknown> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    throw new BodyProblem(415, "UNSUPPORTED_MEDIA_TYPE", "apiTokens.api.unsupportedMediaType");
  }
  const body = await readBody(request, MAX_BODY_BYTES);
  if (body.ok) {
    refuseUnstorableText(body.value);
    return body.value;
  }
  if (body.status === 413) throw new BodyProblem(413, "PAYLOAD_TOO_LARGE", "apiTokens.api.payloadTooLarge");
  throw new AppError("BAD_REQUEST", "request body is not JSON", { messageKey: "apiTokens.api.malformedJson" });
}

/** A JSON answer that no cache keeps. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}
