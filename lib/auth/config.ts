/**
 * The Auth.js configuration shared by proxy.ts (which only reads and refreshes the
 * session cookie) and lib/auth/next-auth.ts (which adds the Credentials provider and
 * its database lookups). Built lazily, on first use, from the validated environment:
 * `next build` never needs AUTH_SECRET.
 *
 * The session is a JWT (Credentials cannot use database sessions) that carries identity
 * only (design.md §7): `sub` (the user id), `sv` (the session version it was issued
 * under) and `sat` (signed in at, from lib/clock). Role and membership are read from the
 * database per request (lib/auth/session.ts); a bumped session version ends the session.
 */
import type { NextAuthConfig } from "next-auth";
import { clock } from "@/lib/clock";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { SIGN_IN_PATH } from "./paths";
import { SESSION_IDLE_MS, SESSION_IDLE_SECONDS } from "./policy";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    userId?: string;
    sessionVersion?: number;
    signedInAt?: number;
    seenAt?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sv?: number;
    sat?: number;
    /** Last seen, from lib/clock: renewed whenever the cookie is (the idle limit). */
    sen?: number;
  }
}

/** Errors that are a visitor's doing, not the server's: no stack, and not at error level. */
const EXPECTED_ERRORS = new Set(["JWTSessionError", "SessionTokenError"]);

/**
 * Auth.js logs every failed sign-in as an error with a stack (stack-notes §4.16). A
 * wrong password is an answer, not a fault: the route handler logs it at info, so it is
 * dropped here; other errors keep their type and cause message, never a stack.
 */
const authLogger: NonNullable<NextAuthConfig["logger"]> = {
  error(error) {
    const type = "type" in error && typeof error.type === "string" ? error.type : error.name;
    if (type === "CredentialsSignin") return;
    const cause =
      error.cause && typeof error.cause === "object" && "err" in error.cause && error.cause.err instanceof Error
        ? error.cause.err.message
        : undefined;
    const entry = { authError: type, cause };
    if (EXPECTED_ERRORS.has(type)) logger.warn(entry, "session cookie refused");
    else logger.error(entry, "authentication failed");
  },
  warn(code) {
    logger.warn({ authWarning: code }, "auth warning");
  },
  debug() {},
};

export function authConfig(): NextAuthConfig {
  const config = env();
  // Secure cookies (and the __Secure- prefix) whenever the public origin is https.
  const secure = new URL(config.APP_URL).protocol === "https:";
  return {
    secret: config.AUTH_SECRET,
    // Behind a proxy the host comes from the request; APP_URL still decides the cookie flags.
    trustHost: true,
    useSecureCookies: secure,
    cookies: {
      sessionToken: { options: { httpOnly: true, sameSite: "lax", path: "/", secure } },
    },
    session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS },
    pages: { signIn: SIGN_IN_PATH, error: SIGN_IN_PATH },
    providers: [],
    logger: authLogger,
    callbacks: {
      jwt({ token, user, trigger }) {
        // A fresh token on sign-in, with nothing but identity: Auth.js would add name and e-mail.
        const now = clock.now().getTime();
        if (trigger === "signIn" && user?.id) {
          return { sub: user.id, sv: user.sessionVersion, sat: now, sen: now };
        }
        // Rolling idle limit: a session that has lapsed is not revived by being read.
        const seen = token.sen ?? token.sat ?? 0;
        if (now - seen >= SESSION_IDLE_MS) return token;
        return { ...token, sen: now };
      },
      session({ session, token }) {
        return {
          expires: session.expires,
          userId: token.sub,
          sessionVersion: token.sv,
          signedInAt: token.sat,
          seenAt: token.sen,
        } as typeof session;
      },
    },
  };
}
