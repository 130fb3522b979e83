// Global-norm gradient clipping as torch.nn.utils.clip_grad_norm_ does it.
import * as tf from '@tensorflow/tfjs-core';

/**
 * Scales every gradient by min(1, maxNorm / (‖g‖ + 1e-6)), where ‖g‖ is the L2 norm of all gradients together
 * (torch's `clip_grad_norm_`, norm_type 2; like torch it always multiplies, by 1 when under the limit).
 * Returns the new gradients (the inputs are not disposed) and the total norm before clipping.
 *
 * @example
 * ```ts
 * const { gradients, totalNorm } = clipGradNorm(grads, 1.0);
 * ```
 */
export function clipGradNorm(
  gradients: Map<string, tf.Tensor>,
  maxNorm: number,
): { gradients: Map<string, tf.Tensor>; totalNorm: number } {
  if (!(maxNorm > 0)) throw new Error(`maxGradNorm must be > 0, got ${maxNorm}`);
  // torch: the norm of the per-tensor norms
  const totalNorm = tf.tidy(() => {
    const norms = [...gradients.values()].map((g) => tf.norm(g));
    return tf.norm(tf.stack(norms)).dataSync()[0];
  });
  const coef = Math.min(maxNorm / (totalNorm + 1e-6), 1.0);
  const out = new Map<string, tf.Tensor>();
  for (const [name, g] of gradients) out.set(name, tf.mul(g, coef));
  return { gradients: out, totalNorm };
}
