// The error a training run stops with when its loss or gradient norm is no longer a finite number.
import { T5CoreError } from '../errors/t5-core-error.js';

/** The value that went NaN or ±Infinity. */
export type NonFiniteQuantity = 'loss' | 'gradient norm';

/**
 * Thrown by the Trainer when an update's loss or (pre-clip) gradient norm is NaN or ±Infinity (both are read once
 * per update anyway, for the history). Training stops there and nothing more is saved: no checkpoint of that step
 * and no end-of-training checkpoint, so the newest checkpoint on disk is the last one written before the failure.
 * The weights in memory are not usable afterwards.
 *
 * @example
 * ```ts
 * try {
 *   await trainer.train(data);
 * } catch (error) {
 *   if (error instanceof NonFiniteTrainingError) console.error(`diverged at step ${error.step}`);
 *   throw error;
 * }
 * ```
 */
export class NonFiniteTrainingError extends T5CoreError {
  override readonly name = 'NonFiniteTrainingError';

  constructor(
    /** Which value was not finite. */
    readonly quantity: NonFiniteQuantity,
    /** The value itself (NaN, Infinity or -Infinity). */
    readonly value: number,
    /** The 1-based update it happened in (the step the progress line would have shown). */
    readonly step: number,
    /** The rate that update was to run at. */
    readonly learningRate: number,
  ) {
    super(
      `train: the ${quantity} is ${value} at step ${step} (learning rate ${learningRate.toExponential(2)}); ` +
        'training stopped and nothing from this step on is saved (checkpoints written before it are kept). ' +
        'A lower learning rate usually helps.',
    );
  }
}
