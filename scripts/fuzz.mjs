// `npm run fuzz`: the property tests of test/autograd/properties.test.ts with many more cases than
// `npm test` runs, from a random seed that is printed first, so a failure can be replayed exactly:
//   FUZZ_SEED=123456789 npm run fuzz        (FUZZ_RUNS=… sets the cases per property, default 1000)
// fast-check shrinks a failure to a minimal case and prints it with its seed and path.
import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const seed = process.env.FUZZ_SEED ?? String(randomInt(2 ** 31 - 1));
const runs = process.env.FUZZ_RUNS ?? "1000";
if (!/^\d+$/.test(seed) || !/^\d+$/.test(runs)) {
  console.error(`fuzz: FUZZ_SEED and FUZZ_RUNS must be non-negative integers (got ${seed} and ${runs})`);
  process.exit(2);
}
console.log(`fuzz: seed ${seed}, ${runs} cases per property (replay with FUZZ_SEED=${seed} npm run fuzz)`);
const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
const result = spawnSync(process.execPath, [vitest, "run", "test/autograd/properties.test.ts"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, FUZZ_SEED: seed, FUZZ_RUNS: runs },
});
console.log(`fuzz: seed ${seed} ${result.status === 0 ? "passed" : "FAILED"} (replay with FUZZ_SEED=${seed} npm run fuzz)`);
process.exit(result.status ?? 1);
