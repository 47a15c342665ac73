// Register-blocked micro-kernels: the only place where the floating-point work of GEMM happens.
// Two builds come from this one file (scripts/build-core.mjs): plain SIMD128 and relaxed SIMD, chosen
// at compile time by ASC_FEATURE_RELAXED_SIMD, so each binary contains exactly one pair of kernels.
//
// Each kernel computes one MR × NR tile of C from a packed A and a packed B micro-panel:
//   a: packed A micro-panel, (kc, MR) row-major — a[p*MR + r] = op(A)[i0 + r][p0 + p]
//   b: packed B micro-panel, (kc, NR) row-major — b[p*NR + j] = op(B)[p0 + p][j0 + j], NR*E = 32 bytes
//   c: byte offset of the tile's top-left element in C, row stride ldcBytes; the caller owns C.
// The tile is stored, never added to C: the caller adds it when C already holds earlier kc blocks
// (gemm.ts). Every tile accumulates its kc products from zero in order p = 0, 1, …, so the value of
// an element never depends on where its tile sits, which makes edge tiles and threads bit-identical.
// Why store-only: with an `if (!overwrite) acc += C` epilogue, V8 hoisted all six A broadcasts of
// the 6×8 loop above the FMAs and spilled five registers (31 instead of 66 GFLOP/s, kernel alone).
//
// Tile sizes come from the register file: V8 gives WASM 15 vector registers on x86-64 (xmm0–xmm14).
//   SIMD128, 4 rows × 2 vectors: TurboFan issues all loads of an iteration before its arithmetic, so
//     8 accumulators + 2 B vectors + 4 broadcast A values + 1 product = 15 registers. A 5th row spills.
//   Relaxed SIMD, 6 rows × 2 vectors: relaxed_madd becomes one FMA (vfmadd231ps) that accumulates in
//     place, with no product register: 12 accumulators + 2 B vectors + 1 A broadcast = 15.
// The loop body is written once, not unrolled: unrolling doubled the loads in flight, made asc -O3
// regroup the code and V8 spill, costing ~40 %.
//
// Measured (kernel alone on L1-resident panels, kc = 256, f32, GFLOP/s, best of 5, Zen 4 vCPU,
// Node 20.20, one process): relaxed 6×8 66–69, 5×8 63–66, 4×8 60–63; SIMD128 4×8 51–53. Loading the
// six A values as two vectors and broadcasting with shuffles instead: 32 (the shuffles' results
// stay live and spill). In the whole GEMM (packing included, n = 128–256): relaxed 62–65, SIMD128
// 48–51, f64 relaxed 31–32, f64 SIMD128 24–25.
//
// Rounding: SIMD128 rounds each product and each sum (2 roundings per term); relaxed_madd is a fused
// multiply-add on CPUs with FMA (1 rounding per term; V8 falls back to mul + add elsewhere). Both stay
// within the classic inner-product bound |ĉ − c| ≤ γ_k·Σ_p |a_ip|·|b_pj|, γ_k = k·u / (1 − k·u).

/** Rows of the micro-tile: 6 with FMA, 4 without (see above). */
export const MR: i32 = ASC_FEATURE_RELAXED_SIMD ? 6 : 4;
/** Bytes of one micro-tile row: 2 v128 registers = NR = 8 floats or 4 doubles. */
export const NR_BYTES: i32 = 32;

/** C tile (MR, NR) (+)= a (kc, MR) · b (kc, NR), float32. */
export function microKernelF32(kc: i32, a: usize, b: usize, c: usize, ldcBytes: usize): void {
  if (ASC_FEATURE_RELAXED_SIMD) microKernelF32x6(kc, a, b, c, ldcBytes);
  else microKernelF32x4(kc, a, b, c, ldcBytes);
}

/** C tile (MR, NR) (+)= a (kc, MR) · b (kc, NR), float64. */
export function microKernelF64(kc: i32, a: usize, b: usize, c: usize, ldcBytes: usize): void {
  if (ASC_FEATURE_RELAXED_SIMD) microKernelF64x6(kc, a, b, c, ldcBytes);
  else microKernelF64x4(kc, a, b, c, ldcBytes);
}

// ---------------------------------------------------------------------------------------------------
// SIMD128: 4 rows.

/** f32, 4×8 tile = 4 rows × 2 f32x4 accumulators; per p, a advances 4 floats (16 B), b 8 floats (32 B). */
// @ts-ignore: decorator
@inline function microKernelF32x4(kc: i32, a: usize, b: usize, c: usize, ldcBytes: usize): void {
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
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c1, c10); v128.store(c1, c11, 16);
  v128.store(c2, c20); v128.store(c2, c21, 16);
  v128.store(c3, c30); v128.store(c3, c31, 16);
}

/** f64, 4×4 tile = 4 rows × 2 f64x2 accumulators; per p, a advances 4 doubles (32 B), b 4 doubles (32 B). */
// @ts-ignore: decorator
@inline function microKernelF64x4(kc: i32, a: usize, b: usize, c: usize, ldcBytes: usize): void {
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
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c1, c10); v128.store(c1, c11, 16);
  v128.store(c2, c20); v128.store(c2, c21, 16);
  v128.store(c3, c30); v128.store(c3, c31, 16);
}

// ---------------------------------------------------------------------------------------------------
// Relaxed SIMD: 6 rows, one fused multiply-add per accumulator and step.

/** f32, 6×8 tile = 6 rows × 2 f32x4 accumulators; per p, a advances 6 floats (24 B), b 8 floats (32 B). */
// @ts-ignore: decorator
@inline function microKernelF32x6(kc: i32, a: usize, b: usize, c: usize, ldcBytes: usize): void {
  let c00 = f32x4.splat(0), c01 = c00;
  let c10 = c00, c11 = c00;
  let c20 = c00, c21 = c00;
  let c30 = c00, c31 = c00;
  let c40 = c00, c41 = c00;
  let c50 = c00, c51 = c00;
  const bEnd = b + (<usize>kc << 5);
  while (b < bEnd) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let ai = v128.load32_splat(a);
    c00 = f32x4.relaxed_madd(ai, b0, c00);
    c01 = f32x4.relaxed_madd(ai, b1, c01);
    ai = v128.load32_splat(a, 4);
    c10 = f32x4.relaxed_madd(ai, b0, c10);
    c11 = f32x4.relaxed_madd(ai, b1, c11);
    ai = v128.load32_splat(a, 8);
    c20 = f32x4.relaxed_madd(ai, b0, c20);
    c21 = f32x4.relaxed_madd(ai, b1, c21);
    ai = v128.load32_splat(a, 12);
    c30 = f32x4.relaxed_madd(ai, b0, c30);
    c31 = f32x4.relaxed_madd(ai, b1, c31);
    ai = v128.load32_splat(a, 16);
    c40 = f32x4.relaxed_madd(ai, b0, c40);
    c41 = f32x4.relaxed_madd(ai, b1, c41);
    ai = v128.load32_splat(a, 20);
    c50 = f32x4.relaxed_madd(ai, b0, c50);
    c51 = f32x4.relaxed_madd(ai, b1, c51);
    a += 24;
    b += 32;
  }
  const c1 = c + ldcBytes, c2 = c1 + ldcBytes, c3 = c2 + ldcBytes, c4 = c3 + ldcBytes, c5 = c4 + ldcBytes;
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c1, c10); v128.store(c1, c11, 16);
  v128.store(c2, c20); v128.store(c2, c21, 16);
  v128.store(c3, c30); v128.store(c3, c31, 16);
  v128.store(c4, c40); v128.store(c4, c41, 16);
  v128.store(c5, c50); v128.store(c5, c51, 16);
}

/** f64, 6×4 tile = 6 rows × 2 f64x2 accumulators; per p, a advances 6 doubles (48 B), b 4 doubles (32 B). */
// @ts-ignore: decorator
@inline function microKernelF64x6(kc: i32, a: usize, b: usize, c: usize, ldcBytes: usize): void {
  let c00 = f64x2.splat(0), c01 = c00;
  let c10 = c00, c11 = c00;
  let c20 = c00, c21 = c00;
  let c30 = c00, c31 = c00;
  let c40 = c00, c41 = c00;
  let c50 = c00, c51 = c00;
  const bEnd = b + (<usize>kc << 5);
  while (b < bEnd) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let ai = v128.load64_splat(a);
    c00 = f64x2.relaxed_madd(ai, b0, c00);
    c01 = f64x2.relaxed_madd(ai, b1, c01);
    ai = v128.load64_splat(a, 8);
    c10 = f64x2.relaxed_madd(ai, b0, c10);
    c11 = f64x2.relaxed_madd(ai, b1, c11);
    ai = v128.load64_splat(a, 16);
    c20 = f64x2.relaxed_madd(ai, b0, c20);
    c21 = f64x2.relaxed_madd(ai, b1, c21);
    ai = v128.load64_splat(a, 24);
    c30 = f64x2.relaxed_madd(ai, b0, c30);
    c31 = f64x2.relaxed_madd(ai, b1, c31);
    ai = v128.load64_splat(a, 32);
    c40 = f64x2.relaxed_madd(ai, b0, c40);
    c41 = f64x2.relaxed_madd(ai, b1, c41);
    ai = v128.load64_splat(a, 40);
    c50 = f64x2.relaxed_madd(ai, b0, c50);
    c51 = f64x2.relaxed_madd(ai, b1, c51);
    a += 48;
    b += 32;
  }
  const c1 = c + ldcBytes, c2 = c1 + ldcBytes, c3 = c2 + ldcBytes, c4 = c3 + ldcBytes, c5 = c4 + ldcBytes;
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c1, c10); v128.store(c1, c11, 16);
  v128.store(c2, c20); v128.store(c2, c21, 16);
  v128.store(c3, c30); v128.store(c3, c31, 16);
  v128.store(c4, c40); v128.store(c4, c41, 16);
  v128.store(c5, c50); v128.store(c5, c51, 16);
}
