import { describe, expect, it } from "vitest";
import { AppError, appErrorCodes, errorMessageKey, fromDatabaseError, unavailableOr, unavailableService } from "./errors";

describe("AppError", () => {
  it("maps each code to its HTTP status", () => {
    expect(new AppError("NOT_FOUND", "x").status).toBe(404);
    expect(new AppError("ID_CAP_REACHED", "x").status).toBe(409);
    expect(new AppError("VALIDATION", "x").status).toBe(422);
    expect(Object.values(appErrorCodes).every((status) => status >= 400 && status < 600)).toBe(true);
  });

  it("points users at a catalogue key, never at the internal message", () => {
    expect(errorMessageKey("STALE_VERSION")).toBe("errors.codes.STALE_VERSION");
  });
});

describe("fromDatabaseError", () => {
  it("turns a per-agency unique violation into a neutral field error", () => {
    const error = fromDatabaseError({ code: "23505", constraint: "client_companies_uscc_key", detail: "Key (agency_id, uscc)=(…)" });
    expect(error).toMatchObject({ code: "UNIQUE_VIOLATION", status: 409, details: { field: "uscc" } });
    expect(JSON.stringify(error.details)).not.toContain("Key (");
  });

  it("keeps serialization failures retryable and hides everything else", () => {
    expect(fromDatabaseError({ code: "40001" }).code).toBe("CONFLICT");
    const internal = fromDatabaseError(new Error('relation "x" does not exist'));
    expect(internal.code).toBe("INTERNAL");
    expect(internal.status).toBe(500);
  });

  it("passes an AppError through unchanged", () => {
    const original = new AppError("FORBIDDEN", "no");
    expect(fromDatabaseError(original)).toBe(original);
  });
});

describe("unavailableService", () => {
  it("names the database for a refused connection, PostgreSQL shutting down or starting, and a lost connection", () => {
    expect(unavailableService(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe("database");
    expect(unavailableService({ code: "57P01", message: "terminating connection due to administrator command" })).toBe("database");
    expect(unavailableService({ code: "57P03", message: "the database system is starting up" })).toBe("database");
    expect(unavailableService({ code: "08006" })).toBe("database");
    expect(unavailableService(new Error("Connection terminated unexpectedly"))).toBe("database");
    // drizzle wraps the driver's error as its cause
    expect(unavailableService(new Error("Failed query: select 1", { cause: { code: "57P01" } }))).toBe("database");
  });

  it("names storage for the S3 client's network errors, timeouts and 5xx answers", () => {
    expect(unavailableService(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED", $metadata: { attempts: 2 } }))).toBe("storage");
    expect(unavailableService(Object.assign(new Error("timed out"), { name: "TimeoutError", $metadata: {} }))).toBe("storage");
    expect(unavailableService(Object.assign(new Error("SlowDown"), { $metadata: { httpStatusCode: 503 } }))).toBe("storage");
  });

  it("leaves ordinary failures alone", () => {
    expect(unavailableService({ code: "23505" })).toBeNull();
    expect(unavailableService({ code: "57014", message: "canceling statement due to statement timeout" })).toBeNull();
    expect(unavailableService(Object.assign(new Error("NoSuchKey"), { $metadata: { httpStatusCode: 404 } }))).toBeNull();
    expect(unavailableService(new Error('relation "x" does not exist'))).toBeNull();
  });

  it("makes a 503 AppError naming the service, with the digest the error page reads", () => {
    const error = fromDatabaseError({ code: "57P03" });
    expect(error).toMatchObject({ code: "UNAVAILABLE", status: 503, details: { service: "database", messageKey: "errors.unavailable.database" } });
    expect(error.digest).toBe("weidesk-unavailable:database");
    expect(unavailableOr(new Error("plain"))).toBeInstanceOf(Error);
    expect(new AppError("INTERNAL", "x").digest).toBeUndefined();
  });
});
