// Global-norm gradient clipping as torch.nn.utils.clip_grad_norm_ does it.
import * as tf from '@tensorflow/tfjs-core';
import { TrainingError } from '../errors/index.js';

/**
 * Scales every gradient by min(1, maxNorm / (‖g‖ + 1e-6)), where ‖g‖ is the L2 norm of all gradients together
 * (torch's `clip_grad_norm_`, norm_type 2; like torch it always multiplies, by 1 when under the limit).
 * Returns the new gradients (the inputs are not disposed) and the total norm before clipping as a scalar tensor:
 * the coefficient is computed on the device, so clipping never waits for a read-back. The caller disposes both.
 *
 * @example
 * ```ts
 * const { gradients, totalNorm } = clipGradNorm(grads, 1.0);
 * console.log((await totalNorm.data())[0]);
 * ```
 */
export function clipGradNorm(
  gradients: Map<string, tf.Tensor>,
  maxNorm: number,
): { gradients: Map<string, tf.Tensor>; totalNorm: tf.Scalar } {
  if (!(maxNorm > 0)) throw new TrainingError(`maxGradNorm must be > 0, got ${maxNorm}`);
  // torch: the norm of the per-tensor norms
  const totalNorm = tf.tidy(() => {
    const norms = [...gradients.values()].map((g) => tf.norm(g));
    return tf.norm(tf.stack(norms)) as tf.Scalar;
  });
  // min(maxNorm / (norm + 1e-6), 1), in float32 like torch's clip_coef_clamped
  const coef = tf.tidy(() => tf.minimum(tf.div(maxNorm, tf.add(totalNorm, 1e-6)), 1));
  const out = new Map<string, tf.Tensor>();
  for (const [name, g] of gradients) out.set(name, tf.mul(g, coef));
  coef.dispose();
  return { gradients: out, totalNorm };
}
