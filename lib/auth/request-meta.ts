/**
 * What server actions need to know about their request: the client IP (for throttles,
 * only as TRUST_PROXY allows; lib/auth/client-ip.ts) and the request id (for the
 * audit log), from the headers proxy.ts set.
 */
import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { REQUEST_ID_HEADER } from "@/lib/logger";
import { clientIp } from "./client-ip";

export async function requestMeta(): Promise<{ ip: string | null; requestId: string | null }> {
  const list = await headers();
  return { ip: clientIp(list, env().TRUST_PROXY), requestId: list.get(REQUEST_ID_HEADER) };
}
