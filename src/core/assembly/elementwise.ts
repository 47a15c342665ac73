// Elementwise loops of a training step. The SGD update p ← p + α·g (axpy) touches every parameter
// once per step — 203,530 elements for the 784-256-10 MLP — and here runs four (f32) or two (f64)
// lanes at a time. What that saves over the scalar TypeScript loop (the reference kernel's axpy) is
// not measured: no benchmark times axpy alone (the training-step benchmark switches GEMM and axpy
// between the kernels together).
//
//   x, y: byte offsets of n contiguous elements; y is updated in place; the caller owns both.

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
