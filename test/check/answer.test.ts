// Hashed short answers: the normalisation makes equivalent answers hash alike, and the hash in
// the test cell is all the student notebook carries.
import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { answerHash, compareAnswer, normaliseAnswer } from "../../src/check/answer";

describe("answers by hash", () => {
  test("normalisation: white space, case, Unicode form, number rounding, lists", () => {
    expect(normaliseAnswer({ type: "string", value: "  He   Initialisation\n" })).toBe("he initialisation");
    expect(normaliseAnswer({ type: "string", value: "Z\u0307" })).toBe("ż"); // NFC: Z + combining dot = Ż
    expect(normaliseAnswer({ type: "number", value: 0.1 + 0.2 })).toBe("0.3");
    expect(normaliseAnswer({ type: "number", value: -0 })).toBe("0");
    expect(normaliseAnswer({ type: "array", items: [{ type: "number", value: 1 }, { type: "boolean", value: true }] })).toBe("[1, true]");
    expect(normaliseAnswer({ type: "object", entries: [] })).toBeNull();
  });

  test("the hash is sha256 of the normalised text and compareAnswer checks against it", () => {
    expect(answerHash("He")).toBe(`sha256:${createHash("sha256").update("he").digest("hex")}`);
    expect(compareAnswer({ type: "string", value: " HE " }, answerHash("he"))).toEqual({ passed: true, message: "the answer is right" });
    expect(compareAnswer({ type: "string", value: "Xavier" }, answerHash("he"))).toEqual({ passed: false, message: "the answer is not right" });
    expect(compareAnswer({ type: "null" }, answerHash("he")).message).toMatch(/expected a short answer/);
    expect(() => compareAnswer({ type: "string", value: "he" }, "he")).toThrow(/must be a hash from answerHash/);
  });
});
