// The backend switch in src/core/index.ts.

import { afterEach, describe, expect, it } from "vitest";
import type { Kernel } from "../../src/core";
import { getKernel, referenceKernel, setKernel, wasmKernel } from "../../src/core";

describe("getKernel / setKernel", () => {
  afterEach(() => setKernel("wasm"));

  it("defaults to the WASM core", () => {
    expect(getKernel()).toBe(wasmKernel);
  });

  it("switches by name and accepts any Kernel", () => {
    setKernel("reference");
    expect(getKernel()).toBe(referenceKernel);
    const custom: Kernel = { name: "custom", gemm: () => {}, axpy: () => {} };
    setKernel(custom);
    expect(getKernel().name).toBe("custom");
    setKernel("wasm");
    expect(getKernel()).toBe(wasmKernel);
  });
});
