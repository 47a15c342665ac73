// DataLoader: batches cover every row once per epoch, follow RandomState.permutation per epoch when
// shuffling, keep x and y paired, and honour dropLast; gatherRows against plain indexing.
import { describe, expect, test } from "vitest";
import { DataLoader } from "../../src/data/loader";
import { gatherRows } from "../../src/data/gather";
import { RandomState } from "../../src/data/random";
import { arange, tensor } from "../../src/index";

describe("DataLoader", () => {
  const x = arange(0, 30).reshape([10, 3]); // row i = [3i, 3i+1, 3i+2]
  const y = Int32Array.from({ length: 10 }, (_, i) => 100 + i);

  test("without shuffle: rows in order, last batch short, length = ceil(n/b)", () => {
    const loader = new DataLoader(x, y, { batchSize: 4 });
    const batches = [...loader];
    expect(loader.length).toBe(3);
    expect(batches.map((b) => b.x.shape)).toEqual([[4, 3], [4, 3], [2, 3]]);
    expect(Array.from(batches[2].y)).toEqual([108, 109]);
    expect(Array.from(batches[2].x.toArray())).toEqual([24, 25, 26, 27, 28, 29]);
  });

  test("shuffle: epoch e uses the e-th permutation of RandomState(seed), x and y stay paired", () => {
    const loader = new DataLoader(x, y, { batchSize: 3, shuffle: true, seed: 4, dropLast: true });
    const rng = new RandomState(4);
    for (let epoch = 0; epoch < 3; epoch++) {
      const order = Array.from(rng.permutation(10)).slice(0, 9);
      const batches = [...loader];
      expect(batches.length).toBe(3);
      const seen = batches.flatMap((b) => Array.from(b.y));
      expect(seen).toEqual(order.map((i) => 100 + i));
      for (const b of batches) {
        const rows = b.x.toArray();
        Array.from(b.y).forEach((label, i) => expect(rows[3 * i]).toBe(3 * (label - 100)));
      }
    }
  });

  test("y may be a tensor, gathered like x; float32 stays float32", () => {
    const yt = tensor([[1], [2], [3]], { dtype: "float32" });
    const batches = [...new DataLoader(tensor([[1, 1], [2, 2], [3, 3]]), yt, { batchSize: 2 })];
    expect(batches[1].y.dtype).toBe("float32");
    expect(Array.from(batches[1].y.toArray())).toEqual([3]);
  });

  test("gatherRows copies short rows by loop and long ones by block: both equal plain indexing", () => {
    for (const width of [3, 127, 128, 300]) {
      const x = arange(5 * width).reshape([5, width]);
      const rows = x.tolist() as number[][];
      expect(gatherRows(x, [4, 1, 1]).tolist()).toEqual([rows[4], rows[1], rows[1]]);
    }
  });

  test("gatherRows on a non-contiguous view equals plain indexing", () => {
    const t = arange(0, 12).reshape([3, 4]).transpose(0, 1); // (4, 3), column-major view
    const g = gatherRows(t, [3, 0, 3]);
    expect(g.shape).toEqual([3, 3]);
    expect(Array.from(g.toArray())).toEqual([3, 7, 11, 0, 4, 8, 3, 7, 11]);
    expect(() => gatherRows(t, [4])).toThrow(/index 4 at position 0 is out of range for 4 rows/);
  });

  test("bad arguments name the value", () => {
    expect(() => new DataLoader(x, new Int32Array(9))).toThrow(/x has 10 rows but y has 9/);
    expect(() => new DataLoader(x, y, { batchSize: 0 })).toThrow(/batchSize must be a positive integer \(got 0\)/);
  });
});

test("an empty data set gives no batches (shuffled or not); batchSize > N gives one short batch, or none with dropLast", () => {
  const empty = arange(0).reshape([0, 2]); // (0, 2)
  for (const shuffle of [false, true]) {
    const loader = new DataLoader(empty, new Int32Array(0), { batchSize: 4, shuffle });
    expect(loader.length).toBe(0);
    expect([...loader]).toEqual([]);
  }
  const x = arange(6).reshape([3, 2]);
  const batches = [...new DataLoader(x, new Int32Array([7, 8, 9]), { batchSize: 4 })];
  expect(batches.map((b) => b.x.tolist())).toEqual([[[0, 1], [2, 3], [4, 5]]]);
  expect(batches.map((b) => Array.from(b.y))).toEqual([[7, 8, 9]]);
  expect([...new DataLoader(x, new Int32Array(3), { batchSize: 4, dropLast: true })]).toEqual([]);
});
