// Makes node_modules/deepnotes a link to this repository, so a notebook cell's
// `import { tensor } from "deepnotes"` resolves exactly as it will for a student who installed the
// package: tslab type-checks cells with TypeScript's Node10 resolution, which looks only in
// node_modules (it ignores package.json "exports" and self-references).
import { lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const link = join(root, "node_modules", "deepnotes");
const target = "..";
let current;
try {
  current = lstatSync(link).isSymbolicLink() ? readlinkSync(link) : "not a link";
} catch {
  current = null;
}
if (current !== target) {
  if (current !== null) rmSync(link, { recursive: true, force: true });
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(target, link, "dir");
  console.log("node_modules/deepnotes → repository root (for notebooks)");
}
