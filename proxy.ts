import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextMiddleware, type NextRequest } from "next/server";
import { authConfig } from "@/lib/auth/config";
import { checkSameOrigin } from "@/lib/auth/origin";
import { isPublicPath, REQUEST_PATH_HEADER, signInPath } from "@/lib/auth/paths";
import { env } from "@/lib/env";
import {
  API_CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  newNonce,
  NONCE_HEADER,
  securityHeaders,
} from "@/lib/security/headers";

const REQUEST_ID_HEADER = "x-request-id";
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The path and query a server component may send people back to (without the router's _rsc marker). */
function pathWithSearch(url: URL): string {
  const search = new URLSearchParams(url.search);
  search.delete("_rsc");
  const query = search.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

/** The origin browsers upload to and download from (S3), for the CSP; none when unset or unparsable. */
function storageOrigin(): string | null {
  try {
    const endpoint = env().S3_ENDPOINT;
    return endpoint ? new URL(endpoint).origin : null;
  } catch {
    return null;
  }
}

/**
 * Gives every request an id that the logs and the response carry. A well-formed id
 * from an upstream proxy is kept so one request can be followed across hops. Pages
 * also get the path they were asked for (REQUEST_PATH_HEADER), overwriting any sent,
 * and a fresh CSP nonce: Next.js puts it on its own scripts when the request carries
 * the policy, and app/layout.tsx reads it for the theme script.
 */
function forward(request: NextRequest, redirectTo?: string): NextResponse {
  const incoming = request.headers.get(REQUEST_ID_HEADER);
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  const api = request.nextUrl.pathname.startsWith("/api/");
  const nonce = newNonce();
  const csp = api
    ? API_CONTENT_SECURITY_POLICY
    : contentSecurityPolicy({ nonce, development: process.env.NODE_ENV === "development", storageOrigin: storageOrigin() });
  let response: NextResponse;
  if (redirectTo) {
    response = NextResponse.redirect(new URL(redirectTo, request.nextUrl));
  } else {
    const headers = new Headers(request.headers);
    headers.set(REQUEST_ID_HEADER, requestId);
    headers.set(REQUEST_PATH_HEADER, pathWithSearch(request.nextUrl));
    headers.set(NONCE_HEADER, nonce);
    headers.set("Content-Security-Policy", csp);
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set(REQUEST_ID_HEADER, requestId);
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(securityHeaders())) response.headers.set(name, value);
  return response;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every route handler that a browser's cookie could authenticate refuses a write from
 * another site (design.md §7): non-GET requests under /api/ must come from this origin
 * (Origin, or Sec-Fetch-Site). Bearer-token API calls carry no cookie authority and are
 * exempt. The handler never runs, so nothing is written.
 */
function refuseCrossSiteWrite(request: NextRequest): NextResponse | null {
  if (SAFE_METHODS.has(request.method) || !request.nextUrl.pathname.startsWith("/api/")) return null;
  if (/^Bearer\s/i.test(request.headers.get("authorization") ?? "")) return null;
  const verdict = checkSameOrigin(request.headers, env().APP_URL);
  if (verdict.ok) return null;
  const response = NextResponse.json(
    { type: "about:blank", title: "Forbidden", status: 403, code: "FORBIDDEN", detail: "This request did not come from this site." },
    { status: 403, headers: { "Content-Type": "application/problem+json" } },
  );
  response.headers.set("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
  for (const [name, value] of Object.entries(securityHeaders())) response.headers.set(name, value);
  return response;
}

/**
 * Pages: Auth.js reads the session cookie and re-issues it (on page loads, see below),
 * so it lapses only after SESSION_IDLE_SECONDS without a visit; a visitor with no session is sent to sign-in
 * before anything renders. This is the optimistic check only: pages still call
 * requireUser / requireMembership, which check the session against the database.
 *
 * Written as Auth.js's `authorized` callback with `auth` used as the proxy itself (its
 * documented form): with a lazily built configuration, `auth(handler)` would hand back
 * a promise instead of a handler.
 */
const { auth } = NextAuth(() => {
  const config = authConfig();
  return {
    ...config,
    callbacks: {
      ...config.callbacks,
      authorized: ({ request, auth: session }) =>
        !session && !isPublicPath(request.nextUrl.pathname)
          ? forward(request, signInPath({ next: pathWithSearch(request.nextUrl) }))
          : forward(request),
    },
  };
});
const withSession = auth as unknown as NextMiddleware;

const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?=/;

/**
 * Only a page load renews the session cookie, and the proxy sets no other (Auth.js
 * would add a CSRF cookie nobody uses). Prefetches and client-side navigations that
 * are still in flight when the user signs out must not bring the cookie back.
 */
function renewOnPageLoadOnly(request: NextRequest, response: Response): Response {
  const cookies = response.headers.getSetCookie();
  if (cookies.length === 0) return response;
  const pageLoad =
    request.headers.get("sec-fetch-dest") === "document" && !request.headers.has("rsc") && !request.headers.has("next-router-prefetch");
  response.headers.delete("set-cookie");
  for (const cookie of cookies) {
    if (pageLoad && SESSION_COOKIE.test(cookie)) response.headers.append("set-cookie", cookie);
  }
  return response;
}

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  const refused = refuseCrossSiteWrite(request);
  if (refused) return refused;
  // Route handlers answer for themselves (sign-in sets the cookie, sign-out clears it).
  if (request.nextUrl.pathname.startsWith("/api/")) return forward(request);
  const response = await withSession(request, event);
  return response ? renewOnPageLoadOnly(request, response) : response;
}

export const config = {
  // Static assets need no id.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
