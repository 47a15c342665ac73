// Reading an .ipynb with errors a student can act on: the file, then what is wrong and where
// ("notebooks/x.ipynb: not valid JSON (Unexpected token … at line 3 column 5)"). A notebook is
// UTF-8 JSON text (a byte-order mark, as some Windows editors write, is tolerated); a file that is
// JSON is then checked against the nbformat schema (validate.ts), and the time limits it declares
// for itself (timeouts.ts) are checked too, so a typo there fails before any kernel starts.

import { isUtf8 } from "node:buffer";
import * as fs from "node:fs";
import type { Notebook } from "../notebook-format";
import { describeJsonError } from "./json-error";
import { timeoutProblem } from "./timeouts";
import { validateNotebook } from "./validate";

/** Reads and validates a notebook; throws an Error naming the file and the problem. */
export function readNotebook(path: string): Notebook {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path);
  } catch (error) {
    throw new Error(`${path}: cannot read the file (${(error as Error).message})`, { cause: error });
  }
  if (!isUtf8(bytes)) throw new Error(`${path}: not a notebook: the file is not UTF-8 text (a notebook is JSON text; is this a binary file?)`);
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${describeJsonError((error as Error).message, text)})`, { cause: error });
  }
  const notebook = validateNotebook(value, path);
  const timeouts = timeoutProblem(notebook);
  if (timeouts !== null) throw new Error(`${path}: ${timeouts}`);
  return notebook;
}
