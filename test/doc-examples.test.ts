// Every `@example` block in the library's doc comments runs here as a test (as mathjs does for its
// docs), with the package's exports and vitest's `expect` in scope, so documentation cannot drift.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";
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

describe("doc examples", () => {
  test("there are examples to run", () => {
    expect(all.length).toBeGreaterThan(5);
  });

  test.each(all.map((e) => [`${e.file}:${e.line}`, e] as const))("%s", (_name, example) => {
    const js = ts.transpileModule(example.code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None } }).outputText;
    const names = Object.keys(lib);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- running the example's text is what this test is for
    const run = new Function(...names, "expect", js) as (...args: unknown[]) => void;
    try {
      run(...names.map((n) => (lib as Record<string, unknown>)[n]), expect);
    } finally {
      lib.setKernel("wasm");
    }
  });
});
