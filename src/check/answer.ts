// Short answers checked by hash, so the student notebook carries "sha256:…" instead of the answer
// itself. An answer is normalised first — text trimmed, runs of white space made one space, lower
// case, Unicode NFC; numbers rounded to 12 significant digits; lists item by item — so "  He " and
// "he" are the same answer and 0.30000000000000004 is 0.3. The author writes the hash with
// answerHash(); the in-notebook check and the grader compare with compareAnswer. Imports only
// node:crypto and value.ts (kernel/ uses it).

import { createHash } from "node:crypto";
import { describeValue, numberText, type CheckedValue } from "./value";
import type { Verdict } from "./compare";

export type PlainAnswer = string | number | boolean | readonly PlainAnswer[];

const HASH_PREFIX = "sha256:";

/** The canonical text of an answer, or null when the value cannot be a short answer. */
export function normaliseAnswer(value: CheckedValue): string | null {
  switch (value.type) {
    case "string":
      return value.value.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
    case "number": {
      if (!Number.isFinite(value.value)) return numberText(value.value);
      const rounded = Number(value.value.toPrecision(12));
      return numberText(rounded === 0 ? 0 : rounded); // −0 is 0
    }
    case "boolean":
      return String(value.value);
    case "bigint":
      return value.value;
    case "array": {
      const items = value.items.map(normaliseAnswer);
      return items.some((item) => item === null) ? null : `[${items.join(", ")}]`;
    }
    default:
      return null;
  }
}

function toChecked(answer: PlainAnswer): CheckedValue {
  if (typeof answer === "string") return { type: "string", value: answer };
  if (typeof answer === "number") return { type: "number", value: answer };
  if (typeof answer === "boolean") return { type: "boolean", value: answer };
  if (Array.isArray(answer)) return { type: "array", items: answer.map(toChecked) };
  throw new TypeError(`answerHash: expected a string, number, boolean or a list of them, got ${typeof answer}`);
}

function sha256(text: string): string {
  return HASH_PREFIX + createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * The hash to put in a test cell for a short answer: `t.answer(name, points, () => answer, "sha256:…")`.
 * @example
 * expect(answerHash("  He ")).toBe(answerHash("he"));
 * expect(answerHash(0.1 + 0.2)).toBe(answerHash(0.3));
 * expect(answerHash(16)).toMatch(/^sha256:[0-9a-f]{64}$/);
 */
export function answerHash(answer: PlainAnswer): string {
  const text = normaliseAnswer(toChecked(answer));
  if (text === null) throw new TypeError("answerHash: this answer cannot be normalised");
  return sha256(text);
}

/** Whether `actual`, normalised, hashes to `expectedHash` ("sha256:<64 hex digits>"). */
export function compareAnswer(actual: CheckedValue, expectedHash: string): Verdict {
  if (!/^sha256:[0-9a-f]{64}$/.test(expectedHash)) throw new TypeError(`answer: the expected value must be a hash from answerHash ("sha256:" and 64 hex digits), got ${JSON.stringify(expectedHash)}`);
  const text = normaliseAnswer(actual);
  if (text === null) return { passed: false, message: `expected a short answer (text, a number, true/false or a list of them), got ${describeValue(actual)}` };
  return sha256(text) === expectedHash ? { passed: true, message: "the answer is right" } : { passed: false, message: "the answer is not right" };
}
