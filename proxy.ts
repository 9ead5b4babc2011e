import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextMiddleware, type NextRequest } from "next/server";
import { authConfig } from "@/lib/auth/config";
import { isPublicPath, REQUEST_PATH_HEADER, signInPath } from "@/lib/auth/paths";

const REQUEST_ID_HEADER = "x-request-id";
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The path and query a server component may send people back to (without the router's _rsc marker). */
function pathWithSearch(url: URL): string {
  const search = new URLSearchParams(url.search);
  search.delete("_rsc");
  const query = search.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

/**
 * Gives every request an id that the logs and the response carry. A well-formed id
 * from an upstream proxy is kept so one request can be followed across hops. Pages
 * also get the path they were asked for (REQUEST_PATH_HEADER), overwriting any sent.
 */
function forward(request: NextRequest, redirectTo?: string): NextResponse {
  const incoming = request.headers.get(REQUEST_ID_HEADER);
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  let response: NextResponse;
  if (redirectTo) {
    response = NextResponse.redirect(new URL(redirectTo, request.nextUrl));
  } else {
    const headers = new Headers(request.headers);
    headers.set(REQUEST_ID_HEADER, requestId);
    headers.set(REQUEST_PATH_HEADER, pathWithSearch(request.nextUrl));
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set(REQUEST_ID_HEADER, requestId);
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
  // Route handlers answer for themselves (sign-in sets the cookie, sign-out clears it).
  if (request.nextUrl.pathname.startsWith("/api/")) return forward(request);
  const response = await withSession(request, event);
  return response ? renewOnPageLoadOnly(request, response) : response;
}

export const config = {
  // Static assets need no id.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
