/**
 * What a server action answers (style.md: errors are values at the boundary). A server
 * action is a public endpoint: it checks the member and permission itself and returns
 * either data or a refusal the form can show — a code, a message key for the whole
 * form, and message keys per field. Never a stack trace or SQL.
 */
import "server-only";
import { unstable_rethrow } from "next/navigation";
import { AppError, errorMessageKey, fromDatabaseError, type AppErrorCode } from "@/lib/errors";
import { logger } from "@/lib/logger";

export type ActionFailure = {
  ok: false;
  code: AppErrorCode;
  /** A catalogue key for the form-level message. */
  message: string;
  /** Catalogue keys per field. */
  fields?: Record<string, string>;
};
export type ActionResult<T = null> = { ok: true; data: T } | ActionFailure;

/** Database refusals that have a message of their own (the triggers of 0006_members.sql). */
const constraintMessages: Record<string, { code: AppErrorCode; message: string; field?: string }> = {
  memberships_agency_keeps_owner: { code: "CONFLICT", message: "memberForms.errors.ownerProtected" },
  memberships_nothing_assigned_when_offboarded: {
    code: "VALIDATION",
    message: "memberForms.errors.reassignRequired",
    field: "reassignTo",
  },
  assignee_is_active_member: { code: "VALIDATION", message: "memberForms.errors.reassignInvalid", field: "reassignTo" },
};

/** The refusal for `error`; unexpected errors are logged and become INTERNAL. */
export function failureOf(error: unknown): ActionFailure {
  const pgError = ((error as { cause?: unknown })?.cause ?? error) as { code?: string; constraint?: string };
  const known = pgError?.constraint ? constraintMessages[pgError.constraint] : undefined;
  if (known && (pgError.code === "23514" || pgError.code === "23503")) {
    return { ok: false, code: known.code, message: known.message, ...(known.field ? { fields: { [known.field]: known.message } } : {}) };
  }
  const appError = error instanceof AppError ? error : fromDatabaseError((error as { cause?: unknown })?.cause ?? error);
  if (appError.code === "INTERNAL") {
    logger.error({ err: { message: error instanceof Error ? error.message : String(error) } }, "server action failed");
  }
  const fields = appError.details.fields as Record<string, string> | undefined;
  const messageKey = typeof appError.details.messageKey === "string" ? appError.details.messageKey : undefined;
  return {
    ok: false,
    code: appError.code,
    message: messageKey ?? (fields ? errorMessageKey("VALIDATION") : errorMessageKey(appError.code)),
    ...(fields ? { fields } : {}),
  };
}

/**
 * An action's argument as text for a service that checks it, or "" (which is no id, no
 * name) when it is not a string: String() of a client's object can throw ("Cannot convert
 * object to primitive value"), which would be a server error instead of a refusal.
 */
export function textArgument(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/**
 * Runs `work` and turns what it throws into an ActionFailure. Next's own control flow
 * (redirect(), notFound() from requireMembership) passes through untouched.
 */
export async function runAction<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    unstable_rethrow(error);
    return failureOf(error);
  }
}
