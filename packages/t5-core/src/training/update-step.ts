// One optimizer update: each micro-batch's loss and gradients summed on the device, then the mean gradient clipped
// and applied, and the loss and gradient norm read back once.
import * as tf from '@tensorflow/tfjs-core';
import { readTensorData } from '../backend/device-health.js';
import type { Seq2SeqBatch, TrainableSeq2Seq } from '../contracts/index.js';
import { TrainingError } from '../errors/index.js';
import { clipGradNorm } from './clip-grad-norm.js';
import { countTokens } from './count-tokens.js';
import { NonFiniteTrainingError } from './non-finite-training-error.js';
import type { Optimizer } from './optimizer.js';

/** What one update did. */
export interface UpdateResult {
  /** Mean loss over the update's micro-batches. */
  loss: number;
  /** Global gradient L2 norm before clipping; only when clipping is on. */
  gradNorm?: number;
  /** Non-pad tokens (source + target) of the update's micro-batches. */
  tokens: number;
}

/**
 * Accumulates micro-batches and applies them as one update. Holds the model's trainable variables, so build one
 * per training run; {@link discard} drops a partial accumulation.
 *
 * @example
 * ```ts
 * const update = new UpdateStep(model, optimizer, 1.0);
 * await update.addMicroBatch(batch, dropoutSeed);
 * const { loss, gradNorm } = await update.apply(5e-5, 1);
 * ```
 */
export class UpdateStep {
  private readonly variables: Map<string, tf.Variable>;
  /** tf.variableGrads keys gradients by tfjs variable name; this maps them back to state-dict names. */
  private readonly byTfName: Map<string, string>;
  private readonly varList: tf.Variable[];
  private grads: Map<string, tf.Tensor> | undefined;
  /** Summed on the device and read once per update, together with the gradient norm. */
  private lossSum: tf.Scalar | undefined;
  private tokens = 0;
  private micro = 0;

  /** `maxGradNorm`: clipping threshold; `null` or 0 turns clipping (and the norm) off. */
  constructor(
    private readonly model: TrainableSeq2Seq,
    private readonly optimizer: Optimizer,
    private readonly maxGradNorm: number | null,
  ) {
    this.variables = model.namedTrainableVariables();
    if (this.variables.size === 0) throw new TrainingError('Trainer: the model has no trainable variables');
    this.byTfName = new Map([...this.variables].map(([k, v]) => [v.name, k]));
    this.varList = [...this.variables.values()];
  }

  /** Micro-batches accumulated since the last update. */
  get microBatches(): number {
    return this.micro;
  }

  /** Forward and backward pass of one micro-batch (dropout from `seed`); adds its loss and gradients. */
  async addMicroBatch(batch: Seq2SeqBatch, seed: number): Promise<void> {
    const { value, grads } = tf.variableGrads(() => {
      const out = this.model.forward(batch, { training: true, seed });
      if (out.loss === undefined)
        throw new TrainingError('train: the model returned no loss (are labels missing?)');
      return out.loss;
    }, this.varList);
    if (this.lossSum === undefined) {
      this.lossSum = value as tf.Scalar;
    } else {
      const sum = tf.add(this.lossSum, value) as tf.Scalar;
      this.lossSum.dispose();
      value.dispose();
      this.lossSum = sum;
    }
    this.accumulate(grads);
    const c = await countTokens(batch);
    this.tokens += c.source + c.target;
    this.micro += 1;
  }

  /**
   * One update at `learningRate` from the mean gradient of the micro-batches added since the last one. Throws
   * {@link NonFiniteTrainingError} (naming update `step`) when the loss or gradient norm is NaN or infinite; the
   * weights have then been updated with it, so nothing should be saved from here on.
   */
  async apply(learningRate: number, step: number): Promise<UpdateResult> {
    const micro = this.micro;
    const normTensor = this.applyGradients(learningRate);
    // The one read-back of the update: the summed loss and the pre-clip gradient norm.
    const lossSum = this.lossSum!;
    const read = tf.tidy(() => tf.stack(normTensor ? [lossSum, normTensor] : [lossSum]));
    const readBack = await readTensorData(read);
    read.dispose();
    normTensor?.dispose();
    lossSum.dispose();
    this.lossSum = undefined;
    const loss = readBack[0] / micro;
    const gradNorm = normTensor ? readBack[1] : undefined;
    if (!Number.isFinite(loss)) throw new NonFiniteTrainingError('loss', loss, step, learningRate);
    if (gradNorm !== undefined && !Number.isFinite(gradNorm))
      throw new NonFiniteTrainingError('gradient norm', gradNorm, step, learningRate);
    const tokens = this.tokens;
    this.micro = 0;
    this.tokens = 0;
    return { loss, ...(gradNorm !== undefined ? { gradNorm } : {}), tokens };
  }

  /** Drops what was accumulated since the last update. */
  discard(): void {
    if (this.grads !== undefined) for (const g of this.grads.values()) g.dispose();
    this.grads = undefined;
    this.lossSum?.dispose();
    this.lossSum = undefined;
    this.micro = 0;
    this.tokens = 0;
  }

  /** Adds a micro-batch's gradients (keyed by tfjs name) into the running sums (keyed by state-dict name). */
  private accumulate(grads: tf.NamedTensorMap): void {
    const out = this.grads ?? new Map<string, tf.Tensor>();
    for (const [tfName, g] of Object.entries(grads)) {
      const name = this.byTfName.get(tfName)!;
      const prev = out.get(name);
      if (prev === undefined) {
        out.set(name, g);
      } else {
        out.set(name, tf.add(prev, g));
        prev.dispose();
        g.dispose();
      }
    }
    this.grads = out;
  }

  /**
   * Averages, clips and applies the accumulated gradients; disposes them. Returns the pre-clip norm as a scalar
   * tensor (the caller disposes it) when clipping, so the update itself never waits for a read-back.
   */
  private applyGradients(learningRate: number): tf.Scalar | undefined {
    const acc = this.grads!;
    const micro = this.micro;
    const maxGradNorm = this.maxGradNorm;
    let gradNorm: tf.Scalar | undefined;
    tf.tidy(() => {
      let grads = acc;
      if (micro > 1) grads = new Map([...acc].map(([k, g]) => [k, tf.div(g, micro)]));
      if (maxGradNorm !== null && maxGradNorm > 0) {
        const clipped = clipGradNorm(grads, maxGradNorm);
        grads = clipped.gradients;
        gradNorm = tf.keep(clipped.totalNorm);
      }
      this.optimizer.applyGradients(this.variables, grads, learningRate);
    });
    for (const g of acc.values()) g.dispose();
    this.grads = undefined;
    return gradNorm;
  }
}
