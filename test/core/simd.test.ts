// Which build of the WASM core a process runs (src/core/simd.ts): the decision in every branch with a
// scripted environment, and the real thing in child processes — Node 20 without the flag (the library
// enables it at run time), with the flag negated (fallback to SIMD128), with DEEPNOTES_SIMD=simd128 —
// each checked for the right build and a correct product, within the rounding-error bound.

import { describe, expect, it } from "vitest";
import { kernelInfo } from "../../src/core";
import { chooseSimd, type SimdEnvironment } from "../../src/core/simd";
import { runCoreChild } from "../helpers/run-core-child";

/** A scripted environment: the probe fails until the flag is set, unless `engine` accepts it from the start. */
function scripted({ requested, engine = false, flagWorks = true, negated = false }: { requested?: string; engine?: boolean; flagWorks?: boolean; negated?: boolean }) {
  let flagSet = false;
  const env: SimdEnvironment & { flagCalls: number } = {
    requested,
    negated,
    flagCalls: 0,
    probe: () => engine || (flagSet && flagWorks),
    enableFlag: () => {
      env.flagCalls++;
      flagSet = true;
    },
  };
  return env;
}

describe("chooseSimd", () => {
  it("takes relaxed SIMD as is where the engine accepts it, without touching V8 flags", () => {
    const env = scripted({ engine: true });
    expect(chooseSimd(env)).toEqual({ simd: "relaxed", reason: "engine" });
    expect(env.flagCalls).toBe(0);
  });

  it("enables the V8 flag at run time where that makes the probe validate (Node 20)", () => {
    const env = scripted({});
    expect(chooseSimd(env)).toEqual({ simd: "relaxed", reason: "runtime flag" });
    expect(env.flagCalls).toBe(1);
  });

  it("falls back to SIMD128 where even the flag does not help", () => {
    expect(chooseSimd(scripted({ flagWorks: false }))).toEqual({ simd: "simd128", reason: "unsupported" });
  });

  it("never overrides --no-experimental-wasm-relaxed-simd on the command line", () => {
    const env = scripted({ negated: true });
    expect(chooseSimd(env)).toEqual({ simd: "simd128", reason: "disabled" });
    expect(env.flagCalls).toBe(0);
  });

  it("obeys DEEPNOTES_SIMD, and names what is wrong with it", () => {
    const forced = scripted({ requested: "simd128", engine: true });
    expect(chooseSimd(forced)).toEqual({ simd: "simd128", reason: "DEEPNOTES_SIMD" });
    expect(chooseSimd(scripted({ requested: "relaxed" }))).toEqual({ simd: "relaxed", reason: "runtime flag" });
    expect(() => chooseSimd(scripted({ requested: "relaxed", flagWorks: false }))).toThrow(/DEEPNOTES_SIMD=relaxed, but this engine/);
    expect(() => chooseSimd(scripted({ requested: "avx" }))).toThrow('DEEPNOTES_SIMD must be "relaxed" or "simd128", got "avx"');
  });
});

describe("kernelInfo", () => {
  it("reports the relaxed build under vitest, which passes --experimental-wasm-relaxed-simd", () => {
    expect(kernelInfo()).toMatchObject({ simd: "relaxed", simdReason: "engine" });
  });
});

describe("the build a fresh Node process runs", () => {
  const major = Number(process.versions.node.split(".")[0]);

  it("with --experimental-wasm-relaxed-simd: relaxed, 6-row tile, product within the bound", () => {
    const { report } = runCoreChild(["--experimental-wasm-relaxed-simd"]);
    expect(report).toMatchObject({ simd: "relaxed", simdReason: "engine", microTileRows: 6 });
    expect(report.boundRatio).toBeLessThanOrEqual(1);
  });

  it.skipIf(major !== 20)("Node 20 without the flag: relaxed, enabled at run time", () => {
    const { report } = runCoreChild([]);
    expect(report).toMatchObject({ simd: "relaxed", simdReason: "runtime flag", microTileRows: 6 });
    expect(report.boundRatio).toBeLessThanOrEqual(1);
    expect(report.threadedIdentical).toBe(true);
  });

  it("with the flag negated: falls back to SIMD128 (4-row tile), product within the bound", () => {
    const { report } = runCoreChild(["--no-experimental-wasm-relaxed-simd"]);
    expect(report).toMatchObject({ simd: "simd128", simdReason: "disabled", microTileRows: 4 });
    expect(report.boundRatio).toBeLessThanOrEqual(1);
    expect(report.threadedIdentical).toBe(true);
  });

  it("with DEEPNOTES_SIMD=simd128: SIMD128 even where relaxed would run", () => {
    const { report } = runCoreChild(["--experimental-wasm-relaxed-simd"], { DEEPNOTES_SIMD: "simd128" });
    expect(report).toMatchObject({ simd: "simd128", simdReason: "DEEPNOTES_SIMD", microTileRows: 4 });
    expect(report.boundRatio).toBeLessThanOrEqual(1);
  });
});
