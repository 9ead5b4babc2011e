/**
 * GET /api/health against real services: a private s3rver that this file stops and
 * starts again, and the worker's real database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/lib/embedded/ports";
import { startEmbeddedS3, type RunningS3 } from "@/lib/embedded/s3";
import { resetAppState } from "@/lib/testing/app-state";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "weidesk-health-"));
let s3: RunningS3 | undefined;
let port: number;

function startS3() {
  return startEmbeddedS3({ directory: dir, port, bucket: "weidesk-health", allowedOrigins: [] });
}


async function getHealth() {
  const { GET } = await import("@/app/api/health/route");
  const response = await GET(new Request("http://localhost/api/health"));
  return { status: response.status, type: response.headers.get("content-type"), body: await response.json() };
}

beforeAll(async () => {
  port = await freePort();
  s3 = await startS3();
  process.env.S3_ENDPOINT = s3.endpoint;
  process.env.S3_BUCKET = s3.bucket;
  await resetAppState();
});

afterAll(async () => {
  await s3?.stop();
  await resetAppState();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("GET /api/health", () => {
  it("answers 200 when the database and S3 answer", async () => {
    const { status, body } = await getHealth();
    expect(status).toBe(200);
    expect(body.status).toBe("ok");
    expect(body.checks.database.ok).toBe(true);
    expect(body.checks.s3.ok).toBe(true);
  });

  it("answers 503 naming S3 while S3 is down, and 200 once it is back", async () => {
    await s3!.stop();
    s3 = undefined;
    const down = await getHealth();
    expect(down.status).toBe(503);
    expect(down.type).toBe("application/problem+json");
    expect(down.body.down).toEqual(["s3"]);
    expect(down.body.detail).toBe("Unreachable: s3");
    expect(down.body.checks.database.ok).toBe(true);

    s3 = await startS3();
    const up = await getHealth();
    expect(up.status).toBe(200);
  });

  it("answers 503 naming the database when it cannot be reached, without leaking the URL", async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `postgresql://nobody:topsecret@127.0.0.1:${await freePort()}/nothing`;
    await resetAppState();
    try {
      const { status, body } = await getHealth();
      expect(status).toBe(503);
      expect(body.down).toEqual(["database"]);
      expect(body.checks.database.error).toBe("ECONNREFUSED");
      expect(JSON.stringify(body)).not.toContain("topsecret");
    } finally {
      process.env.DATABASE_URL = saved;
      await resetAppState();
    }
  });
});
