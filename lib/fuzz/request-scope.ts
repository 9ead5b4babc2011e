/**
 * Runs a route handler or a server action the way `next start` does, inside Next's own
 * request scope (the work, work-unit and action async storages its app-route module sets
 * up), so headers(), cookies(), auth(), revalidatePath(), redirect() and notFound() behave
 * as in production, with a real session cookie signed by AUTH_SECRET. Nothing is mocked:
 * the same handler module, the same database and s3rver. Next's control flow is turned into
 * the answer Next gives for it (a redirect: 307 with its Location; notFound(): 404), and
 * anything else a handler throws is the 500 Next would send. For tests only (lib/fuzz).
 */
// First: Next's server sets globalThis.AsyncLocalStorage before its storages are made.
import "next/dist/server/node-environment-baseline.js";
import { encode } from "next-auth/jwt";
import { isRedirectError } from "next/dist/client/components/redirect-error.js";
import {
  getAccessFallbackHTTPStatus,
  isHTTPAccessFallbackError,
} from "next/dist/client/components/http-access-fallback/http-access-fallback.js";
import { actionAsyncStorage } from "next/dist/server/app-render/action-async-storage.external.js";
import { workAsyncStorage } from "next/dist/server/app-render/work-async-storage.external.js";
import { workUnitAsyncStorage } from "next/dist/server/app-render/work-unit-async-storage.external.js";
import { createRequestStoreForAPI } from "next/dist/server/async-storage/request-store.js";
import { createWorkStore } from "next/dist/server/async-storage/work-store.js";
import { getImplicitTags } from "next/dist/server/lib/implicit-tags.js";
import { NextRequest } from "next/server";

/** The session cookie's name on http (lib/auth/config.ts: the __Secure- prefix only on https). */
export const SESSION_COOKIE = "authjs.session-token";

/** A session cookie for `userId` at `sessionVersion`, as Auth.js would set it after sign-in. */
export async function sessionCookie(userId: string, sessionVersion: number, now: number = Date.now()): Promise<string> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is unset: setup-integration has not run");
  const value = await encode({ token: { sub: userId, sv: sessionVersion, sat: now, sen: now }, secret, salt: SESSION_COOKIE });
  return `${SESSION_COOKIE}=${value}`;
}

/** Runs `work` as the body of `request`, in Next's request scope (phase "action", as for route handlers and actions). */
export async function inRequestScope<T>(request: Request, page: string, work: (request: NextRequest) => Promise<T>): Promise<T> {
  const nextRequest = request instanceof NextRequest ? request : new NextRequest(request);
  const implicitTags = await getImplicitTags(page, nextRequest.nextUrl.pathname, null);
  const requestStore = createRequestStoreForAPI(nextRequest, nextRequest.nextUrl, implicitTags, undefined, undefined, undefined);
  const workStore = createWorkStore({
    page,
    renderOpts: {
      cacheLifeProfiles: {},
      staticPageGenerationTimeout: 60,
      // revalidatePath only records its tag here; there is no cache to purge in a test.
      incrementalCache: {} as never,
      cacheComponents: false,
      validationLevel: "none" as never,
      experimental: {},
      waitUntil: undefined,
      onClose: undefined,
      onAfterTaskError: undefined,
    } as never,
    buildId: "fuzz",
    deploymentId: "",
    previouslyRevalidatedTags: [],
  });
  return actionAsyncStorage.run({ isAppRoute: true, isAction: true }, () =>
    workUnitAsyncStorage.run(requestStore, () => workAsyncStorage.run(workStore, () => work(nextRequest))),
  );
}

/** What Next makes of something thrown: a redirect or an HTTP fallback (notFound()), or null for a real error. */
export function controlFlowStatus(error: unknown): { status: number; location?: string } | null {
  if (isRedirectError(error)) {
    const [, , location, status] = error.digest.split(";");
    return { status: Number(status) || 307, location };
  }
  if (isHTTPAccessFallbackError(error)) return { status: getAccessFallbackHTTPStatus(error) };
  return null;
}

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;

/** Calls a route handler as Next would and answers its Response; an uncaught throw is Next's bare 500. */
export async function callRoute(
  handler: Handler,
  page: string,
  request: Request,
  params: Record<string, string>,
): Promise<{ response: Response; thrown?: unknown }> {
  try {
    const response = await inRequestScope(request, page, (nextRequest) => Promise.resolve(handler(nextRequest, { params: Promise.resolve(params) })));
    return { response };
  } catch (error) {
    const flow = controlFlowStatus(error);
    if (flow) return { response: new Response(null, { status: flow.status, headers: flow.location ? { location: flow.location } : {} }) };
    return { response: new Response(null, { status: 500 }), thrown: error };
  }
}
