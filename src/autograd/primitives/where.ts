// Primitive: selection. where(cond, a, b) takes a where cond ≠ 0 and b elsewhere, broadcasting all
// three; the gradient follows the same choice. cond itself gets no gradient.

import { record } from "../engine";
import { allocate, promote } from "../../tensor/dtype";
import { asTensor } from "../../tensor/elementwise";
import { broadcastShapes, sizeOf } from "../../tensor/shape";
import { denseElements, Tensor, type TensorLike } from "../../tensor/tensor";
import { sumTo } from "./sum-to";
import { expand } from "./views";

/**
 * cond ? a : b elementwise;  ∂/∂a = [cond], ∂/∂b = [¬cond]
 * @example
 * const x = tensor([-2, 3, -1]);
 * expect(where(gt(x, 0), x, 0).tolist()).toEqual([0, 3, 0]);  // relu by hand
 */
export function where(cond: Tensor, a: TensorLike, b: TensorLike): Tensor {
  const x = asTensor(a, cond);
  const y = asTensor(b, cond);
  const shape = broadcastShapes("where", cond.shape, x.shape, y.shape);
  const c = denseElements(expand(cond.detach(), shape));
  const xs = denseElements(expand(x.detach(), shape));
  const ys = denseElements(expand(y.detach(), shape));
  const data = allocate(promote(x.dtype, y.dtype), sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = c[i] !== 0 ? xs[i] : ys[i];
  const out = new Tensor(data, shape);
  return record(out, "where", [x, y], (g) => [
    x.requiresGrad ? sumTo(where(cond, g, 0), x.shape) : null,
    y.requiresGrad ? sumTo(where(cond, 0, g), y.shape) : null,
  ]);
}
