import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

const shared = {
  environment: "node" as const,
  setupFiles: ["lib/testing/fail-on-console.ts"],
  restoreMocks: true,
  // The SDK warns on Node 20 about releases from 2027 on; the README says so once.
  env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
};

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // The real package throws outside React Server Components; tests run in plain Node.
      "server-only": path.join(root, "lib/testing/server-only-stub.ts"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          ...shared,
          name: "unit",
          sequence: { groupOrder: 0 },
          include: ["{app,components,db,lib,scripts,messages}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.int.test.{ts,tsx}", "node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: "integration",
          include: ["{app,components,db,lib,scripts}/**/*.int.test.{ts,tsx}"],
          globalSetup: ["lib/testing/global-setup.ts"],
          // The files wait on PostgreSQL more than they compute, and each worker has its own
          // database: at least 3 at once, also on 2 cores (Vitest's default there is 1),
          // so the EXPLAIN test's generator runs beside the rest of the suite.
          maxWorkers: Math.max(3, availableParallelism() - 1),
          // Vitest runs projects with different worker counts one group after the other: unit first.
          sequence: { groupOrder: 1 },
          setupFiles: [...shared.setupFiles, "lib/testing/setup-integration.ts"],
          // lib/fuzz calls actions and handlers that read the session and translate: next-auth's
          // ESM imports "next/server" without an extension, which only Vite's resolver finds,
          // and next-intl's react-server build imports "next-intl/config", which lib/fuzz mocks.
          server: { deps: { inline: ["next-auth", "next-intl"] } },
          // Tests that fire 50 transactions at once queue for the pool's 10 connections; with
          // other files running beside them on 2 cores, the default 5 s wait can run out.
          env: { ...shared.env, DATABASE_CONNECT_TIMEOUT_MS: "30000" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
