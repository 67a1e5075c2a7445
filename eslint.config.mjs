import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "lib/db/generated/**",
    "prisma/.generated/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read settings through lib/env.ts." },
      ],
    },
  },
  {
    // Pages, actions and route handlers call verbs in lib/, never the database (one place owns
    // each query, and a page cannot skip the checks a verb makes).
    files: ["app/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@/lib/db",
              importNames: ["db", "Prisma", "Database"],
              message: "No Prisma under app/: call a verb in lib/ instead.",
            },
          ],
          patterns: [
            {
              group: ["@prisma/*", "@/lib/db/generated/*", "**/lib/db/generated/**"],
              message: "No Prisma under app/: call a verb in lib/ instead.",
            },
            {
              // The same client reached by a relative path or through index.
              group: ["**/lib/db", "**/lib/db/index", "@/lib/db/index"],
              importNames: ["db", "Prisma", "Database"],
              message: "No Prisma under app/: call a verb in lib/ instead.",
            },
          ],
        },
      ],
    },
  },
  {
    // One error shape, built in one place: route handlers throw HttpError or call jsonError
    // (lib/http), so no copy of `{ error: { code, message } }` can drift from it.
    files: ["app/**", "lib/**"],
    ignores: ["lib/http/json.ts", "**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "Property:matches([key.name='error'], [key.value='error']) > ObjectExpression > Property:matches([key.name='code'], [key.value='code'])",
          message: "Build error bodies with jsonError() or throw HttpError (lib/http), never by hand.",
        },
      ],
    },
  },
  {
    // File-level cycles inside lib/ (scripts/check-imports.ts checks cycles between folders).
    files: ["lib/**"],
    rules: { "import/no-cycle": "error" },
  },
  {
    // Tooling outside the app reads its own environment.
    files: [
      "lib/env.ts",
      "instrumentation.ts",
      "scripts/**",
      "e2e/**",
      "tests/**",
      "*.config.*",
      "**/*.test.ts",
    ],
    rules: { "no-restricted-properties": "off" },
  },
]);
