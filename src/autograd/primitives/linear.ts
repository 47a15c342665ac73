// Primitive: the fully connected layer y = x·Wᵀ + b (PyTorch's F.linear), with W (out, in) stored as
// nn.Linear keeps it. It is the composition add(matmul(x, W.T), b) done in one kernel call each
// way, because that composition is most of a small MLP's step: the forward pass runs the product and
// the bias in the kernel (the WASM core copies x, W and b in once and y out once), and the backward
// pass computes all three gradients from one copy of g:
//
//   forward   y  = x · Wᵀ + b          (…, out)
//   backward  dx = g · W               (…, in)
//             dW = gᵀ · x              (out, in)   — as dense as W, nothing transposed afterwards
//             db = Σ over rows of g    (out)       — rows added in order, as sum() would
//
// Every number is the one the composition gives: the same products in the same kernel calls, the
// bias added after the product, the bias gradient summed row by row in the element type
// (test/autograd/primitives/linear.test.ts checks the bits). Like a convolution it has first
// derivatives only: the backward calls the kernel directly instead of recording ops.

import { ownedGradient, record } from "../engine";
import { getKernel } from "../../core";
import { allocate, promote } from "../../tensor/dtype";
import { formatShape } from "../../tensor/shape";
import { denseElements, Tensor } from "../../tensor/tensor";
import { cast, reshape } from "./views";

/**
 * x (…, in) · weightᵀ + bias → (…, out), with weight (out, in) and bias (out) or null.
 * @example
 * const x = tensor([[1, 2], [3, 4]]);          // (2, in = 2)
 * const w = tensor([[1, 0], [1, 1], [0, 2]]);  // (out = 3, in = 2)
 * expect(nn.linear(x, w, tensor([0, 10, 100])).tolist()).toEqual([[1, 13, 104], [3, 17, 108]]);
 */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  if (weight.ndim !== 2) throw new RangeError(`linear: the weight must be (out, in), got shape ${formatShape(weight.shape)}`);
  const [n, k] = weight.shape;
  if (x.ndim === 0 || x.shape[x.ndim - 1] !== k) {
    throw new RangeError(`linear: input of shape ${formatShape(x.shape)} does not end in the weight's ${k} input features (weight ${formatShape(weight.shape)})`);
  }
  if (bias !== null && (bias.ndim !== 1 || bias.shape[0] !== n)) {
    throw new RangeError(`linear: bias of shape ${formatShape(bias.shape)} does not match the weight's ${n} output features (expected [${n}])`);
  }
  if (x.ndim !== 2) {
    const lead = x.shape.slice(0, -1);
    return reshape(linear(reshape(x, [-1, k]), weight, bias), [...lead, n]); // (…, in) as rows (M, in)
  }
  let dtype = promote(x.dtype, weight.dtype);
  if (bias !== null) dtype = promote(dtype, bias.dtype);
  const xs = x.dtype === dtype ? x : cast(x, dtype);
  const ws = weight.dtype === dtype ? weight : cast(weight, dtype);
  const bs = bias === null || bias.dtype === dtype ? bias : cast(bias, dtype);
  const m = x.shape[0];
  const xData = denseElements(xs); // (m, k), kept for dW
  const wData = denseElements(ws); // (n, k), kept for dx
  const y = allocate(dtype, m * n); // (m, n)
  getKernel().linearForward(m, n, k, xData, wData, bs === null ? null : denseElements(bs), y);
  const out = new Tensor(y, [m, n]);

  const inputs = bs === null ? [xs, ws] : [xs, ws, bs];
  return record(out, "linear", inputs, (g) => {
    const dy = denseElements(g.dtype === dtype ? g : cast(g, dtype)); // (m, n)
    const dx = xs.requiresGrad ? allocate(dtype, m * k) : null; // (m, k)
    const dw = ws.requiresGrad ? allocate(dtype, n * k) : null; // (n, k)
    const db = bs !== null && bs.requiresGrad ? allocate(dtype, n) : null; // (n)
    getKernel().linearBackward(m, n, k, xData, wData, dy, dx, dw, db);
    const grads = [dx === null ? null : ownedGradient(new Tensor(dx, [m, k])), dw === null ? null : ownedGradient(new Tensor(dw, [n, k]))];
    if (bs !== null) grads.push(db === null ? null : ownedGradient(new Tensor(db, [n])));
    return grads;
  });
}
