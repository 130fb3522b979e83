// Adafactor as Hugging Face transformers implements it (transformers.optimization.Adafactor), in float32.
import * as tf from '@tensorflow/tfjs-core';
import { TrainingError } from '../errors/index.js';
import type { Optimizer, OptimizerStateDict } from './optimizer.js';
import { SlotStore } from './slot-store.js';

/** Adafactor hyper-parameters; defaults are transformers' `Adafactor`'s. */
export interface AdafactorOptions {
  /** External learning rate; must be left out when `relativeStep` is true (HF raises the same error). */
  learningRate?: number;
  /** Regularisation constants: ε1 added to g², ε2 the floor of the parameter scale. HF default [1e-30, 1e-3]. */
  eps?: [number, number];
  /** Threshold of the RMS of the final update. HF default 1.0. */
  clipThreshold?: number;
  /** Exponent of the second-moment decay `β2ₜ = 1 − t^decayRate`. HF default -0.8. */
  decayRate?: number;
  /** First-moment coefficient; undefined (HF default None) keeps no first moment. */
  beta1?: number;
  /** Decay `p ← p − wd·lr·p`. HF default 0. */
  weightDecay?: number;
  /** Multiply the rate by max(ε2, RMS(p)). HF default true. */
  scaleParameter?: boolean;
  /** Rate `min(1e-2, 1/√t)` (or warm-up `min(1e-6 t, 1/√t)`) instead of the external one. HF default true. */
  relativeStep?: boolean;
  /** With `relativeStep`, grow the rate from 1e-6·t. HF default false. */
  warmupInit?: boolean;
}

/**
 * Adafactor (Shazeer & Stern 2018) with Hugging Face's defaults, the classic T5 fine-tuning optimizer. Parameters
 * of rank ≥ 2 keep factored second moments (row means over the last dim, column means over the second-to-last);
 * the update is divided by max(1, RMS(update)/clipThreshold).
 *
 * @example
 * ```ts
 * // The T5 paper's setting: constant 1e-3, no relative step, no parameter scaling.
 * const opt = new Adafactor({ learningRate: 1e-3, relativeStep: false, scaleParameter: false });
 * ```
 */
export class Adafactor implements Optimizer {
  readonly name = 'adafactor';
  private t = 0;
  private readonly slots = new SlotStore();
  readonly learningRate: number | undefined;
  readonly eps: [number, number];
  readonly clipThreshold: number;
  readonly decayRate: number;
  readonly beta1: number | undefined;
  readonly weightDecay: number;
  readonly scaleParameter: boolean;
  readonly relativeStep: boolean;
  readonly warmupInit: boolean;

  constructor(options: AdafactorOptions = {}) {
    this.learningRate = options.learningRate;
    this.eps = options.eps ?? [1e-30, 1e-3];
    this.clipThreshold = options.clipThreshold ?? 1.0;
    this.decayRate = options.decayRate ?? -0.8;
    this.beta1 = options.beta1;
    this.weightDecay = options.weightDecay ?? 0;
    this.scaleParameter = options.scaleParameter ?? true;
    this.relativeStep = options.relativeStep ?? true;
    this.warmupInit = options.warmupInit ?? false;
    if (this.learningRate !== undefined && this.relativeStep) {
      throw new TrainingError('Adafactor: cannot combine a manual learningRate with relativeStep=true');
    }
    if (this.warmupInit && !this.relativeStep)
      throw new TrainingError('Adafactor: warmupInit=true requires relativeStep=true');
  }

  get step(): number {
    return this.t;
  }

  /** The step's rate before the parameter scale: relative (from the step count) or the external one. */
  private relativeRate(external: number): number {
    if (!this.relativeStep) return external;
    const minStep = this.warmupInit ? 1e-6 * this.t : 1e-2;
    return Math.min(minStep, 1 / Math.sqrt(this.t));
  }

  /**
   * The rate for `p`: the relative rate times max(eps2, RMS(p)) when scaling by the parameter. HF reads RMS(p) back
   * with `.item()`; here it stays a scalar tensor so the update never waits for a GPU read-back.
   */
  private rate(p: tf.Tensor, external: number): tf.Scalar | number {
    const rel = this.relativeRate(external);
    if (!this.scaleParameter) return rel;
    return tf.tidy(() => tf.mul(tf.maximum(rmsOf(p), this.eps[1]), rel) as tf.Scalar);
  }

  applyGradients(
    variables: Map<string, tf.Variable>,
    gradients: Map<string, tf.Tensor>,
    learningRate: number,
  ): void {
    this.t += 1;
    const beta2t = 1.0 - this.t ** this.decayRate;
    for (const [name, p] of variables) {
      const g = gradients.get(name);
      if (g === undefined) continue;
      const factored = p.rank >= 2;
      // RMS(p) before the update.
      const lr = this.rate(p, learningRate);
      const row = factored ? this.slots.get(name, 'exp_avg_sq_row', p.shape.slice(0, -1)) : undefined;
      const col = factored
        ? this.slots.get(name, 'exp_avg_sq_col', [...p.shape.slice(0, -2), p.shape[p.rank - 1]])
        : undefined;
      const sq = factored ? undefined : this.slots.get(name, 'exp_avg_sq', p.shape);
      const avg = this.beta1 !== undefined ? this.slots.get(name, 'exp_avg', p.shape) : undefined;
      tf.tidy(() => {
        const g2 = tf.add(tf.square(g), this.eps[0]);
        let update: tf.Tensor;
        if (row && col) {
          const rowNew = tf.add(tf.mul(row, beta2t), tf.mul(tf.mean(g2, -1), 1 - beta2t)); // [..., rows]
          const colNew = tf.add(tf.mul(col, beta2t), tf.mul(tf.mean(g2, -2), 1 - beta2t)); // [..., cols]
          row.assign(rowNew);
          col.assign(colNew);
          // v̂ = (row / mean(row)) ⊗ col: rsqrt of each factor, outer product by broadcasting
          const rFactor = tf.expandDims(tf.rsqrt(tf.div(rowNew, tf.mean(rowNew, -1, true))), -1); // [..., rows, 1]
          const cFactor = tf.rsqrt(tf.expandDims(colNew, -2)); // [..., 1, cols]
          update = tf.mul(tf.mul(rFactor, cFactor), g);
        } else if (sq) {
          const sqNew = tf.add(tf.mul(sq, beta2t), tf.mul(g2, 1 - beta2t));
          sq.assign(sqNew);
          update = tf.mul(tf.rsqrt(sqNew), g);
        } else {
          throw new Error('unreachable');
        }
        update = tf.div(update, tf.maximum(tf.div(rmsOf(update), this.clipThreshold), 1.0));
        update = tf.mul(update, lr);
        if (avg && this.beta1 !== undefined) {
          const avgNew = tf.add(tf.mul(avg, this.beta1), tf.mul(update, 1 - this.beta1));
          avg.assign(avgNew);
          update = avgNew;
        }
        let next: tf.Tensor = p;
        if (this.weightDecay !== 0) next = tf.add(next, tf.mul(next, tf.mul(lr, -this.weightDecay)));
        p.assign(tf.sub(next, update));
      });
      if (typeof lr !== 'number') lr.dispose();
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
      if (v === undefined) return undefined;
      const s = [...v.shape];
      const factored = s.length >= 2;
      if (slot === 'exp_avg' && this.beta1 !== undefined) return s;
      if (slot === 'exp_avg_sq' && !factored) return s;
      if (slot === 'exp_avg_sq_row' && factored) return s.slice(0, -1);
      if (slot === 'exp_avg_sq_col' && factored) return [...s.slice(0, -2), s[s.length - 1]];
      return undefined;
    });
    this.t = state.step;
  }

  dispose(): void {
    this.slots.dispose();
  }
}

/** ‖t‖₂ / √numel, HF's `_rms`. */
function rmsOf(t: tf.Tensor): tf.Scalar {
  return tf.div(tf.norm(t), Math.sqrt(t.size)) as tf.Scalar;
}
