// The grading harness in-process, with a stand-in for tslab's display writer: records are signed
// with the secret (checked here with node:crypto), carry values and never verdicts, and in grading
// mode the expected side is never evaluated. installGrader reads the secret from a file it deletes
// and installs a frozen API under a global that cannot be replaced.
import { createHmac, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { GRADE_RECORD_MIME, GRADER_GLOBAL } from "../../src/display/common";
import { graderApi, installGrader, type GraderApi } from "../../src/check/grading";
import { hmacKey } from "../../src/check/sha256";
import { tensor } from "../../src/index";
import { enterNotebook, leaveNotebook, type SentDisplay } from "../helpers/fake-notebook";

let sent: SentDisplay[];
beforeEach(() => {
  sent = [];
  enterNotebook(sent);
});
afterEach(() => leaveNotebook());

/** The fake tslab module that enterNotebook registered. */
function fakeJupyter(): object {
  return require.cache["/fake/node_modules/tslab/dist/jupyter.js"]!.exports as object;
}

function records(secret: Buffer): Array<Record<string, unknown>> {
  return sent.map((message) => {
    const { payload, mac } = message.data[GRADE_RECORD_MIME] as { payload: string; mac: string };
    expect(mac).toBe(createHmac("sha256", secret).update(payload).digest("hex"));
    return JSON.parse(payload) as Record<string, unknown>;
  });
}

describe("grading mode", () => {
  test("a case is a signed begin and end record with the actual value; the expected side is never evaluated", () => {
    const secret = randomBytes(32);
    const api = graderApi(hmacKey(new Uint8Array(secret)), fakeJupyter(), "grade", null);
    let expectedEvaluated = false;
    api.test("q1", (t) => {
      t.allclose("forward", 2, () => tensor([1, 2]), () => { expectedEvaluated = true; return tensor([1, 2]); }, { atol: 1e-12 });
      api.hidden(true);
      t.equal("hidden one", 3, () => { throw new TypeError("nope"); }, 5);
      api.hidden(false);
    });
    expect(expectedEvaluated).toBe(false);
    const [begin, end, begin2, end2] = records(secret);
    expect(begin).toEqual({ v: 1, seq: 1, phase: "begin", question: "q1", case: "forward", kind: "allclose" });
    expect(end).toEqual({
      v: 1, seq: 2, phase: "end", question: "q1", case: "forward", kind: "allclose", points: "2", hidden: false,
      options: { atol: "1e-12" }, actual: { t: "tensor", dtype: "float64", shape: [2], data: "1,2" }, error: null,
    });
    expect(begin2.seq).toBe(3);
    expect(end2).toMatchObject({ case: "hidden one", hidden: true, actual: null, error: "TypeError: nope" });
    expect(JSON.stringify(end2)).not.toContain("passed");
  });

  test("the body's own errors become a test-error record; a hidden flag left on by an interrupted test is reset", () => {
    const secret = randomBytes(32);
    const api = graderApi(hmacKey(new Uint8Array(secret)), fakeJupyter(), "grade", null);
    api.hidden(true); // as if a cell had been interrupted between the hidden-test markers
    api.test("q2", (t) => {
      t.equal("after the interruption", 1, () => 1, 1);
      throw new Error("inputs could not be built");
    });
    const [, end, testError] = records(secret);
    expect(end).toMatchObject({ case: "after the interruption", hidden: false });
    expect(testError).toEqual({ v: 1, seq: 3, phase: "test-error", question: "q2", error: "Error: inputs could not be built" });
  });
});

describe("author mode", () => {
  test("records carry the expected side, or why it could not be computed, and whether it was a function", () => {
    const secret = randomBytes(32);
    const api: GraderApi = graderApi(hmacKey(new Uint8Array(secret)), fakeJupyter(), "author", null);
    api.test("q1", (t) => {
      t.equal("by value", 1, () => 4, 4);
      t.equal("by function", 1, () => 4, () => 2 + 2);
      t.equal("broken reference", 1, () => 4, () => { throw new Error("reference failed"); });
    });
    const ends = records(secret).filter((r) => r.phase === "end");
    expect(ends.map((r) => [r.expected, r.expectedError, r.expectedIsFunction])).toEqual([
      [{ t: "num", v: "4" }, null, false],
      [{ t: "num", v: "4" }, null, true],
      [null, "Error: reference failed", true],
    ]);
  });
});

describe("installGrader", () => {
  test("reads and deletes the secret file, installs a frozen API under a fixed global, only once", () => {
    const dir = mkdtempSync(join(tmpdir(), "deepnotes-grading-test-"));
    const secretFile = join(dir, "secret");
    const secret = randomBytes(32);
    writeFileSync(secretFile, secret);
    installGrader({ secretFile, mode: "grade" });
    expect(existsSync(secretFile)).toBe(false);
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, GRADER_GLOBAL)!;
    expect(descriptor).toMatchObject({ writable: false, configurable: false, enumerable: false });
    const api = descriptor.value as GraderApi;
    expect(Object.isFrozen(api)).toBe(true);
    expect(() => ((globalThis as Record<string, unknown>)[GRADER_GLOBAL] = {})).toThrow(TypeError);
    expect(() => installGrader({ secretFile, mode: "grade" })).toThrow(/already installed/);
    api.test("q", (t) => t.equal("one", 1, () => 1, 1));
    expect(records(secret).map((r) => r.phase)).toEqual(["begin", "end"]);
  });
});
