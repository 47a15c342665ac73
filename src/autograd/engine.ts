// The reverse-mode engine. An op that has an input requiring a gradient records a Node on its output:
// the inputs and a closure that maps the output's gradient to the inputs' gradients. backward() orders
// the recorded graph (the tape) topologically from the output and replays it in reverse, summing
// gradients that reach a tensor along several paths and accumulating into `.grad` of the leaves.
// Bookkeeping is one small object per op, so a training step of a tiny MLP is not dominated by it.
//
// Owned gradients: a primitive whose backward allocates a gradient for one input and keeps no other
// reference to it (linear, conv, relu …) marks it with ownedGradient(). The engine may then use that
// buffer without copying: a leaf keeps it as its .grad (instead of a private copy of every weight
// gradient every step), and a second gradient reaching the same tensor is added into it in place.
// Anything unmarked — the incoming gradient passed through (add), views of it (reshape), the
// gradient a caller gave to backward() — is never written and is copied before a leaf keeps it.

import { sameShape } from "../tensor/shape";
import type { Tensor } from "../tensor/tensor";

export interface Node {
  readonly op: string;
  readonly inputs: readonly Tensor[];
  /** Gradients of the inputs (null where an input needs none), given the output's gradient. */
  readonly backward: (grad: Tensor) => readonly (Tensor | null)[];
}

let gradEnabled = true;

/** Gradients that only the engine refers to (see the header); a WeakSet, so marking retains nothing. */
const owned = new WeakSet<Tensor>();

/** Marks a gradient a backward closure allocated for one input and keeps no reference to; returns it. */
export function ownedGradient(t: Tensor): Tensor {
  owned.add(t);
  return t;
}

/**
 * False inside noGrad(), where ops record no graph.
 * @example
 * expect(isGradEnabled()).toBe(true);
 * expect(noGrad(() => isGradEnabled())).toBe(false);
 */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/**
 * Runs `fn` without recording operations for autograd (evaluation, optimizer updates).
 * @example
 * const w = tensor([1, 2], { requiresGrad: true });
 * const y = noGrad(() => w.mul(3));
 * expect(y.requiresGrad).toBe(false);
 */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/** Attaches a Node to `out` when grad mode is on and an input requires a gradient; returns `out`. */
export function record(out: Tensor, op: string, inputs: readonly Tensor[], backward: Node["backward"]): Tensor {
  if (!gradEnabled) return out;
  for (const input of inputs) {
    if (input.requiresGrad) {
      out.requiresGrad = true;
      out.node = { op, inputs, backward };
      return out;
    }
  }
  return out;
}

/** Tensors reachable from `root` through recorded nodes, ordered so every tensor comes after its inputs. */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  // Iterative DFS (a long recurrent chain would overflow the call stack).
  const stack: { tensor: Tensor; next: number }[] = [{ tensor: root, next: 0 }];
  visited.add(root);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const inputs = frame.tensor.node?.inputs ?? [];
    if (frame.next < inputs.length) {
      const input = inputs[frame.next++];
      if (input.requiresGrad && !visited.has(input)) {
        visited.add(input);
        stack.push({ tensor: input, next: 0 });
      }
    } else {
      order.push(frame.tensor);
      stack.pop();
    }
  }
  return order;
}

/** Backpropagates `grad` (same shape as `root`) through the graph that produced `root`. */
export function runBackward(root: Tensor, grad: Tensor): void {
  const order = topologicalOrder(root);
  const grads = new Map<Tensor, Tensor>([[root, grad]]);
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    for (let i = order.length - 1; i >= 0; i--) {
      const tensor = order[i];
      const g = grads.get(tensor);
      if (g === undefined) continue;
      grads.delete(tensor);
      const node = tensor.node;
      if (node === null) {
        tensor.accumulateGrad(g, owned.delete(g));
        continue;
      }
      if (tensor.retainsGrad) tensor.accumulateGrad(g, false);
      const inputGrads = node.backward(g);
      for (let k = 0; k < node.inputs.length; k++) {
        const input = node.inputs[k];
        const ig = inputGrads[k];
        if (ig === null || !input.requiresGrad) continue;
        if (owned.has(ig) && inputGrads.indexOf(ig) !== k) owned.delete(ig); // handed to two inputs: shared
        const sofar = grads.get(input);
        if (sofar === undefined) grads.set(input, ig);
        else if (owned.has(sofar) && sofar !== ig && sofar.dtype === ig.dtype && sameShape(sofar.shape, ig.shape)) sofar.add_(ig);
        else grads.set(input, ownedGradient(sofar.add(ig)));
      }
    }
  } finally {
    gradEnabled = previous;
  }
}
