// Reading an .ipynb with errors a student can act on: the file, then what is wrong and where
// ("notebooks/x.ipynb: not valid JSON (Unexpected token … at line 3 column 5)"). Only the parts
// the runner relies on are checked: nbformat 4, a cell list, each cell's type and source.

import * as fs from "node:fs";
import type { Notebook } from "../notebook-format";
import { describeJsonError } from "./json-error";

/** Reads and validates a notebook; throws an Error naming the file and the problem. */
export function readNotebook(path: string): Notebook {
  let text: string;
  try {
    text = fs.readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(`${path}: cannot read the file (${(error as Error).message})`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${describeJsonError((error as Error).message, text)})`, { cause: error });
  }
  return validateNotebook(value, path);
}

/** Checks that `value` is an nbformat-4 notebook; fills in missing optional fields in place. */
function validateNotebook(value: unknown, path: string): Notebook {
  const fail = (problem: string): never => {
    throw new Error(`${path}: ${problem}`);
  };
  if (!isObject(value)) return fail("not a Jupyter notebook (the file is JSON but not an object)");
  if (value.nbformat !== 4) {
    return fail(
      value.nbformat === undefined
        ? "not a Jupyter notebook (no nbformat field)"
        : `unsupported notebook format ${JSON.stringify(value.nbformat)} (deepnotes reads nbformat 4)`,
    );
  }
  if (!Array.isArray(value.cells)) return fail("not a Jupyter notebook (no cells list)");
  value.metadata ??= {};
  value.nbformat_minor ??= 0;
  value.cells.forEach((cell: unknown, i: number) => {
    const where = `cell ${i + 1}`;
    if (!isObject(cell)) return fail(`${where} is not an object`);
    if (cell.cell_type !== "code" && cell.cell_type !== "markdown" && cell.cell_type !== "raw") {
      return fail(`${where} has an unknown cell_type ${JSON.stringify(cell.cell_type)}`);
    }
    const source = cell.source;
    if (typeof source !== "string" && !(Array.isArray(source) && source.every((line) => typeof line === "string"))) {
      return fail(`${where} has no source (a string or a list of strings)`);
    }
    cell.metadata ??= {};
    if (cell.cell_type === "code") {
      cell.outputs ??= [];
      cell.execution_count ??= null;
    }
  });
  return value as unknown as Notebook;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
