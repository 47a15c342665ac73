// The Module base class: a named tree of parameters, buffers (non-learned state such as BatchNorm's
// running statistics) and child modules, as in torch.nn.Module. Names are registered explicitly and
// kept in registration order, so parameters(), stateDict() and the optimizer's view of a model are
// deterministic — the same model always lists its tensors in the same order.

import { inspect } from "node:util";
import { noGrad } from "../autograd/engine";
import { formatShape, sameShape } from "../tensor/shape";
import type { DType } from "../tensor/dtype";
import { tensor } from "../tensor/creation";
import type { Tensor } from "../tensor/tensor";

/** One tensor of a state dict: plain JSON, so it survives JSON.stringify / JSON.parse. */
export interface StateEntry {
  shape: number[];
  dtype: DType;
  data: number[];
}

export type StateDict = Record<string, StateEntry>;

/**
 * The base of every layer: parameters, buffers and child modules by name, train/eval, and a plain-JSON state dict.
 * @example
 * class Scale extends nn.Module {
 *   readonly factor = this.registerParameter("factor", tensor([2]));
 *   forward(x: Tensor): Tensor {
 *     return x.mul(this.factor);
 *   }
 * }
 * const m = new Scale();
 * expect(m.forward(tensor([1, 3])).tolist()).toEqual([2, 6]);
 * expect(m.factor.requiresGrad).toBe(true);
 * expect(m.stateDict()).toEqual({ factor: { shape: [1], dtype: "float64", data: [2] } });
 * expect(m.eval().training).toBe(false);
 */
export abstract class Module {
  /** Training mode (dropout active, batch statistics in BatchNorm); set by train() / eval(). */
  training = true;
  private readonly params = new Map<string, Tensor>();
  private readonly buffers = new Map<string, Tensor>();
  private readonly childModules = new Map<string, Module>();

  abstract forward(x: Tensor): Tensor;

  /** Registers a learned tensor (it is made to require a gradient) and returns it. */
  protected registerParameter(name: string, tensor: Tensor): Tensor {
    this.checkName(name);
    tensor.requiresGrad_(true);
    this.params.set(name, tensor);
    return tensor;
  }

  /** Registers saved state that is not learned by gradient descent (running statistics) and returns it. */
  protected registerBuffer(name: string, tensor: Tensor): Tensor {
    this.checkName(name);
    this.buffers.set(name, tensor);
    return tensor;
  }

  /** Registers a child module under `name` and returns it. */
  protected registerModule<M extends Module>(name: string, module: M): M {
    this.checkName(name);
    this.childModules.set(name, module);
    return module;
  }

  private checkName(name: string): void {
    if (name === "" || name.includes(".")) throw new Error(`${this.constructor.name}: "${name}" is not a valid name (non-empty, without dots)`);
    if (this.params.has(name) || this.buffers.has(name) || this.childModules.has(name)) {
      throw new Error(`${this.constructor.name}: "${name}" is already registered`);
    }
  }

  /** The direct children, in registration order. */
  children(): Module[] {
    return [...this.childModules.values()];
  }

  namedChildren(): [string, Module][] {
    return [...this.childModules.entries()];
  }

  /** This module and all its descendants, depth first (the module itself first). */
  modules(): Module[] {
    return [this, ...this.children().flatMap((c) => c.modules())];
  }

  /** Parameters with dotted names (`0.weight`): own parameters first, then each child's in order. */
  namedParameters(prefix = ""): [string, Tensor][] {
    const own = [...this.params.entries()].map(([n, t]): [string, Tensor] => [prefix + n, t]);
    return [...own, ...this.namedChildren().flatMap(([n, c]) => c.namedParameters(`${prefix}${n}.`))];
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, t]) => t);
  }

  namedBuffers(prefix = ""): [string, Tensor][] {
    const own = [...this.buffers.entries()].map(([n, t]): [string, Tensor] => [prefix + n, t]);
    return [...own, ...this.namedChildren().flatMap(([n, c]) => c.namedBuffers(`${prefix}${n}.`))];
  }

  /** Sets training mode here and in every descendant. */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /** Evaluation mode: train(false). */
  eval(): this {
    return this.train(false);
  }

  /** Clears `.grad` of every parameter. */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /**
   * Parameters and buffers as plain JSON `{ name: { shape, dtype, data } }`, parameters first.
   */
  stateDict(): StateDict {
    const out: StateDict = {};
    for (const [name, t] of [...this.namedParameters(), ...this.namedBuffers()]) {
      out[name] = { shape: [...t.shape], dtype: t.dtype, data: Array.from(t.toArray()) };
    }
    return out;
  }

  /** Copies every entry of `state` into the tensor of the same name (in place; dtype converted). */
  loadStateDict(state: StateDict): void {
    const targets = new Map([...this.namedParameters(), ...this.namedBuffers()]);
    const missing = [...targets.keys()].filter((k) => !(k in state));
    const unexpected = Object.keys(state).filter((k) => !targets.has(k));
    if (missing.length > 0 || unexpected.length > 0) {
      throw new Error(
        `${this.constructor.name}.loadStateDict: keys do not match` +
          (missing.length > 0 ? `; missing: ${missing.join(", ")}` : "") +
          (unexpected.length > 0 ? `; unexpected: ${unexpected.join(", ")}` : ""),
      );
    }
    for (const [name, target] of targets) {
      const entry = state[name];
      if (!sameShape(entry.shape, target.shape)) {
        throw new RangeError(`${this.constructor.name}.loadStateDict: "${name}" has shape ${formatShape(entry.shape)} in the state dict, but ${formatShape(target.shape)} in the module`);
      }
      const size = target.numel();
      if (entry.data.length !== size) {
        throw new RangeError(`${this.constructor.name}.loadStateDict: "${name}" has ${entry.data.length} values for shape ${formatShape(entry.shape)} (${size} expected)`);
      }
    }
    noGrad(() => {
      for (const [name, target] of targets) {
        target.copy_(tensor(state[name].data, { dtype: target.dtype }).reshape([...target.shape]));
      }
    });
  }

  /** The constructor arguments shown by toString(), e.g. `inFeatures=4, outFeatures=3, bias=true`. */
  protected extraRepr(): string {
    return "";
  }

  /** A PyTorch-style tree: `Sequential(\n  (0): Linear(inFeatures=4, …)\n  (1): ReLU()\n)`. */
  toString(): string {
    const name = this.constructor.name;
    const children = this.namedChildren();
    if (children.length === 0) return `${name}(${this.extraRepr()})`;
    const lines = children.map(([n, c]) => `  (${n}): ${c.toString().split("\n").join("\n  ")}`);
    const extra = this.extraRepr();
    return `${name}(${extra === "" ? "" : `\n  ${extra}`}\n${lines.join("\n")}\n)`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
