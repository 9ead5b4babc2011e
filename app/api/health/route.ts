import { checkHealth } from "@/lib/health";
import { requestLogger } from "@/lib/logger";

// Always live: a cached answer would hide an outage.
export const dynamic = "force-dynamic";

/**
 * 200 when the database and S3 answer; 503 as problem+json naming what is down.
 * Public on purpose (load balancers call it): it says what is down, never why in detail.
 */
export async function GET(request: Request) {
  const report = await checkHealth();
  const headers = { "Cache-Control": "no-store" };
  if (report.ok) {
    return Response.json({ status: "ok", checks: report.checks }, { headers });
  }
  requestLogger(request.headers).warn({ down: report.down, checks: report.checks }, "health check failed");
  return Response.json(
    {
      type: "about:blank",
      title: "Service Unavailable",
      status: 503,
      detail: `Unreachable: ${report.down.join(", ")}`,
      down: report.down,
      checks: report.checks,
    },
    { status: 503, headers: { ...headers, "Content-Type": "application/problem+json", "Retry-After": "5" } },
  );
}
