// The grading harness inside a student's kernel. The grader runs one preamble cell before the
// student's first cell:
//
//   require("<deepnotes>/dist/src/check/grading.js").installGrader({ secretFile, mode });
//
// installGrader reads a per-kernel secret from a file the grader wrote and deletes the file, keeps
// the secret only as HMAC midstates in this closure (never a string, a global, an environment
// variable or a cell's source — tslab keeps earlier cells' declarations visible), and installs a
// frozen { test, hidden } under a non-writable, non-configurable global (GRADER_GLOBAL). The
// grader's copies of the test cells fetch it from the global object itself, so a student's
// `const test = …` cannot shadow it.
//
// Each case sends display messages of GRADE_RECORD_MIME: { payload, mac } with mac =
// HMAC-SHA256(secret, payload), and writes the same record as one line to the kernel's stderr with
// a synchronous write: iopub messages still queued when a kernel dies (process.abort, the memory
// limit) are lost, a line already written to the pipe is not. The grader keeps only records whose
// mac verifies and judges every case itself against the expected values of its bundle; a record
// carries values, never a verdict.
// In "author" mode (the master notebook, while `assign` builds the bundle) records also carry the
// expected side, its tolerances and whether the case is hidden.

import * as fs from "node:fs";
import { GRADE_RECORD_LINE, GRADE_RECORD_MIME, GRADER_GLOBAL } from "../display/common";
import { makeTest, type CaseKind, type CaseRecord, type CaseSink, type HarnessState, type TestContext } from "./cases";
import { apply, defineProperty, describeThrown, fillTypedArray, freeze, ownData, Uint8ArrayConstructor, unrecordableProblem } from "./intrinsics";
import { hmacHex, hmacKey, type HmacKey } from "./sha256";
import { numberText, quote } from "./serialise";

export type GraderMode = "grade" | "author";

export interface GraderOptions {
  /** A file holding the secret's bytes; it is deleted once read. */
  secretFile: string;
  mode: GraderMode;
}

/** What the test cells of the grader's notebook see under GRADER_GLOBAL. */
export interface GraderApi {
  test: (question: string, body: (t: TestContext) => void) => void;
  /** Marks the cases declared from now on as hidden (the grader's rewrite of the hidden-test markers). */
  hidden: (flag: boolean) => void;
}

const readFileSync = fs.readFileSync;
const rmSync = fs.rmSync;
const writeSync = fs.writeSync;
const STDERR = 2;
let installed = false;

/** tslab's jupyter module (its exports object), found once while nothing has been patched. */
function tslabJupyter(): object | null {
  for (const path of Object.keys(require.cache)) {
    if (/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(path)) return (require.cache[path]?.exports as object | undefined) ?? null;
  }
  return null;
}

/** Installs the harness (once per kernel). */
export function installGrader(options: GraderOptions): void {
  if (installed) throw new Error("installGrader: the grading harness is already installed");
  installed = true;
  if (options.mode !== "grade" && options.mode !== "author") throw new Error(`installGrader: unknown mode ${String(options.mode)}`);
  const secret = readFileSync(options.secretFile);
  rmSync(options.secretFile, { force: true });
  const key = hmacKey(new Uint8ArrayConstructor(secret.buffer, secret.byteOffset, secret.byteLength));
  fillTypedArray(secret, 0);
  const jupyter = tslabJupyter();
  if (jupyter === null) throw new Error("installGrader: not running in a tslab kernel");
  const api = graderApi(key, jupyter, options.mode, STDERR);
  if (!defineProperty(globalThis, GRADER_GLOBAL, { value: api, writable: false, configurable: false, enumerable: false })) {
    throw new Error(`installGrader: globalThis.${GRADER_GLOBAL} is taken`);
  }
}

/**
 * The frozen { test, hidden } whose cases are recorded, signed with `key`, as display messages
 * through tslab's `jupyter` module and as lines on `lineFd` (the kernel's stderr; null for none).
 */
export function graderApi(key: HmacKey, jupyter: object, mode: GraderMode, lineFd: number | null): GraderApi {
  const state: HarnessState = { hidden: false };
  return freeze({
    test: makeTest(recordingSink(key, jupyter, mode, lineFd), state),
    hidden: (flag: boolean) => {
      state.hidden = flag === true;
    },
  });
}

/** The sink of the harness: every event becomes one signed record. */
function recordingSink(key: HmacKey, jupyter: object, mode: GraderMode, lineFd: number | null): CaseSink {
  const counter = { seq: 0 };
  const send = (fields: string): void => {
    counter.seq += 1;
    const payload = `{"v":1,"seq":${counter.seq},${fields}}`;
    const mac = hmacHex(key, payload);
    if (lineFd !== null) {
      try {
        writeSync(lineFd, `${GRADE_RECORD_LINE}${quote(payload)} ${mac}\n`);
      } catch {
        // A submission closed stderr: the display message below is the only copy.
      }
    }
    const writer = ownDataOrNull(jupyter, "lastWriteDisplayData");
    if (typeof writer !== "function") return; // a submission removed the kernel's writer
    const bundle = { [GRADE_RECORD_MIME]: { payload, mac } };
    apply(writer, undefined, [{ data: bundle, metadata: {}, transient: {} }, false]);
  };
  return freeze({
    begin(question: string, name: string, kind: CaseKind): void {
      send(`"phase":"begin","question":${quote(question)},"case":${quote(name)},"kind":"${kind}"`);
    },
    end(record: CaseRecord): void {
      let fields =
        `"phase":"end","question":${quote(record.question)},"case":${quote(record.name)},"kind":"${record.kind}",` +
        `"points":"${numberText(record.points)}","hidden":${record.hidden ? "true" : "false"},"options":${optionsText(record)},` +
        `"actual":${record.actual === null ? "null" : record.actual},"error":${record.error === null ? "null" : quote(record.error)}`;
      if (mode === "author") {
        let expected = "null";
        let expectedError = "null";
        if (record.kind !== "gradcheck") {
          try {
            expected = record.expected();
          } catch (thrown) {
            expectedError = quote(unrecordableProblem(thrown) ?? describeThrown(thrown));
          }
        }
        fields += `,"expected":${expected},"expectedError":${expectedError},"expectedIsFunction":${record.expectedIsFunction ? "true" : "false"}`;
      }
      send(fields);
    },
    testError(question: string, error: string): void {
      send(`"phase":"test-error","question":${quote(question)},"error":${quote(error)}`);
    },
  });
}

function ownDataOrNull(object: object, key: string): unknown {
  try {
    return ownData(object, key);
  } catch {
    return null;
  }
}

function optionsText(record: CaseRecord): string {
  const parts = ["atol", "rtol"] as const;
  let out = "";
  for (let i = 0; i < parts.length; i++) {
    const value = ownData(record.options, parts[i]);
    if (typeof value === "number") out += `${out === "" ? "" : ","}"${parts[i]}":"${numberText(value)}"`;
  }
  if (ownData(record.options, "equalNan") === true) out += `${out === "" ? "" : ","}"equalNan":true`;
  return `{${out}}`;
}
