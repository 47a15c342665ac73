// kernel/ (runner, HTML export, report, CLI, grader) reads what notebooks produce; it must not load
// the numeric stack (tensors, autograd, the WASM core) to borrow a constant or a formatter — those
// live in src/display/common.ts, which imports nothing — or to judge homework: the grader judges
// with src/check/compare.ts, value.ts and answer.ts, which import nothing but each other and
// node:crypto. Checked on the built package in a fresh Node
// process: which modules of dist/src/ the kernel's modules pull in (require.cache), and whether a
// WebAssembly module was compiled. A control run loads the library itself, to show that the same
// probe does see the numeric stack and the WASM compilation when they happen.
// `npm test` builds dist/ first (pretest).
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, sep } from "node:path";
import { describe, expect, test } from "vitest";

const root = join(__dirname, "..", "..");

/**
 * Runs `body` in a fresh Node process after counting every WebAssembly compilation, then prints
 * the dist/src/ modules in require.cache and the count as JSON.
 */
function probe(body: string): { srcModules: string[]; wasmCompiled: number } {
  const script = `
    const path = require("node:path");
    let wasmCompiled = 0;
    const W = globalThis.WebAssembly;
    W.Module = new Proxy(W.Module, { construct(target, args) { wasmCompiled++; return Reflect.construct(target, args); } });
    for (const name of ["compile", "instantiate", "compileStreaming", "instantiateStreaming"]) {
      const original = W[name];
      W[name] = (...args) => { wasmCompiled++; return original.apply(W, args); };
    }
    ${body}
    const src = path.join(process.cwd(), "dist", "src") + path.sep;
    const srcModules = Object.keys(require.cache).filter((p) => p.startsWith(src)).map((p) => path.relative(src, p).split(path.sep).join("/")).sort();
    console.log(JSON.stringify({ srcModules, wasmCompiled }));`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" })) as { srcModules: string[]; wasmCompiled: number };
}

const NUMERIC = /^(core|tensor|autograd)\//;

describe("kernel/ stays apart from the numeric stack", () => {
  test("every module of kernel/, built, together loads only src/display/common.js and the judging modules of src/check", () => {
    // cli.js is left out because loading it runs the command line; it imports report.js and
    // notebook.js, which are loaded here.
    // The list comes from the sources, so a stale file left in dist/ by an older build is not loaded.
    const kernelModules = readdirSync(join(root, "kernel"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && f !== "cli.ts")
      .map((f) => f.split(sep).join("/").replace(/\.ts$/, ".js"));
    expect(kernelModules).toEqual(expect.arrayContaining(["report.js", "export/html.js", "export/outputs.js", "runner/runner.js"]));
    const { srcModules, wasmCompiled } = probe(kernelModules.map((m) => `require("./dist/kernel/${m}");`).join("\n"));
    expect(srcModules.filter((m) => NUMERIC.test(m))).toEqual([]);
    expect(srcModules).toEqual(["check/answer.js", "check/compare.js", "check/value.js", "display/common.js"]);
    expect(wasmCompiled).toBe(0);
  });

  test("control: the library itself loads the numeric stack and compiles the WASM core on first use", () => {
    const { srcModules, wasmCompiled } = probe('const d = require("./dist/src/index.js"); d.matmul(d.ones([2, 2]), d.ones([2, 2]));');
    expect(srcModules).toEqual(expect.arrayContaining(["core/wasm.js", "tensor/tensor.js", "autograd/engine.js", "display/common.js"]));
    expect(wasmCompiled).toBeGreaterThan(0);
  });
});
