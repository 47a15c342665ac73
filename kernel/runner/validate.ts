// Is this JSON a Jupyter notebook the runner can run? Checked against the official nbformat v4 JSON
// schema for the notebook's own nbformat_minor (kernel/nbformat/, compiled with ajv), and
// explained in words a student can act on: every message names the cell by number and id and says
// what is wrong there ("cell 3 (id "intro") has cell_type "heading", which nbformat 4 does not
// have"). The mistakes people actually make — an old nbformat 3 file, a missing cell list, an
// unknown cell type, a number as source, missing or repeated cell ids — are checked first, with
// their own sentences; anything else the schema finds is translated from its error.
//
// Cell ids: nbformat 4.5 requires a unique id on every cell; 4.4 and earlier have none (the schema
// of those versions does not allow the field), so both are accepted, each by its own schema.

import * as fs from "node:fs";
import * as path from "node:path";
import AjvDraft04 from "ajv-draft-04";
import type { ErrorObject, ValidateFunction } from "ajv";
import { cellName, isObject, type Notebook } from "../notebook-format";
import { packageRoot } from "../paths";

const CELL_TYPES = ["code", "markdown", "raw"];
const OUTPUT_TYPES = ["execute_result", "display_data", "stream", "error"];
/** The newest minor version with a schema; later minors are checked against it, as nbformat does. */
const NEWEST_MINOR = 5;

/** Checks that `value` (parsed from `file`) is a valid nbformat-4 notebook; throws an Error naming the file and the problem. */
export function validateNotebook(value: unknown, file: string): Notebook {
  const problem = findProblem(value);
  if (problem !== null) throw new Error(`${file}: ${problem}`);
  return value as Notebook;
}

/** What is wrong with `value` as a notebook, in one sentence, or null if nothing is. */
export function findProblem(value: unknown): string | null {
  if (!isObject(value)) {
    return `the file is JSON but not a notebook: a notebook is an object with "cells", "metadata" and "nbformat", this is ${kindOf(value)}`;
  }
  const { nbformat, nbformat_minor: minor, cells } = value;
  if (nbformat === undefined) return 'not a Jupyter notebook: it has no "nbformat" field';
  if (typeof nbformat === "number" && nbformat < 4) {
    return `this notebook is in the old format nbformat ${nbformat} (IPython 2 or earlier); deepnotes reads nbformat 4 — open and save it in Jupyter, or convert it with \`jupyter nbconvert --to notebook --nbformat 4\``;
  }
  if (nbformat !== 4) return `unsupported notebook format ${JSON.stringify(nbformat)} (deepnotes reads nbformat 4)`;
  if (typeof minor !== "number" || !Number.isInteger(minor) || minor < 0) {
    return `"nbformat_minor" must be a whole number (4 or 5 for today's Jupyter), it is ${JSON.stringify(minor)}`;
  }
  if (cells === undefined) return 'the notebook has no "cells" list (every notebook has one, even an empty one)';
  if (!Array.isArray(cells)) return `"cells" must be a list of cells, it is ${kindOf(cells)}`;

  const withIds = minor >= 5;
  const seen = new Map<string, number>();
  for (let i = 0; i < cells.length; i++) {
    const cell: unknown = cells[i];
    if (!isObject(cell)) return `cell ${i + 1} is not a cell object, it is ${kindOf(cell)}`;
    const where = cellName(cell, i);
    if (!CELL_TYPES.includes(cell.cell_type as string)) {
      const what = cell.cell_type === undefined ? 'has no "cell_type"' : `has cell_type ${JSON.stringify(cell.cell_type)}, which nbformat 4 does not have`;
      return `${where} ${what} (it must be "code", "markdown" or "raw")`;
    }
    const sourceProblem = describeSource(cell.source);
    if (sourceProblem !== null) return `${where}: "source" must be a string or a list of strings, ${sourceProblem}`;
    if (withIds && cell.id === undefined) {
      return `${where} has no "id"; nbformat 4.${minor} requires a unique id on every cell (Jupyter adds them when it saves the notebook; or set "nbformat_minor" to 4, which has no ids)`;
    }
    if (!withIds && cell.id !== undefined) {
      return `${where} has an "id", but nbformat 4.${minor} has no cell ids (set "nbformat_minor" to 5, the version with ids)`;
    }
    if (typeof cell.id === "string") {
      const earlier = seen.get(cell.id);
      if (earlier !== undefined) return `cells ${earlier + 1} and ${i + 1} have the same id ${JSON.stringify(cell.id)}; every cell needs its own id`;
      seen.set(cell.id, i);
    }
  }

  const validate = schemaFor(minor);
  if (validate.schema(value)) return null;
  return describeSchemaError(cells, validate);
}

/** The schema error, located and translated: first the cell, then within it the output. */
function describeSchemaError(cells: unknown[], validate: SchemaSet): string {
  const [error] = validate.schema.errors ?? [];
  const cellMatch = /^\/cells\/(\d+)(\/.*)?$/.exec(error?.instancePath ?? "");
  if (!cellMatch) return describeErrors(validate.schema.errors ?? [], "");
  const index = Number(cellMatch[1]);
  const cell = cells[index] as Record<string, unknown>;
  const where = cellName(cell, index);
  const cellSchema = validate.definition(`${cell.cell_type as string}_cell`);
  cellSchema(cell);
  const errors = cellSchema.errors ?? [];
  const outputMatch = /^\/outputs\/(\d+)(\/.*)?$/.exec(errors[0]?.instancePath ?? "");
  const outputs = cell.outputs as unknown[] | undefined;
  if (outputMatch && outputs) {
    const at = Number(outputMatch[1]);
    const output = outputs[at];
    const name = `${where}, output ${at + 1}`;
    if (!isObject(output)) return `${name} is not an output object, it is ${kindOf(output)}`;
    if (!OUTPUT_TYPES.includes(output.output_type as string)) {
      return `${name} has output_type ${JSON.stringify(output.output_type)} (it must be one of ${OUTPUT_TYPES.map((t) => `"${t}"`).join(", ")})`;
    }
    const outputType = output.output_type as string;
    const outputSchema = validate.definition(outputType);
    outputSchema(output);
    return describeErrors(outputSchema.errors ?? [], `${name} (${outputType})`);
  }
  return describeErrors(errors, where);
}

/** The first schema error as a sentence about `subject` ('cell 3 (id "x")', or "" for the notebook). */
function describeErrors(errors: ErrorObject[], subject: string): string {
  const [error] = errors;
  const field = fieldName(error?.instancePath ?? "");
  const at = subject === "" ? field || "the notebook" : field === "" ? subject : `${subject}: ${field}`;
  if (error === undefined) return `${at} does not match the nbformat schema`;
  // A "string or list of strings" field reports one error per alternative; say it once.
  if (error.schemaPath.includes("multiline_string") || error.schemaPath.includes("/source/")) {
    return `${at} must be a string or a list of strings`;
  }
  switch (error.keyword) {
    case "required":
      return `${at} is missing the field "${(error.params as { missingProperty: string }).missingProperty}"`;
    case "additionalProperties":
      return `${at} has a field "${(error.params as { additionalProperty: string }).additionalProperty}" that nbformat does not allow there`;
    case "type": {
      const types = errors.filter((e) => e.instancePath === error.instancePath && e.keyword === "type").map((e) => article(String(e.params.type)));
      return `${at} must be ${[...new Set(types)].join(" or ")}`;
    }
    case "enum":
      return `${at} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
    case "pattern":
      if (error.instancePath === "/id") return `${at} may only use letters, digits, "-" and "_"`;
      return `${at} ${error.message}`;
    case "minLength":
    case "maxLength":
      if (error.instancePath === "/id") return `${at} must be 1 to 64 characters long`;
      return `${at} ${error.message}`;
    default:
      return `${at} ${error.message ?? "does not match the nbformat schema"}`;
  }
}

/** "/outputs/0/data/image~1png" → 'outputs[0].data["image/png"]'. */
function fieldName(instancePath: string): string {
  let name = "";
  for (const raw of instancePath.split("/").slice(1)) {
    const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (/^\d+$/.test(part)) name += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) name += name === "" ? part : `.${part}`;
    else name += `[${JSON.stringify(part)}]`;
  }
  return name;
}

function describeSource(source: unknown): string | null {
  if (typeof source === "string") return null;
  if (source === undefined) return "and the cell has none";
  if (!Array.isArray(source)) return `it is ${kindOf(source)}`;
  const bad = source.findIndex((line) => typeof line !== "string");
  return bad < 0 ? null : `item ${bad + 1} of the list is ${kindOf(source[bad])}`;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${article(typeof value)} (${JSON.stringify(value) ?? typeof value})`;
}

function article(type: string): string {
  const names: Record<string, string> = { string: "a string", array: "a list", object: "an object", integer: "a whole number", number: "a number", boolean: "true or false", null: "null" };
  return names[type] ?? type;
}

interface SchemaSet {
  schema: ValidateFunction;
  /** The validator of one definition of the same schema ("code_cell", "stream", …). */
  definition: (name: string) => ValidateFunction;
}

// The schemas are JSON Schema draft-04 and use keywords ajv's strict mode rejects (a misspelt
// "item", properties inside "jupyter"); they are the official files, so strict mode is off.
const ajv = new AjvDraft04({ strict: false });
const compiled = new Map<number, SchemaSet>();

function schemaFor(minor: number): SchemaSet {
  const version = Math.min(minor, NEWEST_MINOR);
  let set = compiled.get(version);
  if (set === undefined) {
    const key = `nbformat-4.${version}`;
    const file = path.join(packageRoot(), "kernel", "nbformat", `nbformat.v4.${version}.schema.json`);
    ajv.addSchema(JSON.parse(fs.readFileSync(file, "utf8")) as object, key);
    set = {
      schema: ajv.getSchema(key)!,
      definition: (name) => ajv.getSchema(`${key}#/definitions/${name}`)!,
    };
    compiled.set(version, set);
  }
  return set;
}
