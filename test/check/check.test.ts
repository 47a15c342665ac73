// The student's side: test() runs a question's cases at once and shows the verdict as its own
// MIME type beside HTML and text; check() runs them again. Cases are seeded by (question, case),
// one failing case never stops the others, and gradient checks compare backward (or autograd)
// with central differences of the forward.
import { afterEach, beforeEach, describe, expect, test as it, vi } from "vitest";
import { CHECK_MIME } from "../../src/display/common";
import { check, rand, tensor, test, type Tensor } from "../../src/index";
import { enterNotebook, leaveNotebook, type SentDisplay } from "../helpers/fake-notebook";

let sent: SentDisplay[];
beforeEach(() => {
  sent = [];
  enterNotebook(sent);
});
afterEach(() => leaveNotebook());

describe("test() in a notebook", () => {
  it("shows the verdict as CHECK_MIME, HTML and text, with points per case and the reason for a failure", () => {
    const square = (x: number) => x * x + (x === 3 ? 1 : 0); // wrong at 3
    const result = test("hw-q1", (t) => {
      t.equal("square of 2", 1, () => square(2), 4);
      t.equal("square of 3", 2, () => square(3), () => 9);
      t.allclose("square of 0.1", 1, () => square(0.1), 0.01, { atol: 1e-15 });
    });
    expect(result.points).toBe(2);
    expect(result.maxPoints).toBe(4);
    expect(result.cases.map((c) => [c.name, c.passed, c.points])).toEqual([["square of 2", true, 1], ["square of 3", false, 0], ["square of 0.1", true, 1]]);
    expect(result.cases[1].message).toBe("expected 9, got 10");
    expect(sent).toHaveLength(1);
    expect(sent[0].data[CHECK_MIME]).toEqual(result);
    expect(sent[0].data["text/plain"]).toBe("hw-q1: 2/4 points\n  ✔ square of 2 (1/1)\n  ✘ square of 3 (0/2): expected 9, got 10\n  ✔ square of 0.1 (1/1)");
    expect(sent[0].data["text/html"]).toContain("✘</td><td style=\"padding:2px 8px;text-align:left\">square of 3</td>");
  });

  it("a throwing case fails with the error and the others still run; a throwing body is reported", () => {
    const result = test("hw-q2", (t) => {
      t.equal("throws", 1, () => { throw new RangeError("index 7 out of range"); }, 1);
      t.equal("fine", 1, () => 1, 1);
      t.equal("not a function", 1, () => (undefined as unknown as () => number)(), 1);
    });
    expect(result.cases.map((c) => c.message)).toEqual(["RangeError: index 7 out of range", "equal", "TypeError: undefined is not a function"]);
    const broken = test("hw-q3", (t) => {
      t.equal("before", 1, () => 1, 1);
      throw new Error("the inputs could not be built");
    });
    expect(broken.error).toBe("Error: the inputs could not be built");
    expect(broken.cases).toHaveLength(1);
  });

  it("each case is seeded by its question and name, before actual and before expected", () => {
    const draw = () => Array.from(rand([3]).toArray());
    const result = test("hw-seeds", (t) => {
      t.allclose("same draw on both sides", 1, draw, draw, { atol: 0 });
      t.allclose("another case, other numbers", 1, draw, draw, { atol: 0 });
    });
    expect(result.points).toBe(2);
    const again = test("hw-seeds", (t) => t.allclose("same draw on both sides", 1, draw, draw));
    expect(again.points).toBe(1);
  });

  it("authoring mistakes are named: duplicate case names, bad points, a value instead of a function", () => {
    expect(() => test("hw-bad", (t) => { t.equal("a", 1, () => 1, 1); t.equal("a", 1, () => 1, 1); })).not.toThrow();
    expect(test("hw-bad", (t) => { t.equal("a", 1, () => 1, 1); t.equal("a", 1, () => 1, 1); }).error).toBe('test hw-bad: two cases are named "a"');
    expect(test("hw-bad2", (t) => t.equal("a", 0, () => 1, 1)).error).toBe('test hw-bad2, case "a": points must be a positive number');
    expect(test("hw-bad3", (t) => t.equal("a", 1, 5 as unknown as () => number, 5)).error).toMatch(/actual value must be a function/);
  });

  it("check() runs a question again; check() without a name runs all; an unknown name says what to do", () => {
    let value = 1;
    test("hw-q4", (t) => t.equal("value is 2", 1, () => value, 2));
    value = 2;
    expect(check("hw-q4").points).toBe(1);
    expect(check().map((r) => r.question)).toEqual(expect.arrayContaining(["hw-q1", "hw-q4"]));
    expect(() => check("hw-nope")).toThrow(/no tests for "hw-nope" yet — run the test cell of hw-nope first/);
  });
});

describe("gradient checks", () => {
  // y = x ⊙ w (elementwise), summed into an output of shape (2,).
  const forward = (x: Tensor, w: Tensor) => x.mul(w).sum(1);
  // ∂/∂x = g ⊗ w (2, 3); ∂/∂w = Σ_i g_i x_i (1, 3).
  const rightBackward = (x: Tensor, w: Tensor, g: Tensor) => [g.unsqueeze(1).mul(w), g.unsqueeze(1).mul(x).sum(0, true)];
  const wrongBackward = (x: Tensor, w: Tensor, g: Tensor) => [g.unsqueeze(1).mul(w), g.unsqueeze(1).mul(x).sum(0, true).mul(2)];
  const inputs = () => [tensor([[0.5, -1, 2], [1.5, 0.25, -0.75]]), tensor([[1, 2, 3]])];

  it("a right backward passes, a wrong one fails naming the input; autograd works without backward", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const result = test("hw-grad", (t) => {
      t.gradcheck("right backward", 2, { forward, backward: rightBackward, inputs: inputs() });
      t.gradcheck("wrong backward", 2, { forward, backward: wrongBackward, inputs: inputs() });
      t.gradcheck("autograd", 1, { forward, inputs: inputs() });
    });
    expect(result.cases.map((c) => c.passed)).toEqual([true, false, true]);
    expect(result.cases[1].message).toMatch(/^input 2: the analytic gradient differs from finite differences of the forward: 3 of 3 values differ/);
  });
});
