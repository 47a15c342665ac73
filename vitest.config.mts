import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    // The WASM core's relaxed-SIMD build needs this flag on Node 20 (Node ≥ 21 accepts it without).
    // The library could set it in-process (src/core/simd.ts); passing it keeps the tests off that path
    // except where test/core/simd.test.ts exercises it on purpose in child processes.
    execArgv: ["--experimental-wasm-relaxed-simd"],
    testTimeout: 60_000,
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
