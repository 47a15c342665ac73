// The backward of broadcasting: a gradient of the broadcast shape summed back to an input's shape.

import type { Tensor } from "../../tensor/tensor";
import { sameShape, type Shape } from "../../tensor/shape";
import { sum } from "./reduce";
import { reshape } from "./views";

/** Sums `g` over the dimensions along which an operand of shape `shape` was broadcast. */
export function sumTo(g: Tensor, shape: Shape): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const lead = g.ndim - shape.length;
  const dims: number[] = [];
  for (let d = 0; d < g.ndim; d++) {
    if (d < lead || (shape[d - lead] === 1 && g.shape[d] !== 1)) dims.push(d);
  }
  return reshape(sum(g, dims, true), shape);
}
