/**
 * GET /api/health reports each dependency: s3rver is taken down through the e2e
 * server's control endpoint and brought back.
 */
import { controlS3 } from "./support/control";
import { expect, test } from "./fixtures";

test.describe("GET /api/health", () => {
  // The control endpoint drives the s3rver the e2e server started; a real S3 can't be switched off.
  test.skip(!!process.env.S3_ENDPOINT, "S3_ENDPOINT is set: no s3rver to take down");

  test.afterEach(async () => {
    // Whatever happened, leave S3 up for the specs after this one.
    await controlS3("start");
  });

  test("is ok when everything is up, 503 problem+json naming s3 when it is down, ok again after", async ({
    request,
  }) => {
    const healthy = await request.get("/api/health");
    expect(healthy.status()).toBe(200);
    expect(healthy.headers()["cache-control"]).toContain("no-store");
    expect(await healthy.json()).toMatchObject({ status: "ok" });

    await controlS3("stop");
    await expect
      .poll(async () => (await request.get("/api/health")).status(), { timeout: 5_000, intervals: [100, 250, 500] })
      .toBe(503);
    const down = await request.get("/api/health");
    expect(down.status()).toBe(503);
    expect(down.headers()["content-type"]).toMatch(/^application\/problem\+json/);
    const problem = await down.json();
    expect(problem).toMatchObject({ status: 503, down: ["s3"] });
    expect(problem.down).toEqual(["s3"]);
    expect(JSON.stringify(problem), "no connection details in a public answer").not.toMatch(/127\.0\.0\.1|postgres(ql)?:\/\//);

    await controlS3("start");
    await expect
      .poll(async () => (await request.get("/api/health")).status(), { timeout: 5_000, intervals: [100, 250, 500] })
      .toBe(200);
    expect(await (await request.get("/api/health")).json()).toMatchObject({ status: "ok" });
  });
});
