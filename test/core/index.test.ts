// The backend switch in src/core/index.ts.

import { afterEach, describe, expect, it, vi } from "vitest";
import { manualSeed, nn, optim, randn, tensor } from "../../src";
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
    const custom: Kernel = { ...referenceKernel, name: "custom" };
    setKernel(custom);
    expect(getKernel().name).toBe("custom");
    setKernel("wasm");
    expect(getKernel()).toBe(wasmKernel);
  });
});

// The kernel-parametrised tests elsewhere would pass if setKernel were ignored (both kernels agree);
// these prove that ops run through the kernel that was set, and only through it.
describe("ops dispatch through the kernel that was set", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    setKernel("wasm");
  });

  function spyBoth() {
    const spies = (kernel: Kernel) => ({
      gemm: vi.spyOn(kernel, "gemm"),
      axpy: vi.spyOn(kernel, "axpy"),
      convForward: vi.spyOn(kernel, "convForward"),
      convBackward: vi.spyOn(kernel, "convBackward"),
    });
    return { reference: spies(referenceKernel), wasm: spies(wasmKernel) };
  }

  function matmulForwardBackward(): void {
    const a = randn([3, 4], { requiresGrad: true }); // (3, 4)
    const b = randn([4, 5], { requiresGrad: true }); // (4, 5)
    a.matmul(b).sum().backward(); // forward A·B, backward dA = G·Bᵀ and dB = Aᵀ·G
  }

  it.each(["reference", "wasm"] as const)("matmul forward and backward, conv1d and the SGD update use only the %s kernel", (name) => {
    const spies = spyBoth();
    setKernel(name);
    manualSeed(0);
    matmulForwardBackward();
    const x = randn([2, 3, 9], { requiresGrad: true }); // (N, C_in, L)
    new nn.Conv1d(3, 4, 3).forward(x).sum().backward();
    const w = randn([6], { requiresGrad: true });
    w.square().sum().backward();
    new optim.SGD([w], { lr: 0.1 }).step();

    const [used, unused] = name === "reference" ? [spies.reference, spies.wasm] : [spies.wasm, spies.reference];
    // 3 products for matmul (forward, dA, dB); the convolution's three products run inside
    // convForward (forward) and convBackward (dW and dX together); one axpy for the SGD step.
    expect(used.gemm).toHaveBeenCalledTimes(3);
    expect(used.gemm.mock.calls[0].slice(0, 5)).toEqual([false, false, 3, 5, 4]); // A·B: m = 3, n = 5, k = 4
    expect(used.convForward).toHaveBeenCalledTimes(1);
    expect(used.convBackward).toHaveBeenCalledTimes(1);
    expect(used.axpy).toHaveBeenCalledTimes(1);
    for (const spy of Object.values(unused)) expect(spy).not.toHaveBeenCalled();
  });

  it("a custom kernel's result is what the tensor gets", () => {
    const scaled: Kernel = {
      ...referenceKernel,
      name: "times-two",
      gemm(transA, transB, m, n, k, a, b, c) {
        referenceKernel.gemm(transA, transB, m, n, k, a, b, c);
        for (let i = 0; i < c.length; i++) c[i] *= 2;
      },
    };
    const a = tensor([[1, 2], [3, 4]]); // (2, 2)
    const b = tensor([[5], [6]]); // (2, 1)
    setKernel(scaled);
    expect(a.matmul(b).tolist()).toEqual([[34], [78]]); // 2 · [17, 39]
    setKernel("reference");
    expect(a.matmul(b).tolist()).toEqual([[17], [39]]);
  });
});
