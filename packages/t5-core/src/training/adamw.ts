// AdamW exactly as torch.optim.AdamW computes it (single-tensor path, amsgrad off), in float32.
import * as tf from '@tensorflow/tfjs-core';
import { TrainingError } from '../errors/index.js';
import type { Optimizer, OptimizerStateDict } from './optimizer.js';
import { SlotStore } from './slot-store.js';

/** AdamW hyper-parameters; defaults are torch.optim.AdamW's. */
export interface AdamWOptions {
  /** Peak learning rate; the trainer's schedule scales it per step. torch default 1e-3. */
  learningRate?: number;
  /** torch default [0.9, 0.999]. */
  betas?: [number, number];
  /** Added to √v̂ (outside the root). torch default 1e-8. */
  eps?: number;
  /** Decoupled decay `p ← p (1 − lr·wd)` before the Adam step. torch default 0.01 (HF Trainer default 0). */
  weightDecay?: number;
  /**
   * Variables that get no weight decay. Default: biases and norms, as HF Trainer's `get_decay_parameter_names`
   * groups parameters.
   */
  noDecay?: (name: string) => boolean;
}

/** HF Trainer's name patterns for parameters that are not decayed (`bias`, `layernorm`, `rmsnorm`, `*_norm.*`). */
export const defaultNoDecay = (name: string): boolean =>
  /bias|layernorm|rmsnorm|(?:^|\.)norm(?:$|\.)|_norm(?:$|\.)/.test(name.toLowerCase());

/**
 * torch.optim.AdamW. Per parameter, at update t:
 * `p ← p(1 − lr·wd)`; `m ← m + (1−β1)(g − m)`; `v ← β2 v + (1−β2) g²`;
 * `p ← p − (lr / (1−β1ᵗ)) · m / (√v / √(1−β2ᵗ) + ε)`.
 *
 * @example
 * ```ts
 * const opt = new AdamW({ learningRate: 3e-4, weightDecay: 0.01 });
 * opt.applyGradients(model.namedTrainableVariables(), grads, 3e-4);
 * ```
 */
export class AdamW implements Optimizer {
  readonly name = 'adamw';
  private t = 0;
  private readonly slots = new SlotStore();
  readonly learningRate: number;
  readonly betas: [number, number];
  readonly eps: number;
  readonly weightDecay: number;
  private readonly noDecay: (name: string) => boolean;

  constructor(options: AdamWOptions = {}) {
    this.learningRate = options.learningRate ?? 1e-3;
    this.betas = options.betas ?? [0.9, 0.999];
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0.01;
    this.noDecay = options.noDecay ?? defaultNoDecay;
    const [b1, b2] = this.betas;
    if (!(b1 >= 0 && b1 < 1) || !(b2 >= 0 && b2 < 1))
      throw new TrainingError(`AdamW: betas must be in [0, 1), got [${b1}, ${b2}]`);
    if (!(this.eps >= 0)) throw new TrainingError(`AdamW: eps must be >= 0, got ${this.eps}`);
  }

  get step(): number {
    return this.t;
  }

  applyGradients(
    variables: Map<string, tf.Variable>,
    gradients: Map<string, tf.Tensor>,
    learningRate: number,
  ): void {
    this.t += 1;
    const [b1, b2] = this.betas;
    // Scalars are computed in double and rounded once to float32, as torch passes Python floats to float32 ops.
    const biasCorrection1 = 1 - b1 ** this.t;
    const biasCorrection2Sqrt = Math.sqrt(1 - b2 ** this.t);
    const stepSize = learningRate / biasCorrection1;
    for (const [name, p] of variables) {
      const g = gradients.get(name);
      if (g === undefined) continue; // torch skips parameters whose grad is None
      const m = this.slots.get(name, 'exp_avg', p.shape);
      const v = this.slots.get(name, 'exp_avg_sq', p.shape);
      tf.tidy(() => {
        const decay = this.noDecay(name) ? 0 : this.weightDecay;
        const decayed = decay !== 0 ? tf.mul(p, 1 - learningRate * decay) : p;
        // torch's lerp with weight < 0.5 is m + w (g − m)
        const mNew = tf.add(m, tf.mul(1 - b1, tf.sub(g, m)));
        const vNew = tf.add(tf.mul(v, b2), tf.mul(tf.mul(g, 1 - b2), g));
        const denom = tf.add(tf.div(tf.sqrt(vNew), biasCorrection2Sqrt), this.eps);
        m.assign(mNew);
        v.assign(vNew);
        p.assign(tf.add(decayed, tf.div(tf.mul(mNew, -stepSize), denom)));
      });
    }
  }

  stateDict(): Promise<OptimizerStateDict> {
    return this.slots.toState(this.t);
  }

  loadStateDict(state: OptimizerStateDict, variables: Map<string, tf.Variable>): void {
    this.slots.load(state, (key) => {
      const dot = key.lastIndexOf('.');
      const slot = key.slice(dot + 1);
      const v = variables.get(key.slice(0, dot));
      return v !== undefined && (slot === 'exp_avg' || slot === 'exp_avg_sq') ? [...v.shape] : undefined;
    });
    this.t = state.step;
  }

  dispose(): void {
    this.slots.dispose();
  }
}
