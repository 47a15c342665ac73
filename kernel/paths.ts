// Where the package's own files are, and programs on PATH. The same modules run from source
// (vitest, tsx: kernel/…) and compiled (dist/kernel/…), so paths are found by walking up to
// deepnotes' package.json instead of counting "../" from __dirname.

import * as fs from "node:fs";
import * as path from "node:path";

let cachedRoot: string | null = null;

/** The deepnotes package root: the directory whose package.json is named "deepnotes". */
export function packageRoot(): string {
  if (cachedRoot !== null) return cachedRoot;
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string }).name === "deepnotes") {
      cachedRoot = dir;
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`deepnotes: no package.json named "deepnotes" above ${__dirname}`);
    dir = parent;
  }
}

/** The kernel launcher (plain CommonJS, so it runs without a build): `node launch.js <connection_file>`. */
export function launcherPath(): string {
  return path.join(packageRoot(), "kernel", "launch.js");
}

/** Every file of this package the launcher loads: itself and its tslab patches (what a sandbox lets it read). */
export function launcherFiles(): string[] {
  return [launcherPath(), ...["tslab-shorthand.js", "tslab-shown-values.js"].map((file) => path.join(packageRoot(), "kernel", file))];
}

/** The project-local Jupyter data directory that `npm run notebook` puts on JUPYTER_PATH. */
export function projectJupyterPath(): string {
  return path.join(packageRoot(), ".jupyter");
}

/** The first executable called `name` on PATH (or on `searchPath`), or null. */
export function findOnPath(name: string, searchPath: string = process.env.PATH ?? ""): string | null {
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir === "") continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return null;
}
