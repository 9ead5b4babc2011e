/**
 * Cross-site request forgery defence for cookie-authenticated route handlers that
 * change something (design.md §7): the request must come from a page of this site.
 * Browsers say so with Sec-Fetch-Site (all current ones) and Origin (on every POST);
 * a request with neither is not a browser's and is not let in on a cookie either.
 * Bearer-token API calls do not go through this check (no ambient credentials).
 */

export type OriginVerdict =
  | { ok: true }
  | { ok: false; reason: "cross-site" | "foreign-origin" | "no-origin" };

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * `appUrl` is the public origin (APP_URL); the request's own Host (or the first
 * X-Forwarded-Host) is accepted too, as Next.js does for server actions, so a proxy
 * that keeps the host does not need APP_URL to be exact.
 */
export function checkSameOrigin(headers: Headers, appUrl: string): OriginVerdict {
  const site = headers.get("sec-fetch-site");
  // "same-site" is a sibling subdomain: another application, not this one.
  if (site !== null && site !== "same-origin") return { ok: false, reason: "cross-site" };

  const origin = headers.get("origin");
  if (origin === null) return site === "same-origin" ? { ok: true } : { ok: false, reason: "no-origin" };

  const originHost = hostOf(origin); // "null" (a sandboxed frame, a file) parses to nothing
  const allowed = [
    hostOf(appUrl),
    headers.get("x-forwarded-host")?.split(",")[0]?.trim().toLowerCase(),
    headers.get("host")?.toLowerCase(),
  ].filter((host): host is string => !!host);
  return originHost !== null && allowed.includes(originHost) ? { ok: true } : { ok: false, reason: "foreign-origin" };
}
