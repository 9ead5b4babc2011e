/**
 * The Auth.js instance of the app: the shared configuration plus three Credentials
 * providers (lib/auth/credentials.ts): "credentials" (e-mail, password and, with TOTP
 * on, a code), "sign-in-link" (a one-time link's token) and "session-renewal" (a fresh
 * session after a password or second-factor change, sealed by the server). Its catch-all
 * handlers are deliberately not mounted: sign-in and sign-out go through
 * app/api/auth/sign-in and sign-out, which check the origin, validate, can answer 429,
 * and call signIn / signOut here; the other two are called from server actions.
 */
import "server-only";
import { cookies } from "next/headers";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authConfig } from "./config";
import { env } from "@/lib/env";
import { authorizeCredentials, authorizeSessionRenewal, authorizeSignInLink, sealSessionRenewal } from "./credentials";

export const { auth, signIn, signOut } = NextAuth(() => ({
  ...authConfig(),
  providers: [
    Credentials({
      credentials: { email: {}, password: {}, code: {} },
      authorize: (credentials, request) => authorizeCredentials(credentials, request),
    }),
    Credentials({
      id: "sign-in-link",
      name: "Sign-in link",
      credentials: { token: {} },
      authorize: (credentials, request) => authorizeSignInLink(credentials, request),
    }),
    Credentials({
      id: "session-renewal",
      name: "Session renewal",
      credentials: { renewal: {} },
      authorize: (credentials) => authorizeSessionRenewal(credentials),
    }),
  ],
}));

/**
 * signIn and signOut also set Auth.js's callback-URL and CSRF cookies, which this app
 * does not use (sign-in answers with its own redirect; the origin check stands in for
 * CSRF tokens). Route handlers call this afterwards so the browser keeps only the session.
 */
export async function clearAuthJsSideCookies(): Promise<void> {
  const secure = new URL(env().APP_URL).protocol === "https:";
  const jar = await cookies();
  const expired = { expires: new Date(0), path: "/", secure, httpOnly: true, sameSite: "lax" as const };
  jar.set(`${secure ? "__Secure-" : ""}authjs.callback-url`, "", expired);
  jar.set(`${secure ? "__Host-" : ""}authjs.csrf-token`, "", expired);
}

/**
 * Signs the current browser in afresh as `userId` at `sessionVersion`, after a change
 * that ended every session of theirs (password, second factor). For server actions and
 * route handlers: the new session cookie goes out with their response.
 */
export async function renewSession(userId: string, sessionVersion: number): Promise<void> {
  await renewSessionWith(sealSessionRenewal(userId, sessionVersion));
}

/** The same with a renewal sealed earlier (lib/auth/credentials.ts sealSessionRenewal); throws CredentialsSignin when it no longer holds. */
export async function renewSessionWith(renewal: string): Promise<void> {
  await signIn("session-renewal", { renewal, redirect: false });
  await clearAuthJsSideCookies();
}
