// ESLint for the whole repository (`npm run lint`, zero warnings allowed; `npm test` runs it first).
// typescript-eslint's type-checked recommended set, so the rules that need types — a promise that
// is never awaited, a promise passed where a callback's result is ignored, an `any` leaking out of
// JSON.parse, "[object Object]" in a message — see what `tsc` sees (about 20 s on 2 cores).
// Unused names are errors; a parameter that a signature needs but the body does not use starts
// with `_`.
//
// src/core/assembly/ is AssemblyScript, not TypeScript: `@inline` on a top-level function does not
// parse as TypeScript, and i32/usize/f32x4 are AssemblyScript types (`<usize>n` converts an integer
// width where TypeScript would see a no-op assertion). The AssemblyScript compiler checks it on
// every build (`npm run build:core` fails on any error), so ESLint leaves it out.

import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "build/", "reports/", "node_modules/", "notebooks/", "src/core/generated/", "src/core/assembly/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
      // A guard for JavaScript callers prints the bad value, which TypeScript has narrowed to never.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNever: true }],
    },
  },
  // Plain JavaScript (build scripts, the kernel launcher, this file) is not in tsconfig's program.
  { files: ["**/*.js", "**/*.mjs", "**/*.mts"], ...tseslint.configs.disableTypeChecked },
  // The kernel launcher is CommonJS on purpose (it runs before any build).
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
