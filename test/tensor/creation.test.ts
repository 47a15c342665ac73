import { describe, expect, test } from "vitest";
import { arange, eye, full, linspace, manualSeed, ones, rand, randn, RandomState, tensor, zeros, zerosLike } from "../../src/index";

describe.each(["float64", "float32"] as const)("creation in %s", (dtype) => {
  test("tensor() infers the shape of nested arrays and copies the values", () => {
    const source = [[1, 2, 3], [4, 5, 6]];
    const t = tensor(source, { dtype });
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe(dtype);
    expect(t.tolist()).toEqual(source);
    source[0][0] = 99;
    expect(t.tolist()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  test("zeros, ones, full, zerosLike", () => {
    expect(zeros([2, 2], { dtype }).tolist()).toEqual([[0, 0], [0, 0]]);
    expect(ones(3, { dtype }).tolist()).toEqual([1, 1, 1]);
    expect(full([1, 2], 7, { dtype }).tolist()).toEqual([[7, 7]]);
    const like = zerosLike(full([2], 5, { dtype }));
    expect([like.dtype, like.tolist()]).toEqual([dtype, [0, 0]]);
  });

  test("arange and linspace follow numpy", () => {
    expect(arange(5, undefined, 1, { dtype }).tolist()).toEqual([0, 1, 2, 3, 4]);
    expect(arange(2, 0, -0.5, { dtype }).tolist()).toEqual([2, 1.5, 1, 0.5]);
    expect(arange(0, 0, 1, { dtype }).shape).toEqual([0]);
    expect(linspace(-1, 1, 5, { dtype }).tolist()).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(linspace(0, 1, 1, { dtype }).tolist()).toEqual([0]);
    // numpy.linspace(0, 1, 3) → [0, 0.5, 1]; the last point is exactly `end` even when Δ is inexact
    expect((linspace(0, 0.3, 4, { dtype }).tolist() as number[])[3]).toBe(dtype === "float64" ? 0.3 : Math.fround(0.3));
  });

  test("eye", () => {
    expect(eye(2, 3, { dtype }).tolist()).toEqual([[1, 0, 0], [0, 1, 0]]);
  });

  test("rand/randn draw in row-major order from the seeded generator (numpy-compatible)", () => {
    manualSeed(0);
    const u = rand([2, 2], { dtype }).tolist() as number[][];
    const expected = [0.5488135039273248, 0.7151893663724195, 0.6027633760716439, 0.5448831829968969].map((v) => (dtype === "float32" ? Math.fround(v) : v));
    expect(u.flat()).toEqual(expected);
    manualSeed(0);
    const z = randn([3], { dtype }).tolist() as number[];
    expect(z).toEqual([1.764052345967664, 0.4001572083672233, 0.9787379841057392].map((v) => (dtype === "float32" ? Math.fround(v) : v)));
  });

  test("same seed, same bits; an explicit generator leaves the default one alone", () => {
    manualSeed(123);
    const a = randn([4, 4], { dtype }).tolist();
    manualSeed(123);
    const own = randn([2], { dtype, generator: new RandomState(5) });
    const b = randn([4, 4], { dtype }).tolist();
    expect(b).toEqual(a);
    expect(own.shape).toEqual([2]);
  });
});

describe("creation edge cases", () => {
  test("a Float32Array gives a float32 tensor unless a dtype is asked for", () => {
    expect(tensor(new Float32Array([1, 2])).dtype).toBe("float32");
    expect(tensor(new Float32Array([1, 2]), { dtype: "float64" }).dtype).toBe("float64");
    expect(tensor([1, 2]).dtype).toBe("float64");
  });

  test("a scalar gives a 0-d tensor", () => {
    const t = tensor(3.5);
    expect(t.shape).toEqual([]);
    expect(t.item()).toBe(3.5);
  });

  test("bad input gets a clear error", () => {
    expect(() => tensor([[1, "a" as unknown as number]])).toThrow('tensor: element at index [0][1] is string "a", not a number');
    expect(() => tensor([1, 2], { dtype: "int32" as "float64" })).toThrow(/unknown dtype "int32"/);
    expect(() => arange(0, 1, 0)).toThrow(/step must be a finite non-zero number/);
  });
});
