import { describe, expect, it } from "vitest";
import { AppError, appErrorCodes, errorMessageKey, fromDatabaseError } from "./errors";

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
