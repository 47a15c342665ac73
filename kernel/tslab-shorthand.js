// Shorthand properties that name an earlier cell's variable, for tslab. tslab compiles each cell on
// its own and rewrites every name the cell takes from an earlier cell into `exports.name`, but it
// misses a shorthand property: after `const seed = 3;` in one cell, `const o = { seed };` in the next
// stays `{ seed }` and fails at run time with "ReferenceError: seed is not defined".
//
// patchConverter spells such properties out before tslab compiles a cell — `{ seed }` becomes
// `{ seed: seed }`, the same object in every case (in destructuring assignments with a default too:
// `({ a = 1 } = o)` becomes `({ a: a = 1 } = o)`) — and maps the positions in tslab's diagnostics
// back to the cell as it was typed. Plain CommonJS, like launch.js, which applies it.
"use strict";

/**
 * The cell `src` with every shorthand property assignment written out, and where text was inserted:
 * insertions[i] = { at, text } in offsets of src, in increasing order. `ts` is tslab's TypeScript.
 */
function expandShorthandProperties(ts, src) {
  const sourceFile = ts.createSourceFile("cell.ts", src, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const insertions = [];
  const visit = (node) => {
    if (ts.isShorthandPropertyAssignment(node)) insertions.push({ at: node.name.end, text: `: ${node.name.getText(sourceFile)}` });
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  let code = "";
  let from = 0;
  for (const { at, text } of insertions) {
    code += src.slice(from, at) + text;
    from = at;
  }
  return { code: code + src.slice(from), insertions };
}

/** The offset in the typed cell of `offset` in the expanded one (inside an insertion: where it was inserted). */
function typedOffset(insertions, offset) {
  let shift = 0;
  for (const { at, text } of insertions) {
    if (offset < at + shift) break;
    if (offset < at + shift + text.length) return at;
    shift += text.length;
  }
  return offset - shift;
}

/** A diagnostic position { offset, line, character } of the expanded cell, moved to the typed cell `src`. */
function typedPosition(src, insertions, position) {
  const offset = typedOffset(insertions, position.offset);
  const before = src.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { ...position, offset, line, character: offset - (before.lastIndexOf("\n") + 1) };
}

/**
 * Wraps tslab's createConverter (in its module `converterModule`) so that every converter's
 * convert(prevDecl, src) compiles the expanded cell and reports diagnostics at the typed positions.
 */
function patchConverter(converterModule, ts) {
  const createConverter = converterModule.createConverter;
  converterModule.createConverter = (options) => {
    const converter = createConverter(options);
    const convert = converter.convert;
    converter.convert = (prevDecl, src) => {
      const { code, insertions } = expandShorthandProperties(ts, src);
      const converted = convert(prevDecl, code);
      if (insertions.length === 0) return converted;
      const moved = (d) => (d.fileName === undefined ? { ...d, start: typedPosition(src, insertions, d.start), end: typedPosition(src, insertions, d.end) } : d);
      return { ...converted, diagnostics: converted.diagnostics.map(moved) };
    };
    return converter;
  };
}

module.exports = { expandShorthandProperties, typedPosition, patchConverter };
