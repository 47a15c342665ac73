// The reverse-mode engine. An op that has an input requiring a gradient records a Node on its output:
// the inputs and a closure that maps the output's gradient to the inputs' gradients. backward() orders
// the recorded graph (the tape) topologically from the output and replays it in reverse, summing
// gradients that reach a tensor along several paths and accumulating into `.grad` of the leaves.
// Bookkeeping is one small object per op, so a training step of a tiny MLP is not dominated by it.

import type { Tensor } from "../tensor/tensor";

export interface Node {
  readonly op: string;
  readonly inputs: readonly Tensor[];
  /** Gradients of the inputs (null where an input needs none), given the output's gradient. */
  readonly backward: (grad: Tensor) => readonly (Tensor | null)[];
}

let gradEnabled = true;

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
      if (node === null || tensor.retainsGrad) tensor.accumulateGrad(g);
      if (node === null) continue;
      const inputGrads = node.backward(g);
      for (let k = 0; k < node.inputs.length; k++) {
        const input = node.inputs[k];
        const ig = inputGrads[k];
        if (ig === null || !input.requiresGrad) continue;
        const sofar = grads.get(input);
        grads.set(input, sofar === undefined ? ig : sofar.add(ig));
      }
    }
  } finally {
    gradEnabled = previous;
  }
}
