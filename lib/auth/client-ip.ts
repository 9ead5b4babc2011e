/**
 * The client's IP (design.md §2): from X-Forwarded-For only as far as TRUST_PROXY says
 * how many proxy hops to trust, counted from the right (each trusted proxy appends the
 * address it received the request from; anything further left could be made up by the
 * client). With no TRUST_PROXY the app cannot tell, and per-IP limits are off.
 */
import { isIP } from "node:net";

export function clientIp(headers: Headers, trustProxy: number | undefined): string | null {
  if (!trustProxy) return null;
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const candidate = hops.length >= trustProxy ? hops[hops.length - trustProxy] : undefined;
  return candidate && isIP(candidate) ? candidate : null;
}
