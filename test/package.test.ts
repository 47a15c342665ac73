// The built package as a user gets it: `require("deepnotes")` from CommonJS (how tslab loads it) and
// `import … from "deepnotes"` from ESM resolve to dist/ through package.json "exports" and work.
// `npm test` builds dist/ first (pretest).
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, test } from "vitest";

const root = join(__dirname, "..");
const run = (args: string[]) => execFileSync(process.execPath, args, { cwd: root, encoding: "utf8" }).trim();

describe("the package deepnotes", () => {
  test("require() from CommonJS", () => {
    const out = run(["-e", 'const d = require("deepnotes"); const x = d.tensor([1, 2], { requiresGrad: true }); x.square().sum().backward(); console.log(JSON.stringify(x.grad.tolist()), d.getKernel().name)']);
    expect(out).toBe("[2,4] wasm");
  });

  test("import from ESM, named and default", () => {
    const out = run(["--input-type=module", "-e", 'import dn, { matmul, tensor } from "deepnotes"; console.log(matmul(tensor([1, 2]), tensor([3, 4])).item(), typeof dn.randn)']);
    expect(out).toBe("11 function");
  });
});
