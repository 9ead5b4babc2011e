/**
 * Reachability of what Weidesk depends on, for GET /api/health and load balancers.
 * Each probe has its own deadline so one hanging service cannot hide the other.
 */
import "server-only";
import { HeadBucketCommand } from "@aws-sdk/client-s3";
import { pool } from "@/db/client";
import { bucket, s3 } from "@/lib/storage/s3";

export type ServiceName = "database" | "s3";
export type ServiceCheck = { ok: true; latencyMs: number } | { ok: false; latencyMs: number; error: string };
export type HealthReport = { ok: boolean; down: ServiceName[]; checks: Record<ServiceName, ServiceCheck> };

export const HEALTH_TIMEOUT_MS = 2_000;

type Probe = (signal: AbortSignal) => Promise<void>;

const probes: Record<ServiceName, Probe> = {
  database: async () => {
    // query_timeout on the pool bounds this; a plain round trip is the whole check.
    await pool().query("select 1");
  },
  s3: async (signal) => {
    await s3().send(new HeadBucketCommand({ Bucket: bucket() }), { abortSignal: signal });
  },
};

async function runProbe(probe: Probe): Promise<ServiceCheck> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no answer within ${HEALTH_TIMEOUT_MS} ms`));
    }, HEALTH_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(controller.signal), timeout]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: describe(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** A short, safe reason: an error class or code, never a connection string or a stack. */
function describe(error: unknown): string {
  if (error && typeof error === "object") {
    const code = "code" in error && typeof error.code === "string" ? error.code : undefined;
    const name = "name" in error && typeof error.name === "string" ? error.name : undefined;
    const errors = "errors" in error && Array.isArray(error.errors) ? error.errors : undefined;
    const nestedCode = errors?.find((e) => e && typeof e.code === "string")?.code as string | undefined;
    if (error instanceof Error && error.message.startsWith("no answer within")) return error.message;
    return code ?? nestedCode ?? (name && name !== "Error" ? name : "unreachable");
  }
  return "unreachable";
}

export async function checkHealth(): Promise<HealthReport> {
  const names = Object.keys(probes) as ServiceName[];
  const results = await Promise.all(names.map((name) => runProbe(probes[name])));
  const checks = Object.fromEntries(names.map((name, i) => [name, results[i]])) as HealthReport["checks"];
  const down = names.filter((name) => !checks[name].ok);
  return { ok: down.length === 0, down, checks };
}
