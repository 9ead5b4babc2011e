/**
 * Errors of the JSON API as RFC 9457 problem details (application/problem+json): the
 * status, a stable `code` (lib/errors.ts, plus the two body refusals that have no
 * AppError), the catalogue key of the message and its English text, and for 422 every
 * field with its key and English text. Never a stack trace or SQL (design.md §7):
 * anything unexpected is logged and answered as a plain INTERNAL. The database or the
 * S3 store unreachable is 503 UNAVAILABLE saying which, with Retry-After.
 */
import "server-only";
import type { Logger } from "pino";
import { AppError, errorMessageKey, fromDatabaseError, UNAVAILABLE_RETRY_AFTER_SECONDS } from "@/lib/errors";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import en from "@/messages/en.json";
import type { ProblemCode } from "./problem-codes";

/** A field's message: its catalogue key (for clients with their own words) and the English text. */
export type ProblemField = { key: string; message: string };

export type Problem = {
  type: "about:blank";
  title: string;
  status: number;
  code: ProblemCode;
  detail: string;
  messageKey: string;
  fields?: Record<string, ProblemField>;
  requestId?: string;
};

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** The generic text of an unknown or unresolvable key. */
export const INVALID_VALUE_MESSAGE = "apiTokens.api.invalidValue";

/** The English text of a catalogue key, or null when the key names no plain message. */
export function englishText(key: string): string | null {
  let node: unknown = en;
  for (const part of key.split(".")) {
    if (node === null || typeof node !== "object") return null;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : null;
}

/** A field message as the API shows it: a known key keeps its text; anything else becomes the generic one. */
export function problemField(key: string): ProblemField {
  const text = englishText(key);
  return text !== null ? { key, message: text } : { key: INVALID_VALUE_MESSAGE, message: englishText(INVALID_VALUE_MESSAGE)! };
}

/** Refusals of a request body that have no AppError: 413 and 415. */
export class BodyProblem extends Error {
  constructor(
    readonly status: 413 | 415,
    readonly code: "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE",
    readonly messageKey: string,
  ) {
    super(`${status} ${code}`);
    this.name = "BodyProblem";
  }
}

export function problemResponse(
  status: number,
  code: ProblemCode,
  messageKey: string,
  {
    fields,
    headers = {},
    requestId,
  }: { fields?: Record<string, string>; headers?: Record<string, string>; requestId?: string | null } = {},
): Response {
  const body: Problem = {
    type: "about:blank",
    title: TITLES[status] ?? "Error",
    status,
    code,
    detail: englishText(messageKey) ?? englishText(errorMessageKey("INTERNAL"))!,
    messageKey,
    ...(fields ? { fields: Object.fromEntries(Object.entries(fields).map(([field, key]) => [field, problemField(key)])) } : {}),
    ...(requestId ? { requestId } : {}),
  };
  return Response.json(body, {
    status,
    headers: { "Cache-Control": "no-store", ...headers, "Content-Type": "application/problem+json" },
  });
}

const WWW_AUTHENTICATE = 'Bearer realm="Weidesk API"';

/** The problem response for anything a handler threw; unexpected errors are logged first. */
export function problemFor(error: unknown, request: Request, log: Logger): Response {
  const requestId = request.headers.get(REQUEST_ID_HEADER);
  if (error instanceof BodyProblem) return problemResponse(error.status, error.code, error.messageKey, { requestId });

  const appError = error instanceof AppError ? error : fromDatabaseError((error as { cause?: unknown })?.cause ?? error);
  if (appError.code === "INTERNAL") {
    log.error({ err: { message: error instanceof Error ? error.message : String(error) } }, "API request failed");
  } else if (appError.code === "UNAVAILABLE") {
    // The connection's own error, not the failed statement's text with its parameters.
    log.error({ err: { message: appError.message } }, "API request failed: a service is unavailable");
  }
  const fields = appError.details.fields as Record<string, string> | undefined;
  const messageKey =
    typeof appError.details.messageKey === "string" && englishText(appError.details.messageKey) !== null
      ? appError.details.messageKey
      : errorMessageKey(appError.code);
  const headers: Record<string, string> = {};
  if (appError.code === "UNAUTHENTICATED") {
    // RFC 6750 §3: an error code only when a credential was sent.
    headers["WWW-Authenticate"] = appError.details.tokenPresented ? `${WWW_AUTHENTICATE}, error="invalid_token"` : WWW_AUTHENTICATE;
  }
  // The database or the store is down (errors.unavailable.<service> says which): try again shortly.
  if (appError.code === "UNAVAILABLE") headers["Retry-After"] = String(UNAVAILABLE_RETRY_AFTER_SECONDS);
  if (appError.code === "UNIQUE_VIOLATION" && typeof appError.details.field === "string") {
    return problemResponse(appError.status, appError.code, messageKey, {
      fields: { [appError.details.field]: errorMessageKey("UNIQUE_VIOLATION") },
      requestId,
    });
  }
  return problemResponse(appError.status, appError.code, messageKey, { fields, headers, requestId });
}
