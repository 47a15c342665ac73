// The markers in a master notebook's code and what assign and grade make of them.
//
//   // BEGIN SOLUTION … // END SOLUTION         in solution cells
//   // BEGIN HIDDEN TESTS … // END HIDDEN TESTS in test cells
//
// A solution region inside a block (its marker indented, e.g. a function body) becomes
// `throw new Error("not implemented")`, so the declared signature and return type stay and the
// cell still type-checks under tslab. A region at the top level may hold only typed declarations
// (`const x: T = …;`), which become `const x: T = undefined!;` — type-checked, and no error when
// the untouched student notebook runs. Hidden regions are removed from the student's copy; the
// grader's copy keeps them and marks them with calls of the harness (grading.ts) so the cases
// declared between the markers are known to be hidden.

import { createHash } from "node:crypto";
import { GRADER_GLOBAL } from "../../src/display/common";

const SOLUTION = { begin: "// BEGIN SOLUTION", end: "// END SOLUTION" };
const HIDDEN = { begin: "// BEGIN HIDDEN TESTS", end: "// END HIDDEN TESTS" };
/** The name the grader's copy of a test cell gives the harness's hidden-marker function. */
const HIDDEN_MARKER = "__deepnotesHidden";

interface Region {
  /** Line index of the begin marker and of the end marker. */
  begin: number;
  end: number;
  indent: string;
}

/** Regions between `markers`; throws on an unmatched or nested marker, naming the line. */
function regions(lines: string[], markers: { begin: string; end: string }, where: string): Region[] {
  const found: Region[] = [];
  let open: { line: number; indent: string } | null = null;
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === markers.begin) {
      if (open) throw new Error(`${where}, line ${i + 1}: "${markers.begin}" inside another one (line ${open.line + 1})`);
      open = { line: i, indent: /^\s*/.exec(line)![0] };
    } else if (trimmed === markers.end) {
      if (!open) throw new Error(`${where}, line ${i + 1}: "${markers.end}" without "${markers.begin}"`);
      found.push({ begin: open.line, end: i, indent: open.indent });
      open = null;
    }
  });
  if (open !== null) throw new Error(`${where}, line ${(open as { line: number }).line + 1}: "${markers.begin}" is never closed by "${markers.end}"`);
  return found;
}

const split = (source: string) => source.replace(/\r\n?/g, "\n").split("\n");

/** The lines inside the solution (or hidden-test) regions: what must never reach a student. */
export function markedLines(source: string, kind: "solution" | "hidden"): string[] {
  const lines = split(source);
  return regions(lines, kind === "solution" ? SOLUTION : HIDDEN, "source").flatMap((r) => lines.slice(r.begin + 1, r.end));
}

export function hasSolutionMarkers(source: string): boolean {
  return split(source).some((line) => line.trim() === SOLUTION.begin);
}

export function hasHiddenMarkers(source: string): boolean {
  return split(source).some((line) => line.trim() === HIDDEN.begin);
}

/** The student's version of a solution cell: every solution region replaced by a stub. */
export function stubSolutions(source: string, where: string): string {
  const lines = split(source);
  const found = regions(lines, SOLUTION, where);
  if (found.length === 0) throw new Error(`${where}: a solution cell needs "${SOLUTION.begin}" … "${SOLUTION.end}"`);
  const out: string[] = [];
  let next = 0;
  for (const region of found) {
    out.push(...lines.slice(next, region.begin));
    const body = lines.slice(region.begin + 1, region.end).join("\n");
    if (region.indent === "") out.push(...stubDeclarations(body, `${where}, line ${region.begin + 1}`));
    else out.push(`${region.indent}throw new Error("not implemented"); // YOUR CODE HERE`);
    next = region.end + 1;
  }
  out.push(...lines.slice(next));
  return out.join("\n");
}

/** Top-level typed declarations → the same names and types with `undefined!`. */
function stubDeclarations(body: string, where: string): string[] {
  const stubs: string[] = [];
  let rest = body;
  for (;;) {
    rest = skipSpaceAndComments(rest);
    if (rest === "") break;
    const head = /^(const|let|var)\s+([A-Za-z_$][\w$]*)\s*:/.exec(rest);
    if (!head) {
      throw new Error(`${where}: a solution region at the top level may hold only typed declarations ("const x: T = …;"); indent the markers inside a function body for code`);
    }
    const typeStart = head[0].length;
    const typeEnd = scanTo(rest, typeStart, "=");
    if (typeEnd < 0) throw new Error(`${where}: "${head[2]}" needs a type and a value ("const ${head[2]}: T = …;")`);
    const statementEnd = scanTo(rest, typeEnd + 1, ";");
    if (statementEnd < 0) throw new Error(`${where}: end the declaration of "${head[2]}" with ";"`);
    stubs.push(`${head[1]} ${head[2]}: ${rest.slice(typeStart, typeEnd).trim()} = undefined!; // YOUR ANSWER HERE`);
    rest = rest.slice(statementEnd + 1);
  }
  if (stubs.length === 0) throw new Error(`${where}: the solution region is empty`);
  return stubs;
}

function skipSpaceAndComments(text: string): string {
  for (;;) {
    const trimmed = text.replace(/^\s+/, "");
    if (trimmed.startsWith("//")) text = trimmed.replace(/^\/\/[^\n]*/, "");
    else if (trimmed.startsWith("/*")) {
      const end = trimmed.indexOf("*/");
      text = end < 0 ? "" : trimmed.slice(end + 2);
    } else return trimmed;
  }
}

/**
 * Index of the first `target` ("=" or ";") at bracket depth 0 from `from`, skipping strings,
 * template literals, comments, and the "=" of "=>", "==", "<=", ">=", "!=". Angle brackets count
 * as brackets only when looking for "=" (the type part, where they are generics).
 */
function scanTo(text: string, from: number, target: "=" | ";"): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === "`") {
      i = skipString(text, i);
      continue;
    }
    if (c === "/" && text[i + 1] === "/") {
      i = text.indexOf("\n", i);
      if (i < 0) return -1;
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      i = text.indexOf("*/", i + 2) + 1;
      if (i <= 0) return -1;
      continue;
    }
    if ("([{".includes(c) || (target === "=" && c === "<")) depth++;
    else if (")]}".includes(c) || (target === "=" && c === ">" && text[i - 1] !== "=")) depth--;
    else if (c === target && depth === 0) {
      if (target === ";") return i;
      const before = text[i - 1];
      const after = text[i + 1];
      if (after !== ">" && after !== "=" && !"<>!=".includes(before)) return i;
    }
  }
  return -1;
}

function skipString(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === quote) return i;
  }
  return text.length;
}

/** The student's version of a test cell: hidden regions removed, markers included. */
export function removeHiddenTests(source: string, where: string): string {
  const lines = split(source);
  const found = regions(lines, HIDDEN, where);
  const dropped = new Set(found.flatMap((r) => Array.from({ length: r.end - r.begin + 1 }, (_, k) => r.begin + k)));
  return lines.filter((_, i) => !dropped.has(i)).join("\n");
}

/**
 * The grader's version of a test cell: hidden markers become harness calls, and the cell runs in a
 * block that takes `test` from the harness's global — fetched from the global object itself
 * (`this` of a plain function call in tslab's sloppy-mode cells), so no name a submission
 * declared can stand in for it.
 */
export function graderTestCell(source: string, where: string): string {
  const lines = split(source);
  const found = regions(lines, HIDDEN, where);
  for (const region of found) {
    lines[region.begin] = `${region.indent}${HIDDEN_MARKER}(true); ${HIDDEN.begin}`;
    lines[region.end] = `${region.indent}${HIDDEN_MARKER}(false); ${HIDDEN.end}`;
  }
  const harness =
    `const { test, hidden: ${HIDDEN_MARKER} } = (function (this: any) { return this; })()[${JSON.stringify(GRADER_GLOBAL)}] as ` +
    `{ test: typeof import("deepnotes").test; hidden: (flag: boolean) => void };`;
  return `{ ${harness}\n${lines.join("\n")}\n}`;
}

/** sha256 of a cell's source, line endings and trailing white space normalised. */
export function sourceChecksum(source: string): string {
  const normalised = split(source)
    .map((line) => line.replace(/\s+$/, ""))
    .join("\n")
    .replace(/\n+$/, "");
  return createHash("sha256").update(normalised, "utf8").digest("hex");
}
