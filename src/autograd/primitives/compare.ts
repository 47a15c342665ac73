// Comparisons: elementwise, broadcasting, 1 where true and 0 where false, in the operands' (promoted)
// dtype. They are step functions, so they carry no gradient and are never recorded.

import { binaryOperands, mapBinary, type BinaryKernel } from "../../tensor/elementwise";
import type { Tensor, TensorLike } from "../../tensor/tensor";

const eqKernel: BinaryKernel = (a, ia, sa, b, ib, sb, out, io, n) => {
  for (let i = 0; i < n; i++) out[io + i] = a[ia + i * sa] === b[ib + i * sb] ? 1 : 0;
};
const neKernel: BinaryKernel = (a, ia, sa, b, ib, sb, out, io, n) => {
  for (let i = 0; i < n; i++) out[io + i] = a[ia + i * sa] !== b[ib + i * sb] ? 1 : 0;
};
const ltKernel: BinaryKernel = (a, ia, sa, b, ib, sb, out, io, n) => {
  for (let i = 0; i < n; i++) out[io + i] = a[ia + i * sa] < b[ib + i * sb] ? 1 : 0;
};
const leKernel: BinaryKernel = (a, ia, sa, b, ib, sb, out, io, n) => {
  for (let i = 0; i < n; i++) out[io + i] = a[ia + i * sa] <= b[ib + i * sb] ? 1 : 0;
};

/**
 * a == b → 1, else 0
 * @example
 * expect(eq(tensor([1, 2, 3]), tensor([1, 0, 3])).tolist()).toEqual([1, 0, 1]);
 */
export function eq(a: TensorLike, b: TensorLike): Tensor {
  return mapBinary("eq", ...binaryOperands("eq", a, b), eqKernel);
}
/**
 * a != b → 1, else 0
 * @example
 * expect(ne(tensor([1, 2, 3]), 2).tolist()).toEqual([1, 0, 1]);
 */
export function ne(a: TensorLike, b: TensorLike): Tensor {
  return mapBinary("ne", ...binaryOperands("ne", a, b), neKernel);
}
/**
 * a < b → 1, else 0
 * @example
 * expect(lt(tensor([1, 2, 3]), 2).tolist()).toEqual([1, 0, 0]);
 */
export function lt(a: TensorLike, b: TensorLike): Tensor {
  return mapBinary("lt", ...binaryOperands("lt", a, b), ltKernel);
}
/**
 * a <= b → 1, else 0
 * @example
 * expect(le(tensor([1, 2, 3]), 2).tolist()).toEqual([1, 1, 0]);
 */
export function le(a: TensorLike, b: TensorLike): Tensor {
  return mapBinary("le", ...binaryOperands("le", a, b), leKernel);
}
/**
 * a > b → 1, else 0
 * @example
 * expect(gt(tensor([1, 2, 3]), 2).tolist()).toEqual([0, 0, 1]);
 */
export function gt(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands("gt", a, b);
  return mapBinary("gt", y, x, ltKernel);
}
/**
 * a >= b → 1, else 0
 * @example
 * expect(ge(tensor([1, 2, 3]), 2).tolist()).toEqual([0, 1, 1]);
 */
export function ge(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands("ge", a, b);
  return mapBinary("ge", y, x, leKernel);
}
