/**
 * next-intl's server functions as `next start` runs them. Vitest resolves packages without
 * the "react-server" condition, so "next-intl/server" would be the client build, which
 * refuses getTranslations; and "next-intl/config" is an alias its Next plugin adds for
 * i18n/request.ts. The fuzz suite's test files vi.mock both with these: the real
 * react-server build and the app's own request config (locale from the cookie or
 * Accept-Language of the request in scope). Nothing is faked.
 */
import path from "node:path";

/** The react-server build of next-intl/server (resolved by path: the package's exports hide it). */
export function reactServerIntl(): Promise<Record<string, unknown>> {
  return import(/* @vite-ignore */ path.join(process.cwd(), "node_modules/next-intl/dist/esm/production/server.react-server.js"));
}

/** What the plugin's "next-intl/config" alias points at: i18n/request.ts, loaded when first asked (it imports next-intl/server itself). */
export function requestConfigModule(): { default: (params: unknown) => Promise<unknown> } {
  return {
    default: async (params) => {
      const { default: config } = (await import("@/i18n/request")) as { default: (params: unknown) => Promise<unknown> };
      return config(params);
    },
  };
}
