/**
 * Structured logs (pino) with a request id on every line of a request, and no
 * personal data: the fields that could carry it are redacted wherever they appear.
 */
import "server-only";
import pino, { type Logger } from "pino";

export const REQUEST_ID_HEADER = "x-request-id";

const REDACTED_KEYS = [
  "password",
  "passwordHash",
  "email",
  "mobile",
  "phone",
  "idNumber",
  "name",
  "token",
  "secret",
  "authorization",
  "cookie",
  "set-cookie",
];

const globalForLogger = globalThis as unknown as { weideskLogger?: Logger };

export const logger: Logger = (globalForLogger.weideskLogger ??= pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "weidesk" },
  redact: {
    paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
    censor: "[redacted]",
  },
}));

/**
 * A child logger carrying the request's id (set by proxy.ts). Route handlers pass
 * `request.headers`; server components and actions pass `await headers()`.
 */
export function requestLogger(requestHeaders: Headers): Logger {
  const requestId = requestHeaders.get(REQUEST_ID_HEADER);
  return requestId ? logger.child({ requestId }) : logger;
}
