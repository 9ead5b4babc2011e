/**
 * The Auth.js instance of the app: the shared configuration plus the Credentials
 * provider. Its catch-all handlers are deliberately not mounted: sign-in and sign-out
 * go through app/api/auth/sign-in and sign-out, which check the origin, validate, can
 * answer 429, and call signIn / signOut here.
 */
import "server-only";
import { cookies } from "next/headers";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authConfig } from "./config";
import { env } from "@/lib/env";
import { authorizeCredentials } from "./credentials";

export const { auth, signIn, signOut } = NextAuth(() => ({
  ...authConfig(),
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: (credentials) => authorizeCredentials(credentials),
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
