// Register-blocked micro-kernels: the only place where the floating-point work of GEMM happens.
//
// Each computes one MR×NR = 4 × (2 vectors) tile of C from a packed A and a packed B micro-panel:
//   a: packed A micro-panel, (kc, 4) row-major — a[p*4 + r] = op(A)[i0 + r][p0 + p]
//   b: packed B micro-panel, (kc, NR) row-major — b[p*NR + j] = op(B)[p0 + p][j0 + j], NR*E = 32 bytes
//   c: byte offset of the tile's top-left element in C, row stride ldcBytes; the caller owns C.
// With `overwrite` the tile is stored (first kc block), otherwise it is added to C.
//
// Why 4 rows × 2 vectors (see the measurements at the top of gemm.ts): the accumulators must stay in
// registers. V8 gives WASM 15 vector registers on x86-64 (xmm0–xmm14), and TurboFan issues all
// loads of an iteration first, before the arithmetic, so every loaded value is live at once:
//   8 accumulators + 2 B vectors + 4 broadcast A values + 1 product = 15 registers, no spill.
// A 5th row needs 18 and spills 3 values per iteration. The body is written once, not unrolled:
// an unrolled body has twice the loads in flight and spills too.

/** f32: 4×8 tile = 4 rows × 2 f32x4 accumulators; per p, a advances 4 floats (16 B), b 8 floats (32 B). */
export function microKernelF32(kc: i32, a: usize, b: usize, c: usize, ldcBytes: usize, overwrite: bool): void {
  let c00 = f32x4.splat(0), c01 = c00;
  let c10 = c00, c11 = c00;
  let c20 = c00, c21 = c00;
  let c30 = c00, c31 = c00;
  const bEnd = b + (<usize>kc << 5);
  while (b < bEnd) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let ai = v128.load32_splat(a);
    c00 = f32x4.add(c00, f32x4.mul(ai, b0));
    c01 = f32x4.add(c01, f32x4.mul(ai, b1));
    ai = v128.load32_splat(a, 4);
    c10 = f32x4.add(c10, f32x4.mul(ai, b0));
    c11 = f32x4.add(c11, f32x4.mul(ai, b1));
    ai = v128.load32_splat(a, 8);
    c20 = f32x4.add(c20, f32x4.mul(ai, b0));
    c21 = f32x4.add(c21, f32x4.mul(ai, b1));
    ai = v128.load32_splat(a, 12);
    c30 = f32x4.add(c30, f32x4.mul(ai, b0));
    c31 = f32x4.add(c31, f32x4.mul(ai, b1));
    a += 16;
    b += 32;
  }
  const c1 = c + ldcBytes, c2 = c1 + ldcBytes, c3 = c2 + ldcBytes;
  if (!overwrite) {
    c00 = f32x4.add(c00, v128.load(c)); c01 = f32x4.add(c01, v128.load(c, 16));
    c10 = f32x4.add(c10, v128.load(c1)); c11 = f32x4.add(c11, v128.load(c1, 16));
    c20 = f32x4.add(c20, v128.load(c2)); c21 = f32x4.add(c21, v128.load(c2, 16));
    c30 = f32x4.add(c30, v128.load(c3)); c31 = f32x4.add(c31, v128.load(c3, 16));
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c1, c10); v128.store(c1, c11, 16);
  v128.store(c2, c20); v128.store(c2, c21, 16);
  v128.store(c3, c30); v128.store(c3, c31, 16);
}

/** f64: 4×4 tile = 4 rows × 2 f64x2 accumulators; per p, a advances 4 doubles (32 B), b 4 doubles (32 B). */
export function microKernelF64(kc: i32, a: usize, b: usize, c: usize, ldcBytes: usize, overwrite: bool): void {
  let c00 = f64x2.splat(0), c01 = c00;
  let c10 = c00, c11 = c00;
  let c20 = c00, c21 = c00;
  let c30 = c00, c31 = c00;
  const bEnd = b + (<usize>kc << 5);
  while (b < bEnd) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let ai = v128.load64_splat(a);
    c00 = f64x2.add(c00, f64x2.mul(ai, b0));
    c01 = f64x2.add(c01, f64x2.mul(ai, b1));
    ai = v128.load64_splat(a, 8);
    c10 = f64x2.add(c10, f64x2.mul(ai, b0));
    c11 = f64x2.add(c11, f64x2.mul(ai, b1));
    ai = v128.load64_splat(a, 16);
    c20 = f64x2.add(c20, f64x2.mul(ai, b0));
    c21 = f64x2.add(c21, f64x2.mul(ai, b1));
    ai = v128.load64_splat(a, 24);
    c30 = f64x2.add(c30, f64x2.mul(ai, b0));
    c31 = f64x2.add(c31, f64x2.mul(ai, b1));
    a += 32;
    b += 32;
  }
  const c1 = c + ldcBytes, c2 = c1 + ldcBytes, c3 = c2 + ldcBytes;
  if (!overwrite) {
    c00 = f64x2.add(c00, v128.load(c)); c01 = f64x2.add(c01, v128.load(c, 16));
    c10 = f64x2.add(c10, v128.load(c1)); c11 = f64x2.add(c11, v128.load(c1, 16));
    c20 = f64x2.add(c20, v128.load(c2)); c21 = f64x2.add(c21, v128.load(c2, 16));
    c30 = f64x2.add(c30, v128.load(c3)); c31 = f64x2.add(c31, v128.load(c3, 16));
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c1, c10); v128.store(c1, c11, 16);
  v128.store(c2, c20); v128.store(c2, c21, 16);
  v128.store(c3, c30); v128.store(c3, c31, 16);
}
