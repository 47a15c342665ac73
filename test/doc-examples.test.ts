// Every `@example` block in the library's doc comments runs here as a test (as mathjs does for its
// docs), with the package's exports and vitest's `expect` in scope, so documentation cannot drift.
// Besides the exports, an example sees `printed(fn)`: the lines that fn printed (console.log and
// stderr), for the functions whose result is what they print. A second test counts which public
// exports have an example and fails when one lacks it, unless it is on the short allow-list below
// with the reason it cannot have one.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, test, vi } from "vitest";
import * as lib from "../src/index";

const root = join(__dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "assembly" || entry.name === "generated" ? [] : sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

interface Example {
  file: string;
  line: number;
  code: string;
}

function examples(file: string): Example[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const found: Example[] = [];
  lines.forEach((line, i) => {
    if (!/^\s*\*\s*@example\s*$/.test(line)) return;
    const body: string[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j];
      if (/^\s*\*\//.test(l) || /^\s*\*\s*@\w+/.test(l)) break;
      body.push(l.replace(/^\s*\* ?/, ""));
    }
    found.push({ file: relative(root, file), line: i + 1, code: body.join("\n") });
  });
  return found;
}

const all = sourceFiles(join(root, "src")).flatMap(examples);

/** The lines `fn` prints to console.log and to stderr while it runs (they are not shown). */
function printed(fn: () => void): string[] {
  const text: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void text.push(`${args.map(String).join(" ")}\n`));
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    text.push(String(chunk));
    return true;
  });
  try {
    fn();
  } finally {
    log.mockRestore();
    stderr.mockRestore();
  }
  const all = text.join("");
  return all === "" ? [] : all.replace(/\n$/, "").split("\n");
}

describe("doc examples", () => {
  test("there are examples to run", () => {
    expect(all.length).toBeGreaterThan(5);
  });

  test.each(all.map((e) => [`${e.file}:${e.line}`, e] as const))("%s", async (_name, example) => {
    const js = ts.transpileModule(example.code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None } }).outputText;
    const names = Object.keys(lib);
    // An async function, so an example may `await` (theory.doubleDescentSweep returns a promise), and the
    // code in a block, so an example may name a local like an export (`const check = …` beside check()).
    const AsyncFunction = (Object.getPrototypeOf(async () => {}) as { constructor: new (...args: string[]) => (...args: unknown[]) => Promise<void> }).constructor;
    const run = new AsyncFunction(...names, "expect", "printed", `{\n${js}\n}`);
    try {
      await run(...names.map((n) => (lib as Record<string, unknown>)[n]), expect, printed);
    } finally {
      lib.setKernel("wasm");
    }
  });
});

/** Public exports that cannot have an example of their own, each with the reason. */
const WITHOUT_EXAMPLE: Record<string, string> = {};

/** Classes whose public methods each count as an export of their own. */
const METHODS_COUNTED = new Set(["RandomState"]);

/**
 * Every public value of the package (what src/index.ts exports, namespaces included, types left
 * out), once per declaration, with whether its doc comment has an `@example`.
 */
function publicExports(): { name: string; hasExample: boolean }[] {
  const program = ts.createProgram([join(root, "src/index.ts")], { strict: true, skipLibCheck: true, noEmit: true, types: ["node"] });
  const checker = program.getTypeChecker();
  const hasExample = (node: ts.Node) => ts.getJSDocTags(node).some((tag) => tag.tagName.text === "example");
  const seen = new Set<ts.Symbol>();
  const found: { name: string; hasExample: boolean }[] = [];
  const visit = (prefix: string, module: ts.Symbol) => {
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declarations = symbol.declarations ?? [];
      if (declarations.some(ts.isSourceFile)) {
        visit(`${prefix}${exported.name}.`, symbol);
        continue;
      }
      if (!(symbol.flags & ts.SymbolFlags.Value) || seen.has(symbol)) continue;
      seen.add(symbol);
      const name = prefix + exported.name;
      found.push({ name, hasExample: declarations.some(hasExample) });
      if (!METHODS_COUNTED.has(exported.name)) continue;
      for (const member of declarations.filter(ts.isClassDeclaration).flatMap((c) => c.members)) {
        const isPrivate = ts.getCombinedModifierFlags(member) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected);
        if (ts.isMethodDeclaration(member) && !isPrivate) found.push({ name: `${name}.${member.name.getText()}`, hasExample: hasExample(member) });
      }
    }
  };
  visit("", checker.getSymbolAtLocation(program.getSourceFile(join(root, "src/index.ts"))!)!);
  return found;
}

describe("doc example coverage", () => {
  test("every public export has an @example, except the allow-listed ones", () => {
    const exports = publicExports();
    const covered = exports.filter((e) => e.hasExample);
    console.log(`doc examples: ${covered.length} of ${exports.length} public exports (${((100 * covered.length) / exports.length).toFixed(0)} %)`);
    const missing = exports.filter((e) => !e.hasExample && !(e.name in WITHOUT_EXAMPLE)).map((e) => e.name);
    expect(missing, "public exports without an @example").toEqual([]);
    const stale = Object.keys(WITHOUT_EXAMPLE).filter((name) => !exports.some((e) => e.name === name && !e.hasExample));
    expect(stale, "allow-listed names that are gone or now have an example").toEqual([]);
  });
});
