// tfjs-core's Node bundle registers no gradients (the full @tensorflow/tfjs package does, and its per-kernel ES
// modules cannot be loaded by Node's ESM resolver), so tf.grad fails on the first kernel. These are ours.
import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig } from '@tensorflow/tfjs-core';
import { BINARY_GRADS } from './binary-grads.js';
import { ELEMENTWISE_GRADS } from './elementwise-grads.js';
import { NN_GRADS } from './nn-grads.js';
import { REDUCTION_GRADS } from './reduction-grads.js';
import { SHAPE_GRADS } from './shape-grads.js';

/** Every gradient this package supplies, one per kernel name. */
export const TRAINING_GRADIENTS: readonly GradConfig[] = [
  ...ELEMENTWISE_GRADS,
  ...BINARY_GRADS,
  ...REDUCTION_GRADS,
  ...SHAPE_GRADS,
  ...NN_GRADS,
];

/**
 * Registers gradients for the kernels a T5 training step differentiates through (matmul, gather, softmax,
 * layer-norm and activation math, reshapes and reductions). A kernel that already has a gradient (e.g. from
 * `@tensorflow/tfjs` or `tfjs-node`) keeps it. Idempotent; `selectBackend` and `Trainer` call it.
 *
 * @example
 * ```ts
 * registerTrainingGradients();
 * const g = tf.grad((x) => tf.sum(tf.erf(x)))(tf.tensor1d([0.5]));
 * ```
 * @returns the kernel names registered by this call.
 */
export function registerTrainingGradients(): string[] {
  const added: string[] = [];
  for (const config of TRAINING_GRADIENTS) {
    if (tf.getGradient(config.kernelName) !== undefined) continue;
    tf.registerGradient(config);
    added.push(config.kernelName);
  }
  return added;
}
