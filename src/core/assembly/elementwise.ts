// Elementwise loops of a training step, four (f32) or two (f64) lanes at a time with a scalar tail:
//   axpy          y ← y + α·x                      the SGD update of an optimizer that has no loop of its own
//   relu          out = x > 0 ? x : 0               forward of the activation
//   reluBackward  dx = x > 0 ? dy : 0               its gradient, the mask taken from the input
//   addRowVector  y (m, n) += v (n) on every row    a linear layer's bias
//   columnSums    s (n) = Σ_i y[i, :]               the bias gradient, rows added in order 0, 1, …
// Each keeps the rounding of the plain loop it replaces: one operation per element in the element
// type (relu and its gradient only select, so NaN → 0 and −0 → +0 as in `x > 0 ? x : 0`), and the
// column sums accumulate in T row by row, as the reduction over dim 0 in src/autograd does.
//
//   Pointers are byte offsets of dense row-major arrays in linear memory; the caller owns them all.
//   An output may be one of the inputs (in place) except where noted.

/** y ← y + α·x, float32 */
export function axpyF32(n: i32, alpha: f32, x: usize, y: usize): void {
  const va = f32x4.splat(alpha);
  const vectorEnd = y + (<usize>(n & ~3) << 2);
  const end = y + (<usize>n << 2);
  while (y < vectorEnd) {
    v128.store(y, f32x4.add(v128.load(y), f32x4.mul(va, v128.load(x))));
    x += 16;
    y += 16;
  }
  while (y < end) {
    store<f32>(y, load<f32>(y) + alpha * load<f32>(x));
    x += 4;
    y += 4;
  }
}

/** y ← y + α·x, float64 */
export function axpyF64(n: i32, alpha: f64, x: usize, y: usize): void {
  const va = f64x2.splat(alpha);
  const vectorEnd = y + (<usize>(n & ~1) << 3);
  const end = y + (<usize>n << 3);
  while (y < vectorEnd) {
    v128.store(y, f64x2.add(v128.load(y), f64x2.mul(va, v128.load(x))));
    x += 16;
    y += 16;
  }
  while (y < end) {
    store<f64>(y, load<f64>(y) + alpha * load<f64>(x));
    x += 8;
    y += 8;
  }
}

/** out[i] = x[i] > 0 ? x[i] : 0 over n elements: the lanes where x > 0 kept, the others +0. */
export function relu<T>(n: i32, x: usize, out: usize): void {
  const bytes = <usize>n * sizeof<T>();
  const zero = v128.splat<i32>(0);
  let o: usize = 0;
  for (; o + 16 <= bytes; o += 16) {
    const v = v128.load(x + o);
    v128.store(out + o, v128.and(v, sizeof<T>() == 4 ? f32x4.gt(v, zero) : f64x2.gt(v, zero)));
  }
  for (; o < bytes; o += sizeof<T>()) {
    const v = load<T>(x + o);
    store<T>(out + o, v > 0 ? v : 0);
  }
}

/** dx[i] = x[i] > 0 ? dy[i] : 0 over n elements; dx may be dy. */
export function reluBackward<T>(n: i32, dy: usize, x: usize, dx: usize): void {
  const bytes = <usize>n * sizeof<T>();
  const zero = v128.splat<i32>(0);
  let o: usize = 0;
  for (; o + 16 <= bytes; o += 16) {
    const v = v128.load(x + o);
    v128.store(dx + o, v128.and(v128.load(dy + o), sizeof<T>() == 4 ? f32x4.gt(v, zero) : f64x2.gt(v, zero)));
  }
  for (; o < bytes; o += sizeof<T>()) store<T>(dx + o, load<T>(x + o) > 0 ? load<T>(dy + o) : 0);
}

/** y[i, j] += v[j] for every row i of y (m, n). */
export function addRowVector<T>(m: i32, n: i32, y: usize, v: usize): void {
  const rowBytes = <usize>n * sizeof<T>();
  for (let i = 0; i < m; i++) {
    const row = y + <usize>i * rowBytes;
    let o: usize = 0;
    for (; o + 16 <= rowBytes; o += 16) {
      v128.store(row + o, sizeof<T>() == 4 ? f32x4.add(v128.load(row + o), v128.load(v + o)) : f64x2.add(v128.load(row + o), v128.load(v + o)));
    }
    for (; o < rowBytes; o += sizeof<T>()) store<T>(row + o, load<T>(row + o) + load<T>(v + o));
  }
}

/** s[j] = Σ_i y[i, j] over the rows of y (m, n), in row order, accumulated in T; s must not overlap y. */
export function columnSums<T>(m: i32, n: i32, y: usize, s: usize): void {
  const rowBytes = <usize>n * sizeof<T>();
  memory.fill(s, 0, rowBytes);
  for (let i = 0; i < m; i++) {
    const row = y + <usize>i * rowBytes;
    let o: usize = 0;
    for (; o + 16 <= rowBytes; o += 16) {
      v128.store(s + o, sizeof<T>() == 4 ? f32x4.add(v128.load(s + o), v128.load(row + o)) : f64x2.add(v128.load(s + o), v128.load(row + o)));
    }
    for (; o < rowBytes; o += sizeof<T>()) store<T>(s + o, load<T>(s + o) + load<T>(row + o));
  }
}
