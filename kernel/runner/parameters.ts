// Papermill-style parameters: a notebook marks one code cell with the tag "parameters" (its
// defaults, e.g. `const full = false;`); the runner inserts right after it a cell tagged
// "injected-parameters" that redeclares the overridden names (tslab allows redeclaring a const in a
// later cell). The injected cell stays in the executed notebook as the record of what was run;
// running an executed notebook again replaces it instead of adding a second one (as papermill
// does). It has an id only where the notebook's format has ids (nbformat 4.5 and later).

import type { Cell, CodeCell, Notebook } from "../notebook-format";

export type Parameters = Record<string, unknown>;

/** A command-line value as JSON when it parses (true, 4, 0.5, "x", [1, 2]), else as the plain string. */
export function parseParameterValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A copy of `notebook` with the parameters cell followed by the overrides; unchanged when there are none. */
export function injectParameters(notebook: Notebook, parameters: Parameters, notebookPath: string): Notebook {
  const names = Object.keys(parameters);
  if (names.length === 0) return notebook;
  for (const name of names) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`${notebookPath}: parameter name "${name}" is not a valid identifier`);
  }
  const index = notebook.cells.findIndex((cell) => cell.cell_type === "code" && hasTag(cell, "parameters"));
  if (index < 0) {
    throw new Error(`${notebookPath}: no code cell is tagged "parameters", so ${names.map((n) => `-p ${n}`).join(", ")} cannot be applied`);
  }
  const injected: CodeCell = {
    cell_type: "code",
    ...(notebook.nbformat_minor >= 5 && { id: "injected-parameters" }),
    metadata: { tags: ["injected-parameters"] },
    execution_count: null,
    outputs: [],
    source: ["// Parameters injected by the runner (-p NAME VALUE)", ...names.map((n) => `const ${n} = ${JSON.stringify(parameters[n])};`)].join("\n"),
  };
  const after = notebook.cells.slice(index + 1).filter((cell) => !hasTag(cell, "injected-parameters"));
  const cells = [...notebook.cells.slice(0, index + 1), injected, ...after];
  return { ...notebook, cells, metadata: { ...notebook.metadata, parameters } };
}

function hasTag(cell: Cell, tag: string): boolean {
  return Array.isArray(cell.metadata.tags) && cell.metadata.tags.includes(tag);
}
