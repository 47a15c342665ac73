// The backend seam: every compute kernel the tensors call has this one signature, implemented twice —
// a plain-TypeScript reference (./reference.ts and ./reference-conv.ts, the algorithmic ground truth)
// and the WebAssembly SIMD core (./wasm.ts). Kernels know nothing about tensors: they see flat
// row-major typed arrays and, for convolutions, the window geometry below.

export type FloatArray = Float32Array | Float64Array;

/**
 * A window sliding over a batch of multi-channel images (N, C, H, W), read in row-major order: the
 * geometry of a convolution or pooling. A 1-D op of length L is a 1 × L image with a 1 × K window.
 * Output size per axis (PyTorch's formula): ⌊(size + 2·pad − dilation·(kernel − 1) − 1) / stride⌋ + 1.
 */
export interface Window2d {
  /** Batch size N and channels C of the input. */
  n: number;
  c: number;
  /** Input height and width (H = 1 for a 1-D op). */
  h: number;
  w: number;
  /** Window height and width. */
  kh: number;
  kw: number;
  strideH: number;
  strideW: number;
  padH: number;
  padW: number;
  dilationH: number;
  dilationW: number;
  /** Output height and width. */
  oh: number;
  ow: number;
}

/** The element counts a geometry implies, named as the kernels' arrays use them. */
export interface WindowSizes {
  /** N·C·H·W, the input (and its gradient). */
  image: number;
  /** C·KH·KW, the rows of the column matrix (the inner dimension of the convolution's product). */
  rows: number;
  /** OH·OW, the output positions of one image. */
  positions: number;
  /** N·OH·OW, the columns of the column matrix. */
  columns: number;
}

/** The sizes of a window geometry's arrays (the column matrix holds rows × columns elements). */
export function windowSizes(g: Window2d): WindowSizes {
  const positions = g.oh * g.ow;
  return { image: g.n * g.c * g.h * g.w, rows: g.c * g.kh * g.kw, positions, columns: g.n * positions };
}

export interface Kernel {
  /** "reference" or "wasm"; shown in benchmark tables and test names. */
  readonly name: string;

  /**
   * C = op(A) · op(B), overwriting C.
   *
   * All three arrays have the same element type and are dense row-major:
   *   A is (m, k), or (k, m) when transA — then op(A) = Aᵀ is read without materialising it;
   *   B is (k, n), or (n, k) when transB;
   *   C is (m, n).
   * Any of m, n, k may be 0 (k = 0 gives C = 0). Arrays may be subarrays of larger buffers.
   * NaN and ±Inf propagate as in a reference BLAS: every product a_ip·b_pj is formed, so a NaN in
   * row i of op(A) makes row i of C NaN and Inf·0 gives NaN.
   */
  gemm(transA: boolean, transB: boolean, m: number, n: number, k: number, a: FloatArray, b: FloatArray, c: FloatArray): void;

  /** y ← y + alpha·x, elementwise over two dense arrays of the same length and element type (the SGD update). */
  axpy(alpha: number, x: FloatArray, y: FloatArray): void;

  /**
   * A fully connected layer (nn.Linear), y (m, n) = x (m, k) · weightᵀ + bias, with weight stored
   * (n, k) and bias (n) or null; y is overwritten. The same product as gemm(false, true, …), then
   * the bias added to every row.
   */
  linearForward(m: number, n: number, k: number, x: FloatArray, weight: FloatArray, bias: FloatArray | null, y: FloatArray): void;

  /**
   * The gradients of linearForward for the output gradient dy (m, n); each requested one is
   * overwritten, a null one is skipped:
   *   dx (m, k) = dy · weight      dw (n, k) = dyᵀ · x      db (n) = Σ_i dy[i, :], rows added in order
   */
  linearBackward(
    m: number,
    n: number,
    k: number,
    x: FloatArray,
    weight: FloatArray,
    dy: FloatArray,
    dx: FloatArray | null,
    dw: FloatArray | null,
    db: FloatArray | null,
  ): void;

  /** out = x > 0 ? x : 0 elementwise (NaN and −0 give +0); out may be x. */
  relu(x: FloatArray, out: FloatArray): void;

  /** dx = x > 0 ? dy : 0 elementwise, the gradient of relu; dx may be dy. */
  reluBackward(dy: FloatArray, x: FloatArray, dx: FloatArray): void;

  /**
   * The column matrix of a convolution ("unfold"): cols (C·KH·KW, N·OH·OW) from input (N, C, H, W),
   *   cols[(c, i, j), (b, y, x)] = input[b, c, y·strideH − padH + i·dilationH, x·strideW − padW + j·dilationW],
   * 0 where the window hangs over the padding. Every entry of cols is written.
   */
  im2col(g: Window2d, input: FloatArray, cols: FloatArray): void;

  /**
   * The adjoint of im2col ("fold"): dx (N, C, H, W) overwritten with the sum, over every entry of
   * cols (C·KH·KW, N·OH·OW), of that entry added into the input pixel im2col copied it from.
   */
  col2im(g: Window2d, cols: FloatArray, dx: FloatArray): void;

  /**
   * Convolution forward (cross-correlation, groups = 1), as one GEMM over the column matrix:
   *   y (N, C_out, OH·OW) = weight (C_out, C·KH·KW) · im2col(x) + bias,
   * x (N, C, H, W), bias (C_out) or null. y is overwritten.
   */
  convForward(g: Window2d, cOut: number, x: FloatArray, weight: FloatArray, bias: FloatArray | null, y: FloatArray): void;

  /**
   * Convolution backward, for the output gradient dy (N, C_out, OH·OW); each requested gradient is
   * overwritten, a null one is skipped:
   *   dx (N, C, H, W)        = col2im(weightᵀ · dy)
   *   dw (C_out, C·KH·KW)    = dy · im2col(x)ᵀ
   *   db (C_out)             = Σ over batch and positions of dy
   * where dy is read as the (C_out, N·OH·OW) matrix dy[o, b·OH·OW + p] = dy[b, o, p].
   */
  convBackward(
    g: Window2d,
    cOut: number,
    x: FloatArray,
    weight: FloatArray,
    dy: FloatArray,
    dx: FloatArray | null,
    dw: FloatArray | null,
    db: FloatArray | null,
  ): void;
}
