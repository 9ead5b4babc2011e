import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const valid = {
  DATABASE_URL: "postgresql://weidesk:secret@127.0.0.1:5432/weidesk",
  S3_BUCKET: "weidesk-documents",
  S3_ACCESS_KEY_ID: "key",
  S3_SECRET_ACCESS_KEY: "very-secret-value",
  AUTH_SECRET: "a-secret-of-at-least-thirty-two-characters",
  PII_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}`,
  PII_HMAC_KEY: Buffer.alloc(32, 2).toString("base64"),
  MAIL_OUTBOX: "1",
};

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error("expected parseEnv to refuse");
}

describe("parseEnv", () => {
  it("accepts a minimal environment and fills the defaults", () => {
    const env = parseEnv(valid);
    expect(env.DATABASE_POOL_MAX).toBe(10);
    expect(env.S3_REGION).toBe("us-east-1");
    expect(env.S3_FORCE_PATH_STYLE).toBe(false);
    expect(env.TEST_CLOCK).toBe(false);
    expect(env.TRUST_PROXY).toBeUndefined();
  });

  it("names each missing variable", () => {
    const problems = problemsOf({ S3_BUCKET: "weidesk-documents" });
    expect(problems).toEqual(
      expect.arrayContaining([
        "DATABASE_URL is missing",
        "S3_ACCESS_KEY_ID is missing",
        "S3_SECRET_ACCESS_KEY is missing",
        "AUTH_SECRET is missing",
        "PII_KEYS is missing",
      ]),
    );
  });

  it("names a malformed variable without echoing its value", () => {
    const problems = problemsOf({ ...valid, DATABASE_URL: "mysql://root:hunter2@db/weidesk", DATABASE_POOL_MAX: "-3" });
    expect(problems.some((p) => p.startsWith("DATABASE_URL ") && p.includes("postgres"))).toBe(true);
    expect(problems.some((p) => p.startsWith("DATABASE_POOL_MAX "))).toBe(true);
    expect(problems.join("\n")).not.toContain("hunter2");
  });

  it("treats an empty string as unset", () => {
    expect(problemsOf({ ...valid, S3_ACCESS_KEY_ID: "" })).toEqual(["S3_ACCESS_KEY_ID is missing"]);
    expect(parseEnv({ ...valid, S3_ENDPOINT: "" }).S3_ENDPOINT).toBeUndefined();
  });

  it("reads flags and numbers", () => {
    const env = parseEnv({ ...valid, S3_FORCE_PATH_STYLE: "1", TEST_CLOCK: "true", TRUST_PROXY: "2" });
    expect(env.S3_FORCE_PATH_STYLE).toBe(true);
    expect(env.TEST_CLOCK).toBe(true);
    expect(env.TRUST_PROXY).toBe(2);
    expect(problemsOf({ ...valid, S3_FORCE_PATH_STYLE: "yes" })[0]).toMatch(/^S3_FORCE_PATH_STYLE /);
  });

  it("refuses an invalid bucket name", () => {
    expect(problemsOf({ ...valid, S3_BUCKET: "Weidesk_Docs" })).toEqual(["S3_BUCKET must be a valid bucket name"]);
  });

  it("refuses to start with neither SMTP nor the development outbox", () => {
    const { MAIL_OUTBOX: _, ...withoutMail } = valid;
    expect(problemsOf(withoutMail)).toEqual([
      "SMTP_URL is missing: set it to send mail, or MAIL_OUTBOX=1 to keep mail at /dev/outbox (development only)",
    ]);
    expect(parseEnv({ ...withoutMail, SMTP_URL: "smtp://127.0.0.1:2525" }).SMTP_URL).toBe("smtp://127.0.0.1:2525");
  });

  it("says where to look", () => {
    expect(() => parseEnv({})).toThrow(/See \.env\.example/);
  });
});
