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
          setupFiles: [...shared.setupFiles, "lib/testing/setup-integration.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
