/**
 * One error type for everything a user may be told (style.md, after documenso): a
 * code that maps to an HTTP status and to a message key in both languages, apart
 * from the internal message that only the logs see. No SQL or stack trace reaches a user.
 */
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

  constructor(
    readonly code: AppErrorCode,
    /** For the logs; users see the catalogue text for `code` (errors.codes.<code>). */
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AppError";
    this.status = appErrorCodes[code];
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
  return new AppError("INTERNAL", error instanceof Error ? error.message : String(error));
}
