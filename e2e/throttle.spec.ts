/**
 * Sign-in throttling through the real route handler (issue 5): the e2e server trusts one
 * proxy hop (TRUST_PROXY=1), and this spec plays that proxy with X-Forwarded-For.
 * Other specs send no such header, so the pairs blocked here never touch them.
 */
import { request as playwrightRequest } from "@playwright/test";
import { demoPassword, expect, test } from "./fixtures";
import { demoUser } from "./support/users";

test("the 11th bad password from one IP gets 429 with Retry-After, while the same e-mail from another IP signs in", async ({}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  const context = await playwrightRequest.newContext({ baseURL });
  const email = demoUser("admin").email;
  const attempt = (password: string, ip: string) =>
    context.post("/api/auth/sign-in", {
      data: { email, password },
      headers: { Origin: new URL(baseURL).origin, "X-Forwarded-For": ip },
      maxRedirects: 0,
    });
  try {
    for (let i = 1; i <= 10; i += 1) {
      expect((await attempt(`wrong password ${i}`, "203.0.113.50")).status(), `attempt ${i}`).toBe(401);
    }
    const blocked = await attempt("wrong password 11", "203.0.113.50");
    expect(blocked.status()).toBe(429);
    expect(blocked.headers()["content-type"]).toContain("application/problem+json");
    const retryAfter = Number(blocked.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThan(850);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // Even the right password waits out the block from that IP…
    expect((await attempt(demoPassword(), "203.0.113.50")).status()).toBe(429);
    // …but the account is not locked: from another IP it signs in.
    expect((await attempt(demoPassword(), "203.0.113.51")).status()).toBe(200);
  } finally {
    await context.dispose();
  }
});
