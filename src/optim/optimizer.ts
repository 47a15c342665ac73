// The base class every optimizer in this folder extends: it owns the parameter groups, the
// per-parameter state (moments, step counts) and its save/restore as plain JSON, and runs every
// update under noGrad, so a subclass writes only the update rule of one parameter — the lines a
// lecture shows next to its Algorytm. Vocabulary follows torch.optim (paramGroups, step, zeroGrad,
// stateDict, loadStateDict).
//
// Parameters come as a list of tensors (model.parameters()), as [name, tensor] pairs
// (model.namedParameters(), as torch.optim accepts named_parameters()), or as groups of either. With
// names, errors say which parameter ("0.weight"); step() refuses a NaN or ±∞ gradient by name before
// it updates anything (./gradient-check.ts).
//
// Pitfall: the updates change parameters in place (add_, mul_, copy_), so a parameter must be a leaf
// whose old value no recorded graph still needs; call step() after backward(), never in between.

import { noGrad } from "../autograd/engine";
import type { FloatArray } from "../core/kernel";
import { tensor } from "../tensor/creation";
import { Tensor } from "../tensor/tensor";
import { checkFiniteGradient } from "./gradient-check";

/** Hyperparameters shared by every optimizer: the learning rate α of the notes. */
export interface BaseHyper {
  lr: number;
}

/** A parameter with its name, as Module.namedParameters() lists it: ["0.weight", tensor]. */
export type NamedParameter = readonly [string, Tensor];

/**
 * A group of parameters sharing hyperparameters (e.g. no weight decay on biases, Algorytm 17);
 * paramNames[i] names params[i] when the group was given named parameters.
 */
export type ParamGroup<H extends BaseHyper> = H & { params: Tensor[]; paramNames?: string[] };

/**
 * What a constructor accepts: a flat list of parameters, of named parameters (Module.namedParameters()),
 * or groups of either that override some hyperparameters.
 */
export type ParamsInput<H extends BaseHyper> =
  | Tensor[]
  | NamedParameter[]
  | Array<Partial<H> & { params: Tensor[] | NamedParameter[] }>;

/** The state an optimizer keeps for one parameter: buffers of the parameter's shape and dtype, and numbers (the step count). */
export type ParamState = Record<string, Tensor | number>;

/** A tensor in a state dict: its shape and its elements in row-major order. */
export interface SavedTensor {
  shape: number[];
  data: number[];
}

/**
 * The plain-JSON snapshot of an optimizer (JSON.stringify-able). Parameters are referred to by their
 * index in the order of the groups' params, as in torch.optim, so the dict can be loaded into a new
 * optimizer built over the same parameter list.
 */
export interface OptimizerStateDict {
  state: Record<string, Record<string, number | SavedTensor>>;
  paramGroups: Array<Record<string, unknown> & { params: number[] }>;
}

/**
 * The base of every optimizer: a subclass writes the update of one parameter, the base runs it for every parameter with a gradient.
 * @example
 * class PlainGD extends optim.Optimizer<{ lr: number }> {
 *   constructor(params: Tensor[]) {
 *     super("PlainGD", params, { lr: 0.25 });
 *   }
 *   protected checkHyper(): void {}
 *   protected update(p: Tensor, g: Tensor, h: { lr: number }): void {
 *     p.add_(g, -h.lr); // ϕ ← ϕ − α·g
 *   }
 * }
 * const w = tensor([2, -4], { requiresGrad: true });
 * const opt = new PlainGD([w]);
 * w.square().sum().backward();               // g = 2w = [4, −8]
 * opt.step();
 * expect(w.tolist()).toEqual([1, -2]);       // 2 − ¼·4, −4 + ¼·8
 */
export abstract class Optimizer<H extends BaseHyper = BaseHyper> {
  readonly paramGroups: Array<ParamGroup<H>>;
  /** Per-parameter state, created on the parameter's first update. */
  readonly state = new Map<Tensor, ParamState>();
  /** Completed step() calls. */
  private steps = 0;

  /**
   * @param name the optimizer's name for error messages ("SGD", "Adam").
   * @param defaults the optimizer's hyperparameters and their default values.
   * @param options the constructor's options, overriding the defaults for every group (an undefined
   *   one keeps its default); a group's own keys override both. An option or group key the defaults
   *   do not name is an error — PyTorch's spellings (weight_decay, RMSprop's alpha) are not ignored.
   */
  protected constructor(readonly name: string, params: ParamsInput<H>, defaults: H, options: object = {}) {
    checkOptionNames(name, defaults, options, "");
    defaults = { ...defaults, ...definedOnly(options) };
    const list = Array.from(params as ArrayLike<unknown>);
    if (list.length === 0) throw new Error(`${name}: got an empty parameter list`);
    const grouped = list.every((p) => isGroup(p));
    if (!grouped && list.some((p) => isGroup(p))) {
      throw new Error(`${name}: params must be all tensors or all groups {params, lr, …}, not a mix`);
    }
    const groups = grouped ? (list as Array<Partial<H> & { params: unknown[] }>) : [{ params: list } as Partial<H> & { params: unknown[] }];
    const seen = new Set<Tensor>();
    this.paramGroups = groups.map((g, i) => {
      checkOptionNames(name, defaults, g, ` in parameter group ${i}`);
      const group = { ...defaults, ...parameterList(name, g.params, i) } as ParamGroup<H>;
      for (const [key, value] of Object.entries(g)) {
        if (key !== "params" && value !== undefined) (group as unknown as Record<string, unknown>)[key] = value;
      }
      for (const p of group.params) {
        if (seen.has(p)) throw new Error(`${name}: a parameter appears twice (in group ${i}); each tensor may be optimised once`);
        seen.add(p);
      }
      this.checkHyper(group);
      return group;
    });
  }

  /** Throws a clear error for an invalid hyperparameter of a group (called for every group). */
  protected abstract checkHyper(group: H): void;

  /**
   * Updates one parameter in place from its gradient; runs under noGrad. `state` is the parameter's
   * own record (empty on the first call); the subclass stores its buffers there.
   */
  protected abstract update(param: Tensor, grad: Tensor, group: H, state: ParamState): void;

  /**
   * One update of every parameter that has a gradient (parameters with grad === null are skipped, as in
   * PyTorch). Everything is checked before the first parameter changes: every group's hyperparameters
   * and every gradient (a NaN or ±∞ entry throws NonFiniteGradientError naming the parameter), so a
   * refused step leaves all parameters and all optimizer state as they were.
   */
  step(): void {
    for (const group of this.paramGroups) this.checkHyper(group); // an lr may have changed since (setLr, a hand edit)
    this.paramGroups.forEach((group, g) => {
      group.params.forEach((p, i) => {
        if (p.grad !== null) checkFiniteGradient(this.name, p, p.grad, { name: group.paramNames?.[i] ?? null, group: g, index: i }, this.steps + 1);
      });
    });
    noGrad(() => {
      for (const group of this.paramGroups) {
        for (const p of group.params) {
          if (p.grad === null) continue;
          let state = this.state.get(p);
          if (state === undefined) {
            state = {};
            this.state.set(p, state);
          }
          this.update(p, p.grad, group, state);
        }
      }
    });
    this.steps++;
  }

  /** Clears the gradient of every parameter (sets it to null, as PyTorch's default set_to_none). */
  zeroGrad(): void {
    for (const group of this.paramGroups) for (const p of group.params) p.grad = null;
  }

  /** Every parameter, group by group, in the order the indices of a state dict use. */
  params(): Tensor[] {
    return this.paramGroups.flatMap((g) => g.params);
  }

  stateDict(): OptimizerStateDict {
    const all = this.params();
    const state: OptimizerStateDict["state"] = {};
    all.forEach((p, i) => {
      const s = this.state.get(p);
      if (s === undefined) return;
      const saved: Record<string, number | SavedTensor> = {};
      for (const [key, value] of Object.entries(s)) {
        saved[key] = typeof value === "number" ? value : { shape: [...value.shape], data: Array.from(value.toArray()) };
      }
      state[String(i)] = saved;
    });
    let next = 0;
    const paramGroups = this.paramGroups.map((g) => {
      const { params, paramNames: _names, ...hyper } = g;
      const indices = params.map(() => next++);
      return { ...structuredClone(hyper), params: indices };
    });
    return { state, paramGroups };
  }

  /** Restores hyperparameters and state saved by stateDict() of an optimizer over the same parameters. */
  loadStateDict(dict: OptimizerStateDict): void {
    if (dict.paramGroups.length !== this.paramGroups.length) {
      throw new Error(`${this.name}.loadStateDict: the dict has ${dict.paramGroups.length} parameter groups, this optimizer ${this.paramGroups.length}`);
    }
    dict.paramGroups.forEach((saved, i) => {
      if (saved.params.length !== this.paramGroups[i].params.length) {
        throw new Error(`${this.name}.loadStateDict: group ${i} has ${saved.params.length} parameters in the dict, ${this.paramGroups[i].params.length} here`);
      }
    });
    const all = this.params();
    for (const key of Object.keys(dict.state)) {
      const i = Number(key);
      if (!Number.isInteger(i) || i < 0 || i >= all.length) {
        throw new Error(`${this.name}.loadStateDict: state for parameter ${key}, but there are only ${all.length} parameters`);
      }
    }
    dict.paramGroups.forEach((saved, i) => {
      const { params: _indices, paramNames: _names, ...hyper } = saved;
      Object.assign(this.paramGroups[i], structuredClone(hyper));
      this.checkHyper(this.paramGroups[i]);
    });
    this.state.clear();
    for (const [key, saved] of Object.entries(dict.state)) {
      const p = all[Number(key)];
      const s: ParamState = {};
      for (const [name, value] of Object.entries(saved)) {
        if (typeof value === "number") {
          s[name] = value;
          continue;
        }
        if (value.data.length !== p.numel()) {
          throw new Error(`${this.name}.loadStateDict: state "${name}" of parameter ${key} has ${value.data.length} elements, the parameter ${p.numel()}`);
        }
        s[name] = tensor(value.data, { dtype: p.dtype }).reshape(value.shape);
      }
      this.state.set(p, s);
    }
  }
}

function isGroup(p: unknown): p is { params: unknown[] } {
  return typeof p === "object" && p !== null && Array.isArray((p as { params?: unknown }).params);
}

function isNamed(p: unknown): p is NamedParameter {
  return Array.isArray(p) && p.length === 2 && typeof p[0] === "string" && p[1] instanceof Tensor;
}

/** The tensors of one group, and their names when every entry is a [name, tensor] pair. */
function parameterList(optimizer: string, entries: readonly unknown[], group: number): { params: Tensor[]; paramNames?: string[] } {
  if (entries.length > 0 && entries.every(isNamed)) return { params: entries.map((e) => e[1]), paramNames: entries.map((e) => e[0]) };
  entries.forEach((e, i) => {
    if (e instanceof Tensor) return;
    const what = isNamed(e) ? "a [name, tensor] pair among plain tensors (give all names or none)" : describeEntry(e);
    throw new TypeError(`${optimizer}: entry ${i} of parameter group ${group} is ${what}; parameters are tensors (model.parameters()) or [name, tensor] pairs (model.namedParameters())`);
  });
  return { params: entries as Tensor[] };
}

function describeEntry(e: unknown): string {
  if (Array.isArray(e)) return `an array of length ${e.length}`;
  return e === null ? "null" : `a ${typeof e}`;
}

/**
 * Sets the learning rate of every group (how a schedule's number reaches an optimizer each step).
 * @example
 * const p = tensor([1], { requiresGrad: true });
 * const opt = new optim.SGD([p], { lr: 0.1 });
 * optim.setLr(opt, schedules.exponential({ lr0: 0.1, gamma: 0.5 })(2)); // the schedule's lr at step 2
 * expect(opt.paramGroups[0].lr).toBeCloseTo(0.025, 15);
 */
export function setLr(optimizer: Optimizer, lr: number): void {
  checkNonNegative(optimizer.name, "lr", lr);
  for (const group of optimizer.paramGroups) group.lr = lr;
}

// ---- the elements an update loop writes -----------------------------------------------------------

/**
 * Runs `update` on the elements of `t` in row-major order as one writable dense array: t's own
 * storage when t is contiguous (every parameter a layer creates, every state buffer an optimizer
 * creates), otherwise a copy that is written back afterwards. The update loops of SGD and Adam run
 * over these arrays, one pass per parameter, instead of one tensor op per line of the algorithm.
 */
export function updateElements(t: Tensor, update: (data: FloatArray) => void): void {
  const n = t.numel();
  if (t.isContiguous()) {
    update(t.offset === 0 && t.storage.length === n ? t.storage : t.storage.subarray(t.offset, t.offset + n));
    return;
  }
  const data = t.toArray();
  update(data);
  t.copy_(tensor(data, { dtype: t.dtype }).reshape([...t.shape]));
}

// ---- argument checks shared by the optimizers ---------------------------------------------------

/** Throws `SGD: lr must be a non-negative number, got -0.1` unless value is finite and ≥ 0. */
export function checkNonNegative(name: string, key: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new Error(`${name}: ${key} must be a non-negative number, got ${value}`);
  }
}

/** Throws unless 0 ≤ value < 1 (a decay rate β, γ, ρ of a moving average). */
export function checkUnitInterval(name: string, key: string, value: number): void {
  if (typeof value !== "number" || !(value >= 0 && value < 1)) {
    throw new Error(`${name}: ${key} must be a number in [0, 1), got ${value}`);
  }
}

/** Throws unless value is one of `allowed`. */
export function checkChoice(name: string, key: string, value: unknown, allowed: readonly string[]): void {
  if (!allowed.includes(value as string)) {
    throw new Error(`${name}: ${key} must be one of ${allowed.map((a) => `"${a}"`).join(", ")}, got ${JSON.stringify(value)}`);
  }
}

/** The two moving-average rates [β, γ] of Adam and its variants (Algorytm 14's letters; PyTorch's betas). */
export function checkBetas(name: string, betas: readonly [number, number]): void {
  if (!Array.isArray(betas) || betas.length !== 2) throw new Error(`${name}: betas must be a pair [β, γ], got ${JSON.stringify(betas)}`);
  checkUnitInterval(name, "betas[0] (β)", betas[0]);
  checkUnitInterval(name, "betas[1] (γ)", betas[1]);
}


/** The options without keys whose value is undefined, so they do not hide a default. */
function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Throws for a key of `options` (other than a group's `params`) that `defaults` does not name, with the
 * name meant where it is a PyTorch spelling:
 * `RMSprop: unknown option "alpha" (PyTorch's alpha is rho here); its options are lr, rho, eps, weightDecay`.
 */
function checkOptionNames(name: string, defaults: object, options: object, where: string): void {
  const known = Object.keys(defaults);
  for (const key of Object.keys(options)) {
    if (key === "params" || known.includes(key)) continue;
    const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const hint = key === "alpha" && known.includes("rho") ? " (PyTorch's alpha is rho here)" : camel !== key && known.includes(camel) ? ` (did you mean ${camel}?)` : "";
    throw new Error(`${name}: unknown option "${key}"${where}${hint}; its options are ${known.join(", ")}`);
  }
}
