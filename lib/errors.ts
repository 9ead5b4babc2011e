/**
 * One error type for everything a user may be told (style.md, after documenso): a
 * code that maps to an HTTP status and to a message key in both languages, apart
 * from the internal message that only the logs see. No SQL or stack trace reaches a user.
 */
import { UNSTORABLE_TEXT_MESSAGE } from "@/lib/validation/text";

export const appErrorCodes = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STALE_VERSION: 409,
  ID_CAP_REACHED: 409,
  UNIQUE_VIOLATION: 409,
  VALIDATION: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type AppErrorCode = keyof typeof appErrorCodes;

export class AppError extends Error {
  readonly status: number;
  /**
   * What Next sends the browser for an error thrown while rendering a page (it keeps a
   * digest already there): set for UNAVAILABLE only, so the error page can say which
   * service is down (UNAVAILABLE_DIGEST_PREFIX). Other errors get Next's opaque hash.
   */
  readonly digest?: string;

  constructor(
    readonly code: AppErrorCode,
    /** For the logs; users see the catalogue text for `code` (errors.codes.<code>). */
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AppError";
    this.status = appErrorCodes[code];
    if (code === "UNAVAILABLE" && isUnavailableService(details.service)) this.digest = `${UNAVAILABLE_DIGEST_PREFIX}${details.service}`;
  }
}

/** The message key users see for an error code. */
export function errorMessageKey(code: AppErrorCode): `errors.codes.${AppErrorCode}` {
  return `errors.codes.${code}`;
}

type PgError = { code?: string; constraint?: string };

/**
 * Which form field a per-agency unique constraint belongs to, so a 23505 becomes a
 * neutral message next to that field ("already in use in this agency") rather than a
 * database error. Other agencies' rows never collide: every unique is per agency.
 */
export const uniqueConstraintFields: Record<string, string> = {
  client_companies_uscc_key: "uscc",
  people_id_number_key: "idNumber",
  memberships_agency_user_key: "email",
  agencies_slug_key: "slug",
  users_email_key: "email",
  official_accounts_registration_key: "registrationId",
  wecom_corps_registration_key: "registrationId",
};

/**
 * A database error as an AppError: a unique violation (23505) becomes a neutral
 * UNIQUE_VIOLATION naming the constraint (forms map it to a field message); anything
 * else is INTERNAL, with the detail kept for the logs only.
 */
export function fromDatabaseError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const pgError = (error ?? {}) as PgError;
  if (pgError.code === "23505") {
    return new AppError("UNIQUE_VIOLATION", `unique violation on ${pgError.constraint}`, {
      constraint: pgError.constraint,
      field: pgError.constraint ? uniqueConstraintFields[pgError.constraint] : undefined,
    });
  }
  if (pgError.code === "40001" || pgError.code === "40P01") {
    return new AppError("CONFLICT", `serialization failure ${pgError.code}`);
  }
  // Text PostgreSQL cannot store (NUL, a lone surrogate in jsonb) or a value of the wrong
  // form for its column: the input's fault, refused with the whole write rolled back
  // (lib/validation/text.ts refuses most of it before; this is for whatever gets past).
  if (pgError.code === "22021" || pgError.code === "22P05" || pgError.code === "22P02") {
    return new AppError("VALIDATION", `input the database cannot store (${pgError.code})`, { messageKey: UNSTORABLE_TEXT_MESSAGE });
  }
  const service = unavailableService(error);
  if (service) return unavailableError(service, error);
  return new AppError("INTERNAL", error instanceof Error ? error.message : String(error));
}

/* ------------------------------------------------------------ a service down */

/** What can be down: PostgreSQL, or the S3 store. */
export const unavailableServices = ["database", "storage"] as const;
export type UnavailableService = (typeof unavailableServices)[number];

/** The digest of a page's UNAVAILABLE error: this, then the service (components/error-view.tsx reads it). */
export const UNAVAILABLE_DIGEST_PREFIX = "weidesk-unavailable:";

/** Seconds a client should wait before trying again (Retry-After of a 503). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

function isUnavailableService(value: unknown): value is UnavailableService {
  return (unavailableServices as readonly unknown[]).includes(value);
}

// A connection refused, reset or timed out, or a name that does not resolve.
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "ECONNABORTED"]);
// SQLSTATE: 08 connection exception, 57P01-57P03 admin / crash shutdown and "cannot connect now", 53300 too many connections.
const PG_UNAVAILABLE = /^(08...|57P0[1-3]|53300)$/;
// node-postgres' own words for a connection lost or never made (they carry no code).
const PG_CONNECTION_LOST =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable)/;

type Failure = { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown; $metadata?: { httpStatusCode?: number } };

/** `error`, its causes and an AggregateError's errors, outermost first (at most a few levels deep). */
function failureChain(error: unknown): Failure[] {
  const chain: Failure[] = [];
  const visit = (value: unknown, depth: number) => {
    if (!value || typeof value !== "object" || depth > 4 || chain.includes(value as Failure)) return;
    chain.push(value as Failure);
    visit((value as Failure).cause, depth + 1);
    if (Array.isArray((value as Failure).errors)) for (const inner of (value as Failure).errors as unknown[]) visit(inner, depth + 1);
  };
  visit(error, 0);
  return chain;
}

/**
 * The service `error` says is unreachable, or null when it is an ordinary failure: the
 * S3 client's errors carry `$metadata` (a network error, a timeout, or a 5xx answer of
 * the store); anything else unreachable is the database (a refused or lost connection,
 * the pool's connect timeout, or PostgreSQL shutting down or starting up).
 */
export function unavailableService(error: unknown): UnavailableService | null {
  const chain = failureChain(error);
  const fromStorage = chain.some((failure) => failure.$metadata !== undefined);
  const unreachable = chain.some(
    (failure) =>
      (typeof failure.code === "string" && (NETWORK_CODES.has(failure.code) || (!fromStorage && PG_UNAVAILABLE.test(failure.code)))) ||
      (!fromStorage && typeof failure.message === "string" && PG_CONNECTION_LOST.test(failure.message)) ||
      (fromStorage && (failure.name === "TimeoutError" || (failure.$metadata?.httpStatusCode ?? 0) >= 500)),
  );
  if (!unreachable) return null;
  return fromStorage ? "storage" : "database";
}

/**
 * UNAVAILABLE (503) naming the service: errors.unavailable.<service> for users; for the
 * logs, the innermost cause's message (the connection's, never a failed statement's text
 * with its parameters).
 */
export function unavailableError(service: UnavailableService, error: unknown): AppError {
  const innermost = failureChain(error).findLast((failure) => typeof failure.message === "string");
  return new AppError("UNAVAILABLE", `${service} unavailable: ${innermost ? String(innermost.message) : String(error)}`, {
    service,
    messageKey: `errors.unavailable.${service}`,
  });
}

/**
 * For code that renders pages (they have no error mapping of their own): `error` as
 * UNAVAILABLE when it says a service is unreachable, else `error` itself, to be thrown.
 */
export function unavailableOr(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const service = unavailableService(error);
  return service ? unavailableError(service, error) : error;
}
