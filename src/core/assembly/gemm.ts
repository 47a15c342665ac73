// Cache-blocked GEMM driver (GotoBLAS / BLIS loop nest) shared by float32 and float64.
//
//   C (m, n) = op(A) (m, k) · op(B) (k, n), all dense row-major in linear memory, C overwritten.
//   A is stored (m, k), or (k, m) when transA; B is stored (k, n), or (n, k) when transB.
//   One call computes the block C[i0 : i1, j0 : j1] — the whole of C, or one thread's share of it.
//   The caller (src/core/wasm.ts) owns A, B and C, and gives every thread its own workspace `ws`
//   (workspace_bytes() bytes, 64-byte aligned) for the packed panels: the module has no static
//   scratch, because its memory is shared by all threads and re-instantiated in each worker.
//
// Why pack: the micro-kernel wants op(A) as MR-row micro-panels (kc, MR) and op(B) as NR-column
// micro-panels (kc, NR), both contiguous, so its loads are sequential and cache-resident. Packing
// is also where transposes are absorbed — reading Aᵀ or Bᵀ only changes the packing loop — so
// Aᵀ·B, A·Bᵀ and Aᵀ·Bᵀ run the same micro-kernel on the same packed layout as A·B. Edge
// micro-panels are zero-padded to a full MR or NR; the matching edge tile of C is computed into a
// scratch tile and only its valid rows × columns are written back.
//
// Loop nest jc → pc → ic → jr → ir:
//   B block (KC, NC) packed once per (jc, pc)       — stays in L2/L3;
//   A block (MC, KC) packed once per (jc, pc, ic)   — stays in L2;
//   one B micro-panel (KC, NR) is reused by all MC/MR A micro-panels — stays in L1.
// Every element of C is the sum of its k products in blocks of KC, p ascending, whatever block or
// thread computes it (see microkernel.ts): splitting C between threads changes no bit of the result.
//
// What was tried (f32 A·B, GFLOP/s, 1 thread, Zen 4 vCPU, Node 20.20, tiles timed interleaved in one
// process; absolute numbers drift ±25 % with other tenants on the host, the ratios held):
//   SIMD128 tile (rows × f32x4)   n = 256   512   1024   register count (`node --print-wasm-code`)
//   5×8                                21    22     23   18 > 15: c40, c41 and one A value spill
//   6×8                                25    26     26   spills
//   4×12                               25    26     27   spills
//   3×8                                31    33     34   12, no spill, fewer FLOPs per load
//   2×16                               35    36     37   15, no spill — ties with 4×8
//   4×8  ← chosen                      35    36     37   15, no spill (quiet host: 39–40)
//   TurboFan issues all loads of an iteration before its arithmetic, so every loaded B vector
//   and broadcast A value is live at once: 4×8 = 8 acc + 2 B + 4 A + 1 product = 15 registers.
//   f64 uses the same 4 × 2-vector tile (4×4 doubles): 18–20, half of f32 as expected.
//   Relaxed SIMD (FMA): 6×8, 12 accumulators updated in place, 62–65 — see microkernel.ts.
//   KC 128 / 256 / 384 / 512: 128 ~5 % slower, 256–512 equal within noise. KC = 256 keeps an f64
//   A + B micro-panel pair (16–20 KiB) well inside L1d (32 KiB).
//   MC 64 / 128 / 256: equal for n ≥ 256, 256 slower at n = 64–128. MC = 32 micro-panels.
//   Packing A (m, k) with scalar loads: 64³ ran at 24 vs 32 for Aᵀ·B; transposing 4×4 blocks with
//   shuffles in packA and in packB(Bᵀ) closed the gap. All four transpose variants now run
//   within a few % of A·B (e.g. 40.2 / 39.8 / 40.1 / 40.0 at 512³ on a quiet host).

import { MR, NR_BYTES, microKernelF32, microKernelF64 } from "./microkernel";

/** Depth of one packed block, in elements. */
const KC = 256;
/** Rows of one packed A block: 32 micro-panels (128 rows SIMD128, 192 relaxed). */
const MC = MR * 32;
/** Bytes of one row of the packed B block: NC = 4096 floats or 2048 doubles. */
const NC_BYTES = 16384;

// One thread's workspace, sized for the larger element (8 bytes):
//   [PACK_A: (MC/MR) micro-panels of (KC, MR)] [PACK_B: (NC/NR) micro-panels of (KC, NR)] [EDGE: (MR, NR)]
const PACK_A_BYTES = MC * KC * 8;
const PACK_B_BYTES = KC * NC_BYTES;
const EDGE_BYTES = (MR * NR_BYTES + 63) & ~63;

/** Bytes of one thread's GEMM workspace (a multiple of 64). */
export function workspace_bytes(): usize {
  return PACK_A_BYTES + PACK_B_BYTES + EDGE_BYTES;
}

/** C[i0 : i1, j0 : j1] = op(A)[i0 : i1, :] · op(B)[:, j0 : j1]; C has row stride n. */
export function gemm<T>(transA: bool, transB: bool, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize, i0: i32, i1: i32, j0: i32, j1: i32, ws: usize): void {
  const E = <i32>sizeof<T>();
  const NC = NC_BYTES / E;
  if (k == 0) {
    for (let i = i0; i < i1; i++) memory.fill(c + (<usize>i * n + j0) * E, 0, <usize>(j1 - j0) * E);
    return;
  }
  const packA = ws;
  const packB = ws + PACK_A_BYTES;
  const edge = packB + PACK_B_BYTES;
  const lda = transA ? m : k; // row stride of A as stored
  const ldb = transB ? k : n; // row stride of B as stored
  for (let jc = j0; jc < j1; jc += NC) {
    const nc = min(NC, j1 - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      packPanelsB<T>(transB, b, ldb, pc, jc, kc, nc, packB);
      for (let ic = i0; ic < i1; ic += MC) {
        const mc = min(MC, i1 - ic);
        packPanelsA<T>(transA, a, lda, ic, pc, mc, kc, packA);
        macroKernel<T>(mc, nc, kc, c + (<usize>ic * n + jc) * E, n, pc == 0, packA, packB, edge);
      }
    }
  }
}

/**
 * C block (mc, nc) at byte offset c, row stride ldc elements, = (first kc block) or += packA (mc, kc)
 * · packB (kc, nc). A full tile of the first block is stored straight into C; every other tile is
 * computed into the scratch tile `edge` and then written (edge tiles: only their valid part) or
 * added to C — the same two roundings for every element, wherever its tile sits.
 */
function macroKernel<T>(mc: i32, nc: i32, kc: i32, c: usize, ldc: i32, overwrite: bool, packA: usize, packB: usize, edge: usize): void {
  const E = <i32>sizeof<T>();
  const NR = NR_BYTES / E;
  const ldcBytes = <usize>ldc * E;
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = min(NR, nc - jr);
    const bPanel = packB + <usize>jr * kc * E;
    for (let ir = 0; ir < mc; ir += MR) {
      const rows = min(MR, mc - ir);
      const aPanel = packA + <usize>ir * kc * E;
      const cTile = c + <usize>ir * ldcBytes + <usize>jr * E;
      const full = rows == MR && cols == NR;
      if (full && overwrite) {
        microKernel<T>(kc, aPanel, bPanel, cTile, ldcBytes);
        continue;
      }
      microKernel<T>(kc, aPanel, bPanel, edge, NR_BYTES);
      if (full) {
        addTile<T>(edge, cTile, ldcBytes);
        continue;
      }
      for (let r = 0; r < rows; r++) {
        const src = edge + <usize>r * NR_BYTES;
        const dst = cTile + <usize>r * ldcBytes;
        if (cols == NR) {
          if (overwrite) {
            v128.store(dst, v128.load(src));
            v128.store(dst, v128.load(src, 16), 16);
          } else {
            addRow<T>(src, dst);
          }
          continue;
        }
        for (let j = 0; j < cols; j++) {
          const offset = <usize>j * E;
          const value = load<T>(src + offset);
          store<T>(dst + offset, overwrite ? value : load<T>(dst + offset) + value);
        }
      }
    }
  }
}

/** C tile (MR, NR) at byte offset c += the scratch tile (MR, NR) at `tile` (row stride NR_BYTES). */
// @ts-ignore: decorator
@inline function addTile<T>(tile: usize, c: usize, ldcBytes: usize): void {
  for (let r = 0; r < MR; r++) addRow<T>(tile + <usize>r * NR_BYTES, c + <usize>r * ldcBytes);
}

/** One tile row of NR elements: dst += src. */
// @ts-ignore: decorator
@inline function addRow<T>(src: usize, dst: usize): void {
  if (sizeof<T>() == 4) {
    v128.store(dst, f32x4.add(v128.load(dst), v128.load(src)));
    v128.store(dst, f32x4.add(v128.load(dst, 16), v128.load(src, 16)), 16);
  } else {
    v128.store(dst, f64x2.add(v128.load(dst), v128.load(src)));
    v128.store(dst, f64x2.add(v128.load(dst, 16), v128.load(src, 16)), 16);
  }
}

// @inline turns the precision choice into a compile-time branch inside each instantiation.
// @ts-ignore: decorator
@inline function microKernel<T>(kc: i32, a: usize, b: usize, c: usize, ldcBytes: usize): void {
  if (sizeof<T>() == 4) microKernelF32(kc, a, b, c, ldcBytes);
  else microKernelF64(kc, a, b, c, ldcBytes);
}

/**
 * Packs op(A)[i0 : i0+mc, p0 : p0+kc] at `pack` as ceil(mc/MR) micro-panels, each (kc, MR)
 * row-major: panel[p*MR + r] = op(A)[i0 + ir + r][p0 + p], rows past mc are zero.
 * A as stored has row stride lda: op(A)[i][p] = A[i*lda + p], or A[p*lda + i] when transA.
 */
function packPanelsA<T>(transA: bool, a: usize, lda: i32, i0: i32, p0: i32, mc: i32, kc: i32, pack: usize): void {
  const E = <i32>sizeof<T>();
  const ldaBytes = <usize>lda * E;
  const panelRowBytes = <usize>MR * E;
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = min(MR, mc - ir);
    const panel = pack + <usize>ir * kc * E;
    if (transA) {
      // Stored (k, m): the MR values of one p are adjacent, a straight copy of MR*E bytes.
      let src = a + <usize>p0 * ldaBytes + <usize>(i0 + ir) * E;
      if (rows == MR) {
        for (let p = 0; p < kc; p++) {
          copyPanelRow<T>(src, panel + <usize>p * panelRowBytes);
          src += ldaBytes;
        }
      } else {
        memory.fill(panel, 0, <usize>kc * panelRowBytes);
        for (let p = 0; p < kc; p++) {
          memory.copy(panel + <usize>p * panelRowBytes, src, <usize>rows * E);
          src += ldaBytes;
        }
      }
    } else {
      // Stored (m, k): a transpose of MR rows of A (shuffle blocks, see packTransposed).
      packTransposed<T>(a + <usize>(i0 + ir) * ldaBytes + <usize>p0 * E, ldaBytes, rows, MR, kc, panel);
    }
  }
}

/**
 * Packs op(B)[p0 : p0+kc, j0 : j0+nc] at `pack` as ceil(nc/NR) micro-panels, each (kc, NR)
 * row-major: panel[p*NR + j] = op(B)[p0 + p][j0 + jr + j], columns past nc are zero.
 * B as stored has row stride ldb: op(B)[p][j] = B[p*ldb + j], or B[j*ldb + p] when transB.
 */
function packPanelsB<T>(transB: bool, b: usize, ldb: i32, p0: i32, j0: i32, kc: i32, nc: i32, pack: usize): void {
  const E = <i32>sizeof<T>();
  const NR = NR_BYTES / E;
  const ldbBytes = <usize>ldb * E;
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = min(NR, nc - jr);
    const panel = pack + <usize>jr * kc * E;
    if (transB) {
      // Stored (n, k): a transpose of NR rows of B (shuffle blocks, see packTransposed).
      packTransposed<T>(b + <usize>(j0 + jr) * ldbBytes + <usize>p0 * E, ldbBytes, cols, NR, kc, panel);
    } else {
      // Stored (k, n): each panel row is a contiguous run of NR elements of B's row p.
      let src = b + <usize>p0 * ldbBytes + <usize>(j0 + jr) * E;
      if (cols == NR) {
        for (let p = 0; p < kc; p++) {
          const dst = panel + <usize>p * NR_BYTES;
          v128.store(dst, v128.load(src));
          v128.store(dst, v128.load(src, 16), 16);
          src += ldbBytes;
        }
      } else {
        memory.fill(panel, 0, <usize>kc * NR_BYTES);
        for (let p = 0; p < kc; p++) {
          memory.copy(panel + <usize>p * NR_BYTES, src, <usize>cols * E);
          src += ldbBytes;
        }
      }
    }
  }
}

/**
 * Packs `count` stored rows (consecutive p values, row stride srcStride bytes) as one micro-panel
 * (kc, width), width = MR or NR: panel[p*width + r] = src[r][p], columns count … width−1 zero.
 * Rows go through 4-row and 2-row shuffle blocks (16 bytes of p at a time), a last odd row and the
 * last kc mod 16/E values of p one element at a time. Full A panels of the 6-row tile are 4 + 2 rows;
 * full B panels are 2 (f32) or 1 (f64) blocks of 4.
 */
function packTransposed<T>(src: usize, srcStride: usize, count: i32, width: i32, kc: i32, panel: usize): void {
  const E = <i32>sizeof<T>();
  const rowBytes = <usize>width * E;
  const step = 16 / E; // p values per shuffle block
  if (count < width) memory.fill(panel, 0, <usize>kc * rowBytes);
  let p = 0;
  for (; p + step <= kc; p += step) {
    const from = src + <usize>p * E;
    const to = panel + <usize>p * rowBytes;
    let r = 0;
    for (; r + 4 <= count; r += 4) transpose4<T>(from + <usize>r * srcStride, srcStride, to + <usize>r * E, rowBytes);
    if (r + 2 <= count) {
      transpose2<T>(from + <usize>r * srcStride, srcStride, to + <usize>r * E, rowBytes);
      r += 2;
    }
    if (r < count) {
      for (let q = 0; q < step; q++) store<T>(to + <usize>q * rowBytes + <usize>r * E, load<T>(from + <usize>r * srcStride + <usize>q * E));
    }
  }
  for (; p < kc; p++) {
    for (let r = 0; r < count; r++) store<T>(panel + <usize>p * rowBytes + <usize>r * E, load<T>(src + <usize>r * srcStride + <usize>p * E));
  }
}

/** Copies one packed A row, MR elements (16, 24, 32 or 48 bytes), from src to dst. */
// @ts-ignore: decorator
@inline function copyPanelRow<T>(src: usize, dst: usize): void {
  const bytes = MR * sizeof<T>();
  v128.store(dst, v128.load(src));
  if (bytes >= 32) v128.store(dst, v128.load(src, 16), 16);
  if (bytes >= 48) v128.store(dst, v128.load(src, 32), 32);
  if (bytes % 16 == 8) store<u64>(dst + bytes - 8, load<u64>(src + bytes - 8));
}

/**
 * Transposes a block of 4 rows × 16 bytes (4 floats or 2 doubles per row; row stride srcStride
 * bytes) into 16/E rows of 4 elements (row stride dstStride bytes): dst[q][r] = src[r][q].
 */
// @ts-ignore: decorator
@inline function transpose4<T>(src: usize, srcStride: usize, dst: usize, dstStride: usize): void {
  const r0 = v128.load(src);
  const r1 = v128.load(src + srcStride);
  const r2 = v128.load(src + 2 * srcStride);
  const r3 = v128.load(src + 3 * srcStride);
  if (sizeof<T>() == 4) {
    const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5); // r0[0] r1[0] r0[1] r1[1]
    const t1 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7); // r0[2] r1[2] r0[3] r1[3]
    const t2 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5); // r2[0] r3[0] r2[1] r3[1]
    const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7); // r2[2] r3[2] r2[3] r3[3]
    v128.store(dst, v128.shuffle<f64>(t0, t2, 0, 2)); // r0[0] r1[0] r2[0] r3[0]
    v128.store(dst + dstStride, v128.shuffle<f64>(t0, t2, 1, 3));
    v128.store(dst + 2 * dstStride, v128.shuffle<f64>(t1, t3, 0, 2));
    v128.store(dst + 3 * dstStride, v128.shuffle<f64>(t1, t3, 1, 3));
  } else {
    v128.store(dst, v128.shuffle<f64>(r0, r1, 0, 2)); // r0[0] r1[0]
    v128.store(dst, v128.shuffle<f64>(r2, r3, 0, 2), 16); // r2[0] r3[0]
    v128.store(dst + dstStride, v128.shuffle<f64>(r0, r1, 1, 3)); // r0[1] r1[1]
    v128.store(dst + dstStride, v128.shuffle<f64>(r2, r3, 1, 3), 16); // r2[1] r3[1]
  }
}

/**
 * Transposes a block of 2 rows × 16 bytes (row stride srcStride bytes) into 16/E rows of 2 elements
 * (row stride dstStride bytes): dst[q][r] = src[r][q]. Rows 4–5 of a 6-row A micro-panel.
 */
// @ts-ignore: decorator
@inline function transpose2<T>(src: usize, srcStride: usize, dst: usize, dstStride: usize): void {
  const r0 = v128.load(src);
  const r1 = v128.load(src + srcStride);
  if (sizeof<T>() == 4) {
    const lo = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5); // r0[0] r1[0] r0[1] r1[1]
    const hi = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7); // r0[2] r1[2] r0[3] r1[3]
    v128.store64_lane(dst, lo, 0);
    v128.store64_lane(dst + dstStride, lo, 1);
    v128.store64_lane(dst + 2 * dstStride, hi, 0);
    v128.store64_lane(dst + 3 * dstStride, hi, 1);
  } else {
    v128.store(dst, v128.shuffle<f64>(r0, r1, 0, 2)); // r0[0] r1[0]
    v128.store(dst + dstStride, v128.shuffle<f64>(r0, r1, 1, 3)); // r0[1] r1[1]
  }
}
