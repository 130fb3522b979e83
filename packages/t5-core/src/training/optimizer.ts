// The optimizer seam the trainer drives: one update per call, state that can be saved and restored exactly.
import type * as tf from '@tensorflow/tfjs-core';

/** A saved optimizer state: slot tensors keyed `<variable name>.<slot>` plus the update count. */
export interface OptimizerStateDict {
  /** Updates applied so far (torch's `state[p]["step"]`, the same for every parameter here). */
  step: number;
  tensors: Map<string, { shape: number[]; data: Float32Array }>;
}

/**
 * An optimizer over named variables. Implementations keep their slots (moments) as variables they own.
 */
export interface Optimizer {
  /** `adamw`, `adafactor`, ... (recorded in checkpoints). */
  readonly name: string;
  /** Updates applied so far. */
  readonly step: number;
  /**
   * Applies one update to `variables` from `gradients` (same keys). `learningRate` is the scheduled rate for this
   * update; an optimizer that derives its own rate (Adafactor with `relativeStep`) ignores it.
   */
  applyGradients(
    variables: Map<string, tf.Variable>,
    gradients: Map<string, tf.Tensor>,
    learningRate: number,
  ): void;
  /** A copy of the state, read back asynchronously, ready to write to `optimizer.safetensors`. */
  stateDict(): Promise<OptimizerStateDict>;
  /** Restores a state written by {@link Optimizer.stateDict}; keys or shapes that do not fit are an error. */
  loadStateDict(state: OptimizerStateDict, variables: Map<string, tf.Variable>): void;
  /** Disposes the slot variables. */
  dispose(): void;
}
