import { afterEach, describe, expect, test, vi } from "vitest";
import { claim, ClaimError, erratum, tensor } from "../../src/index";

afterEach(() => vi.restoreAllMocks());

const base = { lecture: 2, item: "Twierdzenie 1", statement: "the variance is 1/3", reference: "closed form (b − a)²/12" };

describe("claim", () => {
  test("within tolerance it passes and returns the structured result", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const r = claim("var-uniform", { ...base, measured: 0.3334, expected: 1 / 3, atol: 1e-3 });
    expect(r).toMatchObject({ id: "var-uniform", lecture: 2, item: "Twierdzenie 1", passed: true, atol: 1e-3 });
    expect(r.detail).toMatch(/max \|measured − expected\| = 6\.\d+e-5 within tolerance/);
  });

  test("outside tolerance it throws a ClaimError naming the claim, the item and both values", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const attempt = () => claim("var-uniform", { ...base, measured: 0.34, expected: 1 / 3, atol: 1e-3 });
    expect(attempt).toThrow(ClaimError);
    expect(attempt).toThrow("claim var-uniform failed (lecture 2, Twierdzenie 1): the variance is 1/3 — measured 0.340000, expected 0.333333 ± 0.001");
  });

  test("relations, arrays, tensors and booleans", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    expect(claim("a", { ...base, measured: [1, 2, 3], expected: [2, 3, 4], relation: "<" }).passed).toBe(true);
    expect(() => claim("b", { ...base, measured: [1, 5, 3], expected: 4, relation: "<" })).toThrow(/fails at index 1: 5 < 4 is false/);
    expect(claim("c", { ...base, measured: tensor([1, 2]), expected: tensor([1, 2 + 1e-12]), rtol: 1e-9 }).passed).toBe(true);
    expect(claim("d", { ...base, measured: true, expected: true }).passed).toBe(true);
    expect(() => claim("e", { ...base, measured: [1, 2], expected: [1, 2, 3], atol: 1 })).toThrow(/measured has 2 values but expected has 3/);
    expect(() => claim("f", { ...base, measured: NaN, expected: 0, atol: 1 })).toThrow(ClaimError);
  });

  test("an unknown option is an error that names it (tol is atol)", () => {
    const stale = { ...base, measured: 0.3334, expected: 1 / 3, tol: 1e-3 } as unknown as Parameters<typeof claim>[1];
    expect(() => claim("stale", stale)).toThrow('claim stale: unknown option "tol" (the absolute tolerance is "atol", beside "rtol"); the options are lecture, item, statement, measured, expected, atol, rtol, relation, reference');
  });

  test("the source of the expected value travels with the result and is printed with the verdict", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const r = claim("var-uniform-mc", { ...base, measured: 0.3334, expected: 1 / 3, atol: 1e-3, reference: "closed form: (b − a)²/12" });
    expect(r.reference).toBe("closed form: (b − a)²/12");
    expect(String(log.mock.calls[0][0])).toContain("expected 0.333333 ± 0.001 (closed form: (b − a)²/12)");
  });

  test("a missing or empty reference is an error that names the claim, before anything is shown", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const { reference: _, ...noReference } = base;
    const missing = { ...noReference, measured: 1, expected: 1 } as unknown as Parameters<typeof claim>[1];
    expect(() => claim("no-source", missing)).toThrow(/^claim no-source: "reference" is missing or empty; say where the expected value comes from/);
    expect(() => claim("blank-source", { ...base, measured: 1, expected: 1, reference: "  " })).toThrow(/claim blank-source: "reference" is missing or empty/);
    expect(log).not.toHaveBeenCalled();
  });

  test("an empty comparison fails instead of holding vacuously", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    expect(() => claim("nothing", { ...base, measured: [], expected: [], relation: "<" })).toThrow(/measured has no values: nothing was compared/);
    expect(() => claim("nothing-close", { ...base, measured: [], expected: 1, atol: 1 })).toThrow(/measured has no values/);
  });

  test("without a tolerance it requires equality", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    expect(claim("g", { ...base, measured: 0.5, expected: 0.5 }).passed).toBe(true);
    expect(() => claim("h", { ...base, measured: 0.5 + 1e-16 * 2, expected: 0.5 })).toThrow(ClaimError);
  });

  test("outside a notebook it prints a one-line verdict", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    claim("i", { ...base, measured: 1, expected: 1 });
    expect(log).toHaveBeenCalledWith("✔ [i] lecture 2, Twierdzenie 1: the variance is 1/3 — measured 1, expected 1 (closed form (b − a)²/12)");
  });
});

describe("erratum", () => {
  test("prints and returns the entry", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    erratum({ lecture: 3, location: "Wzór (3.2)", text: "σ²/n", correction: "σ²/(n−1)" });
    expect(log).toHaveBeenCalledWith('Erratum (lecture 3, Wzór (3.2)): the notes say "σ²/n"; correct: σ²/(n−1)');
  });
});
